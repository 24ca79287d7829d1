import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { ensureDatabase, withDatabase } from '../db/migrate';
import { CLUSTER_PORTS, LOOPBACK, REPO_ROOT, VERSIONS } from './stack-config';
import { pickPortUpwards, tcpReachable, waitFor } from './net';
import { isRunning, readPid, runLogged, StackError, startDetached, stopProcess, tailFile } from './processes';
import type { ServiceController, ServiceState, StackContext } from './service';
import { logFile, pidFile, readState, removeState, writeState } from './state-file';
import { ensureTemporalServer, ensureTemporalUi, type TemporalServerBinaries } from './temporal-server-build';
import { ensureNamespace, registerSearchAttributes, temporalHealthy } from './temporal.service';

/** Two server processes, each running all four services (frontend, history, matching, worker), one ring. */
export const TEMPORAL_CLUSTER_SIZE = 2;
/** Fixed for the life of a cluster's database: history shards are spread over the history hosts. */
const HISTORY_SHARDS = 8;
const SERVICE_ROLES = ['frontend', 'history', 'matching', 'worker'] as const;
const DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

interface TemporalNode {
  nodeId: number;
  /** gRPC and membership (ringpop) port of each service; the frontend also serves HTTP. */
  ports: Record<(typeof SERVICE_ROLES)[number], { grpc: number; membership: number }> & { http: number; metrics: number };
}

interface TemporalLayout {
  /** The balancer in front of the frontends: the one address clients use. */
  port: number;
  uiPort: number;
  nodes: TemporalNode[];
}

const memberName = (nodeId: number) => `temporal-${nodeId}`;
const nodeRoot = (ctx: StackContext, nodeId: number) => path.join(ctx.dataDir, 'temporal', memberName(nodeId));

/** Ports are chosen when the cluster is first laid out and kept, so a restarted process comes back where its peers and the balancer expect it. */
async function clusterLayout(ctx: StackContext): Promise<TemporalLayout> {
  const file = path.join(ctx.dataDir, 'temporal', 'layout.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TemporalLayout;
  } catch {
    const pick = (p: number) => pickPortUpwards(LOOPBACK, p, ctx.takenPorts);
    const nodes: TemporalNode[] = [];
    for (let id = 1; id <= TEMPORAL_CLUSTER_SIZE; id++) {
      const base = CLUSTER_PORTS.temporalNode + 10 * (id - 1);
      const pair = async (offset: number) => ({ grpc: await pick(base + offset), membership: await pick(base + offset + 1) });
      nodes.push({
        nodeId: id,
        ports: { frontend: await pair(0), history: await pair(2), matching: await pair(4), worker: await pair(6), http: await pick(base + 8), metrics: await pick(base + 9) },
      });
    }
    const layout: TemporalLayout = { port: await pick(CLUSTER_PORTS.temporal), uiPort: await pick(CLUSTER_PORTS.temporalUi), nodes };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(layout, null, 2) + '\n');
    return layout;
  }
}

/** The layout the running cluster's `stack up` recorded in its state; undefined when the cluster is down. */
function recordedLayout(info: Record<string, string> | undefined): TemporalLayout | undefined {
  return info?.layout ? (JSON.parse(info.layout) as TemporalLayout) : undefined;
}

/** Each cluster member's Prometheus endpoint (none when the cluster is down). */
export function clusterMetricsUrls(ctx: StackContext): string[] {
  return (recordedLayout(readState(ctx, 'temporal')?.info)?.nodes ?? []).map((n) => `http://${LOOPBACK}:${n.ports.metrics}/metrics`);
}

interface PgTarget {
  host: string;
  port: string;
  user: string;
  password: string;
  url: string;
}

function postgresTarget(ctx: StackContext): PgTarget {
  const url = readState(ctx, 'postgres')?.env.DATABASE_URL;
  if (!url) throw new StackError('temporal', 'stack up', 'PostgreSQL is not up (the Temporal cluster persists in it)');
  const u = new URL(url);
  return { host: u.hostname, port: u.port || '5432', user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), url };
}

/** One query on a connection of its own: the stack's checks run seldom, outside any pool. */
async function queryOnce<R extends object>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function hasTable(url: string, table: string): Promise<boolean> {
  return (await queryOnce(url, 'SELECT 1 FROM information_schema.tables WHERE table_name = $1', [table])).length > 0;
}

/** Creates both databases and brings their schemas to this server version with temporal-sql-tool (idempotent). */
async function setupSchemas(ctx: StackContext, bins: TemporalServerBinaries, pg: PgTarget): Promise<void> {
  const log = logFile(ctx, 'temporal-schema');
  for (const [db, folder] of [[DATABASES.default, 'temporal'], [DATABASES.visibility, 'visibility']] as const) {
    await ensureDatabase(withDatabase(pg.url, 'postgres'), db);
    const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', pg.port, '-u', pg.user, '--db', db];
    const env = { ...ctx.env, SQL_PASSWORD: pg.password };
    if (!(await hasTable(withDatabase(pg.url, db), 'schema_version'))) await runLogged('temporal', bins.sqlTool, [...base, 'setup-schema', '-v', '0.0'], log, { env });
    await runLogged('temporal', bins.sqlTool, [...base, 'update-schema', '-d', path.join(bins.postgresSchemaDir, folder, 'versioned')], log, { env });
  }
}

/** Shared with docker-compose.yml. */
export const DYNAMIC_CONFIG_FILE = path.join(REPO_ROOT, 'infra', 'temporal', 'dynamicconfig.yaml');

function serverConfig(node: TemporalNode, layout: TemporalLayout, pg: PgTarget): Record<string, unknown> {
  const sql = (databaseName: string, maxConns: number) => ({
    sql: { pluginName: 'postgres12', databaseName, connectAddr: `${pg.host}:${pg.port}`, connectProtocol: 'tcp', user: pg.user, password: pg.password, maxConns, maxIdleConns: maxConns, maxConnLifetime: '1h' },
  });
  const rpc = (role: (typeof SERVICE_ROLES)[number]) => ({
    rpc: { grpcPort: node.ports[role].grpc, membershipPort: node.ports[role].membership, bindOnIP: LOOPBACK, ...(role === 'frontend' ? { httpPort: node.ports.http } : {}) },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: { default: sql(DATABASES.default, 10), visibility: sql(DATABASES.visibility, 4) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: LOOPBACK },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `${LOOPBACK}:${node.ports.metrics}` } },
    },
    services: Object.fromEntries(SERVICE_ROLES.map((r) => [r, rpc(r)])),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `${LOOPBACK}:${layout.port}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: DYNAMIC_CONFIG_FILE, pollInterval: '10s' },
  };
}

function frontendAddress(node: TemporalNode): string {
  return `${LOOPBACK}:${node.ports.frontend.grpc}`;
}

/** The services of the process that serve gRPC listen (the worker service only has its ring port), and its frontend answers. */
async function memberHealthy(node: TemporalNode): Promise<boolean> {
  for (const r of ['frontend', 'history', 'matching'] as const) if (!(await tcpReachable(LOOPBACK, node.ports[r].grpc))) return false;
  if (!(await tcpReachable(LOOPBACK, node.ports.worker.membership))) return false;
  return temporalHealthy(frontendAddress(node));
}

/**
 * Membership as the servers themselves record it: each service of each process heartbeats its
 * ring port into cluster_membership every ~10 s; peers count a host whose last beat is under 20 s
 * old. Returns the live ring ports with the start of the session that beats for them.
 */
export async function ringMembers(pgUrl: string): Promise<Map<number, number>> {
  const rows = await queryOnce<{ rpc_port: number; session_ms: string }>(
    withDatabase(pgUrl, DATABASES.default),
    `SELECT rpc_port, max(extract(epoch FROM session_start) * 1000)::bigint AS session_ms FROM cluster_membership
     WHERE last_heartbeat > (now() AT TIME ZONE 'utc') - interval '20 seconds' GROUP BY rpc_port`,
  );
  return new Map(rows.map((r) => [Number(r.rpc_port), Number(r.session_ms)]));
}

/** Whether a server process has recorded the cluster's metadata (the row each inserts when it finds none). */
async function clusterMetadataRecorded(pgUrl: string): Promise<boolean> {
  return (await queryOnce(withDatabase(pgUrl, DATABASES.default), 'SELECT 1 FROM cluster_metadata_info LIMIT 1')).length > 0;
}

/** Every service of every process is in the ring; those of `renewed` with a session begun at or after `sinceMs` (a restart, not the beats of the process before it). */
async function ringComplete(pgUrl: string, nodes: TemporalNode[], renewed?: { nodeId: number; sinceMs: number }): Promise<boolean> {
  const live = await ringMembers(pgUrl);
  return nodes.every((n) =>
    SERVICE_ROLES.every((r) => {
      const session = live.get(n.ports[r].membership);
      if (session === undefined) return false;
      // session_start is written with second precision
      return renewed?.nodeId !== n.nodeId || session >= renewed.sinceMs - 1000;
    }),
  );
}

/** Starts one server process unless it runs; waits until its services listen and its frontend answers. */
export async function startTemporalMember(ctx: StackContext, nodeId: number): Promise<boolean> {
  const layout = await clusterLayout(ctx);
  const node = layout.nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new Error(`no Temporal server process ${nodeId} in the cluster layout`);
  const name = memberName(nodeId);
  const bins = await ensureTemporalServer(ctx);
  const pg = postgresTarget(ctx);
  if (isRunning(readPid(pidFile(ctx, name))) && (await memberHealthy(node))) return false;
  await stopProcess(pidFile(ctx, name));
  const root = nodeRoot(ctx, nodeId);
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  // JSON is YAML: the server's loader reads config/<env>.yaml
  fs.writeFileSync(path.join(root, 'config', 'node.yaml'), JSON.stringify(serverConfig(node, layout, pg), null, 2) + '\n', { mode: 0o600 });
  const log = logFile(ctx, name);
  const rec = startDetached({ service: name, command: bins.server, args: ['--root', root, '--config', 'config', '--env', 'node', '--allow-no-auth', 'start'], logFile: log, pidFile: pidFile(ctx, name), marker: root, cwd: root });
  const ok = await waitFor(async () => {
    if (!isRunning(rec)) throw new StackError(name, rec.command, 'the server process exited during start-up', tailFile(log));
    return memberHealthy(node);
  }, 120_000, 500);
  if (!ok) {
    await stopProcess(pidFile(ctx, name));
    throw new StackError(name, rec.command, 'the server process did not answer within 120 s', tailFile(log));
  }
  return true;
}

/** Stops one server process (SIGTERM: it leaves the ring and its shards move to the other history host). */
export async function stopTemporalMember(ctx: StackContext, nodeId: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  return stopProcess(pidFile(ctx, memberName(nodeId)), signal, 30_000);
}

/** Waits until every service of both processes heartbeats into the ring (after a restart of `renewed`: from its new session). */
export async function waitForRing(ctx: StackContext, renewed?: { nodeId: number; sinceMs: number }, timeoutMs = 90_000): Promise<void> {
  const layout = await clusterLayout(ctx);
  const pg = postgresTarget(ctx);
  if (!(await waitFor(() => ringComplete(pg.url, layout.nodes, renewed), timeoutMs, 1000))) {
    throw new StackError('temporal', 'cluster_membership', `the ring did not show every service of the ${layout.nodes.length} server processes within ${timeoutMs / 1000} s`);
  }
}

function startBalancer(ctx: StackContext, layout: TemporalLayout): void {
  const name = 'temporal-balancer';
  if (isRunning(readPid(pidFile(ctx, name)))) return;
  const args = ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'infra', 'stack', 'tcp-balancer.main.ts'), `${LOOPBACK}:${layout.port}`, ...layout.nodes.map(frontendAddress), '--state-dir', ctx.stateDir];
  startDetached({ service: name, command: process.execPath, args, logFile: logFile(ctx, name), pidFile: pidFile(ctx, name), marker: ctx.stateDir, cwd: REPO_ROOT });
}

async function uiHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/** The standalone UI against the balancer; undefined when its binary could not be built. */
async function startUi(ctx: StackContext, layout: TemporalLayout, namespace: string): Promise<string | undefined> {
  const bin = await ensureTemporalUi(ctx);
  if (!bin) return undefined;
  const name = 'temporal-ui';
  const url = `http://${LOOPBACK}:${layout.uiPort}`;
  if (isRunning(readPid(pidFile(ctx, name))) && (await uiHealthy(url))) return url;
  await stopProcess(pidFile(ctx, name));
  const root = path.join(ctx.dataDir, 'temporal', 'ui');
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  const config = {
    temporalGrpcAddress: `${LOOPBACK}:${layout.port}`,
    host: LOOPBACK,
    port: layout.uiPort,
    enableUi: true,
    defaultNamespace: namespace,
    notifyOnNewVersion: false,
    refreshInterval: '1m',
    cors: { allowOrigins: [url], cookieInsecure: true },
  };
  fs.writeFileSync(path.join(root, 'config', 'ui.yaml'), JSON.stringify(config, null, 2) + '\n');
  const log = logFile(ctx, name);
  const rec = startDetached({ service: name, command: bin, args: ['--root', root, '--config', 'config', '--env', 'ui', 'start'], logFile: log, pidFile: pidFile(ctx, name), marker: root, cwd: root });
  const ok = await waitFor(async () => isRunning(rec) && uiHealthy(url), 30_000, 300);
  if (!ok) {
    ctx.log(`temporal: the UI did not answer at ${url} within 30 s; the cluster runs without it\n${tailFile(log, 8)}`);
    await stopProcess(pidFile(ctx, name));
    return undefined;
  }
  return url;
}

export const temporalClusterService: ServiceController = {
  name: 'temporal',
  dependsOn: ['postgres'],

  async prepare(ctx) {
    // the builds start at once, while PostgreSQL and Kafka come up
    await Promise.all([ensureTemporalServer(ctx), ensureTemporalUi(ctx)]);
  },

  async up(ctx) {
    const namespace = ctx.env.TEMPORAL_NAMESPACE ?? 'default';
    const bins = await ensureTemporalServer(ctx);
    const pg = postgresTarget(ctx);
    const layout = await clusterLayout(ctx);
    const address = `${LOOPBACK}:${layout.port}`;
    await setupSchemas(ctx, bins, pg);
    // on a fresh database every process inserts the cluster's metadata row at start-up, and all but one fail on its key: the first goes alone
    const waves = (await clusterMetadataRecorded(pg.url)) ? [layout.nodes] : [layout.nodes.slice(0, 1), layout.nodes.slice(1)];
    const started: boolean[] = [];
    for (const wave of waves) started.push(...(await Promise.all(wave.map((n) => startTemporalMember(ctx, n.nodeId)))));
    startBalancer(ctx, layout);
    if (!(await waitFor(() => temporalHealthy(address), 30_000, 300))) {
      throw new StackError('temporal-balancer', `tcp-balancer ${address}`, 'the balancer in front of the frontends did not answer within 30 s', tailFile(logFile(ctx, 'temporal-balancer')));
    }
    await waitForRing(ctx);
    await ensureNamespace(address, namespace);
    await registerSearchAttributes(address, namespace);
    const uiUrl = await startUi(ctx, layout, namespace);
    const state: ServiceState = {
      service: 'temporal',
      address,
      source: 'local',
      env: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, ...(uiUrl ? { TEMPORAL_UI_URL: uiUrl } : {}) },
      info: {
        server: `temporal-server ${VERSIONS.temporalServer} ×${layout.nodes.length} on PostgreSQL (${DATABASES.default}, ${DATABASES.visibility})`,
        frontends: layout.nodes.map(frontendAddress).join(','),
        ...(uiUrl ? { uiUrl } : { ui: 'unavailable (see logs/temporal-ui-build.log)' }),
        logs: layout.nodes.map((n) => logFile(ctx, memberName(n.nodeId))).join(','),
        layout: JSON.stringify(layout),
      },
    };
    writeState(ctx, state);
    return { state, started: started.some(Boolean) };
  },

  async healthy(state, ctx) {
    if (!(await temporalHealthy(state.address))) return false;
    const nodes = recordedLayout(state.info)?.nodes ?? [];
    for (const n of nodes) if (!(await memberHealthy(n))) return false;
    return ringComplete(postgresTarget(ctx).url, nodes).catch(() => false);
  },

  async down(ctx) {
    const layout = recordedLayout(readState(ctx, 'temporal')?.info);
    const ids = layout ? layout.nodes.map((n) => n.nodeId) : Array.from({ length: TEMPORAL_CLUSTER_SIZE }, (_, i) => i + 1);
    const stopped = await Promise.all([
      stopProcess(pidFile(ctx, 'temporal-ui')),
      stopProcess(pidFile(ctx, 'temporal-balancer')),
      ...ids.map((id) => stopTemporalMember(ctx, id)),
    ]);
    removeState(ctx, 'temporal');
    return stopped.some(Boolean);
  },
};
