import { decisionInstant, planningInstant } from '../../domain/dossier/decision-instant';
import { nextWakeUp } from '../../domain/dossier/sla-timers';
import { Dossier, at } from './helpers';

const T = at('2026-03-02T09:00:00+07:00');

describe('decision instants', () => {
  it('is the fixed instant, whatever the clock of the task that decides it', () => {
    // the same command decided by a first workflow task and by its retry a minute later
    const first = decisionInstant({ clock: T + 1_000, fixed: T, lastEventAt: T - 60_000 });
    const retry = decisionInstant({ clock: T + 61_000, fixed: T, lastEventAt: T - 60_000 });
    expect(first).toBe(T);
    expect(retry).toBe(T);
  });

  it('never goes before the last event or the last decision, never after the clock', () => {
    expect(decisionInstant({ clock: T + 5_000, fixed: T, lastEventAt: T + 2_000 })).toBe(T + 2_000);
    expect(decisionInstant({ clock: T + 5_000, fixed: T, lastEventAt: T - 1, decidedAt: T + 3_000 })).toBe(T + 3_000);
    // a caller's clock ahead of the server's
    expect(decisionInstant({ clock: T, fixed: T + 10_000 })).toBe(T);
  });

  it('is the clock without a fixed instant (a caller that stamps none) or with an unreadable one', () => {
    expect(decisionInstant({ clock: T, lastEventAt: T - 5 })).toBe(T);
    expect(decisionInstant({ clock: T, fixed: Number.NaN })).toBe(T);
  });

  it('plans from the latest decision, so an SLA instant that passed while the workflow was busy is ticked at itself', () => {
    expect(planningInstant({ clock: T + 10_000, lastEventAt: T, decidedAt: T + 1_000 })).toBe(T + 1_000);
    expect(planningInstant({ clock: T, lastEventAt: T + 1_000 })).toBe(T);
    expect(planningInstant({ clock: T })).toBe(T);
    // DEMO.01: the desk task's warning at T+1:30 passed while nothing ran; planned from the last event it comes first, and a tick at it raises it at its own instant
    const { d } = Dossier.start({ procedureCode: 'DEMO.01', receivedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'demo-24x7', minuteDemo: true });
    const clock = T + 10 * 60_000;
    const wake = nextWakeUp(d.state, planningInstant({ clock, lastEventAt: d.state.lastEventAt }))!;
    expect(wake).toBe(T + 90_000);
    const warned = d.tick(wake);
    expect(warned.map((e) => [e.type, e.occurredAt])).toEqual([['sla.warning', '2026-03-02T09:01:30+07:00']]);
  });
});
