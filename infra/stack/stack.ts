import fs from 'node:fs';
import { kafkaClusterService } from './kafka-cluster.service';
import { kafkaService } from './kafka.service';
import { postgresService } from './postgres.service';
import { StackError } from './processes';
import type { ServiceController, ServiceName, ServiceState, ServiceStatusLine, StackContext } from './service';
import { stackPaths, stackProfile, type StackProfile } from './stack-config';
import { readState } from './state-file';
import { temporalClusterService } from './temporal-cluster.service';
import { temporalService } from './temporal.service';

export const SERVICES: ServiceController[] = [temporalService, kafkaService, postgresService];
/** The scale-out profile: the same three services, Temporal and Kafka as clusters (Temporal persists in the profile's PostgreSQL). */
export const CLUSTER_SERVICES: ServiceController[] = [postgresService, kafkaClusterService, temporalClusterService];

export function servicesOf(profile: StackProfile): ServiceController[] {
  return profile === 'cluster' ? CLUSTER_SERVICES : SERVICES;
}

export function stackContext(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  profile: StackProfile = stackProfile(env),
): StackContext {
  const paths = stackPaths(env, profile);
  for (const dir of [paths.cacheDir, paths.dataDir, paths.stateDir, paths.logDir]) fs.mkdirSync(dir, { recursive: true });
  return { ...paths, env, takenPorts: new Set(), log };
}

export interface StackUp {
  states: ServiceState[];
  /** Environment for the engine's processes: addresses of all three services and the Temporal binaries. */
  env: Record<string, string>;
  /** Services this call started (empty when everything was already running or configured). */
  started: ServiceName[];
}

/**
 * Brings every service up in parallel (a service waits only for those it depends on; downloads and
 * builds start at once); a failure of one names it and stops nothing else.
 */
export async function stackUp(ctx: StackContext): Promise<StackUp> {
  const services = servicesOf(ctx.profile);
  for (const s of services) {
    // a dependency must be listed before its dependant, or its promise would not exist yet
    if ((s.dependsOn ?? []).some((d) => services.findIndex((x) => x.name === d) > services.indexOf(s))) throw new Error(`stack: ${s.name} depends on a service listed after it`);
  }
  const ups = new Map<ServiceName, Promise<{ state: ServiceState; started: boolean }>>();
  const prepared = new Map(services.map((s) => [s.name, s.prepare ? s.prepare(ctx) : Promise.resolve()]));
  for (const s of services) {
    ups.set(
      s.name,
      (async () => {
        await prepared.get(s.name);
        for (const dep of s.dependsOn ?? []) await ups.get(dep)?.catch(() => undefined);
        return s.up(ctx);
      })(),
    );
  }
  const results = await Promise.allSettled(services.map((s) => ups.get(s.name)!));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    const first = failures[0];
    if (failures.length === 1 && first instanceof StackError) throw first;
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'));
  }
  const done = results.map((r) => (r as PromiseFulfilledResult<{ state: ServiceState; started: boolean }>).value);
  const states = done.map((u) => u.state);
  return {
    states,
    env: Object.assign({}, ...states.map((s) => s.env)) as Record<string, string>,
    started: done.filter((u) => u.started).map((u) => u.state.service),
  };
}

export async function stackStatus(ctx: StackContext): Promise<ServiceStatusLine[]> {
  return Promise.all(
    servicesOf(ctx.profile).map(async (s): Promise<ServiceStatusLine> => {
      const state = readState(ctx, s.name);
      if (!state) return { service: s.name, address: '', healthy: false, source: 'local' };
      const healthy = await s.healthy(state, ctx).catch(() => false);
      return { service: s.name, address: state.address, healthy, source: state.source };
    }),
  );
}

/** Environment of a stack that is already up (for processes started after `stack up`). */
export function stackEnv(ctx: StackContext): Record<string, string> {
  return Object.assign({}, ...servicesOf(ctx.profile).map((s) => readState(ctx, s.name)?.env ?? {})) as Record<string, string>;
}

export async function stackDown(ctx: StackContext, only?: ServiceName[]): Promise<ServiceName[]> {
  const chosen = servicesOf(ctx.profile).filter((s) => !only || only.includes(s.name));
  const stopped = await Promise.all(chosen.map(async (s) => ((await s.down(ctx)) ? s.name : undefined)));
  return stopped.filter((n): n is ServiceName => n !== undefined);
}
