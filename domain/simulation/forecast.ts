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
  const runs = o.runs ?? 20;
  const horizonEnd = addWorkingTime(o.now, o.horizonWorkingMinutes ?? 480, o.calendar);
  const units = new Map<string, UnitModel>([...rates.values()].map((r) => [r.unitId, measuredUnit(r)]));
  const fallback = o.fallbackServiceMinutes ?? 60;
  const unmodelled = (unitId: string): UnitModel => ({ unitId, officers: Number.POSITIVE_INFINITY, service: (kind: StepKind, rnd: Rng) => sample({ kind: 'exponential', mean: fallback }, rnd) * (kind === 'result_return' ? 0 : 1) });
  // every open task in its unit's queue, oldest first
  // (a dossier waiting for its applicant holds no officer)
  const queued = states
    .flatMap((s, i) => (s.phase !== 'processing' ? [] : s.tasks).filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => ({ i, t, kind: s.input.procedure.steps.find((x) => x.id === t.stepId)!.kind })))
    .sort((a, b) => a.t.assignedAt - b.t.assignedAt || a.i - b.i || (a.t.taskId < b.t.taskId ? -1 : 1));
  const breaches = new Array<number>(states.length).fill(0);
  const ends: number[][] = states.map(() => []);
  // a dossier already overdue has been breached already; its timer will not fire again

  for (let r = 0; r < runs; r++) {
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
    const adopted = states.map((s) => engine.adopt(s, o.now));
    // the oldest tasks of each unit are already in hand: half a service time is left of them
    const inHand = new Map<string, number>();
    for (const q of queued) {
      const n = inHand.get(q.t.unitId) ?? 0;
      inHand.set(q.t.unitId, n + 1);
      const officers = units.get(q.t.unitId)?.officers ?? Number.POSITIVE_INFINITY;
      engine.queueTask(adopted[q.i]!, q.t.taskId, q.kind, q.t.assignedAt, n < officers ? 0.5 : 1);
    }
    engine.run(horizonEnd);
    adopted.forEach((d, i) => {
      const due = states[i]!.ledger?.committedDueMs ?? Number.POSITIVE_INFINITY;
      const end = endAt.get(d);
      if (end !== undefined) ends[i]!.push(end);
      if (due >= o.now && breached.has(d)) breaches[i]! += 1;
    });
  }
  const dossiers = states.map((s, i): DossierForecast => {
    const due = s.ledger?.committedDueMs ?? Number.POSITIVE_INFINITY;
    const open = s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').sort((a, b) => a.dueMs - b.dueMs);
    const sorted = [...ends[i]!].sort((a, b) => a - b);
    const status: DossierForecast['status'] = due < o.now ? 'breached' : due < horizonEnd ? 'at_risk' : 'beyond_horizon';
    return {
      dossierCode: s.input.dossierCode,
      unitId: open[0]?.unitId ?? s.input.unitId,
      appointmentAt: due,
      probability: status === 'breached' ? 1 : Math.round((breaches[i]! / runs) * 1000) / 1000,
      medianEndAt: sorted.length > 0 ? sorted[Math.floor((sorted.length - 1) / 2)]! : null,
      status,
    };
  });
  return { now: o.now, horizonEnd, runs, dossiers };
}

