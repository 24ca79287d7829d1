/** A worker thread of the breach forecast: rebuilds the live dossiers itself and runs its share of the runs. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../contracts/catalog.contract';
import { getCalendar } from '../domain/calendar/calendar-registry';
import { forecastRuns } from '../domain/simulation/forecast';
import { rebuildAll } from './forecast-parallel';
import type { LiveDossier, UnitServiceRate } from '../domain/simulation/live-state';

interface Input {
  lives: LiveDossier[];
  catalog: Catalog;
  rates: Map<string, UnitServiceRate>;
  options: { now: number; calendarVersion: string; horizonWorkingMinutes: number; seed: number };
  runNumbers: number[];
}

const input = workerData as Input;
try {
  const { states, failed } = rebuildAll(input.lives, input.catalog);
  const o = input.options;
  const tally = forecastRuns(states, input.rates, { now: o.now, calendar: getCalendar(o.calendarVersion), horizonWorkingMinutes: o.horizonWorkingMinutes, seed: o.seed }, input.runNumbers);
  parentPort!.postMessage({ ok: true, tally, failed });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
