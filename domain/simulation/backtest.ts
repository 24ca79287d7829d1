/**
 * Backtest of the breach forecast on simulated history: a run of a profile is stopped at snapshot
 * instants; at each the open dossiers are turned into what the read models would hold, rebuilt
 * and forecast from the units' measured service exactly as the live forecaster does; the run then
 * goes on and says which of them the decider actually declared breached within the horizon.
 */
import type { Catalog } from '../../contracts/catalog.contract';
import type { SimulationProfile } from '../../contracts/simulation/simulation-profile.contract';
import { addWorkingTime, nextWorkingInstant, workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';
import { forecastBreaches } from './forecast';
import { liveDossierFromState, measureServiceRates, reconstructState, type CompletedTask } from './live-state';
import { compileProfile, componentEngine, type CompiledProfile } from './world';

export interface BacktestOptions {
  profile: SimulationProfile;
  catalog: Catalog;
  seed: number;
  /** Components of the profile to run (default all). */
  components?: number[];
  /** Simulated days before the first snapshot. */
  warmupDays: number;
  snapshots: number;
  /** Working minutes between snapshots (default one working day). */
  everyWorkingMinutes?: number;
  horizonWorkingMinutes?: number;
  historyWorkingMinutes?: number;
  runs?: number;
  threshold?: number;
}

export interface BacktestResult {
  snapshots: number;
  predictions: number;
  /** Dossiers the decider declared breached within the horizon after a snapshot. */
  positives: number;
  predictedPositives: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  unreconstructed: number;
  /** The wrong calls (dossier, snapshot, probability, whether the decider declared the breach). */
  misses: Array<{ dossierCode: string; at: number; probability: number; breached: boolean }>;
}

export function backtest(o: BacktestOptions): BacktestResult {
  const horizon = o.horizonWorkingMinutes ?? 480;
  const every = o.everyWorkingMinutes ?? 480;
  const history = o.historyWorkingMinutes ?? 10 * 480;
  const threshold = o.threshold ?? 0.5;
  const years = Math.max(1, Math.ceil((o.warmupDays + (o.snapshots * every) / 480 * 1.6 + 30) / 365));
  const c: CompiledProfile = compileProfile(o.profile, o.catalog, years);
  const cal: WorkingCalendar = c.calendar;
  const out: BacktestResult = { snapshots: 0, predictions: 0, positives: 0, predictedPositives: 0, truePositives: 0, precision: null, recall: null, unreconstructed: 0, misses: [] };
  for (const index of o.components ?? c.components.map((k) => k.index)) {
    const completions: CompletedTask[] = [];
    const breachedAt = new Map<string, number>();
    const returnSteps = new Set<string>();
    const engine = componentEngine(c, c.components[index]!, {
      seed: o.seed,
      sink: {
        events(d, events) {
          for (const e of events) {
            if (e.type === 'task.completed') {
              const kind = d.state.input.procedure.steps.find((s) => s.id === e.payload.stepId)?.kind;
              if (kind === 'result_return') returnSteps.add(e.payload.taskId);
              else completions.push({ unitId: e.payload.unitId, officerId: e.payload.officerId, finishedAt: Date.parse(e.payload.completedAt), consumedWorkingMinutes: e.payload.consumedWorkingMinutes });
            } else if (e.type === 'sla.breached' && e.payload.scope === 'dossier' && !breachedAt.has(e.dossierCode)) breachedAt.set(e.dossierCode, Date.parse(e.payload.raisedAt));
          }
        },
        ended() {},
      },
    });
    let t = nextWorkingInstant(c.fromMs + o.warmupDays * 86_400_000, cal);
    const predicted: Array<{ code: string; from: number; to: number; p: number }> = [];
    for (let k = 0; k < o.snapshots; k++) {
      engine.run(t);
      const states = [];
      for (const d of engine.liveDossiers()) {
        const live = liveDossierFromState(d.state);
        if (!live) continue;
        const r = reconstructState(live, c.catalog);
        if (r.ok) states.push(r.state);
        else out.unreconstructed++;
      }
      const from = workingTimeBefore(t, history, cal);
      const recent = completions.filter((x) => x.finishedAt >= from && x.finishedAt < t);
      const f = forecastBreaches(states, measureServiceRates(recent, cal), { now: t, calendar: cal, horizonWorkingMinutes: horizon, runs: o.runs ?? 20, seed: o.seed * 7919 + k });
      for (const d of f.dossiers) if (d.status === 'at_risk') predicted.push({ code: d.dossierCode, from: t, to: f.horizonEnd, p: d.probability });
      out.snapshots++;
      t = addWorkingTime(t, every, cal);
    }
    engine.run(addWorkingTime(t, horizon + 480, cal));
    for (const p of predicted) {
      const at = breachedAt.get(p.code);
      const actual = at !== undefined && at > p.from && at <= p.to + 1;
      const yes = p.p >= threshold;
      out.predictions++;
      if (actual) out.positives++;
      if (yes) out.predictedPositives++;
      if (yes && actual) out.truePositives++;
      if (yes !== actual) out.misses.push({ dossierCode: p.code, at: p.from, probability: p.p, breached: actual });
    }
  }
  out.precision = out.predictedPositives > 0 ? out.truePositives / out.predictedPositives : null;
  out.recall = out.positives > 0 ? out.truePositives / out.positives : null;
  return out;
}

/** The latest instant with at least `minutes` working minutes between it and `at`. */
export function workingTimeBefore(at: number, minutes: number, cal: WorkingCalendar): number {
  let lo = at - (Math.ceil(minutes / 480) * 3 + 20) * 86_400_000;
  let hi = at;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingTimeBetween(mid, at, cal) >= minutes) lo = mid;
    else hi = mid;
  }
  return lo;
}
