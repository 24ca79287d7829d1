import workerThreads from 'node:worker_threads';

/**
 * Runs `create` (Worker.create) with the worker threads it starts loading workflow-thread-preload,
 * so that workflows run without the SDK's per-promise stack capture. The SDK constructs its threads
 * with no options; this adds one `--require` to what they inherit, for the time of the call only.
 */
export async function withoutWorkflowStackTraces<T>(create: () => Promise<T>): Promise<T> {
  const Original = workerThreads.Worker;
  const preload = require.resolve('./workflow-thread-preload');
  class WorkflowThread extends Original {
    constructor(filename: string | URL, options: workerThreads.WorkerOptions = {}) {
      super(filename, { ...options, execArgv: [...(options.execArgv ?? process.execArgv), '--require', preload] });
    }
  }
  (workerThreads as { Worker: typeof Original }).Worker = WorkflowThread;
  try {
    return await create();
  } finally {
    (workerThreads as { Worker: typeof Original }).Worker = Original;
  }
}
