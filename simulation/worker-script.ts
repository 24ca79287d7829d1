import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this directory (`./simulation-worker`, `./forecast-worker`).
 *
 * From the compiled dist/ the module's .js file runs as it is. From the TypeScript sources (a clone,
 * where tsx runs the CLI) the module and every source it imports are bundled once per process by
 * esbuild, the compiler tsx itself runs, into one script the worker evaluates. The bundle is the
 * same code, but faster to run than the modules tsx loads one by one: tsx compiles with esbuild's
 * keepNames, which calls a `__name` helper each time a nested named function is created, and reads
 * every import through an accessor; in one bundle an imported function is a plain local call. The
 * simulation spends its time in the decider's many small functions, so it runs about a sixth faster.
 * Packages (zod) stay outside the bundle and load from node_modules as usual.
 */
export function startWorker(entry: string, options: Omit<WorkerOptions, 'eval'>): Worker {
  if (entry.endsWith('.js')) return new Worker(entry, options);
  return new Worker(bundled(entry), { ...options, eval: true });
}

const bundles = new Map<string, string>();

function bundled(entry: string): string {
  let code = bundles.get(entry);
  if (code === undefined) {
    // a development dependency, needed only where the sources run
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'error',
    });
    // the script resolves packages and `__dirname` (where a module finds its data files) as the entry module would
    const body = out.outputFiles[0]!.text;
    code = `(function (require, __filename, __dirname) {\n${body}\n})(require('node:module').createRequire(${JSON.stringify(entry)}), ${JSON.stringify(entry)}, ${JSON.stringify(path.dirname(entry))});`;
    bundles.set(entry, code);
  }
  return code;
}
