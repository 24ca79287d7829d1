import { WorkflowClient } from '@temporalio/client';
import { shippedCatalogInput } from '../../catalog/shipped-catalog';
import { AN, DUC, NGOC } from '../support/applicants';
import { ApiDriver, DESK, VHXH, WARD } from '../support/api-driver';
import { EngineHarness } from '../support/engine-harness';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(240_000);

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every endpoint of the API doing its job for the role it serves, against the real stack. */
describe('the API’s endpoints, each for the role that uses it', () => {
  let h: EngineHarness;
  let d: ApiDriver;
  const t = {} as Record<'reception' | 'desk1' | 'desk2' | 'head' | 'vhxh' | 'ward' | 'all' | 'supervisor' | 'analyst' | 'admin', string>;
  const iso = (ms: number) => new Date(ms).toISOString();
  const ok = (r: { status: number; text: string }, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  };

  beforeAll(async () => {
    h = await EngineHarness.start();
    d = new ApiDriver(h);
    t.reception = await h.token({ roles: ['reception'], units: [DESK], sub: 'desk-reception' });
    t.desk1 = await h.token({ roles: ['officer'], units: [DESK], sub: 'desk-1' });
    t.desk2 = await h.token({ roles: ['officer'], units: [DESK], sub: 'desk-2' });
    t.head = await h.token({ roles: ['unit_head'], units: [DESK], sub: 'desk-head' });
    t.vhxh = await h.token({ roles: ['officer'], units: [VHXH], sub: 'vhxh-1' });
    t.ward = await h.token({ roles: ['officer'], units: [WARD], sub: 'chairman' });
    t.all = await h.token({ roles: ['officer'], units: [DESK, VHXH, WARD, 'pt.vpdkdd.cn-phuc-yen', 'pt.thue.phuc-yen', 'pt.thue', 'pt.p-phuc-yen.cong-an', 'pt.bhxh'], sub: 'everyone' });
    t.supervisor = await h.token({ roles: ['supervisor'], units: [WARD], sub: 'ward-supervisor' });
    t.analyst = await h.token({ roles: ['analyst'], units: ['pt'], sub: 'analyst' });
    t.admin = await h.token({ roles: ['admin'], units: ['pt'], sub: 'admin' });
  });
  afterAll(async () => h?.close());

  it('operations: liveness, readiness of every dependency, the OpenAPI document and its page (no CDN), who am I', async () => {
    expect((await h.http('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.http<Body>('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: Body) => [c.name, c.ok])).toEqual([['temporal', true], ['postgres', true], ['kafka', true]]);
    const doc = await h.http<Body>('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths).length).toBeGreaterThanOrEqual(38);
    const page = await h.http('GET', '/docs/');
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script[^>]+src="https?:\/\//);
    const me = await h.http<Body>('GET', '/me', { token: t.supervisor });
    expect(me.body.roles).toEqual(['supervisor']);
    expect(me.body.coveredUnits.supervisor).toEqual(expect.arrayContaining([WARD, DESK, VHXH]));
  });

  let a: { code: string; citizenToken: string };

  it('reception: five concurrent submissions with one Idempotency-Key make one dossier and one receipt', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => d.submit(t.reception, { applicant: AN }, { 'idempotency-key': 'desk-42-2026-12-01' })));
    for (const r of answers) ok(r, 201);
    const codes = new Set(answers.map((r) => r.body.dossierCode));
    expect(codes.size).toBe(1);
    expect(answers.filter((r) => (r.body as Body).replayed === false)).toHaveLength(1);
    expect(new Set(answers.map((r) => r.body.citizenToken)).size).toBe(1);
    const code = [...codes][0]!;
    a = { code, citizenToken: answers[0]!.body.citizenToken };
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM dossier_applicant WHERE dossier_code = $1', [code]);
    expect(rows[0].n).toBe(1);
    const wf = new WorkflowClient({ connection: h.api.deps.temporal.connection, namespace: h.namespace });
    let runs = 0;
    for await (const _ of wf.list({ query: `WorkflowId = '${code}'` })) runs++;
    expect(runs).toBe(1);
    const receipt = answers[0]!.body as Body;
    expect(receipt).toMatchObject({ outcome: 'accepted', statusCode: 2, procedure: { code: '1.001193', name: 'Đăng ký khai sinh' }, receivingUnit: { id: DESK } });
    expect(receipt.appointmentAt).toMatch(/\+07:00$/);
  });

  it('department: inbox views, claim, reassign by the head, complete, return, supplement (Form 02) with the citizen’s online answer, Form 04, result', async () => {
    const code = a.code;
    const first = await d.task(t.desk1, code, 'tiep-nhan');
    const views = async (token: string, view: string) => (await h.http<Body>('GET', `/units/${DESK}/inbox?view=${view}`, { token })).body;
    expect((await views(t.desk1, 'unassigned')).items.map((i: Body) => i.dossierCode)).toContain(code);
    expect((await views(t.desk1, 'mine')).items.map((i: Body) => i.dossierCode)).not.toContain(code);
    ok(await d.act(t.desk1, code, first.taskId, 'claim', { taskVersion: first.taskVersion }));
    await waitUntil(async () => ((await views(t.desk1, 'mine')).items.some((i: Body) => i.dossierCode === code) ? true : undefined), 'the claimed task in "mine"');
    ok(await d.act(t.head, code, first.taskId, 'reassign', { taskVersion: first.taskVersion + 1, toOfficerId: 'desk-2' }));
    await waitUntil(async () => ((await views(t.desk2, 'mine')).items.some((i: Body) => i.dossierCode === code) ? true : undefined), 'the reassigned task in desk-2’s "mine"');
    const done = await d.act(t.desk2, code, first.taskId, 'complete', { taskVersion: first.taskVersion + 2, note: 'Đủ hồ sơ' });
    expect(done.body.events.map((e) => e.type)).toEqual(['task.completed', 'task.assigned']);

    const appraisal = await d.task(t.vhxh, code, 'tham-dinh');
    const back = await d.act(t.vhxh, code, appraisal.taskId, 'return', { taskVersion: appraisal.taskVersion, reason: 'Tờ khai ghi sai ngày sinh' });
    expect(back.body.events.map((e) => e.type)).toEqual(['task.returned', 'task.assigned']);
    await d.complete(t.desk1, code, 'tiep-nhan');
    const again = await d.task(t.vhxh, code, 'tham-dinh');
    expect(again.taskId).toBe('tham-dinh#2');
    ok(await d.act(t.vhxh, code, again.taskId, 'supplement-request', { taskVersion: again.taskVersion, reason: 'Thiếu bản sao giấy chứng sinh', missing: ['Giấy chứng sinh (bản sao)'] }));
    await d.status(t.reception, code, 5);
    const form02 = await h.http<Body>('GET', `/dossiers/${code}/forms/02`, { token: t.reception });
    expect(form02.body).toMatchObject({ form: '02', applicant: { fullName: AN.fullName }, facts: { reason: 'Thiếu bản sao giấy chứng sinh', missing: ['Giấy chứng sinh (bản sao)'] } });
    const looked = await h.http<Body>('POST', '/public/lookup', { body: { dossierCode: code, idLast4: AN.idNumber.slice(-4) } });
    expect(looked.body.supplement).toMatchObject({ missing: ['Giấy chứng sinh (bản sao)'] });
    ok(await h.http('POST', `/public/dossiers/${code}/supplement`, { headers: { 'x-dossier-token': a.citizenToken }, body: { componentsDigitised: 1 } }));
    await d.complete(t.vhxh, code, 'tham-dinh');

    const signing = await d.task(t.ward, code, 'ky');
    const view = await h.http<Body>('GET', `/dossiers/${code}`, { token: t.ward });
    const later = iso(Date.parse(view.body.appointmentAt) + 2 * 86_400_000);
    const extended = await d.dossierCommand(t.ward, code, 'extend', { reason: 'Chờ xác minh thông tin cha mẹ', newAppointmentAt: later });
    expect(extended.body.events.map((e) => e.type)).toEqual(['dossier.extended']);
    ok(await d.act(t.ward, code, signing.taskId, 'complete', { taskVersion: signing.taskVersion }));
    await d.status(t.reception, code, 9);
    await d.complete(t.desk1, code, 'tra-ket-qua');
    await d.status(t.reception, code, 10);
    ok(await h.http('POST', `/public/dossiers/${code}/rating`, { headers: { 'x-dossier-token': a.citizenToken }, body: { score: 'satisfied' } }));
  });

  it('the dossier page: head, timeline, Form 06, the ledger with its rules, time per unit against the allotment', async () => {
    const code = a.code;
    const head = await h.http<Body>('GET', `/dossiers/${code}`, { token: t.supervisor });
    expect(head.body).toMatchObject({ dossierCode: code, statusCode: 10, statusText: { vi: 'Đã trả kết quả' }, source: 'read-model', procedureName: 'Đăng ký khai sinh' });
    const events = await waitUntil(async () => {
      const r = await h.http<Body>('GET', `/dossiers/${code}/events`, { token: t.supervisor });
      return r.body.events.some((e: Body) => e.type === 'dossier.rated') ? r.body.events : undefined;
    }, 'the rating in the timeline');
    expect(events.map((e: Body) => e.sequence)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events.map((e: Body) => e.type)).toEqual(expect.arrayContaining(['dossier.received', 'task.returned', 'dossier.supplement_requested', 'dossier.supplement_received', 'dossier.extended', 'dossier.result_ready', 'dossier.result_returned']));
    const slip = await h.http<Body>('GET', `/dossiers/${code}/slip`, { token: t.desk1 });
    expect(slip.body.rows.map((r: Body) => `${r.kind}:${r.fromTaskId}>${r.toTaskId}`)).toEqual(expect.arrayContaining(['handoff:tiep-nhan#1>tham-dinh#1', 'return:tham-dinh#1>tiep-nhan#2', 'handoff:tiep-nhan#2>tham-dinh#2', 'handoff:tham-dinh#2>ky#1']));
    const ledger = await h.http<Body>('GET', `/dossiers/${code}/ledger`, { token: t.desk1 });
    expect(ledger.body.entries.map((e: Body) => e.rule)).toEqual(expect.arrayContaining(['reception', 'supplement-pause', 'form-04-extension']));
    expect(ledger.body.entries.every((e: Body) => e.calendarVersion === ledger.body.calendarVersion)).toBe(true);
    const used = await h.http<Body>('GET', `/dossiers/${code}/consumption`, { token: t.supervisor });
    expect(used.body.units.map((u: Body) => u.unitId)).toEqual(expect.arrayContaining([DESK, VHXH, WARD]));
    expect(used.body.units.find((u: Body) => u.unitId === VHXH)).toMatchObject({ allottedWorkingMinutes: 180, unitName: 'Phòng Văn hóa - Xã hội phường Phúc Yên' });
  });

  it('forms and personal data: Form 01 with the name (and the receipt token for reception only), the applicant, each read logged', async () => {
    const code = a.code;
    const before = (await h.pool.query('SELECT count(*)::int AS n FROM personal_data_access WHERE dossier_code = $1', [code])).rows[0].n;
    const byDesk = await h.http<Body>('GET', `/dossiers/${code}/forms/01`, { token: t.reception });
    expect(byDesk.body).toMatchObject({ form: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', applicant: { fullName: AN.fullName, idNumber: AN.idNumber }, citizenToken: a.citizenToken });
    expect(byDesk.body.documents.map((x: Body) => x.name)).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    const byOfficer = await h.http<Body>('GET', `/dossiers/${code}/forms/01`, { token: t.vhxh });
    expect(byOfficer.body.citizenToken).toBeNull();
    const form04 = await h.http<Body>('GET', `/dossiers/${code}/forms/04`, { token: t.ward });
    expect(form04.body.facts).toMatchObject({ reason: 'Chờ xác minh thông tin cha mẹ', unitId: WARD });
    const applicant = await h.http<Body>('GET', `/dossiers/${code}/applicant`, { token: t.vhxh });
    expect(applicant.body).toMatchObject({ fullName: AN.fullName, phone: AN.phone, address: AN.address });
    const log = await h.pool.query('SELECT subject, operation FROM personal_data_access WHERE dossier_code = $1 ORDER BY id', [code]);
    expect(log.rows.length - before).toBe(4);
    expect(log.rows.slice(-4).map((r) => `${r.subject}:${r.operation}`)).toEqual(['desk-reception:getForm', 'vhxh-1:getForm', 'chairman:getForm', 'vhxh-1:getApplicant']);
    expect((await h.http('GET', `/dossiers/${code}/applicant`, { token: t.supervisor })).status).toBe(403);
  });

  it('reception outcomes: Form 02 at the desk then the resubmission received, Form 03, a withdrawal', async () => {
    const held = await d.received(t.reception, { applicant: NGOC, reception: { outcome: 'supplement', reason: 'Thiếu giấy chứng sinh', missing: ['Giấy chứng sinh'], applicantDeadlineAt: iso(Date.now() + 5 * 86_400_000) } });
    const form02 = await waitUntil(async () => {
      const r = await h.http<Body>('GET', `/dossiers/${held.code}/forms/02`, { token: t.reception });
      return r.status === 200 ? r.body : undefined;
    }, 'Form 02 of the desk');
    expect(form02.facts.missing).toEqual(['Giấy chứng sinh']);
    const resubmitted = await d.dossierCommand(t.reception, held.code, 'supplement', { componentsDigitised: 2 });
    expect(resubmitted.body.events.map((e) => e.type)).toEqual(['dossier.received', 'task.assigned']);
    const refused = await d.submit(t.reception, { applicant: DUC, reception: { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' } });
    expect(refused.body).toMatchObject({ outcome: 'refused', statusCode: 3, appointmentAt: null });
    const form03 = await waitUntil(async () => {
      const r = await h.http<Body>('GET', `/dossiers/${refused.body.dossierCode}/forms/03`, { token: t.reception });
      return r.status === 200 ? r.body : undefined;
    }, 'Form 03');
    expect(form03.facts.reason).toBe('Không thuộc thẩm quyền');
    const gone = await d.received(t.reception, { applicant: DUC });
    const withdrawn = await d.dossierCommand(t.reception, gone.code, 'withdraw', { reason: 'Công dân xin rút hồ sơ' });
    expect(withdrawn.body).toMatchObject({ statusCode: 7 });
  });

  it('department: a command retried with its Idempotency-Key answers as the first time (a plain retry is stale)', async () => {
    const c = await d.received(t.reception, { applicant: NGOC });
    const first = await d.task(t.desk1, c.code, 'tiep-nhan');
    const send = (headers: Record<string, string>) =>
      h.http<Body>('POST', `/dossiers/${c.code}/tasks/${encodeURIComponent(first.taskId)}/complete`, { token: t.desk1, headers, body: { taskVersion: first.taskVersion } });
    const once = await send({ 'idempotency-key': 'desk-1-complete-42' });
    const again = await send({ 'idempotency-key': 'desk-1-complete-42' });
    expect(once.status).toBe(200);
    expect(again.body).toEqual(once.body);
    const plain = await send({});
    expect((plain.body as Body).code).toBe('TASK_VERSION_STALE');
  });

  it('department: transfer to another unit, a complaint, Form 05 stop', async () => {
    const b = await d.received(t.reception, { applicant: NGOC });
    const first = await d.task(t.desk1, b.code, 'tiep-nhan');
    const moved = await d.act(t.desk1, b.code, first.taskId, 'transfer', { taskVersion: first.taskVersion, toUnitId: VHXH, reason: 'Chuyển bộ phận chuyên môn kiểm tra trước' });
    expect(moved.body.events.map((e) => e.type)).toEqual(['task.transferred']);
    await waitUntil(async () => ((await h.http<Body>('GET', `/units/${VHXH}/inbox`, { token: t.vhxh })).body.items.some((i: Body) => i.taskId === first.taskId && i.dossierCode === b.code) ? true : undefined), 'the transferred task at the office');
    ok(await h.http('POST', `/public/dossiers/${b.code}/complaints`, { headers: { 'x-dossier-token': b.citizenToken }, body: { category: 'attitude', reference: 'PAKN-2026-17' } }));
    const stopped = await d.dossierCommand(t.vhxh, b.code, 'stop', { reason: 'Người yêu cầu không đủ điều kiện' });
    expect(stopped.body.statusCode).toBe(8);
    const form05 = await waitUntil(async () => {
      const r = await h.http<Body>('GET', `/dossiers/${b.code}/forms/05`, { token: t.vhxh });
      return r.status === 200 ? r.body : undefined;
    }, 'Form 05');
    expect(form05.facts).toMatchObject({ reason: 'Người yêu cầu không đủ điều kiện', unitId: VHXH });
  });

  it('a financial obligation: the tax office asks for payment (status 6), the desk records it, processing resumes', async () => {
    const c = await d.received(t.reception, { procedureCode: 'DEMO.03', applicant: DUC });
    await d.complete(t.all, c.code, 'tiep-nhan');
    await d.complete(t.all, c.code, 'tham-dinh');
    const tax = await d.task(t.all, c.code, 'thue');
    const asked = await d.act(t.all, c.code, tax.taskId, 'payment-request', { taskVersion: tax.taskVersion, kind: 'tax', amountVnd: 1_250_000 });
    expect(asked.body).toMatchObject({ statusCode: 6 });
    const paid = await d.dossierCommand(t.reception, c.code, 'payments', { source: 'applicant_payment', paidOnline: true, amountVnd: 1_250_000, reference: 'VNPAY-778899' });
    expect(paid.body).toMatchObject({ statusCode: 4 });
  });

  it('admin: the catalogue read and written (validated), units, calendars; a procedure without a hand-over step returns its result at the desk', async () => {
    const catalog = await h.http<Body>('GET', '/admin/catalog', { token: t.reception });
    expect(catalog.body.procedures.length).toBeGreaterThan(10);
    expect(catalog.headers.get('x-catalog-revision')).toBe('0');
    const demo = shippedCatalogInput.procedures.find((p) => p.code === 'DEMO.01')!;
    const noHandOver = {
      ...demo,
      code: 'DEMO.09',
      name: 'Demo: trả kết quả tại quầy không qua bước bàn giao',
      versions: demo.versions.map((v) => ({ ...v, steps: v.steps.filter((s) => s.kind !== 'result_return').map((s) => ({ ...s, next: (s.next ?? []).filter((n) => n !== 'tra-ket-qua') })) })),
    };
    const written = await h.http<Body>('PUT', '/admin/catalog', { token: t.admin, body: { ...shippedCatalogInput, catalogVersion: '2026.12.1', procedures: [...shippedCatalogInput.procedures, noHandOver] } });
    expect(written.body).toMatchObject({ revision: 1, catalogVersion: '2026.12.1' });
    expect((await h.http('PUT', '/admin/catalog', { token: t.reception, body: {} })).status).toBe(403);
    expect((await h.http<Body>('GET', '/admin/units', { token: t.analyst })).body.units.some((u: Body) => u.id === DESK)).toBe(true);
    const cals = await h.http<Body>('GET', '/admin/calendars', { token: t.analyst });
    expect(cals.body.versions.map((v: Body) => v.version)).toEqual(expect.arrayContaining(['vn-2026.1', 'demo-24x7']));

    const e = await d.received(t.reception, { procedureCode: 'DEMO.09', applicant: AN });
    await d.complete(t.all, e.code, 'tiep-nhan');
    await d.complete(t.all, e.code, 'tham-dinh');
    await d.complete(t.all, e.code, 'ky');
    await d.status(t.reception, e.code, 9);
    const handed = await d.dossierCommand(t.reception, e.code, 'result-return', { method: 'desk', electronic: false });
    expect(handed.body).toMatchObject({ statusCode: 10 });
  });

  it('supervision: a breach appears on the SLA board and in the live stream; the register, statistics and indicators, as JSON and CSV', async () => {
    const stream = new AbortController();
    const res = await fetch(`${h.base}/sla-alerts/stream`, { headers: { authorization: `Bearer ${t.supervisor}` }, signal: stream.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    // a demo dossier (one working minute, on the calendar open around the clock) left alone breaches within seconds
    const late = await d.received(t.reception, { procedureCode: 'DEMO.01', applicant: NGOC });
    const alert = await waitUntil(async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      const m = [...text.matchAll(/id: (\d+)\nevent: sla-alert\ndata: (.+)\n\n/g)].map((x) => JSON.parse(x[2]!) as Body).find((x) => x.dossierCode === late.code && x.kind === 'breached');
      return m;
    }, 'a breach on the live stream', 90_000);
    stream.abort();
    expect(alert).toMatchObject({ dossierCode: late.code, unitId: DESK, scope: 'step' });
    const board = await h.http<Body>('GET', '/sla-board?status=overdue', { token: t.supervisor });
    expect(board.body.items.some((i: Body) => i.dossierCode === late.code)).toBe(true);
    // no forecast round yet: the field is there, empty; once the forecaster has stored a row, its probability
    expect(board.body.items.find((i: Body) => i.dossierCode === late.code).breachProbability).toBeNull();
    await h.pool.query(
      `INSERT INTO breach_forecast (dossier_code, procedure_code, receiving_unit_id, unit_id, appointment_at, probability, status, horizon_end, runs, forecast_at)
       VALUES ($1, 'DEMO.01', $2, $2, now(), 0.85, 'at_risk', now(), 100, now())`,
      [late.code, DESK],
    );
    const forecast = await h.http<Body>('GET', '/sla-board?status=overdue', { token: t.supervisor });
    expect(forecast.body.items.filter((i: Body) => i.dossierCode === late.code).map((i: Body) => i.breachProbability)).toEqual(expect.arrayContaining([0.85]));
    expect(forecast.body.items.filter((i: Body) => i.dossierCode !== late.code).every((i: Body) => i.breachProbability === null)).toBe(true);
    const byUnit = await h.http<Body>('GET', '/sla-board/units', { token: t.supervisor });
    expect(byUnit.body.units.find((u: Body) => u.unitId === DESK)?.overdue).toBeGreaterThan(0);

    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const reg = await h.http<Body>('GET', `/register?from=${today}&to=${today}&limit=2`, { token: t.supervisor });
    expect(reg.body.rows).toHaveLength(2);
    const page2 = await h.http<Body>('GET', `/register?from=${today}&to=${today}&limit=2&cursor=${reg.body.nextCursor}`, { token: t.supervisor });
    expect(page2.body.rows.map((r: Body) => r.dossierCode)).not.toContain(reg.body.rows[0].dossierCode);
    const csv = await h.http('GET', `/register?from=${today}&to=${today}&format=csv`, { token: t.supervisor });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // fetch's decoder drops the byte-order mark that spreadsheet programs need to read UTF-8: check the bytes
    const raw = Buffer.from(await (await fetch(`${h.base}/register?from=${today}&to=${today}&format=csv`, { headers: { authorization: `Bearer ${t.supervisor}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.startsWith('dossierCode,')).toBe(true);
    expect(csv.text.split('\r\n').length - 2).toBeGreaterThanOrEqual(7);
    const stats = await h.http<Body>('GET', `/statistics?from=${today}&to=${today}&by=unit&period=day`, { token: t.analyst });
    expect(stats.body.rows.find((r: Body) => r.unitId === DESK)?.received.new).toBeGreaterThanOrEqual(7);
    const statsCsv = await h.http('GET', `/statistics?from=${today}&to=${today}&format=csv`, { token: t.analyst });
    expect(statsCsv.text).toContain('completionRatePercent');
    const ind = await h.http<Body>('GET', `/indicators?from=${today}&to=${today}`, { token: t.analyst });
    expect(ind.body.indicators.map((i: Body) => i.code)).toEqual(expect.arrayContaining(['2.1', '3.3', '5.4']));
  });

  it('the codec server: an admin decodes what the workflow history holds encrypted (what the Temporal UI asks)', async () => {
    const history = await h.api.deps.temporal.workflow.getHandle(a.code).fetchHistory();
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(started.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(started.data!).toString('latin1')).not.toContain(a.code);
    const b64 = (u?: Uint8Array | null) => Buffer.from(u ?? []).toString('base64');
    const payload = { metadata: Object.fromEntries(Object.entries(started.metadata!).map(([k, v]) => [k, b64(v)])), data: b64(started.data) };
    const decoded = await h.http<Body>('POST', '/codec/decode', { token: t.admin, body: { payloads: [payload] } });
    expect(Buffer.from(decoded.body.payloads[0].data, 'base64').toString()).toContain(a.code);
    const round = await h.http<Body>('POST', '/codec/encode', { token: t.admin, body: decoded.body });
    expect(round.body.payloads[0].metadata.encoding).toBe(Buffer.from('binary/encrypted').toString('base64'));
    expect((await h.http('POST', '/codec/decode', { token: t.supervisor, body: { payloads: [payload] } })).status).toBe(403);
  });
});
