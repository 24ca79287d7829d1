/**
 * Breach forecast: the live workload run forward many times by the simulation engine, with each
 * unit's officers and service times as measured from its recent completions, and no new work
 * arriving. A dossier's probability is the share of runs in which the decider declares its
 * appointment breached before the horizon (processing not ended at the appointment, no pause
 * stopping the clock); an appointment after the horizon cannot be breached in it.
 */
import type { StepKind } from '../../contracts/procedure.contract';
import { Behaviour } from '../../contracts/simulation/simulation-profile.contract';
import { addWorkingTime, type WorkingCalendar } from '../calendar/working-calendar';
import type { DossierState } from '../dossier/dossier-state';
import { SimulationEngine, type SimDossier, type UnitModel } from './engine';
import type { UnitServiceRate } from './live-state';
import { deriveSeed, sample, type Rng } from './random';

export interface ForecastOptions {
  now: number;
  calendar: WorkingCalendar;
  /** Look this many working minutes ahead (default one working day). */
  horizonWorkingMinutes?: number;
  runs?: number;
  seed?: number;
  /** Service of a unit with no recent completion: working minutes per task, no queue. */
  fallbackServiceMinutes?: number;
}

export interface DossierForecast {
  dossierCode: string;
  /** The unit holding its earliest-due open task (who can still act). */
  unitId: string;
  appointmentAt: number;
  /** Share of runs in which the appointment is breached before the horizon; 1 when already past it. */
  probability: number;
  /** Median instant processing ended among the runs that ended before the horizon. */
  medianEndAt: number | null;
  status: 'breached' | 'at_risk' | 'beyond_horizon';
}

export interface Forecast {
  now: number;
  horizonEnd: number;
  runs: number;
  dossiers: DossierForecast[];
}

const NO_ONE_BEHAVES: Behaviour = Behaviour.parse({ digitisedRate: 0, pickupDelayDays: { kind: 'fixed', value: 0 } });

function measuredUnit(rate: UnitServiceRate): UnitModel {
  const samples = rate.samples;
  return {
    unitId: rate.unitId,
    officers: rate.officers,
    // a bootstrap of the unit's own recent service times
    service: (_kind: StepKind, rnd: Rng) => (samples.length > 0 ? samples[Math.floor(rnd() * samples.length)]! : 60),
  };
}

/** Runs the forecast over states already rebuilt (see reconstructState); pure and deterministic for a seed. */
export function forecastBreaches(states: readonly DossierState[], rates: ReadonlyMap<string, UnitServiceRate>, o: ForecastOptions): Forecast {
  const runs = Array.from({ length: o.runs ?? 20 }, (_, r) => r);
  return forecastFromTallies(states, [forecastRuns(states, rates, o, runs)], o);
}

/** What some of the runs saw, per dossier (in the order of the states): breaches, and when processing ended. */
export interface ForecastTally {
  runs: number;
  breaches: number[];
  ends: number[][];
}

/** Some of the forecast's runs (by run number, each seeded by it): threads can share the runs and add up their tallies. */
export function forecastRuns(states: readonly DossierState[], rates: ReadonlyMap<string, UnitServiceRate>, o: ForecastOptions, runNumbers: readonly number[]): ForecastTally {
  const horizonEnd = addWorkingTime(o.now, o.horizonWorkingMinutes ?? 480, o.calendar);
  const units = new Map<string, UnitModel>([...rates.values()].map((r) => [r.unitId, measuredUnit(r)]));
  const fallback = o.fallbackServiceMinutes ?? 60;
  const unmodelled = (unitId: string): UnitModel => ({ unitId, officers: Number.POSITIVE_INFINITY, service: (kind: StepKind, rnd: Rng) => sample({ kind: 'exponential', mean: fallback }, rnd) * (kind === 'result_return' ? 0 : 1) });
  // every open task in its unit's queue, oldest first
  // (a dossier waiting for its applicant holds no officer)
  const queued = states
    .flatMap((s, i) => (s.phase !== 'processing' ? [] : s.tasks).filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => ({ i, t, kind: s.input.procedure.steps.find((x) => x.id === t.stepId)!.kind })))
    .sort((a, b) => a.t.assignedAt - b.t.assignedAt || a.i - b.i || (a.t.taskId < b.t.taskId ? -1 : 1));
  // only a dossier whose appointment falls within the horizon can breach in it: the others need no
  // timer (their SLA facts change nothing here), though their tasks still hold their places in the queues
  const atRisk = states.map((s) => {
    const due = s.ledger?.committedDueMs ?? Number.POSITIVE_INFINITY;
    return due >= o.now && due < horizonEnd;
  });
  // A unit starts at most its officers times (horizon ÷ service time) tasks before the horizon: with
  // twice that bound on its 10th-percentile service, tasks further back in its queue never start in a
  // run, so they stay where they are, and a dossier with no other task (and no appointment within the
  // horizon) is left out of the runs altogether.
  const horizonMinutes = o.horizonWorkingMinutes ?? 480;
  const reach = new Map<string, number>();
  for (const r of rates.values()) {
    const sorted = [...r.samples].sort((a, b) => a - b);
    const short = Math.max(1, sorted[Math.floor(sorted.length / 10)] ?? 0);
    reach.set(r.unitId, sorted.length > 0 ? 2 * r.officers * (Math.ceil(horizonMinutes / short) + 1) : Number.POSITIVE_INFINITY);
  }
  const position = new Map<string, number>();
  const kept = queued.filter((q) => {
    const n = position.get(q.t.unitId) ?? 0;
    position.set(q.t.unitId, n + 1);
    return n < (reach.get(q.t.unitId) ?? Number.POSITIVE_INFINITY);
  });
  const moving = new Set(kept.map((q) => q.i));
  const followed = states.map((_, i) => atRisk[i]! || moving.has(i));
  const breaches = new Array<number>(states.length).fill(0);
  const ends: number[][] = states.map(() => []);
  for (const r of runNumbers) {
    const endAt = new Map<SimDossier, number>();
    const breached = new Set<SimDossier>();
    const engine = new SimulationEngine({
      calendar: o.calendar,
      behaviour: NO_ONE_BEHAVES,
      units,
      unmodelled,
      seed: deriveSeed(o.seed ?? 1, 'forecast', r),
      label: `run-${r}`,
      codePrefix: 'FORECAST',
      endAtResult: true,
      breachTimersOnly: true,
      sink: {
        events(d, events) {
          for (const e of events) {
            // the breach is the decider's: its dossier timer fires while processing has not ended and no pause stops the clock
            if (e.type === 'sla.breached' && e.payload.scope === 'dossier') breached.add(d);
            else if (e.type === 'dossier.result_ready') endAt.set(d, Date.parse(e.payload.finishedAt));
          }
        },
        ended() {},
      },
    });
    const adopted = states.map((s, i) => (followed[i] ? engine.adopt(s, o.now, atRisk[i]) : undefined));
    // the oldest tasks of each unit are already in hand: half a service time is left of them
    const inHand = new Map<string, number>();
    for (const q of kept) {
      const n = inHand.get(q.t.unitId) ?? 0;
      inHand.set(q.t.unitId, n + 1);
      const officers = units.get(q.t.unitId)?.officers ?? Number.POSITIVE_INFINITY;
      engine.queueTask(adopted[q.i]!, q.t.taskId, q.kind, q.t.assignedAt, n < officers ? 0.5 : 1);
    }
    engine.run(horizonEnd);
    adopted.forEach((d, i) => {
      if (!d) return;
      const due = states[i]!.ledger?.committedDueMs ?? Number.POSITIVE_INFINITY;
      const end = endAt.get(d);
      if (end !== undefined) ends[i]!.push(end);
      if (due >= o.now && breached.has(d)) breaches[i]! += 1;
    });
  }
  return { runs: runNumbers.length, breaches, ends };
}

/** What the forecast says each dossier is: its code, appointment and the unit holding its earliest-due open task. */
export interface ForecastSubject {
  dossierCode: string;
  appointmentAt: number;
  unitId: string;
}

export function subjectOf(s: DossierState): ForecastSubject {
  const open = s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').sort((a, b) => a.dueMs - b.dueMs);
  return { dossierCode: s.input.dossierCode, appointmentAt: s.ledger?.committedDueMs ?? Number.POSITIVE_INFINITY, unitId: open[0]?.unitId ?? s.input.unitId };
}

/** The forecast from the tallies of all its runs (subjects in the order of the states the runs were given). */
export function forecastFromTallies(subjects: readonly (DossierState | ForecastSubject)[], tallies: readonly ForecastTally[], o: Pick<ForecastOptions, 'now' | 'calendar' | 'horizonWorkingMinutes'>): Forecast {
  const horizonEnd = addWorkingTime(o.now, o.horizonWorkingMinutes ?? 480, o.calendar);
  const runs = tallies.reduce((n, t) => n + t.runs, 0);
  const dossiers = subjects.map((x, i): DossierForecast => {
    const s = 'input' in x ? subjectOf(x) : x;
    const due = s.appointmentAt;
    const breaches = tallies.reduce((n, t) => n + t.breaches[i]!, 0);
    const sorted = tallies.flatMap((t) => t.ends[i]!).sort((a, b) => a - b);
    const status: DossierForecast['status'] = due < o.now ? 'breached' : due < horizonEnd ? 'at_risk' : 'beyond_horizon';
    return {
      dossierCode: s.dossierCode,
      unitId: s.unitId,
      appointmentAt: due,
      probability: status === 'breached' ? 1 : runs > 0 ? Math.round((breaches / runs) * 1000) / 1000 : 0,
      medianEndAt: sorted.length > 0 ? sorted[Math.floor((sorted.length - 1) / 2)]! : null,
      status,
    };
  });
  return { now: o.now, horizonEnd, runs, dossiers };
}
