/**
 * A worker thread of `motcua simulate`: compiles the profile itself (the same deterministic result
 * as the main thread), runs the components it was given one after the other, and sends back their
 * accumulators. Progress goes to the main thread as simulated time done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runComponent } from './run-component';
import { prepareRun, type RunRequest } from './prepare-run';

interface WorkerInput {
  request: RunRequest;
  components: number[];
}

const input = workerData as WorkerInput;
const port = parentPort!;
try {
  const run = prepareRun(input.request);
  for (const index of input.components) {
    let last = 0;
    const result = runComponent(run.compiled, index, input.request.seed, (done) => {
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
