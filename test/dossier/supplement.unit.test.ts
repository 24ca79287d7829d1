import type { SupplementClockPolicy } from '../../contracts/procedure.contract';
import { startInput } from '../support/dossier-fixtures';
import { Dossier, one, types, withProcedure } from './helpers';

// 1.001193 (policy 'pause'), received Mon 2 March 2026 09:00 (vn-2026.1): appointment Tue 09:00.
// tham-dinh#1 (vh-xh, 3 h) is assigned at 09:30, due 14:30, claimed; Form 02 at Mon 10:00.
// Waiting until Wed 10:00 = Mon 10:00–11:30 (90) + 13:30–17:00 (210) + Tue (480) + Wed 07:00–10:00 (180) = 960 working minutes.
const REQUESTED = '2026-03-02T10:00:00+07:00';
const RESUBMITTED = '2026-03-04T10:00:00+07:00';

function awaitingSupplement(policy?: SupplementClockPolicy) {
  const base = startInput({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
  const input = policy ? withProcedure(base, (p) => (p.supplementClock = policy)) : base;
  const { d } = Dossier.startWith(input);
  d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
  d.claim('tham-dinh#1', '2026-03-02T09:40:00+07:00', 'vhxh-1');
  const requested = d.do({ type: 'supplement.request', ...d.ref('tham-dinh#1', 'vhxh-1'), reason: 'Giấy chứng sinh không rõ dấu', missing: ['giay-chung-sinh'] }, REQUESTED);
  return { d, requested };
}

describe('supplement during processing (Form 02)', () => {
  it('request: status 5, the clock pauses; the applicant deadline defaults to the setting (30 days)', () => {
    const { d, requested } = awaitingSupplement();
    expect(types(requested)).toEqual(['dossier.supplement_requested']);
    expect(requested[0]!.unitId).toBe('pt.p-phuc-yen.vh-xh');
    expect(one(requested, 'dossier.supplement_requested').payload).toEqual({
      statusCode: 5,
      taskId: 'tham-dinh#1',
      unitId: 'pt.p-phuc-yen.vh-xh',
      officerId: 'vhxh-1',
      reason: 'Giấy chứng sinh không rõ dấu',
      missing: ['giay-chung-sinh'],
      requestedAt: REQUESTED,
      applicantDeadlineAt: '2026-04-01T10:00:00+07:00',
      requestsByUnit: 1,
      requestsTotal: 1,
      repeatedInUnit: false,
      kpiOverdue: false,
      policy: 'pause',
    });
    expect(d.state).toMatchObject({ phase: 'supplement', statusCode: 5, supplementsTotal: 1 });
    expect(d.state.ledger!.pauses).toEqual([expect.objectContaining({ reason: 'supplement', effect: 'shift', fromMs: Date.parse(REQUESTED) })]);
  });

  it("policy 'pause': the appointment shifts by exactly the waiting working time, and so does the open step", () => {
    const { d } = awaitingSupplement();
    const back = d.do({ type: 'supplement.resubmit', componentsDigitised: 1 }, RESUBMITTED);
    expect(types(back)).toEqual(['dossier.supplement_received']);
    expect(one(back, 'dossier.supplement_received').payload).toEqual({
      statusCode: 4,
      receivedAt: RESUBMITTED,
      waitingWorkingMinutes: 960,
      policy: 'pause',
      appointmentAt: '2026-03-05T09:00:00+07:00', // Tue 09:00 + 960
      legalDueAt: '2026-03-05T09:00:00+07:00',
      // the open step moved too, Mon 14:30 + 960 = Wed 14:30: consumers read it here instead of re-deriving it
      taskDues: [{ taskId: 'tham-dinh#1', dueAt: '2026-03-04T14:30:00+07:00' }],
      componentsDigitised: 1,
    });
    expect(d.state).toMatchObject({ phase: 'processing', statusCode: 4 });
    expect(d.state.applicantDeadlineMs).toBeUndefined();
    // the step's due moved too: Mon 14:30 + 960 = Wed 14:30; the task finishes on time against it
    const done = d.complete('tham-dinh#1', '2026-03-04T11:00:00+07:00', 'vhxh-1');
    expect(one(done, 'task.completed').payload).toMatchObject({
      dueAt: '2026-03-04T14:30:00+07:00',
      classification: 'on_time',
      consumedWorkingMinutes: 30 + 60, // 09:30–10:00 before the pause, Wed 10:00–11:00 after
    });
  });

  it("policy 'restart': the deadlines are recounted in full from the resubmission", () => {
    const { d } = awaitingSupplement('restart');
    expect(one(d.log, 'dossier.supplement_requested').payload.policy).toBe('restart');
    const back = one(d.do({ type: 'supplement.resubmit' }, RESUBMITTED), 'dossier.supplement_received');
    expect(back.payload).toMatchObject({ policy: 'restart', waitingWorkingMinutes: 960, appointmentAt: '2026-03-05T10:00:00+07:00', legalDueAt: '2026-03-05T10:00:00+07:00' });
    expect(d.state.ledger!.steps.find((s) => s.stepId === 'tham-dinh#1')!.dueMs).toBe(Date.parse('2026-03-04T15:00:00+07:00')); // 3 h from Wed 10:00
  });

  it("policy 'kpi-subtract': the appointment is unchanged; only the KPI due moves", () => {
    const { d } = awaitingSupplement('kpi-subtract');
    const back = one(d.do({ type: 'supplement.resubmit' }, RESUBMITTED), 'dossier.supplement_received');
    expect(back.payload).toMatchObject({ policy: 'kpi-subtract', waitingWorkingMinutes: 960, appointmentAt: '2026-03-03T09:00:00+07:00', legalDueAt: '2026-03-03T09:00:00+07:00' });
    expect(d.state.ledger!.kpiDueMs).toBe(Date.parse('2026-03-05T09:00:00+07:00'));
    expect(d.state.ledger!.kpiWaitingMinutes).toBe(960);
  });

  it('a second request in the same unit is allowed, marked repeatedInUnit and kpiOverdue; the KPI view is late', () => {
    const { d } = awaitingSupplement();
    d.do({ type: 'supplement.resubmit' }, RESUBMITTED);
    const again = one(d.do({ type: 'supplement.request', ...d.ref('tham-dinh#1', 'vhxh-1'), reason: 'Thiếu tờ khai', missing: ['to-khai'], applicantDeadlineAt: '2026-03-06T17:00:00+07:00' }, '2026-03-04T11:00:00+07:00'), 'dossier.supplement_requested');
    expect(again.payload).toMatchObject({ requestsByUnit: 2, requestsTotal: 2, repeatedInUnit: true, kpiOverdue: true, applicantDeadlineAt: '2026-03-06T17:00:00+07:00' });
    d.do({ type: 'supplement.resubmit' }, '2026-03-04T13:30:00+07:00');
    d.complete('tham-dinh#1', '2026-03-04T14:00:00+07:00', 'vhxh-1');
    const ready = one(d.pass('ky#1', '2026-03-04T15:00:00+07:00'), 'dossier.result_ready');
    expect(ready.payload).toMatchObject({ supplementRequests: 2, classification: 'early', classificationKpi: 'late' });
  });

  it('a first request by another unit is not repeatedInUnit but still makes the dossier KPI-overdue', () => {
    const { d } = awaitingSupplement();
    d.do({ type: 'supplement.resubmit' }, RESUBMITTED);
    d.complete('tham-dinh#1', '2026-03-04T11:00:00+07:00', 'vhxh-1');
    d.claim('ky#1', '2026-03-04T11:10:00+07:00', 'chair');
    const second = one(d.do({ type: 'supplement.request', ...d.ref('ky#1', 'chair'), reason: 'Thiếu bản sao', missing: ['ban-sao'] }, '2026-03-04T11:20:00+07:00'), 'dossier.supplement_requested');
    expect(second.payload).toMatchObject({ unitId: 'pt.p-phuc-yen', requestsByUnit: 1, requestsTotal: 2, repeatedInUnit: false, kpiOverdue: true });
  });

  it('NOT_AWAITING_SUPPLEMENT', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    expect(d.rejectCode({ type: 'supplement.resubmit' }, REQUESTED)).toBe('NOT_AWAITING_SUPPLEMENT');
  });

  it('SUPPLEMENT_DEADLINE_IN_PAST', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00');
    const req = { type: 'supplement.request' as const, ...d.ref('tiep-nhan#1'), reason: 'x', missing: ['a'] };
    expect(d.rejectCode({ ...req, applicantDeadlineAt: '2026-03-02T09:00:00+07:00' }, '2026-03-02T09:10:00+07:00')).toBe('SUPPLEMENT_DEADLINE_IN_PAST');
    expect(d.rejectCode({ ...req, applicantDeadlineAt: '2026-03-02T09:10:00+07:00' }, '2026-03-02T09:10:00+07:00')).toBe('SUPPLEMENT_DEADLINE_IN_PAST');
  });

  it("the applicant's deadline passes: a tick closes the dossier as not received", () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('tiep-nhan#1'), reason: 'x', missing: ['a'], applicantDeadlineAt: '2026-03-09T17:00:00+07:00' }, '2026-03-02T09:10:00+07:00');
    expect(d.tick('2026-03-09T16:00:00+07:00')).toEqual([]);
    const closed = d.tick('2026-03-09T17:00:00+07:00');
    expect(types(closed)).toEqual(['dossier.not_received']);
    expect(one(closed, 'dossier.not_received').payload).toEqual({ statusCode: 3, closedAt: '2026-03-09T17:00:00+07:00', reason: 'supplement_deadline_expired' });
    expect(d.state).toMatchObject({ phase: 'closed', closedReason: 'not_received', statusCode: 3 });
    expect(d.state.ledger!.closedAt).toBe(Date.parse('2026-03-09T17:00:00+07:00'));
    expect(d.task('tiep-nhan#1').status).toBe('cancelled');
  });

  it('no supplement request once the result is ready (SUPPLEMENT_NOT_ALLOWED)', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.pass('tham-dinh#1', '2026-03-02T10:30:00+07:00');
    d.pass('ky#1', '2026-03-02T11:00:00+07:00');
    d.claim('tra-ket-qua#1', '2026-03-02T11:10:00+07:00');
    expect(d.rejectCode({ type: 'supplement.request', ...d.ref('tra-ket-qua#1'), reason: 'x', missing: ['a'] }, '2026-03-02T11:20:00+07:00')).toBe('SUPPLEMENT_NOT_ALLOWED');
  });
});
