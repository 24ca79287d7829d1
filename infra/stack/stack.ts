import fs from 'node:fs';
import { kafkaService } from './kafka.service';
import { postgresService } from './postgres.service';
import { StackError } from './processes';
import type { ServiceController, ServiceName, ServiceState, ServiceStatusLine, StackContext } from './service';
import { stackPaths } from './stack-config';
import { readState } from './state-file';
import { temporalService } from './temporal.service';

export const SERVICES: ServiceController[] = [temporalService, kafkaService, postgresService];

export function stackContext(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): StackContext {
  const paths = stackPaths(env);
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

/** Brings every service up in parallel; a failure of one names it and stops nothing else. */
export async function stackUp(ctx: StackContext): Promise<StackUp> {
  const results = await Promise.allSettled(SERVICES.map((s) => s.up(ctx)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    const first = failures[0];
    if (failures.length === 1 && first instanceof StackError) throw first;
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'));
  }
  const ups = results.map((r) => (r as PromiseFulfilledResult<{ state: ServiceState; started: boolean }>).value);
  const states = ups.map((u) => u.state);
  return {
    states,
    env: Object.assign({}, ...states.map((s) => s.env)) as Record<string, string>,
    started: ups.filter((u) => u.started).map((u) => u.state.service),
  };
}

export async function stackStatus(ctx: StackContext): Promise<ServiceStatusLine[]> {
  return Promise.all(
    SERVICES.map(async (s): Promise<ServiceStatusLine> => {
      const state = readState(ctx, s.name);
      if (!state) return { service: s.name, address: '', healthy: false, source: 'local' };
      const healthy = await s.healthy(state, ctx).catch(() => false);
      return { service: s.name, address: state.address, healthy, source: state.source };
    }),
  );
}

/** Environment of a stack that is already up (for processes started after `stack up`). */
export function stackEnv(ctx: StackContext): Record<string, string> {
  return Object.assign({}, ...SERVICES.map((s) => readState(ctx, s.name)?.env ?? {})) as Record<string, string>;
}

export async function stackDown(ctx: StackContext, only?: ServiceName[]): Promise<ServiceName[]> {
  const chosen = SERVICES.filter((s) => !only || only.includes(s.name));
  const stopped = await Promise.all(chosen.map(async (s) => ((await s.down(ctx)) ? s.name : undefined)));
  return stopped.filter((n): n is ServiceName => n !== undefined);
}
