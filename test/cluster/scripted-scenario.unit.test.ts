import { planScenario } from '../../cli/demo/scripted-scenario';
import { formatLocalIso, localDayNumber } from '../../domain/calendar/local-time';
import { run } from '../../domain/dossier/decide';
import { initialState } from '../../domain/dossier/dossier-state';
import { nextWakeUp } from '../../domain/dossier/sla-timers';
import { startInput } from '../support/dossier-fixtures';

const HOUR = 3600_000;

/**
 * The cluster tier compares two runs of the scripted scenario row for row, so the scenario must not
 * depend on when it runs. These are the properties that claim rests on.
 */
describe('the scripted scale-out scenario', () => {
  const t = '2026-03-02T09:15:00+07:00';

  it('is the same plan for the same seed and instant, and another for another seed', () => {
    expect(planScenario(60, 7, t)).toEqual(planScenario(60, 7, t));
    expect(planScenario(60, 8, t)).not.toEqual(planScenario(60, 7, t));
  });

  it('sends each desk its dossiers in index order, every one received at the given instant', () => {
    const plan = planScenario(100, 3, t);
    const desks = new Set(plan.map((p) => p.desk));
    expect(desks.size).toBe(8);
    for (const d of desks) {
      const mine = plan.filter((p) => p.desk === d);
      expect(mine.map((p) => p.index)).toEqual([...mine.map((p) => p.index)].sort((a, b) => a - b));
      expect(new Set(mine.map((p) => p.body.receivingUnitId)).size).toBe(1);
    }
    expect(new Set(plan.map((p) => p.body.receivedAt))).toEqual(new Set([t]));
    expect(new Set(plan.map((p) => p.profile))).toEqual(new Set(['standard', 'returned', 'supplement', 'withdrawn', 'extended', 'desk_supplement', 'refused']));
  });

  it('whenever it runs, a dossier is due two local days later or more and no SLA timer is due within half an hour', () => {
    // every 61 minutes across a week with a weekend: every hour of the day, working or not
    const start = Date.parse('2026-03-05T00:00:00+07:00');
    const combos = new Map(planScenario(400, 1, t).map((p) => [`${p.body.procedureCode}|${p.body.receivingUnitId}|${p.body.channel}`, p.body]));
    let checked = 0;
    for (let ms = start; ms < start + 7 * 24 * HOUR; ms += 61 * 60_000) {
      for (const body of combos.values()) {
        const input = startInput({ procedureCode: body.procedureCode, receivingUnitId: body.receivingUnitId, channel: body.channel, receivedAt: formatLocalIso(ms) });
        const { state } = run({ type: 'dossier.start' }, initialState(input), ms);
        const due = state.ledger!.committedDueMs;
        expect({ combo: `${body.procedureCode} ${body.channel}`, days: localDayNumber(due) - localDayNumber(ms) >= 2 }).toEqual({ combo: `${body.procedureCode} ${body.channel}`, days: true });
        expect(nextWakeUp(state, ms)! - ms).toBeGreaterThanOrEqual(30 * 60_000);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
