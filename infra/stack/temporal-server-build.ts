import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runLogged, StackError } from './processes';
import type { StackContext } from './service';
import { VERSIONS } from './stack-config';
import { logFile } from './state-file';

const exec = promisify(execFile);

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the same module version: `temporal/versioned` and `visibility/versioned`. */
  postgresSchemaDir: string;
}

const SERVER_MODULE = 'go.temporal.io/server';
const UI_MODULE = 'github.com/temporalio/ui-server/v2';

function goEnv(ctx: StackContext, gobin: string): NodeJS.ProcessEnv {
  // never fetch another Go toolchain behind the developer's back; binaries land in the cache, not ~/go/bin
  return { ...ctx.env, GOBIN: gobin, GOTOOLCHAIN: 'local', GOFLAGS: [ctx.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' ') };
}

async function requireGo(service: string): Promise<void> {
  try {
    await exec('go', ['version']);
  } catch (err) {
    throw new StackError(service, 'go version', `the cluster profile builds the Temporal server from its Go module and needs Go >= 1.25 on PATH (${(err as Error).message.split('\n')[0]})`);
  }
}

/** The folder of a module version in the Go module cache (downloaded by the `go install` before). */
async function moduleDir(module: string, version: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await exec('go', ['mod', 'download', '-json', `${module}@${version}`], { env, maxBuffer: 1 << 20 });
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download ${module}@${version} named no folder`);
  return dir;
}

/**
 * Builds the Temporal server and temporal-sql-tool with `go install` from the Go module proxy, once
 * per version (about 7 minutes on two cores; seconds when Go's build cache is warm), and keeps them
 * with the module's PostgreSQL schema in the download cache. Built in a fresh folder and renamed,
 * so an interrupted build is never taken for a finished one.
 */
export async function ensureTemporalServer(ctx: StackContext): Promise<TemporalServerBinaries> {
  const dir = path.join(ctx.cacheDir, 'temporal-server', VERSIONS.temporalServer);
  const bins: TemporalServerBinaries = {
    server: path.join(dir, 'bin', 'temporal-server'),
    sqlTool: path.join(dir, 'bin', 'temporal-sql-tool'),
    postgresSchemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
  if (fs.existsSync(bins.server) && fs.existsSync(bins.sqlTool) && fs.existsSync(path.join(bins.postgresSchemaDir, 'temporal', 'versioned'))) return bins;
  await requireGo('temporal');
  const tmp = `${dir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'bin'), { recursive: true });
  const env = goEnv(ctx, path.join(tmp, 'bin'));
  const log = logFile(ctx, 'temporal-build');
  ctx.log(`temporal: building the Temporal server ${VERSIONS.temporalServer} and temporal-sql-tool with go install (minutes the first time; log ${log})`);
  const t0 = Date.now();
  try {
    await runLogged('temporal', 'go', ['install', `${SERVER_MODULE}/cmd/server@${VERSIONS.temporalServer}`, `${SERVER_MODULE}/cmd/tools/sql@${VERSIONS.temporalServer}`], log, { env, timeoutMs: 40 * 60 * 1000 });
    fs.renameSync(path.join(tmp, 'bin', 'server'), path.join(tmp, 'bin', 'temporal-server'));
    fs.renameSync(path.join(tmp, 'bin', 'sql'), path.join(tmp, 'bin', 'temporal-sql-tool'));
    const src = await moduleDir(SERVER_MODULE, VERSIONS.temporalServer, env);
    fs.cpSync(path.join(src, 'schema', 'postgresql', 'v12'), path.join(tmp, 'schema', 'postgresql', 'v12'), { recursive: true });
    // the module cache is read-only; its copy need not be (so `rm -rf ~/.cache/motcua` works)
    await exec('chmod', ['-R', 'u+w', tmp]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  ctx.log(`temporal: built in ${Math.round((Date.now() - t0) / 1000)} s`);
  return bins;
}

/**
 * The standalone Temporal UI server: its Go module ships the built web assets (embedded at build
 * time), so `go install` gives the same UI the official image runs. Undefined when it cannot be
 * built: the cluster runs without a UI rather than not at all.
 */
export async function ensureTemporalUi(ctx: StackContext): Promise<string | undefined> {
  const dir = path.join(ctx.cacheDir, 'temporal-ui', VERSIONS.temporalUi);
  const bin = path.join(dir, 'bin', 'temporal-ui-server');
  if (fs.existsSync(bin)) return bin;
  const tmp = `${dir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'bin'), { recursive: true });
  const log = logFile(ctx, 'temporal-ui-build');
  ctx.log(`temporal: building the Temporal UI server ${VERSIONS.temporalUi} with go install (log ${log})`);
  try {
    await requireGo('temporal-ui');
    await runLogged('temporal-ui', 'go', ['install', `${UI_MODULE}/cmd/server@${VERSIONS.temporalUi}`], log, { env: goEnv(ctx, path.join(tmp, 'bin')), timeoutMs: 20 * 60 * 1000 });
    fs.renameSync(path.join(tmp, 'bin', 'server'), path.join(tmp, 'bin', 'temporal-ui-server'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(tmp, dir);
    return bin;
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    ctx.log(`temporal: no UI (${(err as Error).message.split('\n')[0]}); the cluster runs without it`);
    return undefined;
  }
}
