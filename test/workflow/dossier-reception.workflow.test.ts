import { DossierEvent } from '../../contracts/events';
import { startInput } from '../support/dossier-fixtures';
import { waitUntil } from '../support/wait-until';
import { WorkflowHarness } from '../support/workflow-harness';

jest.setTimeout(120_000);

describe('dossier workflow reception on the time-skipping test server', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await WorkflowHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('publishes dossier.received and the first task in one batch, the appointment computed across Tết 2026; entered months later, its breaches fire at once', async () => {
    // received at the desk on 13 February 2026, entered now (the test server's clock runs months later)
    const input = startInput({ procedureCode: '1.004222', receivingUnitId: 'pt.p-xuan-hoa.ttphcc', receivedAt: '2026-02-13T10:00:00+07:00' });
    const d = await h.start(input);
    // the first decision is published before the workflow waits for officers
    const batch = await waitUntil(async () => h.publisher.sent.find((b) => b.topic === 'dossier-events' && b.messages.some((m) => m.key === input.dossierCode)), 'the first published batch');

    expect((await d.state()).statusCode).toBe(4);
    expect(h.publisher.sent.filter((b) => b.topic === 'dossier-events' && b.messages.some((m) => m.key === input.dossierCode))).toHaveLength(1);
    const events = batch.messages.map((m) => DossierEvent.parse(JSON.parse(m.value)));
    const [received, assigned] = events;
    if (received?.type !== 'dossier.received' || assigned?.type !== 'task.assigned') throw new Error('unexpected first batch');
    expect(received.id).toBe(`${input.dossierCode}:1`);
    // committed 5 working days from Friday 13 Feb 2026 10:00: 5 h that day, Tết closes 14–22 Feb,
    // Mon 23 .. Thu 26 give 32 h, the last 3 h end on Friday 27 Feb at 10:00
    expect(received.payload.appointmentAt).toBe('2026-02-27T10:00:00+07:00');
    // legal 7 working days = 56 h: 5 + 40 (23–27 Feb) + 8 (Mon 2 Mar) + 3 on Tuesday 3 March
    expect(received.payload.legalDueAt).toBe('2026-03-03T10:00:00+07:00');
    // residence registration is received by the ward police (Law on Residence 2020); its 4 hours count from reception
    expect(assigned.payload).toMatchObject({ taskId: 'tiep-nhan#1', unitId: 'pt.p-xuan-hoa.cong-an', taskVersion: 0, assignedAt: '2026-02-13T10:00:00+07:00', dueAt: '2026-02-13T16:00:00+07:00' });
    // the step's and the dossier's dues passed long before the dossier was entered: breached and escalated in the same decision
    expect(events.slice(2).map((e) => [e.type, (e.payload as { scope?: string }).scope])).toEqual([
      ['sla.breached', 'step'],
      ['sla.escalated', 'step'],
      ['sla.breached', 'dossier'],
      ['sla.escalated', 'dossier'],
    ]);
    const alerts = h.publisher.sent.filter((b) => b.topic === 'sla-alerts').flatMap((b) => b.messages).filter((m) => m.key === input.dossierCode);
    expect(alerts.map((m) => JSON.parse(m.value).kind)).toEqual(['breach', 'escalation', 'breach', 'escalation']);
    const desc = await d.handle.describe();
    expect(desc.typedSearchAttributes.get({ name: 'MotcuaOverdue', type: 'BOOL' } as never)).toBe(true);
  });
});
