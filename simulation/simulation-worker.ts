/**
 * A worker thread of `motcua simulate`: compiles the profile and catalog the main thread loaded
 * (the same deterministic result as the main thread's), runs the components it was given one after
 * the other, and sends back their accumulators. Progress goes to the main thread as simulated time done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../contracts/catalog.contract';
import type { SimulationProfile } from '../contracts/simulation/simulation-profile.contract';
import { compileProfile } from '../domain/simulation/world';
import { runComponent } from './run-component';

export interface WorkerInput {
  /** The profile and catalog as loaded, with the policy applied. */
  profile: SimulationProfile;
  catalog: Catalog;
  years: number;
  seed: number;
  components: number[];
}

const input = workerData as WorkerInput;
const port = parentPort!;
try {
  const compiled = compileProfile(input.profile, input.catalog, input.years);
  for (const index of input.components) {
    let last = 0;
    const result = runComponent(compiled, index, input.seed, (done) => {
      // at most a few hundred messages per component
      if (done - last > 3 * 86_400_000 * 7) {
        last = done;
        port.postMessage({ type: 'progress', index, done });
      }
    });
    port.postMessage({ type: 'result', result });
  }
  port.postMessage({ type: 'done' });
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), code: (err as { code?: string }).code });
}
