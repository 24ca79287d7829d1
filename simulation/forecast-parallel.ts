import { startWorker } from './worker-script';
import type { Catalog } from '../contracts/catalog.contract';
import { getCalendar } from '../domain/calendar/calendar-registry';
import type { DossierState } from '../domain/dossier/dossier-state';
import { forecastFromTallies, forecastRuns, type Forecast, type ForecastTally } from '../domain/simulation/forecast';
import { reconstructState, type LiveDossier, type UnitServiceRate } from '../domain/simulation/live-state';
import { ReceptionPlanner } from '../domain/simulation/reception-planner';

/** Every live dossier rebuilt through the decider (those that cannot be, with why), in the order given. */
export function rebuildAll(lives: readonly LiveDossier[], catalog: Catalog): { states: DossierState[]; rebuilt: LiveDossier[]; failed: Array<{ dossierCode: string; reason: string }> } {
  const planner = new ReceptionPlanner(catalog);
  const states: DossierState[] = [];
  const rebuilt: LiveDossier[] = [];
  const failed: Array<{ dossierCode: string; reason: string }> = [];
  for (const l of lives) {
    const r = reconstructState(l, planner);
    if (r.ok) {
      states.push(r.state);
      rebuilt.push(l);
    } else failed.push({ dossierCode: l.dossierCode, reason: r.reason });
  }
  return { states, rebuilt, failed };
}

export interface ParallelForecastOptions {
  now: number;
  calendarVersion: string;
  horizonWorkingMinutes: number;
  runs: number;
  seed: number;
  /** Worker threads (default 1: each thread rebuilds every dossier, which a busy machine does not repay); below `minPerThread` dossiers per thread it all runs in this thread. */
  threads?: number;
  minPerThread?: number;
}

/** Young generation of a forecast thread: its runs allocate much and briefly. */
const YOUNG_GENERATION_MB = 128;

/**
 * The breach forecast of live dossiers, its runs shared between worker threads: each thread
 * rebuilds the dossiers (deterministic, so all threads hold the same states) and runs its share
 * of the run numbers; the tallies add up to the same forecast as one thread would give.
 */
export async function forecastLive(lives: readonly LiveDossier[], catalog: Catalog, rates: Map<string, UnitServiceRate>, o: ParallelForecastOptions): Promise<{ forecast: Forecast; failed: Array<{ dossierCode: string; reason: string }> }> {
  const calendar = getCalendar(o.calendarVersion);
  const threads = Math.max(1, Math.min(o.threads ?? 1, o.runs, Math.floor(lives.length / (o.minPerThread ?? 1000)) || 1));
  const runNumbers = Array.from({ length: o.runs }, (_, r) => r);
  if (threads === 1) {
    const { states, failed } = rebuildAll(lives, catalog);
    const tally = forecastRuns(states, rates, { now: o.now, calendar, horizonWorkingMinutes: o.horizonWorkingMinutes, seed: o.seed }, runNumbers);
    return { forecast: forecastFromTallies(states, [tally], { now: o.now, calendar, horizonWorkingMinutes: o.horizonWorkingMinutes }), failed };
  }
  const shares = Array.from({ length: threads }, (_, k) => runNumbers.filter((r) => r % threads === k));
  const parts = await Promise.all(shares.map((share) => runWorker(lives, catalog, rates, o, share)));
  // every thread rebuilt the same dossiers (the rebuild is deterministic): the first says which failed
  const failed = parts[0]!.failed;
  const left = new Set(failed.map((f) => f.dossierCode));
  const subjects = lives.filter((l) => !left.has(l.dossierCode)).map(subjectOfLive);
  return { forecast: forecastFromTallies(subjects, parts.map((p) => p.tally), { now: o.now, calendar, horizonWorkingMinutes: o.horizonWorkingMinutes }), failed };
}

/** The subject of a live dossier: the rebuilt state has the same appointment and dues (see reconstructState). */
function subjectOfLive(l: LiveDossier) {
  const open = l.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').sort((a, b) => a.dueAt - b.dueAt);
  return { dossierCode: l.dossierCode, appointmentAt: l.appointmentAt, unitId: open[0]?.unitId ?? l.receivingUnitId };
}

function runWorker(lives: readonly LiveDossier[], catalog: Catalog, rates: Map<string, UnitServiceRate>, o: ParallelForecastOptions, runNumbers: number[]): Promise<{ tally: ForecastTally; failed: Array<{ dossierCode: string; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(require.resolve('./forecast-worker'), {
      workerData: { lives, catalog, rates, options: { now: o.now, calendarVersion: o.calendarVersion, horizonWorkingMinutes: o.horizonWorkingMinutes, seed: o.seed }, runNumbers },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.once('message', (m: { ok: boolean; tally?: ForecastTally; failed?: Array<{ dossierCode: string; reason: string }>; message?: string }) => (m.ok ? resolve({ tally: m.tally!, failed: m.failed! }) : reject(new Error(m.message))));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`a forecast worker exited with code ${code}`)));
  });
}
