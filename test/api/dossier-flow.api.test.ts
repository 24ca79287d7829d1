import { AN } from '../support/applicants';
import { EngineHarness } from '../support/engine-harness';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

const DESK = 'pt.p-phuc-yen.ttphcc';
const applicant = AN;

describe('a dossier through the HTTP API', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start();
  });
  afterAll(async () => h?.close());

  it('submits with a receipt, shows in the inbox, is claimed and completed, and the citizen finds it', async () => {
    const reception = await h.token({ roles: ['reception'], units: [DESK] });
    const sub = await h.http<{ dossierCode: string; appointmentAt: string; citizenToken: string; outcome: string }>('POST', '/dossiers', {
      token: reception,
      body: { procedureCode: '1.001193', receivingUnitId: DESK, channel: 'direct', applicant },
    });
    expect(sub.status).toBe(201);
    expect(sub.body.outcome).toBe('accepted');
    expect(sub.body.appointmentAt).toMatch(/\+07:00$/);
    const code = sub.body.dossierCode;

    const inbox = await waitUntil(async () => {
      const r = await h.http<{ items: Array<{ taskId: string; taskVersion: number; dossierCode: string }> }>('GET', `/units/${DESK}/inbox`, { token: await h.token({ roles: ['officer'], units: [DESK], sub: 'desk-officer' }) });
      return r.body.items?.find((i) => i.dossierCode === code) ? r : undefined;
    }, 'the desk task in the inbox');
    const task = inbox.body.items.find((i) => i.dossierCode === code)!;
    const officer = await h.token({ roles: ['officer'], units: [DESK], sub: 'desk-officer' });
    const claimed = await h.http<{ events: Array<{ type: string }> }>('POST', `/dossiers/${code}/tasks/${encodeURIComponent(task.taskId)}/claim`, { token: officer, body: { taskVersion: task.taskVersion } });
    expect(claimed.status).toBe(200);
    expect(claimed.body.events.map((e) => e.type)).toEqual(['task.claimed']);
    const done = await h.http<{ events: Array<{ type: string }> }>('POST', `/dossiers/${code}/tasks/${encodeURIComponent(task.taskId)}/complete`, { token: officer, body: { taskVersion: task.taskVersion + 1 } });
    expect(done.status).toBe(200);
    expect(done.body.events.map((e) => e.type)).toEqual(['task.completed', 'task.assigned']);

    const look = await waitUntil(async () => {
      const r = await h.http<{ stepsDone: unknown[] }>('POST', '/public/lookup', { body: { dossierCode: code, idLast4: '2345' } });
      return r.status === 200 && r.body.stepsDone.length === 1 ? r : undefined;
    }, 'the citizen lookup');
    expect(JSON.stringify(look.body)).not.toContain('Nguyễn');
    const wrong = await h.http('POST', '/public/lookup', { body: { dossierCode: code, idLast4: '9999' } });
    const none = await h.http('POST', '/public/lookup', { body: { dossierCode: 'PT-250101-9999', idLast4: '2345' } });
    expect([wrong.status, none.status]).toEqual([404, 404]);
    expect((wrong.body as { code: string }).code).toBe((none.body as { code: string }).code);
  });
});
