import fs from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/** Written by `npm run build` beside the compiled workflows (dist/workflows/); never present in the sources. */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

/**
 * The prebuilt bundle when this runs from dist/, so a worker starts without webpack; otherwise the
 * workflow sources, bundled at start (development and tests).
 */
export function workflowSource(): { options: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>; describe: string } {
  const codePath = path.resolve(__dirname, '..', 'workflows', WORKFLOW_BUNDLE_FILE);
  if (fs.existsSync(codePath)) return { options: { workflowBundle: { codePath } }, describe: `prebuilt bundle ${codePath}` };
  return { options: { workflowsPath: require.resolve('../workflows') }, describe: 'bundled from the sources at start' };
}
