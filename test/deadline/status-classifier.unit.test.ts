import type { Duration } from '../../contracts/duration.contract';
import { DEFAULT_CALENDAR_VERSION, DEMO_CALENDAR_VERSION, getCalendar } from '../../domain/calendar/calendar-registry';
import {
  closeLedger,
  extend,
  finishStep,
  openLedger,
  pause,
  resume,
  startStep,
  type DeadlineLedger,
  type SupplementPolicy,
} from '../../domain/deadline/deadline-ledger';
import {
  classifyDossier,
  classifyFinished,
  classifyForKpi,
  classifyOpen,
  classifyStep,
  dueSoonThresholdMinutes,
  timerPlan,
} from '../../domain/deadline/status-classifier';

const M = 60_000;
const demo = getCalendar(DEMO_CALENDAR_VERSION);
const vnCal = getCalendar(DEFAULT_CALENDAR_VERSION);
const vn = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h - 7, mi);
const mins = (n: number): Duration => ({ amount: n, unit: 'working_minutes' });
const days = (n: number): Duration => ({ amount: n, unit: 'working_days' });
const hours = (n: number): Duration => ({ amount: n, unit: 'working_hours' });
const T0 = vn(2025, 3, 3, 7, 0);

function vnLedger(receivedAt: number, committed: Duration, legal: Duration = committed, policy: SupplementPolicy = 'pause'): DeadlineLedger {
  return openLedger(
    { receivedAt, legalBudget: legal, committedBudget: committed, calendarVersion: DEFAULT_CALENDAR_VERSION, supplementPolicy: policy },
    vnCal,
  );
}
function demoLedger(policy: SupplementPolicy = 'kpi-subtract'): DeadlineLedger {
  return openLedger(
    { receivedAt: T0, legalBudget: mins(200), committedBudget: mins(100), calendarVersion: DEMO_CALENDAR_VERSION, supplementPolicy: policy },
    demo,
  );
}

describe('classifyFinished', () => {
  const due = vn(2025, 3, 4, 17, 0); // Tue 4 March 17:00

  it('exactly at due is on time, one minute after is late', () => {
    expect(classifyFinished(due, due)).toBe('on_time');
    expect(classifyFinished(due + M, due)).toBe('late');
    expect(classifyFinished(due + 1, due)).toBe('late');
  });

  it('earlier the same local day is on time; the previous day is early', () => {
    expect(classifyFinished(vn(2025, 3, 4, 7, 0), due)).toBe('on_time');
    expect(classifyFinished(vn(2025, 3, 4, 0, 0), due)).toBe('on_time');
    expect(classifyFinished(vn(2025, 3, 3, 23, 59), due)).toBe('early');
    expect(classifyFinished(vn(2025, 3, 3, 16, 59), due)).toBe('early');
  });

  it('uses the local (UTC+7) date, not the UTC date', () => {
    const dueEarly = vn(2025, 3, 4, 7, 30); // Tue 00:30 UTC
    const finished = vn(2025, 3, 4, 6, 50); // Mon 23:50 UTC, but Tuesday locally
    expect(classifyFinished(finished, dueEarly)).toBe('on_time');
  });

  it('finished on the previous working day across a weekend is early', () => {
    expect(classifyFinished(vn(2025, 3, 7, 17, 0), vn(2025, 3, 10, 9, 0))).toBe('early');
  });
});

describe('due_soon threshold', () => {
  it('is one working day, or 25% of a budget under two working days', () => {
    expect(dueSoonThresholdMinutes(undefined)).toBe(480);
    expect(dueSoonThresholdMinutes(2400)).toBe(480);
    expect(dueSoonThresholdMinutes(960)).toBe(480);
    expect(dueSoonThresholdMinutes(959)).toBe(239.75);
    expect(dueSoonThresholdMinutes(240)).toBe(60);
    expect(dueSoonThresholdMinutes(240, { shortBudgetDueSoonFraction: 0.5 })).toBe(120);
    expect(dueSoonThresholdMinutes(2400, { dueSoonWorkingMinutes: 960 })).toBe(960);
    expect(dueSoonThresholdMinutes(240, { shortBudgetWorkingMinutes: 0 })).toBe(480);
  });

  it('classifies an open dossier at the boundaries (2-working-day budget, due Tue 17:00)', () => {
    const due = vn(2025, 3, 4, 17, 0);
    expect(classifyOpen(vn(2025, 3, 3, 16, 59), due, 960, vnCal)).toBe('within'); // 481 left
    expect(classifyOpen(vn(2025, 3, 3, 17, 0), due, 960, vnCal)).toBe('due_soon'); // 480 left
    expect(classifyOpen(vn(2025, 3, 3, 20, 0), due, 960, vnCal)).toBe('due_soon'); // evening: still 480
    expect(classifyOpen(due, due, 960, vnCal)).toBe('due_soon');
    expect(classifyOpen(due + 1, due, 960, vnCal)).toBe('overdue');
  });

  it('uses the fraction rule for a short step (4 working hours → 60 minutes)', () => {
    let l = vnLedger(T0, days(3));
    l = startStep(l, { stepId: 'sign', unitId: 'chairman', at: T0, allotment: hours(4) }, vnCal);
    expect(classifyStep(l, 'sign', vn(2025, 3, 3, 9, 59), vnCal)).toBe('within');
    expect(classifyStep(l, 'sign', vn(2025, 3, 3, 10, 0), vnCal)).toBe('due_soon');
    expect(classifyStep(l, 'sign', vn(2025, 3, 3, 11, 0), vnCal)).toBe('due_soon');
    expect(classifyStep(l, 'sign', vn(2025, 3, 3, 11, 1), vnCal)).toBe('overdue');
    expect(classifyStep(l, 'sign', vn(2025, 3, 3, 9, 0), vnCal, { shortBudgetDueSoonFraction: 0.5 })).toBe('due_soon');
    l = finishStep(l, { stepId: 'sign', at: vn(2025, 3, 3, 10, 30) }, vnCal);
    expect(classifyStep(l, 'sign', vn(2025, 3, 9), vnCal)).toBe('on_time');
  });
});

describe('classifyDossier', () => {
  it('classifies a closed dossier by its closing instant against the appointment or the legal due', () => {
    // committed 2 days → Tue 4 March 17:00; legal 4 days → Thu 6 March 17:00.
    const l = vnLedger(T0, days(2), days(4));
    const late = closeLedger(l, { at: vn(2025, 3, 5, 9, 0) }, vnCal);
    expect(classifyDossier(late, vn(2025, 4, 1), vnCal)).toBe('late');
    expect(classifyDossier(late, vn(2025, 4, 1), vnCal, { against: 'legal' })).toBe('early');
    const onTime = closeLedger(l, { at: vn(2025, 3, 4, 17, 0) }, vnCal);
    expect(classifyDossier(onTime, vn(2025, 4, 1), vnCal)).toBe('on_time');
  });

  it('freezes the status at the pause start while the clock is stopped', () => {
    let l = vnLedger(T0, days(2));
    l = pause(l, { reason: 'supplement', at: vn(2025, 3, 3, 9, 0), rule: 'r' }, vnCal);
    expect(classifyDossier(l, vn(2025, 3, 20), vnCal)).toBe('within');
  });

  it('keeps the appointment clock running during a kpi-subtract supplement wait', () => {
    let l = vnLedger(T0, days(2), days(2), 'kpi-subtract');
    l = pause(l, { reason: 'supplement', at: vn(2025, 3, 3, 9, 0), rule: 'r' }, vnCal);
    expect(classifyDossier(l, vn(2025, 3, 20), vnCal)).toBe('overdue');
  });

  it('an extension does not forgive: overdue once the Form 01 appointment passed, unless the locality counts the new one', () => {
    let l = vnLedger(T0, days(2));
    const form01 = l.committedDueMs;
    l = extend(l, { newDueMs: vn(2025, 3, 7, 17, 0), reason: 'x', at: vn(2025, 3, 4, 9, 0), byUnitId: 'A' }, vnCal);
    expect(l.form01DueMs).toBe(form01);
    expect(classifyDossier(l, vn(2025, 3, 5, 9, 0), vnCal)).toBe('overdue');
    expect(classifyDossier(l, vn(2025, 3, 5, 9, 0), vnCal, { settings: { form04Counting: 'new_appointment' } })).toBe('within');
  });
});

describe('classifyForKpi (Decision 766 indicator 2.1)', () => {
  it('subtracts one supplement wait', () => {
    let l = pause(demoLedger(), { reason: 'supplement', at: T0 + 40 * M, rule: 'form-02' }, demo);
    expect(classifyForKpi(l, T0 + 500 * M)).toBe('within'); // KPI clock stands at the pause start
    l = resume(l, { at: T0 + 70 * M }, demo);
    expect(classifyForKpi(l, T0 + 130 * M)).toBe('within');
    expect(classifyForKpi(l, T0 + 131 * M)).toBe('overdue');
    const closed = closeLedger(l, { at: T0 + 120 * M }, demo);
    expect(classifyForKpi(closed, T0 + 999 * M)).toBe('on_time');
    expect(classifyDossier(closed, T0 + 999 * M, demo)).toBe('late'); // against the appointment
  });

  it('treats more than one supplement request as late or overdue', () => {
    let l = demoLedger();
    l = pause(l, { reason: 'supplement', at: T0 + 10 * M, rule: 'form-02' }, demo);
    l = resume(l, { at: T0 + 20 * M }, demo);
    expect(classifyForKpi(l, T0 + 30 * M)).toBe('within');
    l = pause(l, { reason: 'supplement', at: T0 + 30 * M, rule: 'form-02' }, demo);
    l = resume(l, { at: T0 + 40 * M }, demo);
    expect(classifyForKpi(l, T0 + 50 * M)).toBe('overdue');
    expect(classifyForKpi(closeLedger(l, { at: T0 + 50 * M }, demo), T0 + 50 * M)).toBe('late');
  });

  it('ignores extensions and compares finished dossiers on local days', () => {
    let l = vnLedger(T0, days(2), days(2), 'kpi-subtract');
    l = extend(l, { newDueMs: vn(2025, 3, 7, 17, 0), reason: 'x', at: vn(2025, 3, 4, 9, 0), byUnitId: 'A' }, vnCal);
    const c = closeLedger(l, { at: vn(2025, 3, 5, 9, 0) }, vnCal);
    expect(classifyDossier(c, vn(2025, 3, 9), vnCal)).toBe('late');
    expect(classifyDossier(c, vn(2025, 3, 9), vnCal, { settings: { form04Counting: 'new_appointment' } })).toBe('early');
    expect(classifyForKpi(c, vn(2025, 3, 9))).toBe('late');
    const e = closeLedger(vnLedger(T0, days(2), days(2), 'kpi-subtract'), { at: vn(2025, 3, 3, 15, 0) }, vnCal);
    expect(classifyForKpi(e, vn(2025, 3, 9))).toBe('early');
  });
});

describe('timerPlan', () => {
  // Received Mon 3 March 07:00, 3 working days → Wed 5 March 17:00; step of 4 h → Mon 11:00.
  function planned(): DeadlineLedger {
    const l = vnLedger(T0, days(3));
    return startStep(l, { stepId: 'receive', unitId: 'desk', at: T0, allotment: hours(4) }, vnCal);
  }

  it('lists warning, Form 04 and breach instants, earliest first', () => {
    const plan = timerPlan(planned(), T0, vnCal);
    expect(plan).toEqual([
      { at: vn(2025, 3, 3, 10, 0), kind: 'warning', scope: 'step', stepId: 'receive', dueMs: vn(2025, 3, 3, 11, 0) },
      { at: vn(2025, 3, 3, 11, 0) + 1, kind: 'breach', scope: 'step', stepId: 'receive', dueMs: vn(2025, 3, 3, 11, 0) },
      { at: vn(2025, 3, 4, 17, 0), kind: 'form04_draft', scope: 'dossier', dueMs: vn(2025, 3, 5, 17, 0) },
      { at: vn(2025, 3, 4, 17, 0), kind: 'warning', scope: 'dossier', dueMs: vn(2025, 3, 5, 17, 0) },
      { at: vn(2025, 3, 5, 17, 0) + 1, kind: 'breach', scope: 'dossier', dueMs: vn(2025, 3, 5, 17, 0) },
    ]);
  });

  it('agrees with the classifier: each instant is where the status changes', () => {
    const l = planned();
    for (const t of timerPlan(l, T0, vnCal)) {
      const status = (now: number): string =>
        t.scope === 'dossier' ? classifyDossier(l, now, vnCal) : classifyStep(l, t.stepId ?? '', now, vnCal);
      const [before, after] = t.kind === 'breach' ? ['due_soon', 'overdue'] : ['within', 'due_soon'];
      if (t.kind === 'form04_draft') continue;
      expect(status(t.at - 1)).toBe(before);
      expect(status(t.at)).toBe(after);
    }
  });

  it('drops instants already passed and plans nothing while stopped or closed', () => {
    const l = planned();
    const later = timerPlan(l, vn(2025, 3, 3, 10, 30), vnCal);
    expect(later.map((t) => `${t.scope}:${t.kind}`)).toEqual(['step:breach', 'dossier:form04_draft', 'dossier:warning', 'dossier:breach']);
    const wed = timerPlan(l, vn(2025, 3, 5, 9, 0), vnCal);
    expect(wed.map((t) => `${t.scope}:${t.kind}`)).toEqual(['dossier:breach']);
    const paused = pause(l, { reason: 'supplement', at: vn(2025, 3, 3, 10, 30), rule: 'r' }, vnCal);
    expect(timerPlan(paused, vn(2025, 3, 3, 10, 30), vnCal)).toEqual([]);
    expect(timerPlan(closeLedger(l, { at: vn(2025, 3, 3, 10, 30) }, vnCal), vn(2025, 3, 3, 10, 30), vnCal)).toEqual([]);
  });

  it('moves with the due after a pause is resumed', () => {
    let l = pause(planned(), { reason: 'supplement', at: vn(2025, 3, 3, 10, 30), rule: 'r' }, vnCal);
    // Paused Mon 10:30 → Tue 10:30 = 480; step due Mon 11:00 → Tue 11:00; dossier Wed → Thu 17:00.
    l = resume(l, { at: vn(2025, 3, 4, 10, 30) }, vnCal);
    const plan = timerPlan(l, vn(2025, 3, 4, 10, 30), vnCal);
    expect(plan[0]).toEqual({ at: vn(2025, 3, 4, 11, 0) + 1, kind: 'breach', scope: 'step', stepId: 'receive', dueMs: vn(2025, 3, 4, 11, 0) });
    expect(plan[plan.length - 1]).toMatchObject({ kind: 'breach', scope: 'dossier', dueMs: vn(2025, 3, 6, 17, 0) });
  });
});
