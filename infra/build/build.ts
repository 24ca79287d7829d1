import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from '../stack/stack-config';
import { TRACED_WORKFLOW_BUNDLE_FILE, WORKFLOW_BUNDLE_FILE, WORKFLOW_PRELOAD_FILES } from '../../workers/workflow-source';

/**
 * `npm run build [-- --out DIR]`: compiles the engine into DIR (default dist/) so that it starts with
 * plain `node`, copies the files it reads at run time (migrations, the Kafka broker's pom and log
 * configuration) beside the compiled code, and writes the workflow bundle the worker loads instead
 * of bundling at every start.
 */
const ASSETS: Array<{ from: string; files: RegExp }> = [
  { from: 'infra/migrations', files: /^\d{3}_[a-z0-9_]+\.sql$/ },
  { from: 'infra/kafka', files: /^(pom|log4j2)\.xml$/ },
  // the pages' scripts and styles, served as they are (web/server/assets.ts)
  { from: 'web/static', files: /^[a-z0-9-]+\.(js|css)$/ },
  // the shipped simulation profiles and policies, found by name (`--profile phuc-yen`)
  { from: 'simulation/profiles', files: /^[a-z0-9-]+\.json$/ },
  { from: 'simulation/policies', files: /^[a-z0-9-]+\.json$/ },
];

function argOut(argv: string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return path.join(REPO_ROOT, 'dist');
  const v = argv[i + 1];
  if (!v) throw new Error('--out needs a directory');
  return path.resolve(v);
}

async function build(out: string): Promise<void> {
  const t0 = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status ?? tsc.signal})`);
  for (const a of ASSETS) {
    const to = path.join(out, a.from);
    fs.mkdirSync(to, { recursive: true });
    for (const f of fs.readdirSync(path.join(REPO_ROOT, a.from)).filter((n) => a.files.test(n))) fs.copyFileSync(path.join(REPO_ROOT, a.from, f), path.join(to, f));
  }
  const t1 = Date.now();
  // bundled from the compiled JavaScript, so the bundle is exactly the code that dist/ runs
  const logger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never;
  const workflowsPath = path.join(out, 'workflows', 'index.js');
  const preloadModules = WORKFLOW_PRELOAD_FILES.map((f) => path.join(out, 'workflows', `${f}.js`));
  const { code } = await bundleWorkflowCode({ workflowsPath, preloadModules, logger });
  fs.writeFileSync(path.join(out, 'workflows', WORKFLOW_BUNDLE_FILE), code);
  // the bundle a worker loads when tracing is on: the same workflows with the tracing interceptors (workers/workflow-source.ts)
  const traced = await bundleWorkflowCode({
    workflowsPath,
    preloadModules,
    workflowInterceptorModules: [path.join(out, 'workflows', 'tracing-interceptors.js'), require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
    logger,
  });
  fs.writeFileSync(path.join(out, 'workflows', TRACED_WORKFLOW_BUNDLE_FILE), traced.code);
  process.stderr.write(`build: ${path.relative(process.cwd(), out) || '.'} in ${((Date.now() - t0) / 1000).toFixed(1)} s (tsc ${((t1 - t0) / 1000).toFixed(1)} s, workflow bundle ${(code.length / 1024).toFixed(0)} KiB in ${((Date.now() - t1) / 1000).toFixed(1)} s)\n`);
}

build(argOut(process.argv.slice(2))).catch((err: Error) => {
  process.stderr.write(`build: ${err.message}\n`);
  process.exit(1);
});
