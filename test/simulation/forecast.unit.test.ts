import path from 'node:path';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { applyPolicy } from '../../domain/simulation/policy';
import { backtest } from '../../domain/simulation/backtest';
import { forecastBreaches } from '../../domain/simulation/forecast';
import { liveDossierFromState, measureServiceRates, reconstructState, type UnitServiceRate } from '../../domain/simulation/live-state';
import { compileProfile, componentEngine } from '../../domain/simulation/world';
import { loadPolicy, loadProfile } from '../../simulation/load-profile';
import { Dossier } from '../dossier/helpers';

const cal = getCalendar('vn-2026.1');
const T = (local: string): number => Date.parse(`${local}+07:00`);

describe('service measured from completions', () => {
  it('a busy officer’s task took the time since their previous one; an idle officer’s, its time in the unit', () => {
    const rates = measureServiceRates(
      [
        // officer a: idle, then a queue (consumed includes the wait)
        { unitId: 'U', officerId: 'a', finishedAt: T('2026-03-02T08:00:00'), consumedWorkingMinutes: 60 },
        { unitId: 'U', officerId: 'a', finishedAt: T('2026-03-02T08:45:00'), consumedWorkingMinutes: 100 },
        { unitId: 'U', officerId: 'b', finishedAt: T('2026-03-02T09:00:00'), consumedWorkingMinutes: 30 },
        // across lunch: 10:30 → 14:00 is 90 working minutes, but the task was in the unit 20
        { unitId: 'U', officerId: 'a', finishedAt: T('2026-03-02T14:00:00'), consumedWorkingMinutes: 20 },
        { unitId: 'V', officerId: null, finishedAt: T('2026-03-02T10:00:00'), consumedWorkingMinutes: 15 },
      ],
      cal,
    );
    expect(rates.get('U')).toEqual({ unitId: 'U', officers: 2, samples: [60, 45, 30, 20] });
    expect(rates.get('V')).toEqual({ unitId: 'V', officers: 1, samples: [15] });
  });
});

describe('live state rebuilt through the decider', () => {
  it('every open dossier of a simulated day comes back with the same open tasks, dues, pause and appointment', () => {
    const { profile, catalog } = loadProfile(path.join(__dirname, 'small-profile.json'));
    const c = compileProfile(profile, catalog);
    const engine = componentEngine(c, c.components[0]!, { seed: 4, sink: { events() {}, ended() {} } });
    engine.run(T('2026-04-08T10:00:00'));
    const open = [...engine.liveDossiers()].map((d) => d.state).filter((s) => liveDossierFromState(s));
    expect(open.length).toBeGreaterThan(10);
    const paused = open.filter((s) => s.phase === 'supplement' || s.phase === 'payment');
    expect(paused.length).toBeGreaterThan(0);
    for (const s of open) {
      const r = reconstructState(liveDossierFromState(s)!, c.catalog);
      if (!r.ok) throw new Error(`${s.input.dossierCode}: ${r.reason}`);
      const view = (x: typeof s) => ({
        phase: x.phase,
        appointment: x.ledger!.committedDueMs,
        open: x.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => [t.taskId, t.unitId, t.dueMs, t.assignedAt]),
        done: x.doneSteps,
      });
      expect(view(r.state)).toEqual(view(s));
    }
  });
});

describe('forecast', () => {
  it('one officer, two hours a reception: the fourth of six dossiers due tomorrow 08:00 is the first to breach', () => {
    // 1.001193, 1 working day: received Monday 2 March 2026 08:00, appointment Tuesday 08:00 (7 h Monday, 1 h Tuesday)
    const states = Array.from({ length: 6 }, (_, i) => Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T08:00:00+07:00', dossierCode: `FC-260302-${String(i + 1).padStart(4, '0')}` }).d.state);
    const rates = new Map<string, UnitServiceRate>([
      ['pt.p-phuc-yen.ttphcc', { unitId: 'pt.p-phuc-yen.ttphcc', officers: 1, samples: [120] }],
      ['pt.p-phuc-yen.vh-xh', { unitId: 'pt.p-phuc-yen.vh-xh', officers: 1, samples: [60] }],
      ['pt.p-phuc-yen', { unitId: 'pt.p-phuc-yen', officers: 1, samples: [30] }],
    ]);
    // the oldest reception is already in hand (half of it left): dossier k leaves the desk 1 + 2(k − 1) hours from now
    // and is done 1.5 h later: k = 3 at 6.5 h, on time; k = 4 at 8.5 h, past the appointment at 8 h
    const f = forecastBreaches(states, rates, { now: T('2026-03-02T08:00:00'), calendar: cal, horizonWorkingMinutes: 16 * 60, runs: 5 });
    expect(f.dossiers.map((d) => d.probability)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(f.dossiers.map((d) => d.status)).toEqual(Array(6).fill('at_risk'));
    expect(f.dossiers[0]!.medianEndAt).toBe(T('2026-03-02T10:30:00'));
    expect(f.dossiers[0]!.unitId).toBe('pt.p-phuc-yen.ttphcc');
    // with a second officer the queue halves and everyone is on time
    const two = new Map(rates);
    two.set('pt.p-phuc-yen.ttphcc', { unitId: 'pt.p-phuc-yen.ttphcc', officers: 2, samples: [120] });
    expect(forecastBreaches(states, two, { now: T('2026-03-02T08:00:00'), calendar: cal, horizonWorkingMinutes: 16 * 60, runs: 5 }).dossiers.map((d) => d.probability)).toEqual([0, 0, 0, 0, 0, 0]);
    // an appointment after the horizon cannot breach within it
    const short = forecastBreaches(states, rates, { now: T('2026-03-02T08:00:00'), calendar: cal, horizonWorkingMinutes: 4 * 60, runs: 5 });
    expect(short.dossiers.every((d) => d.status === 'beyond_horizon' && d.probability === 0)).toBe(true);
  });

  it('backtest on simulated history (Phúc Yên city desk, land branch three officers short): precision and recall of breaches within one working day at least 0.8', () => {
    const { profile, catalog } = loadProfile('phuc-yen');
    const p = applyPolicy(profile, catalog, loadPolicy(path.join(__dirname, '../../simulation/policies/land-branch-three-officers-fewer.json')));
    const city = compileProfile(p.profile, p.catalog, 1).components.findIndex((k) => k.sources.some((s) => s.receivingUnitId === 'vp.phuc-yen.mot-cua'));
    const r = backtest({ profile: { ...p.profile, behaviour: { ...p.profile.behaviour, form04Rate: 0 } }, catalog: p.catalog, seed: 3, components: [city], warmupDays: 60, snapshots: 20, runs: 20 });
    expect(r.unreconstructed).toBe(0);
    expect(r.positives).toBeGreaterThanOrEqual(30);
    expect(r.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.recall).toBeGreaterThanOrEqual(0.8);
  });
});
