import { dayStartMs, formatLocalIso, localDayNumber } from '../../domain/calendar/local-time';
import { startInput, type FixtureOptions } from '../support/dossier-fixtures';
import { rejectionCode, WorkflowHarness, type DossierDriver } from '../support/workflow-harness';

jest.setTimeout(60_000);

const MIN = 60_000;

/** Scenarios of the dossier workflow on the time-skipping server: minutes and days of deadline pass instantly. */
describe('dossier workflow lifecycle', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await WorkflowHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Demo procedures at minute scale (12-minute appointments) on the calendar open around the clock: working minutes are minutes. */
  async function startDemo(procedureCode: string, extra: Partial<FixtureOptions> = {}): Promise<DossierDriver> {
    // received at 08:00 local time the next day: early and on time differ by local date, so a dossier
    // whose minutes straddled midnight (a run at 23:50 in Hà Nội) would finish "early", not "on time"
    const now = await h.now();
    await h.sleep(dayStartMs(localDayNumber(now) + 1) + 8 * 60 * MIN - now);
    const receivedAt = formatLocalIso(await h.now());
    return h.start(startInput({ procedureCode, receivedAt, calendarVersion: 'demo-24x7', minuteDemo: true, ...extra }));
  }

  it('single unit, on time: reception to rating, status 2 → 4 → 9 → 10, and the workflow ends', async () => {
    const d = await startDemo('DEMO.01');
    for (const step of ['tiep-nhan', 'tham-dinh', 'ky']) {
      await h.sleep(1 * MIN);
      await d.complete(step);
    }
    const ready = d.events().find((e) => e.type === 'dossier.result_ready');
    expect(ready?.type === 'dossier.result_ready' && ready.payload).toMatchObject({ statusCode: 9, outcome: 'granted', classification: 'on_time', classificationKpi: 'on_time' });
    const returned = await d.complete('tra-ket-qua');
    expect(returned).toMatchObject({ statusCode: 10, phase: 'returned' });
    await d.command({ type: 'dossier.rate', score: 'satisfied' });
    const final = await d.handle.result();
    expect(final.phase).toBe('closed');
    expect(d.types()).toEqual([
      'dossier.received', 'task.assigned',
      'task.claimed', 'task.completed', 'task.assigned',
      'task.claimed', 'task.completed', 'task.assigned',
      'task.claimed', 'task.completed', 'dossier.result_ready', 'task.assigned',
      'task.claimed', 'task.completed', 'dossier.result_returned',
      'dossier.rated',
    ]);
    // sequences are contiguous and ids deterministic
    expect(d.events().map((e) => e.id)).toEqual(d.events().map((_, i) => `${d.code}:${i + 1}`));
    await d.recordHistory('single-unit-on-time');
  });

  it('interagency: the hand-off fans out to police and social insurance in one decision and joins before the result', async () => {
    const d = await startDemo('DEMO.02');
    await d.complete('tiep-nhan');
    const fanOut = await d.complete('ho-tich');
    expect(fanOut.events.map((e) => e.type)).toEqual(['task.completed', 'task.assigned', 'task.assigned']);
    const state = await d.state();
    const parallel = state.tasks.filter((t) => t.status === 'open').map((t) => [t.stepId, t.unitId]);
    expect(parallel).toEqual([
      ['cong-an', 'pt.p-phuc-yen.cong-an'],
      ['bhxh', 'pt.bhxh'],
    ]);
    const first = await d.complete('cong-an', 'police-officer');
    expect(first.events.map((e) => e.type)).toEqual(['task.completed']); // the join waits for social insurance
    const second = await d.complete('bhxh', 'bhxh-officer');
    expect(second.events.map((e) => e.type)).toEqual(['task.completed', 'dossier.result_ready', 'task.assigned']);
    await d.recordHistory('interagency-parallel');
  });

  it('supplement under the pause policy: the appointment moves by exactly the waiting time', async () => {
    const d = await startDemo('DEMO.01');
    await d.complete('tiep-nhan');
    const t = await d.claim('tham-dinh');
    const before = (await d.state()).ledger!.committedDueMs;
    await d.command({ type: 'supplement.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'officer-1', reason: 'Thiếu giấy chứng sinh', missing: ['giay-chung-sinh'] });
    expect((await d.state()).statusCode).toBe(5);
    expect(await rejectionCode(d.complete('tham-dinh'))).toBe('DOSSIER_PAUSED');
    await h.sleep(30 * MIN);
    await d.command({ type: 'supplement.resubmit', componentsDigitised: 1 });
    const after = await d.state();
    expect(after.statusCode).toBe(4);
    expect(after.ledger!.committedDueMs - before).toBeGreaterThanOrEqual(30 * MIN);
    expect(after.ledger!.committedDueMs - before).toBeLessThan(31 * MIN);
    await d.recordHistory('supplement-pause');
  });

  it('supplement under kpi-subtract: the appointment stays, a second request marks the dossier overdue for the KPI', async () => {
    const d = await startDemo('DEMO.02');
    await d.complete('tiep-nhan');
    let t = await d.claim('ho-tich');
    const due = (await d.state()).ledger!.committedDueMs;
    await d.command({ type: 'supplement.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'officer-1', reason: 'Thiếu tờ khai', missing: ['to-khai'] });
    await h.sleep(5 * MIN);
    await d.command({ type: 'supplement.resubmit', componentsDigitised: 0 });
    t = await d.task('ho-tich');
    const second = await d.command({ type: 'supplement.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'officer-1', reason: 'Sai thông tin', missing: ['to-khai'] });
    const requested = d.events().filter((e) => e.type === 'dossier.supplement_requested');
    expect(requested.map((e) => e.type === 'dossier.supplement_requested' && [e.payload.repeatedInUnit, e.payload.kpiOverdue])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(second.statusCode).toBe(5);
    await d.command({ type: 'supplement.resubmit', componentsDigitised: 0 });
    expect((await d.state()).ledger!.committedDueMs).toBe(due);
    await d.recordHistory('supplement-kpi-subtract');
  });

  it('supplement under restart, then the financial obligation pauses the clock until the tax notice', async () => {
    const d = await startDemo('DEMO.03');
    await d.complete('tiep-nhan');
    let t = await d.claim('tham-dinh');
    await d.command({ type: 'supplement.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'officer-1', reason: 'Thiếu bản đồ', missing: ['ban-do'] });
    await h.sleep(20 * MIN);
    const resubmittedAt = await h.now();
    await d.command({ type: 'supplement.resubmit', componentsDigitised: 1 });
    const restarted = (await d.state()).ledger!;
    // restart: the full committed budget (12 working minutes) counts again from the complete resubmission
    expect(Math.abs(restarted.committedDueMs - (resubmittedAt + 12 * MIN))).toBeLessThan(MIN);
    await d.complete('tham-dinh');
    await d.complete('thue', 'tax-officer');
    t = await d.claim('nop-tien', 'tax-officer');
    await d.command({ type: 'payment.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'tax-officer', kind: 'land_levy', amountVnd: 12_500_000 });
    expect((await d.state()).statusCode).toBe(6);
    const beforePayment = (await d.state()).ledger!.committedDueMs;
    await h.sleep(2 * 60 * MIN); // the applicant takes two hours to pay; no breach fires while the clock is stopped
    expect(d.types()).not.toContain('sla.breached');
    await d.command({ type: 'payment.record', source: 'tax_notice', paidOnline: true, amountVnd: 12_500_000, reference: 'TB-2026-001' });
    const afterPayment = (await d.state()).ledger!.committedDueMs;
    expect(afterPayment - beforePayment).toBeGreaterThanOrEqual(120 * MIN);
    await d.complete('nop-tien', 'tax-officer');
    expect((await d.state()).statusCode).toBe(9);
    await d.recordHistory('supplement-restart-and-payment');
  });

  it('extension with apology (Form 04) only before the appointment, by the unit holding the work', async () => {
    const d = await startDemo('DEMO.01');
    await d.complete('tiep-nhan');
    const t = await d.task('tham-dinh');
    const due = (await d.state()).ledger!.committedDueMs;
    const newAppointmentAt = formatLocalIso(due + 60 * MIN);
    expect(await rejectionCode(d.command({ type: 'dossier.extend', unitId: 'pt.bhxh', officerId: 'x', reason: 'Chưa có kết quả xác minh', newAppointmentAt }))).toBe('UNIT_NOT_RESPONSIBLE');
    const ok = await d.command({ type: 'dossier.extend', unitId: t.unitId, officerId: 'officer-1', reason: 'Chờ kết quả xác minh', newAppointmentAt });
    expect(ok.events.map((e) => e.type)).toEqual(['dossier.extended']);
    expect((await d.state()).ledger!.committedDueMs).toBe(Date.parse(newAppointmentAt));
    await h.sleep(61 * MIN + 12 * MIN);
    expect(await rejectionCode(d.command({ type: 'dossier.extend', unitId: t.unitId, officerId: 'officer-1', reason: 'again', newAppointmentAt: formatLocalIso(due + 600 * MIN) }))).toBe('EXTENSION_AFTER_DUE');
    await d.recordHistory('extension');
  });

  it('Form 04 does not forgive: the dossier breaches at its Form 01 appointment and finishes late, with apology', async () => {
    const d = await startDemo('DEMO.01');
    await d.complete('tiep-nhan');
    const t = await d.task('tham-dinh');
    const form01 = (await d.state()).ledger!.committedDueMs;
    await d.command({ type: 'dossier.extend', unitId: t.unitId, officerId: 'officer-1', reason: 'Chờ kết quả xác minh', newAppointmentAt: formatLocalIso(form01 + 60 * MIN) });
    await h.sleep(15 * MIN); // past the Form 01 appointment, well before the new one
    const breach = d.events().find((e) => e.type === 'sla.breached' && e.payload.scope === 'dossier');
    expect(breach?.type === 'sla.breached' && breach.payload.dueAt).toBe(formatLocalIso(form01));
    const desc = await d.handle.describe();
    expect(desc.typedSearchAttributes.get({ name: 'MotcuaOverdue', type: 'BOOL' } as never)).toBe(true);
    await d.complete('tham-dinh');
    await d.complete('ky');
    const ready = d.events().find((e) => e.type === 'dossier.result_ready');
    expect(ready?.type === 'dossier.result_ready' && ready.payload).toMatchObject({ classification: 'late', classificationKpi: 'late', extensions: 1, form01AppointmentAt: formatLocalIso(form01) });
    await d.recordHistory('form04-late-with-apology');
  });

  it('breach and escalation fire from the timer alone, and reach the SLA alert topic', async () => {
    // Form 04 is drafted one working day before the due by default; a 12-minute demo budget uses 4 minutes
    const d = await startDemo('DEMO.01', { settings: { classifier: { form04LeadWorkingMinutes: 4 } } });
    await h.sleep(30 * MIN); // nobody touches the desk's task
    const types = d.types();
    expect(types).toEqual(expect.arrayContaining(['sla.warning', 'sla.breached', 'sla.escalated', 'sla.form04_drafted']));
    const escalated = d.events().find((e) => e.type === 'sla.escalated');
    expect(escalated?.type === 'sla.escalated' && escalated.payload.supervisorUnitId).toBe('pt.p-phuc-yen');
    const alerts = h.publisher.sent.filter((b) => b.topic === 'sla-alerts').flatMap((b) => b.messages).filter((m) => m.key === d.code);
    expect(alerts.map((m) => JSON.parse(m.value).kind)).toEqual(expect.arrayContaining(['warning', 'breach', 'escalation', 'form04_draft']));
    // each SLA fact once: the single timer is re-derived from the ledger, never re-raises what it raised
    const ids = d.events().flatMap((e) =>
      e.type === 'sla.warning' || e.type === 'sla.breached' || e.type === 'sla.escalated' || e.type === 'sla.form04_drafted' ? [`${e.type}:${e.payload.taskId ?? ''}:${e.payload.scope}`] : [],
    );
    expect(new Set(ids).size).toBe(ids.length);
    const desc = await d.handle.describe();
    expect(desc.typedSearchAttributes.get({ name: 'MotcuaOverdue', type: 'BOOL' } as never)).toBe(true);
    await d.recordHistory('breach-escalation');
  });

  it('withdrawal by the applicant closes the dossier with status 7', async () => {
    const d = await startDemo('DEMO.01');
    await d.complete('tiep-nhan');
    await d.command({ type: 'dossier.withdraw', reason: 'Người dân rút hồ sơ' });
    const final = await d.handle.result();
    expect(final).toMatchObject({ phase: 'closed', statusCode: 7, closedReason: 'withdrawn' });
    expect(final.tasks.filter((t) => t.status === 'open')).toEqual([]);
    await d.recordHistory('withdrawal');
  });

  it('reorganisation moves open tasks to the successor without resetting their clocks', async () => {
    const d = await startDemo('DEMO.01');
    await d.complete('tiep-nhan');
    const before = await d.task('tham-dinh');
    await h.sleep(1 * MIN);
    await d.command({ type: 'dossier.reorganise', fromUnitId: before.unitId, toUnitId: 'pt.p-xuan-hoa.vh-xh', reason: 'Nghị quyết sắp xếp đơn vị hành chính' });
    const after = await d.task('tham-dinh');
    expect(after).toMatchObject({ taskId: before.taskId, unitId: 'pt.p-xuan-hoa.vh-xh', dueMs: before.dueMs });
    const step = (await d.state()).ledger!.steps.find((s) => s.stepId === before.taskId)!;
    expect(step.segments.map((s) => s.unitId)).toEqual([before.unitId, 'pt.p-xuan-hoa.vh-xh']);
    await d.recordHistory('reorganisation');
  });

  it('two officers claiming the same task version at once: exactly one wins', async () => {
    const d = await startDemo('DEMO.01');
    const t = await d.task('tiep-nhan');
    const claim = (officerId: string) => d.command({ type: 'task.claim', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId });
    const results = await Promise.allSettled([claim('officer-a'), claim('officer-b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(await rejectionCode(Promise.reject(loser.reason))).toBe('TASK_VERSION_STALE');
    expect(d.types().filter((x) => x === 'task.claimed')).toHaveLength(1);
    await d.recordHistory('concurrent-claims');
  });

  it('rejects bad commands before they enter history, with machine-readable codes', async () => {
    const d = await startDemo('DEMO.01');
    const t = await d.task('tiep-nhan');
    const historyBefore = (await d.handle.fetchHistory()).events?.length ?? 0;
    expect(await rejectionCode(d.command({ type: 'task.claim', taskId: 'nope#1', taskVersion: 0, unitId: t.unitId, officerId: 'o' }))).toBe('TASK_UNKNOWN');
    expect(await rejectionCode(d.command({ type: 'task.claim', taskId: t.taskId, taskVersion: 0, unitId: 'pt.bhxh', officerId: 'o' }))).toBe('TASK_NOT_ASSIGNED_TO_UNIT');
    expect(await rejectionCode(d.command({ type: 'task.claim', taskId: t.taskId, taskVersion: 7, unitId: t.unitId, officerId: 'o' }))).toBe('TASK_VERSION_STALE');
    expect(await rejectionCode(d.command({ type: 'task.claim', taskId: t.taskId } as never))).toBe('COMMAND_INVALID');
    const historyAfter = (await d.handle.fetchHistory()).events?.length ?? 0;
    // rejected updates leave no trace but the workflow tasks that carried them
    expect(historyAfter - historyBefore).toBeLessThanOrEqual(4 * 3);
    expect(d.types().filter((x) => x === 'task.claimed')).toHaveLength(0);
  });

  it('continues as new before the history grows too long, keeping its state, and goes on taking commands', async () => {
    const d = await startDemo('DEMO.01', { settings: { historyEventsLimit: 40 } });
    const firstRun = (await d.handle.describe()).runId;
    // reassigning back and forth grows the history without moving the dossier on
    for (let i = 0; i < 6; i++) {
      const t = await d.task('tiep-nhan');
      await d.command({ type: 'task.reassign', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'head', toOfficerId: `officer-${i}` });
    }
    await d.complete('tiep-nhan', 'officer-5');
    const after = await d.handle.describe();
    expect(after.runId).not.toBe(firstRun);
    const state = await d.state();
    expect(state.tasks.find((t) => t.taskId === 'tiep-nhan#1')).toMatchObject({ status: 'done', claimedBy: 'officer-5' });
    expect(state.sequence).toBe(d.events().length);
    // the new run takes the next command where the old one stopped
    const next = await d.complete('tham-dinh');
    expect(next.events.map((e) => e.type)).toEqual(['task.completed', 'task.assigned']);
    expect(d.events().map((e) => e.sequence)).toEqual(d.events().map((_, i) => i + 1));
  });

  it('the applicant missing the supplement deadline closes the dossier as not received', async () => {
    const d = await startDemo('DEMO.01', { settings: { supplementWindowMinutes: 60 } });
    await d.complete('tiep-nhan');
    const t = await d.claim('tham-dinh');
    await d.command({ type: 'supplement.request', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: 'officer-1', reason: 'Thiếu giấy tờ', missing: ['cccd'] });
    await h.sleep(61 * MIN);
    const final = await d.handle.result();
    expect(final).toMatchObject({ phase: 'closed', statusCode: 3, closedReason: 'not_received' });
    await d.recordHistory('supplement-expired');
  });
});
