import { DeadlineLedger as DeadlineLedgerSchema } from '../../contracts/deadline-ledger.contract';
import type { Duration } from '../../contracts/duration.contract';
import { DEFAULT_CALENDAR_VERSION, DEMO_CALENDAR_VERSION, getCalendar } from '../../domain/calendar/calendar-registry';
import { isDomainError } from '../../domain/domain-error';
import {
  closeLedger,
  consumedByStep,
  consumedByUnit,
  currentDue,
  extend,
  finishStep,
  isClockStopped,
  isPaused,
  kpiDue,
  kpiWaitingMinutes,
  legalDue,
  openLedger,
  pause,
  reassignStepUnit,
  resume,
  startStep,
  stepDue,
  supplementRequestCount,
  transferStep,
  type DeadlineLedger,
  type OpenLedgerArgs,
  type SupplementPolicy,
} from '../../domain/deadline/deadline-ledger';

const M = 60_000;
const demo = getCalendar(DEMO_CALENDAR_VERSION);
const vnCal = getCalendar(DEFAULT_CALENDAR_VERSION);
/** Local Asia/Ho_Chi_Minh (UTC+7) wall time as an instant. */
const vn = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h - 7, mi);
const mins = (n: number): Duration => ({ amount: n, unit: 'working_minutes' });
const days = (n: number): Duration => ({ amount: n, unit: 'working_days' });

/** Monday 3 March 2025 07:00 local. */
const T0 = vn(2025, 3, 3, 7, 0);

function demoLedger(policy: SupplementPolicy = 'pause', over: Partial<OpenLedgerArgs> = {}): DeadlineLedger {
  return openLedger(
    {
      receivedAt: T0,
      legalBudget: mins(200),
      committedBudget: mins(100),
      calendarVersion: DEMO_CALENDAR_VERSION,
      supplementPolicy: policy,
      ...over,
    },
    demo,
  );
}

function vnLedger(receivedAt: number, committed: Duration, legal: Duration, policy: SupplementPolicy = 'pause'): DeadlineLedger {
  return openLedger(
    { receivedAt, legalBudget: legal, committedBudget: committed, calendarVersion: DEFAULT_CALENDAR_VERSION, supplementPolicy: policy },
    vnCal,
  );
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `non-domain: ${String(e)}`;
  }
  return undefined;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v as object)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('openLedger', () => {
  it('computes legal and committed due instants with the calendar and records the version', () => {
    const l = demoLedger();
    expect(l.schemaVersion).toBe(1);
    expect(l.calendarVersion).toBe(DEMO_CALENDAR_VERSION);
    expect(currentDue(l)).toBe(T0 + 100 * M);
    expect(legalDue(l)).toBe(T0 + 200 * M);
    expect(kpiDue(l)).toBe(T0 + 100 * M);
    expect(l.entries.map((e) => e.seq)).toEqual(l.entries.map((_, i) => i + 1));
    expect(l.entries.every((e) => e.calendarVersion === DEMO_CALENDAR_VERSION)).toBe(true);
    expect(l.entries.filter((e) => e.kind === 'budget_set').map((e) => [e.rule, e.dueAfter])).toEqual([
      ['legal-budget', T0 + 200 * M],
      ['committed-budget', T0 + 100 * M],
    ]);
  });

  it('uses working days of the real calendar, counting the make-up Saturday 26 April 2025 and skipping 30 April–4 May', () => {
    // Thu 24, Fri 25, Sat 26 (make-up), Mon 28, Tue 29 = 5 working days.
    const l = vnLedger(vn(2025, 4, 24, 7, 0), days(5), days(10));
    expect(currentDue(l)).toBe(vn(2025, 4, 29, 17, 0));
    // ... then Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 May.
    expect(legalDue(l)).toBe(vn(2025, 5, 9, 17, 0));
  });

  it('refuses a calendar of another version', () => {
    expect(codeOf(() => openLedger({ receivedAt: T0, legalBudget: mins(1), committedBudget: mins(1), calendarVersion: 'other', supplementPolicy: 'pause' }, demo))).toBe(
      'CALENDAR_VERSION_MISMATCH',
    );
    const l = demoLedger();
    expect(codeOf(() => startStep(l, { stepId: 's', unitId: 'A', at: T0, allotment: mins(1) }, vnCal))).toBe('CALENDAR_VERSION_MISMATCH');
  });

  it('is a JSON value that the contract parses back unchanged', () => {
    let l = demoLedger('kpi-subtract', { cutoff: '15:00' });
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo);
    l = transferStep(l, { stepId: 's1', toUnitId: 'B', at: T0 + 5 * M }, demo);
    l = pause(l, { reason: 'supplement', at: T0 + 10 * M, rule: 'form-02' }, demo);
    l = resume(l, { at: T0 + 20 * M }, demo);
    l = extend(l, { newDueMs: T0 + 300 * M, reason: 'field survey', at: T0 + 30 * M, byUnitId: 'B' }, demo);
    l = closeLedger(l, { at: T0 + 40 * M }, demo);
    const json = JSON.parse(JSON.stringify(l)) as unknown;
    expect(DeadlineLedgerSchema.parse(json)).toEqual(l);
  });
});

describe('steps, consumption and attribution', () => {
  it('derives the step due from its allotment and records consumption on finish', () => {
    let l = demoLedger();
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo);
    expect(stepDue(l, 's1')).toBe(T0 + 30 * M);
    expect(consumedByStep(l, T0 + 12 * M, demo)).toEqual({ s1: 12 });
    l = finishStep(l, { stepId: 's1', at: T0 + 20 * M }, demo);
    expect(consumedByStep(l, T0 + 90 * M, demo)).toEqual({ s1: 20 });
    expect(consumedByUnit(l, T0 + 90 * M, demo)).toEqual({ A: 20 });
    const e = l.entries[l.entries.length - 1];
    expect(e).toMatchObject({ kind: 'step_finished', stepId: 's1', unitId: 'A', deltaWorkingMinutes: 20 });
  });

  it('keeps consumed time with the old unit across a transfer and does not reset the step clock', () => {
    let l = demoLedger();
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo);
    l = transferStep(l, { stepId: 's1', toUnitId: 'B', at: T0 + 10 * M }, demo);
    expect(stepDue(l, 's1')).toBe(T0 + 30 * M);
    expect(consumedByUnit(l, T0 + 14 * M, demo)).toEqual({ A: 10, B: 4 });
    l = finishStep(l, { stepId: 's1', at: T0 + 25 * M }, demo);
    expect(consumedByUnit(l, T0 + 99 * M, demo)).toEqual({ A: 10, B: 15 });
    expect(consumedByStep(l, T0 + 99 * M, demo)).toEqual({ s1: 25 });
    expect(l.entries.find((e) => e.kind === 'step_transferred')).toMatchObject({ unitId: 'A', deltaWorkingMinutes: 10, dueBefore: T0 + 30 * M, dueAfter: T0 + 30 * M });
  });

  it('reassigns a step to a reorganisation successor with its own entry kind and rule', () => {
    let l = demoLedger();
    l = startStep(l, { stepId: 's1', unitId: 'district-phuc-yen', at: T0, allotment: mins(60) }, demo);
    l = reassignStepUnit(l, { stepId: 's1', toUnitId: 'commune-phuc-yen', at: T0 + 7 * M, rule: 'Resolution 190/2025/QH15' }, demo);
    expect(l.entries[l.entries.length - 1]).toMatchObject({ kind: 'step_reassigned', rule: 'Resolution 190/2025/QH15', unitId: 'district-phuc-yen', deltaWorkingMinutes: 7 });
    expect(consumedByUnit(l, T0 + 10 * M, demo)).toEqual({ 'district-phuc-yen': 7, 'commune-phuc-yen': 3 });
    expect(codeOf(() => reassignStepUnit(l, { stepId: 's1', toUnitId: 'commune-phuc-yen', at: T0 + 8 * M }, demo))).toBe('STEP_ALREADY_AT_UNIT');
  });

  it('attributes working time per unit on the real calendar across a weekend and excludes pauses', () => {
    // Fri 7 March 2025 16:00 → Mon 10 March 08:30 = 60 + 90 working minutes.
    let l = vnLedger(vn(2025, 3, 7, 16, 0), days(3), days(5));
    l = startStep(l, { stepId: 'appraise', unitId: 'land-office', at: vn(2025, 3, 7, 16, 0), allotment: days(2) }, vnCal);
    l = transferStep(l, { stepId: 'appraise', toUnitId: 'tax-office', at: vn(2025, 3, 10, 8, 30) }, vnCal);
    // Payment pause Mon 09:00–Tue 09:00 (480 working minutes) is not the tax office's time.
    l = pause(l, { reason: 'financial_obligation', at: vn(2025, 3, 10, 9, 0), rule: 'Decree 101/2024 Art. 22' }, vnCal);
    l = resume(l, { at: vn(2025, 3, 11, 9, 0) }, vnCal);
    l = finishStep(l, { stepId: 'appraise', at: vn(2025, 3, 11, 10, 0) }, vnCal);
    // tax office: Mon 08:30–09:00 (30) + Tue 09:00–10:00 (60).
    expect(consumedByUnit(l, vn(2025, 3, 12), vnCal)).toEqual({ 'land-office': 150, 'tax-office': 90 });
  });

  it('rejects unknown, repeated and finished steps', () => {
    let l = demoLedger();
    expect(codeOf(() => finishStep(l, { stepId: 'nope', at: T0 }, demo))).toBe('STEP_NOT_FOUND');
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo);
    expect(codeOf(() => startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo))).toBe('STEP_ALREADY_STARTED');
    l = finishStep(l, { stepId: 's1', at: T0 + M }, demo);
    expect(codeOf(() => finishStep(l, { stepId: 's1', at: T0 + 2 * M }, demo))).toBe('STEP_NOT_OPEN');
    expect(codeOf(() => transferStep(l, { stepId: 's1', toUnitId: 'B', at: T0 + 2 * M }, demo))).toBe('STEP_NOT_OPEN');
  });
});

describe('pauses by supplement policy', () => {
  it('pause: shifts every due instant by exactly the paused working time across a weekend', () => {
    // Received Thu 6 March 07:00; 2 working days → Fri 7 March 17:00; legal 4 → Tue 11 March 17:00.
    let l = vnLedger(vn(2025, 3, 6, 7, 0), days(2), days(4));
    expect(currentDue(l)).toBe(vn(2025, 3, 7, 17, 0));
    expect(legalDue(l)).toBe(vn(2025, 3, 11, 17, 0));
    l = startStep(l, { stepId: 's1', unitId: 'A', at: vn(2025, 3, 6, 7, 0), allotment: days(2) }, vnCal);
    l = pause(l, { reason: 'supplement', at: vn(2025, 3, 7, 14, 0), rule: 'Decree 118/2025 supplement' }, vnCal);
    expect(isPaused(l)).toBe(true);
    expect(isClockStopped(l)).toBe(true);
    // Paused Fri 14:00–17:00 (180) + Mon 07:00–09:00 (120) = 300 working minutes.
    l = resume(l, { at: vn(2025, 3, 10, 9, 0) }, vnCal);
    expect(isPaused(l)).toBe(false);
    // Fri 17:00 + 300 → Mon 07:00–11:30 (270) + 30 → Mon 10 March 14:00.
    expect(currentDue(l)).toBe(vn(2025, 3, 10, 14, 0));
    expect(kpiDue(l)).toBe(vn(2025, 3, 10, 14, 0));
    // Tue 11 17:00 + 300 → Wed 12 March 14:00.
    expect(legalDue(l)).toBe(vn(2025, 3, 12, 14, 0));
    expect(stepDue(l, 's1')).toBe(vn(2025, 3, 10, 14, 0));
    expect(l.entries.find((e) => e.kind === 'resumed')).toMatchObject({ deltaWorkingMinutes: 300, rule: 'Decree 118/2025 supplement' });
    expect(l.entries.filter((e) => e.kind === 'due_shifted').map((e) => e.deltaWorkingMinutes)).toEqual([300, 300, 300, 300]);
    expect(supplementRequestCount(l)).toBe(1);
    expect(kpiWaitingMinutes(l)).toBe(0);
  });

  it('pause: shifts across the 30 April–4 May 2025 holidays by working time only', () => {
    let l = vnLedger(vn(2025, 4, 24, 7, 0), days(5), days(10));
    // Tue 29 April 16:00 → Mon 5 May 08:00: 60 + 60 working minutes (30/4, 1/5, 2/5 swapped, weekend are off).
    l = pause(l, { reason: 'supplement', at: vn(2025, 4, 29, 16, 0), rule: 'supplement' }, vnCal);
    l = resume(l, { at: vn(2025, 5, 5, 8, 0) }, vnCal);
    expect(l.pauses[0]?.workingMinutes).toBe(120);
    expect(currentDue(l)).toBe(vn(2025, 5, 5, 9, 0));
    expect(legalDue(l)).toBe(vn(2025, 5, 12, 9, 0));
  });

  it('restart: recounts the full budgets from the complete resubmission', () => {
    let l = demoLedger('restart');
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo);
    l = pause(l, { reason: 'supplement', at: T0 + 40 * M, rule: 'supplement-restart' }, demo);
    l = resume(l, { at: T0 + 70 * M }, demo);
    expect(currentDue(l)).toBe(T0 + 170 * M);
    expect(legalDue(l)).toBe(T0 + 270 * M);
    expect(kpiDue(l)).toBe(T0 + 170 * M);
    expect(stepDue(l, 's1')).toBe(T0 + 100 * M);
    expect(l.entries.filter((e) => e.kind === 'due_recounted')).toHaveLength(4);
  });

  it('restart on the real calendar: resubmitted Fri 16:00 with 2 working days → Tue 16:00', () => {
    let l = vnLedger(vn(2025, 3, 3, 7, 0), days(2), days(3), 'restart');
    l = pause(l, { reason: 'supplement', at: vn(2025, 3, 3, 9, 0), rule: 'supplement-restart' }, vnCal);
    l = resume(l, { at: vn(2025, 3, 7, 16, 0) }, vnCal);
    // Fri 16:00–17:00 (60) + Mon (480) + Tue 07:00–16:00 (420) = 960.
    expect(currentDue(l)).toBe(vn(2025, 3, 11, 16, 0));
  });

  it('kpi-subtract with one request: the appointment stays, the KPI due moves by the waiting time', () => {
    let l = demoLedger('kpi-subtract');
    l = pause(l, { reason: 'supplement', at: T0 + 40 * M, rule: 'form-02' }, demo);
    expect(isPaused(l)).toBe(true);
    expect(isClockStopped(l)).toBe(false);
    l = resume(l, { at: T0 + 70 * M }, demo);
    expect(currentDue(l)).toBe(T0 + 100 * M);
    expect(legalDue(l)).toBe(T0 + 200 * M);
    expect(kpiDue(l)).toBe(T0 + 130 * M);
    expect(kpiWaitingMinutes(l)).toBe(30);
    expect(supplementRequestCount(l)).toBe(1);
    expect(l.entries.find((e) => e.kind === 'kpi_waiting_subtracted')).toMatchObject({ deltaWorkingMinutes: 30, dueBefore: T0 + 100 * M, dueAfter: T0 + 130 * M });
  });

  it('kpi-subtract with two requests: both waits are subtracted and counted', () => {
    let l = demoLedger('kpi-subtract');
    l = pause(l, { reason: 'supplement', at: T0 + 10 * M, rule: 'form-02' }, demo);
    l = resume(l, { at: T0 + 20 * M }, demo);
    l = pause(l, { reason: 'supplement', at: T0 + 30 * M, rule: 'form-02' }, demo);
    l = resume(l, { at: T0 + 45 * M }, demo);
    expect(supplementRequestCount(l)).toBe(2);
    expect(kpiWaitingMinutes(l)).toBe(25);
    expect(kpiDue(l)).toBe(T0 + 125 * M);
    expect(currentDue(l)).toBe(T0 + 100 * M);
  });

  it('financial obligation always shifts, even under kpi-subtract, and is not a supplement request', () => {
    let l = vnLedger(vn(2025, 3, 6, 7, 0), days(2), days(4), 'kpi-subtract');
    l = pause(l, { reason: 'financial_obligation', at: vn(2025, 3, 7, 14, 0), rule: 'Decree 101/2024 Art. 22' }, vnCal);
    expect(isClockStopped(l)).toBe(true);
    l = resume(l, { at: vn(2025, 3, 10, 9, 0) }, vnCal);
    expect(currentDue(l)).toBe(vn(2025, 3, 10, 14, 0));
    expect(legalDue(l)).toBe(vn(2025, 3, 12, 14, 0));
    expect(supplementRequestCount(l)).toBe(0);
    expect(kpiWaitingMinutes(l)).toBe(0);
    expect(l.entries.find((e) => e.kind === 'paused')).toMatchObject({ rule: 'Decree 101/2024 Art. 22' });
  });

  it('excludes paused time from a step running through the pause', () => {
    let l = demoLedger('pause');
    l = startStep(l, { stepId: 's1', unitId: 'A', at: T0, allotment: mins(60) }, demo);
    l = pause(l, { reason: 'supplement', at: T0 + 10 * M, rule: 'form-02' }, demo);
    expect(consumedByUnit(l, T0 + 50 * M, demo)).toEqual({ A: 10 });
    l = resume(l, { at: T0 + 40 * M }, demo);
    expect(stepDue(l, 's1')).toBe(T0 + 90 * M);
    l = finishStep(l, { stepId: 's1', at: T0 + 50 * M }, demo);
    expect(consumedByStep(l, T0 + 50 * M, demo)).toEqual({ s1: 20 });
  });

  it('rejects a second pause and a resume without pause', () => {
    let l = demoLedger();
    expect(codeOf(() => resume(l, { at: T0 }, demo))).toBe('LEDGER_NOT_PAUSED');
    l = pause(l, { reason: 'supplement', at: T0, rule: 'r' }, demo);
    expect(codeOf(() => pause(l, { reason: 'financial_obligation', at: T0 + M, rule: 'r' }, demo))).toBe('LEDGER_ALREADY_PAUSED');
  });
});

describe('extend (Form 04)', () => {
  const due = T0 + 100 * M;

  it('moves the appointment when issued strictly before the due instant', () => {
    const l = extend(demoLedger(), { newDueMs: due + 60 * M, reason: 'site inspection', at: due - M, byUnitId: 'A' }, demo);
    expect(currentDue(l)).toBe(due + 60 * M);
    expect(legalDue(l)).toBe(T0 + 200 * M);
    expect(kpiDue(l)).toBe(due);
    expect(l.entries[l.entries.length - 1]).toMatchObject({
      kind: 'extended',
      rule: 'form-04-extension',
      unitId: 'A',
      dueBefore: due,
      dueAfter: due + 60 * M,
      deltaWorkingMinutes: 60,
    });
  });

  it('is refused at or after the due instant', () => {
    expect(codeOf(() => extend(demoLedger(), { newDueMs: due + 60 * M, reason: 'x', at: due, byUnitId: 'A' }, demo))).toBe('EXTENSION_AFTER_DUE');
    expect(codeOf(() => extend(demoLedger(), { newDueMs: due + 60 * M, reason: 'x', at: due + M, byUnitId: 'A' }, demo))).toBe('EXTENSION_AFTER_DUE');
  });

  it('must move the due later', () => {
    expect(codeOf(() => extend(demoLedger(), { newDueMs: due, reason: 'x', at: T0 + M, byUnitId: 'A' }, demo))).toBe('EXTENSION_NOT_LATER');
    expect(codeOf(() => extend(demoLedger(), { newDueMs: due - M, reason: 'x', at: T0 + M, byUnitId: 'A' }, demo))).toBe('EXTENSION_NOT_LATER');
  });

  it('counts the added working time on the real calendar', () => {
    const l0 = vnLedger(vn(2025, 3, 3, 7, 0), days(2), days(4));
    const l = extend(l0, { newDueMs: vn(2025, 3, 6, 17, 0), reason: 'x', at: vn(2025, 3, 4, 9, 0), byUnitId: 'A' }, vnCal);
    expect(l.entries[l.entries.length - 1]?.deltaWorkingMinutes).toBe(960);
  });
});

describe('ledger discipline', () => {
  it('never mutates its input', () => {
    const l0 = deepFreeze(startStep(demoLedger(), { stepId: 's1', unitId: 'A', at: T0, allotment: mins(30) }, demo));
    const snapshot = JSON.stringify(l0);
    const l1 = pause(l0, { reason: 'supplement', at: T0 + M, rule: 'r' }, demo);
    const l2 = resume(l1, { at: T0 + 2 * M }, demo);
    transferStep(l2, { stepId: 's1', toUnitId: 'B', at: T0 + 3 * M }, demo);
    closeLedger(l2, { at: T0 + 4 * M }, demo);
    expect(JSON.stringify(l0)).toBe(snapshot);
  });

  it('refuses changes out of time order and after closing', () => {
    const l = startStep(demoLedger(), { stepId: 's1', unitId: 'A', at: T0 + 10 * M, allotment: mins(30) }, demo);
    expect(codeOf(() => pause(l, { reason: 'supplement', at: T0 + 5 * M, rule: 'r' }, demo))).toBe('LEDGER_TIME_REVERSED');
    const c = closeLedger(l, { at: T0 + 20 * M }, demo);
    expect(c.closedAt).toBe(T0 + 20 * M);
    expect(c.steps[0]?.finishedAt).toBe(T0 + 20 * M);
    expect(codeOf(() => pause(c, { reason: 'supplement', at: T0 + 30 * M, rule: 'r' }, demo))).toBe('LEDGER_CLOSED');
  });

  it('closing during a pause ends the pause first', () => {
    let l = pause(demoLedger('pause'), { reason: 'supplement', at: T0 + 10 * M, rule: 'r' }, demo);
    l = closeLedger(l, { at: T0 + 30 * M, detail: 'withdrawn by the applicant' }, demo);
    expect(isPaused(l)).toBe(false);
    expect(currentDue(l)).toBe(T0 + 120 * M);
    expect(l.entries[l.entries.length - 1]).toMatchObject({ kind: 'closed', detail: 'withdrawn by the applicant' });
  });
});

describe('closing during a restart pause', () => {
  it('excludes the waiting time instead of recounting the budget', () => {
    let l = pause(demoLedger('restart'), { reason: 'supplement', at: T0 + 10 * M, rule: 'r' }, demo);
    l = closeLedger(l, { at: T0 + 30 * M, detail: 'supplement deadline passed' }, demo);
    expect(currentDue(l)).toBe(T0 + 120 * M);
    expect(l.entries.some((e) => e.kind === 'due_recounted')).toBe(false);
  });
});
