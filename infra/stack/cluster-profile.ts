import fs from 'node:fs';
import path from 'node:path';
import { CLUSTER_FLEET, planFleet, startFleet, stopFleet, waitFleetReady, type Fleet } from './engine-fleet';
import { KAFKA_CLUSTER_SIZE, stopKafkaMember } from './kafka-cluster.service';
import { isRunning, readPid } from './processes';
import type { StackContext } from './service';
import { CLUSTER_PORTS } from './stack-config';
import { stackDown, stackUp, type StackUp } from './stack';
import { stopTemporalMember, TEMPORAL_CLUSTER_SIZE } from './temporal-cluster.service';

/** Members of the cluster profile that `stack down --profile cluster NAME` stops one by one (`stack up` brings them back). */
export const CLUSTER_MEMBERS = [
  ...Array.from({ length: TEMPORAL_CLUSTER_SIZE }, (_, i) => `temporal-${i + 1}`),
  ...Array.from({ length: KAFKA_CLUSTER_SIZE }, (_, i) => `kafka-${i + 1}`),
  'engine',
] as const;

function engineFile(ctx: StackContext): string {
  return path.join(ctx.stateDir, 'engine.json');
}

export function readEngine(ctx: StackContext): Fleet | undefined {
  try {
    return JSON.parse(fs.readFileSync(engineFile(ctx), 'utf8')) as Fleet;
  } catch {
    return undefined;
  }
}

export interface ClusterUp extends StackUp {
  engine?: Fleet;
  engineStarted: string[];
}

/**
 * The cluster profile: the services (stack.ts, cluster services), then the engine's processes as
 * a deployment runs them (two workers, two instances of each consumer group, two APIs), detached
 * like the services, against the profile's own database, topics and namespace.
 */
export async function clusterUp(ctx: StackContext, opts: { engine: boolean }): Promise<ClusterUp> {
  const up = await stackUp(ctx);
  if (!opts.engine) return { ...up, engineStarted: [] };
  // the plan (ports of the APIs) is kept, so a restart puts each process where it was
  const engine = readEngine(ctx) ?? (await planFleet(path.join(ctx.dataDir, 'engine'), CLUSTER_FLEET, up.env, { apiPort: CLUSTER_PORTS.api, takenPorts: ctx.takenPorts }));
  // the profile named, so the APIs trust this profile's development signing key (`MOTCUA_STACK_PROFILE=cluster npx motcua token …`)
  for (const p of engine.processes) p.env = { ...p.env, ...up.env, MOTCUA_STACK_PROFILE: 'cluster' };
  fs.writeFileSync(engineFile(ctx), JSON.stringify(engine, null, 2) + '\n');
  const engineStarted = startFleet(engine);
  await waitFleetReady(engine, up.env);
  return { ...up, engine, engineStarted };
}

export async function clusterDown(ctx: StackContext, only?: string[]): Promise<string[]> {
  const stopped: string[] = [];
  const engine = readEngine(ctx);
  if (!only || only.includes('engine')) {
    if (engine && (await stopFleet(engine)).length > 0) stopped.push('engine');
    if (!only) fs.rmSync(engineFile(ctx), { force: true });
  }
  for (const name of only ?? []) {
    const m = /^(temporal|kafka)-(\d+)$/.exec(name);
    if (!m) continue;
    const id = Number(m[2]);
    if (m[1] === 'temporal' ? await stopTemporalMember(ctx, id) : await stopKafkaMember(ctx, id)) stopped.push(name);
  }
  const services = only ? only.filter((n): n is 'temporal' | 'kafka' | 'postgres' => n === 'temporal' || n === 'kafka' || n === 'postgres') : undefined;
  if (!only || (services && services.length > 0)) stopped.push(...(await stackDown(ctx, services)));
  return stopped;
}

/** The engine's processes that run, for `stack status`. */
export function engineStatus(ctx: StackContext): { running: number; total: number; apiUrls: string[] } | undefined {
  const engine = readEngine(ctx);
  if (!engine) return undefined;
  return { running: engine.processes.filter((p) => isRunning(readPid(p.pidFile))).length, total: engine.processes.length, apiUrls: engine.apiUrls };
}

