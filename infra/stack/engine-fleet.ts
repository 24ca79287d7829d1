import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { consumerGroupId, PROJECTION_GROUPS } from '../../projections/groups';
import { LOOPBACK, REPO_ROOT } from './stack-config';
import { kafkaClient } from './kafka.service';
import { pickPort, waitFor } from './net';
import { isRunning, readPid, StackError, startDetached, stopProcess, tailFile, type PidRecord } from './processes';

/**
 * How many of each engine process run. Every process is stateless, so scaling out is running more
 * of them: workers share the task queue, a consumer group's instances split the partitions, the
 * APIs serve the same data.
 */
export interface FleetShape {
  workers: number;
  /** Instances of each projection group. */
  consumerInstances: number;
  apis: number;
  /** One process per group and instance (workers/consumers/<group>.ts), or every group in each process (workers/reporting-consumer.ts). */
  consumerPerGroup: boolean;
}

/** What `npm start` runs: one of each. */
export const SINGLE_FLEET: FleetShape = { workers: 1, consumerInstances: 1, apis: 1, consumerPerGroup: false };
/** The cluster profile: two workers, two instances of each consumer group (scaled apart), two APIs. */
export const CLUSTER_FLEET: FleetShape = { workers: 2, consumerInstances: 2, apis: 2, consumerPerGroup: true };

export interface FleetProcess {
  name: string;
  script: string;
  pidFile: string;
  logFile: string;
  env: Record<string, string>;
  apiUrl?: string;
}

export interface Fleet {
  dir: string;
  shape: FleetShape;
  processes: FleetProcess[];
  apiUrls: string[];
}

/** The engine's processes for a shape, with the ports their APIs take. */
export async function planFleet(dir: string, shape: FleetShape, env: Record<string, string>, opts: { apiPort: number; takenPorts: Set<number> }): Promise<Fleet> {
  const processes: FleetProcess[] = [];
  const add = (name: string, script: string, extra: Record<string, string> = {}, apiUrl?: string) =>
    processes.push({ name, script, pidFile: path.join(dir, `${name}.pid`), logFile: path.join(dir, `${name}.log`), env: { ...env, ...extra }, apiUrl });
  for (let i = 1; i <= shape.workers; i++) add(`temporal-worker-${i}`, 'temporal-worker.ts');
  for (let i = 1; i <= shape.consumerInstances; i++) {
    if (shape.consumerPerGroup) for (const g of PROJECTION_GROUPS) add(`consumer-${g.name}-${i}`, path.join('consumers', `${g.name}.ts`));
    else add(`reporting-consumer-${i}`, 'reporting-consumer.ts');
  }
  for (let i = 1; i <= shape.apis; i++) {
    const port = await pickPort(LOOPBACK, opts.apiPort + i - 1, opts.takenPorts);
    add(`api-${i}`, 'api.ts', { MOTCUA_API_HOST: LOOPBACK, MOTCUA_API_PORT: String(port) }, `http://${LOOPBACK}:${port}`);
  }
  return { dir, shape, processes, apiUrls: processes.flatMap((p) => (p.apiUrl ? [p.apiUrl] : [])) };
}

function markerOf(p: FleetProcess): string {
  return p.pidFile.replace(/\.pid$/, '');
}

/** Starts each process of the fleet that does not run yet (its own process group, a PID file and a log in the fleet's folder). */
export function startFleet(fleet: Fleet): string[] {
  fs.mkdirSync(fleet.dir, { recursive: true });
  const started: string[] = [];
  for (const p of fleet.processes) {
    if (isRunning(readPid(p.pidFile))) continue;
    startDetached({
      service: p.name,
      command: process.execPath,
      // the trailing argument names this fleet's folder in the command line, so `down` never takes another's process for ours
      args: ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'workers', p.script), `--motcua-process=${markerOf(p)}`],
      logFile: p.logFile,
      pidFile: p.pidFile,
      marker: markerOf(p),
      cwd: REPO_ROOT,
      env: { ...process.env, ...p.env },
    });
    started.push(p.name);
  }
  return started;
}

export function fleetRecords(fleet: Fleet): Array<{ name: string; rec: PidRecord | undefined }> {
  return fleet.processes.map((p) => ({ name: p.name, rec: readPid(p.pidFile) }));
}

async function pollerCount(env: Record<string, string>): Promise<number> {
  const conn = await Connection.connect({ address: env.TEMPORAL_ADDRESS!, connectTimeout: 3000 });
  try {
    const res = await conn.workflowService.describeTaskQueue({
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: { name: env.MOTCUA_TASK_QUEUE ?? 'motcua-dossiers', kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return new Set((res.pollers ?? []).map((p) => p.identity)).size;
  } finally {
    await conn.close();
  }
}

async function groupsStable(env: Record<string, string>, instances: number): Promise<boolean> {
  const admin = kafkaClient(env.KAFKA_BROKERS!.split(',')).admin();
  await admin.connect();
  try {
    const ids = PROJECTION_GROUPS.map((g) => consumerGroupId(env.MOTCUA_CONSUMER_GROUP_PREFIX ?? 'motcua.', g));
    const { groups } = await admin.describeGroups(ids);
    return groups.length === ids.length && groups.every((g) => g.state === 'Stable' && g.members.length >= instances);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Ready when every process runs, every API answers /healthz, the task queue shows a poller per
 * worker and every consumer group is stable with all its instances: the conditions themselves.
 */
export async function waitFleetReady(fleet: Fleet, env: Record<string, string>, timeoutMs = 180_000): Promise<void> {
  const ok = await waitFor(async () => {
    for (const p of fleet.processes) {
      const rec = readPid(p.pidFile);
      if (!isRunning(rec)) throw new StackError(p.name, rec?.command ?? p.script, 'the process exited during start-up', tailFile(p.logFile));
    }
    for (const url of fleet.apiUrls) if (!(await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) })).ok) return false;
    if ((await pollerCount(env)) < fleet.shape.workers) return false;
    return groupsStable(env, fleet.shape.consumerInstances);
  }, timeoutMs, 500);
  if (!ok) {
    const tails = fleet.processes.map((p) => `[${p.name}]\n${tailFile(p.logFile, 4)}`).join('\n');
    throw new StackError('engine', `${fleet.processes.length} engine processes`, `not ready within ${timeoutMs / 1000} s (APIs, task-queue pollers, consumer groups)`, tails);
  }
}

/** Stops every process of the fleet that runs (all at once; each gets SIGTERM, then SIGKILL after the grace period). */
export async function stopFleet(fleet: Pick<Fleet, 'processes'>): Promise<string[]> {
  const stopped = await Promise.all(fleet.processes.map(async (p) => ((await stopProcess(p.pidFile, 'SIGTERM', 20_000)) ? p.name : undefined)));
  return stopped.filter((n): n is string => n !== undefined);
}

/**
 * Stops engine processes that test and benchmark runs left under `<dataDir>/runs` (a run stops its
 * own; this is for one that was killed before it could), and removes their folders.
 */
export async function stopLeftoverRuns(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'runs');
  if (!fs.existsSync(root)) return [];
  const stopped: string[] = [];
  for (const run of fs.readdirSync(root)) {
    const dir = path.join(root, run);
    const pidFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.pid'));
    for (const f of pidFiles) if (await stopProcess(path.join(dir, f), 'SIGTERM', 20_000)) stopped.push(`${run}/${f.replace(/\.pid$/, '')}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return stopped;
}
