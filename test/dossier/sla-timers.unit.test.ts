import { nextWakeUp } from '../../domain/dossier/sla-timers';
import { Dossier, MIN, at, one, only, types } from './helpers';

// DEMO.01 at minute scale on demo-24x7 (every minute is working time), received T = Mon 2 March 2026 09:00, direct:
// appointment T+12 min (budget 12 < 960, so due soon at 25% = 3 min before: T+9);
// tiep-nhan#1 (desk, 2 min) due T+2, due soon 30 s before: T+1:30.
const T = at('2026-03-02T09:00:00+07:00');
const DESK = 'pt.p-phuc-yen.ttphcc';

function demo(settings?: { classifier: { form04LeadWorkingMinutes: number } }) {
  return Dossier.start({ procedureCode: 'DEMO.01', receivedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'demo-24x7', minuteDemo: true, ...(settings ? { settings } : {}) }).d;
}

describe('SLA timers', () => {
  it('nextWakeUp is the earliest warning; a tick then emits it once; after the due comes the breach and the escalation, once', () => {
    const d = demo();
    expect(nextWakeUp(d.state, T)).toBe(T + 90_000);

    const warned = d.tick(T + 90_000);
    expect(types(warned)).toEqual(['sla.warning']);
    expect(warned[0]!.unitId).toBe(DESK);
    expect(one(warned, 'sla.warning').payload).toEqual({ scope: 'step', taskId: 'tiep-nhan#1', unitId: DESK, dueAt: '2026-03-02T09:02:00+07:00', raisedAt: '2026-03-02T09:01:30+07:00', remainingWorkingMinutes: 0.5 });
    expect(d.tick(T + 90_000)).toEqual([]);

    expect(nextWakeUp(d.state, T + 90_000)).toBe(T + 2 * MIN + 1);
    const breached = d.tick(T + 2 * MIN + 1);
    expect(types(breached)).toEqual(['sla.breached', 'sla.escalated']);
    expect(one(breached, 'sla.breached').payload).toMatchObject({ scope: 'step', taskId: 'tiep-nhan#1', unitId: DESK, dueAt: '2026-03-02T09:02:00+07:00', raisedAt: '2026-03-02T09:02:00.001+07:00' });
    expect(one(breached, 'sla.breached').payload.remainingWorkingMinutes).toBeCloseTo(-1 / 60_000, 10);
    const esc = one(breached, 'sla.escalated');
    expect(esc.unitId).toBe('pt.p-phuc-yen'); // the supervisor's inbox (input.supervisors)
    expect(esc.payload).toMatchObject({ scope: 'step', taskId: 'tiep-nhan#1', unitId: DESK, supervisorUnitId: 'pt.p-phuc-yen' });
    expect(d.tick(T + 2 * MIN + 1)).toEqual([]);
    expect(d.tick(T + 2 * MIN + 30_000)).toEqual([]);
  });

  it('the dossier warning comes 3 minutes before the appointment, for the unit holding the earliest open task', () => {
    const d = demo();
    const events = d.tick(T + 9 * MIN);
    const dossier = only(events, 'sla.warning').filter((e) => e.payload.scope === 'dossier');
    expect(dossier).toHaveLength(1);
    expect(dossier[0]!.payload).toEqual({ scope: 'dossier', unitId: DESK, dueAt: '2026-03-02T09:12:00+07:00', raisedAt: '2026-03-02T09:09:00+07:00', remainingWorkingMinutes: 3 });
    // the missed step timers are raised in the same tick, none twice; the step's warning, overtaken
    // by its breach, is not raised at all
    expect(types(events)).toEqual(['sla.breached', 'sla.escalated', 'sla.warning']);
    const breach = one(d.tick(T + 12 * MIN + 1), 'sla.breached');
    expect(breach.payload).toMatchObject({ scope: 'dossier', dueAt: '2026-03-02T09:12:00+07:00' });
  });

  it('Form 04 draft when the remaining work cannot fit before the appointment', () => {
    // lead 5 min: the draft instant is T+7; still at reception, 0 + tham-dinh 3 + ky 3 = 6 > 5 minutes left
    const d = demo({ classifier: { form04LeadWorkingMinutes: 5 } });
    expect(d.tick(T + 6 * MIN).filter((e) => e.type === 'sla.form04_drafted')).toEqual([]);
    const drafted = one(d.tick(T + 7 * MIN), 'sla.form04_drafted');
    expect(drafted.unitId).toBe(DESK);
    expect(drafted.payload).toEqual({ scope: 'dossier', unitId: DESK, dueAt: '2026-03-02T09:12:00+07:00', raisedAt: '2026-03-02T09:07:00+07:00', remainingWorkingMinutes: 5, remainingAllotmentWorkingMinutes: 6 });
    expect(only(d.tick(T + 7 * MIN), 'sla.form04_drafted')).toEqual([]);
  });

  it('no Form 04 draft when the remaining work fits', () => {
    const d = demo({ classifier: { form04LeadWorkingMinutes: 5 } });
    d.pass('tiep-nhan#1', T + 1 * MIN);
    d.pass('tham-dinh#1', T + 6 * MIN); // ky#1 (3 min) from T+6: 2 minutes of work left at T+7, 5 minutes of time
    expect(only(d.tick(T + 7 * MIN), 'sla.form04_drafted')).toEqual([]);
  });

  it('no SLA events while the clock is stopped by a supplement request; the only wake-up is the applicant deadline', () => {
    const d = demo();
    d.claim('tiep-nhan#1', T + 30_000);
    d.do({ type: 'supplement.request', ...d.ref('tiep-nhan#1'), reason: 'x', missing: ['a'], applicantDeadlineAt: '2026-03-03T09:00:00+07:00' }, T + MIN);
    expect(d.tick(T + 30 * MIN)).toEqual([]);
    expect(d.tick(T + 600 * MIN)).toEqual([]);
    expect(nextWakeUp(d.state, T + 30 * MIN)).toBe(at('2026-03-03T09:00:00+07:00'));
    // after the resubmission the timers run again, from the shifted dues (29 minutes waited: the step is due T+31)
    d.do({ type: 'supplement.resubmit' }, T + 30 * MIN);
    expect(nextWakeUp(d.state, T + 30 * MIN)).toBe(T + 30 * MIN + 30_000);
  });
});
