import os from 'node:os';
import { mergeIndicators } from '../domain/indicators/indicators-fold';
import { mergeStatistics } from '../domain/indicators/statistics-fold';
import type { UnitStats } from '../domain/simulation/engine';
import { DomainError } from '../domain/domain-error';
import { prepareRun, type PreparedRun, type RunRequest } from './prepare-run';
import { runComponent, type ComponentResult } from './run-component';
import type { SimulationResult } from './simulation-result';
import { summarise } from './simulation-result';
import type { WorkerInput } from './simulation-worker';
import { startWorker } from './worker-script';

export interface RunOptions {
  /** Worker threads (default: one per core, at most one per component); 1 runs in this thread. */
  threads?: number;
  /** Fraction of the run done, 0..1. */
  onProgress?: (fraction: number) => void;
}

export interface RunOutcome {
  prepared: PreparedRun;
  result: SimulationResult;
  /** Not part of the result (which is the same for the same seed, byte for byte). */
  timing: { wallMs: number; threads: number; eventsPerSecond: number };
}

/** Young generation for the workers: the decider allocates much and briefly, and a larger nursery halves the time spent collecting it. */
const WORKER_YOUNG_GENERATION_MB = 128;

/**
 * Runs a simulation: components go to worker threads (largest first, to the least loaded), each
 * runs them with streams seeded by its label, and the results are merged in component order, so
 * the outcome does not depend on the number of threads or on their timing.
 */
export async function runSimulation(req: RunRequest, o: RunOptions = {}): Promise<RunOutcome> {
  const t0 = performance.now();
  const prepared = prepareRun(req);
  const components = prepared.compiled.components;
  const threads = Math.max(1, Math.min(o.threads ?? os.availableParallelism(), components.length));
  const weights = components.map((c) => Math.max(1, c.expectedDossiers));
  const total = weights.reduce((a, b) => a + b, 0);
  const span = prepared.compiled.toMs - prepared.compiled.fromMs;
  const done = new Array<number>(components.length).fill(0);
  const progress = (index: number, simulatedMs: number) => {
    done[index] = Math.min(1, simulatedMs / span);
    o.onProgress?.(done.reduce((s, d, i) => s + d * weights[i]!, 0) / total);
  };
  let results: ComponentResult[];
  if (threads === 1) {
    results = components.map((c) => runComponent(prepared.compiled, c.index, req.seed, (ms) => progress(c.index, ms)));
  } else {
    const shares: number[][] = Array.from({ length: threads }, () => []);
    const load = new Array<number>(threads).fill(0);
    for (const c of [...components].sort((a, b) => weights[b.index]! - weights[a.index]! || a.index - b.index)) {
      const k = load.indexOf(Math.min(...load));
      shares[k]!.push(c.index);
      load[k]! += weights[c.index]!;
    }
    const parts = await Promise.all(shares.map((share) => runInWorker(prepared, req, share, progress)));
    results = parts.flat().sort((a, b) => a.index - b.index);
  }
  o.onProgress?.(1);
  const result = summarise(prepared, mergeResults(results), req.seed);
  const wallMs = performance.now() - t0;
  return { prepared, result, timing: { wallMs, threads, eventsPerSecond: Math.round(result.counts.events / (wallMs / 1000)) } };
}

function runInWorker(prepared: PreparedRun, req: RunRequest, components: number[], progress: (index: number, simulatedMs: number) => void): Promise<ComponentResult[]> {
  return new Promise((resolve, reject) => {
    // the worker compiles the profile and catalog this thread loaded (the same deterministic result)
    const workerData: WorkerInput = { profile: prepared.profile, catalog: prepared.catalog, years: req.years ?? prepared.profile.years, seed: req.seed, components };
    const worker = startWorker(require.resolve('./simulation-worker'), {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const out: ComponentResult[] = [];
    let failed = false;
    worker.on('message', (m: { type: string; index?: number; done?: number; result?: ComponentResult; message?: string; code?: string }) => {
      if (m.type === 'progress') progress(m.index!, m.done!);
      else if (m.type === 'result') out.push(m.result!);
      else if (m.type === 'error') {
        failed = true;
        reject(new DomainError(m.code ?? 'SIMULATION_FAILED', m.message ?? 'the simulation worker failed'));
      } else if (m.type === 'done') resolve(out);
    });
    worker.on('error', (err) => {
      failed = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!failed && out.length < components.length) reject(new Error(`a simulation worker exited with code ${code} before finishing`));
    });
  });
}

export interface MergedResult {
  components: ComponentResult[];
  counts: ComponentResult['counts'];
  first: ComponentResult;
  units: UnitStats[];
}

/** Adds the components' accumulators together, in component order. */
export function mergeResults(results: ComponentResult[]): MergedResult {
  const [first, ...rest] = results.map((r) => structuredClone(r));
  if (!first) throw new Error('no component ran');
  const counts = { ...first.counts, rejected: { ...first.counts.rejected } };
  const units = new Map<string, UnitStats>(first.units.map((u) => [u.unitId, { ...u, backlog: [...u.backlog] }]));
  for (const r of rest) {
    mergeStatistics(first.byUnitYear, r.byUnitYear);
    mergeStatistics(first.byUnitMonth, r.byUnitMonth);
    mergeStatistics(first.byUnitAll, r.byUnitAll);
    mergeStatistics(first.totalYear, r.totalYear);
    mergeStatistics(first.totalAll, r.totalAll);
    mergeIndicators(first.indicatorsByUnit, r.indicatorsByUnit);
    mergeIndicators(first.indicatorsTotal, r.indicatorsTotal);
    counts.dossiers += r.counts.dossiers;
    counts.events += r.counts.events;
    counts.decisions += r.counts.decisions;
    counts.unreceivable += r.counts.unreceivable;
    for (const [k, v] of Object.entries(r.counts.rejected)) counts.rejected[k] = (counts.rejected[k] ?? 0) + v;
    for (const u of r.units) {
      const mine = units.get(u.unitId);
      if (!mine) {
        units.set(u.unitId, { ...u, backlog: [...u.backlog] });
        continue;
      }
      // an unmodelled unit serves several components: its figures add up
      mine.tasksCompleted += u.tasksCompleted;
      mine.tasksLate += u.tasksLate;
      mine.waitWorkingMinutes += u.waitWorkingMinutes;
      mine.tasksStarted += u.tasksStarted;
      mine.serviceWorkingMinutes += u.serviceWorkingMinutes;
      mine.peakBacklog = Math.max(mine.peakBacklog, u.peakBacklog);
      mine.backlog = mine.backlog.map((b, i) => b + (u.backlog[i] ?? 0));
    }
  }
  const sorted = [...units.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return { components: results, counts, first, units: sorted };
}

