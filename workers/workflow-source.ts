import fs from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/** Written by `npm run build` beside the compiled workflows (dist/workflows/); never present in the sources. */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

/** Workflow modules shared by every workflow in the worker's reusable V8 context (see workflows/worker-memo.ts); the build bundles them the same way. */
export const WORKFLOW_PRELOAD_FILES = ['worker-memo'];
export const WORKFLOW_PRELOAD_MODULES = WORKFLOW_PRELOAD_FILES.map((f) => require.resolve(`../workflows/${f}`));

/**
 * A bundle named by MOTCUA_WORKFLOW_BUNDLE, else the prebuilt bundle when this runs from dist/, so
 * a worker starts without webpack; otherwise the workflow sources, bundled at start (development and tests).
 */
export function workflowSource(bundleFile?: string): { options: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'>; describe: string } {
  const codePath = bundleFile ? path.resolve(bundleFile) : path.resolve(__dirname, '..', 'workflows', WORKFLOW_BUNDLE_FILE);
  if (bundleFile && !fs.existsSync(codePath)) throw new Error(`MOTCUA_WORKFLOW_BUNDLE: no file ${codePath}`);
  if (fs.existsSync(codePath)) return { options: { workflowBundle: { codePath } }, describe: `prebuilt bundle ${codePath}` };
  return { options: { workflowsPath: require.resolve('../workflows'), bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } }, describe: 'bundled from the sources at start' };
}
