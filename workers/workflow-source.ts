import fs from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/** Written by `npm run build` beside the compiled workflows (dist/workflows/); never present in the sources. */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';
/** The same workflows with the tracing interceptors bundled in (tracing on). */
export const TRACED_WORKFLOW_BUNDLE_FILE = 'workflow-bundle.traced.js';

/**
 * The workflow interceptor modules of a traced worker, in order: ours hands a command's trace
 * context to the publish that follows it, then the SDK's OpenTelemetry interceptors (spans for the
 * run, updates, signals, activities, exported through the worker's sink).
 */
export function tracingWorkflowModules(): string[] {
  return [require.resolve('../workflows/tracing-interceptors'), require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];
}

/** Workflow modules shared by every workflow in the worker's reusable V8 context (see workflows/worker-memo.ts); the build bundles them the same way. */
export const WORKFLOW_PRELOAD_FILES = ['worker-memo'];
export const WORKFLOW_PRELOAD_MODULES = WORKFLOW_PRELOAD_FILES.map((f) => require.resolve(`../workflows/${f}`));

/**
/**
 * A bundle named by MOTCUA_WORKFLOW_BUNDLE, else the prebuilt bundle when this runs from dist/, so
 * a worker starts without webpack; otherwise the workflow sources, bundled at start (development
 * and tests). A traced worker takes the bundle with the tracing interceptors (or bundles them in).
 */
export function workflowSource(opts: { traced?: boolean; bundleFile?: string } = {}): { options: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'interceptors' | 'bundlerOptions'>; describe: string } {
  const codePath = opts.bundleFile ? path.resolve(opts.bundleFile) : path.resolve(__dirname, '..', 'workflows', opts.traced ? TRACED_WORKFLOW_BUNDLE_FILE : WORKFLOW_BUNDLE_FILE);
  if (opts.bundleFile && !fs.existsSync(codePath)) throw new Error(`MOTCUA_WORKFLOW_BUNDLE: no file ${codePath}`);
  if (fs.existsSync(codePath)) return { options: { workflowBundle: { codePath } }, describe: `prebuilt bundle ${codePath}` };
  return {
    options: {
      workflowsPath: require.resolve('../workflows'),
      bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES },
      ...(opts.traced ? { interceptors: { workflowModules: tracingWorkflowModules() } } : {}),
    },
    describe: `bundled from the sources at start${opts.traced ? ' (with the tracing interceptors)' : ''}`,
  };
}
