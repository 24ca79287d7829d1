import { setTimeout as delay } from 'node:timers/promises';
import fs from 'node:fs';
import path from 'node:path';
import type { StackAddresses } from '../../bench/load/engine';
import { freeLoopbackPort } from '../../infra/observability/metrics';
import { isRunning, readPid } from '../../infra/stack/processes';
import type { ServiceController, ServiceName, StackContext } from '../../infra/stack/service';
import { SERVICES, stackContext, stackDown, stackUp } from '../../infra/stack/stack';
import { PREFERRED_PORTS, stackPaths, type PortName } from '../../infra/stack/stack-config';
import { pidFile, readState } from '../../infra/stack/state-file';

/**
 * A stack of its own for the fault tests (`.motcua/fault-stack/`): they kill and restart its
 * services, which must never touch the stack `npm test` or `npm start` use. Its ports are chosen
 * once and kept in a file, so a restarted service comes back where its clients look for it.
 */
export const FAULT_STACK_DIR = path.join(stackPaths().dataDir, 'fault-stack');

const CONFIGURED = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'KAFKA_BROKERS', 'DATABASE_URL'];

async function ports(): Promise<Record<PortName, number>> {
  const file = path.join(FAULT_STACK_DIR, 'ports.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<PortName, number>;
  } catch {
    const chosen = {} as Record<PortName, number>;
    for (const name of Object.keys(PREFERRED_PORTS) as PortName[]) chosen[name] = await freeLoopbackPort();
    fs.mkdirSync(FAULT_STACK_DIR, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(chosen)}\n`);
    return chosen;
  }
}

/** A fresh context each time: `takenPorts` would otherwise steer a restart away from the ports it had. */
async function context(log: (line: string) => void = () => undefined): Promise<StackContext> {
  const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_DATA_DIR: FAULT_STACK_DIR };
  for (const k of CONFIGURED) delete env[k];
  return { ...stackContext(env, log), preferredPorts: await ports() };
}

const controller = (s: ServiceName): ServiceController => SERVICES.find((c) => c.name === s)!;

export class FaultStack {
  private constructor(readonly addresses: StackAddresses) {}

  /** Brings the fault stack up (reusing what runs: a second test file finds it up). */
  static async up(): Promise<FaultStack> {
    const ctx = await context((l) => process.stderr.write(`fault stack: ${l}\n`));
    const up = await stackUp(ctx);
    return new FaultStack({ temporalAddress: up.env.TEMPORAL_ADDRESS!, brokers: up.env.KAFKA_BROKERS!.split(','), databaseUrl: up.env.DATABASE_URL! });
  }

  static async down(): Promise<void> {
    await stackDown(await context());
  }

  async pid(service: ServiceName): Promise<number | undefined> {
    return readPid(pidFile(await context(), service))?.pid;
  }

  /**
   * Takes a service down: `graceful` as `stack down` does (SIGTERM; PostgreSQL's fast shutdown),
   * `kill` with SIGKILL to its process group, as a crash or an OOM kill would.
   */
  async stop(service: ServiceName, how: 'graceful' | 'kill'): Promise<void> {
    const ctx = await context();
    if (how === 'graceful') {
      // down() forgets the state file; up() then starts afresh on the same ports
      await controller(service).down(ctx);
      return;
    }
    const rec = readPid(pidFile(ctx, service));
    if (!rec) throw new Error(`fault stack: ${service} has no PID file`);
    try {
      process.kill(-rec.pid, 'SIGKILL');
    } catch {
      process.kill(rec.pid, 'SIGKILL');
    }
    while (isRunning(rec)) await delay(50);
  }

  /** Starts a stopped service again and checks it answers where it did. */
  async start(service: ServiceName): Promise<void> {
    const ctx = await context((l) => process.stderr.write(`fault stack: ${l}\n`));
    const before = this.address(service);
    const { state } = await controller(service).up(ctx);
    const now = service === 'postgres' ? state.env.DATABASE_URL : state.address;
    if (service === 'postgres' ? !sameServer(now!, before) : now !== before) throw new Error(`fault stack: ${service} came back at ${now}, not ${before}`);
  }

  /** SIGSTOP / SIGCONT: the service keeps its sockets but answers nothing (a hung broker, a network partition). */
  async freeze(service: ServiceName, frozen: boolean): Promise<void> {
    const pid = await this.pid(service);
    if (pid === undefined) throw new Error(`fault stack: ${service} has no PID file`);
    process.kill(pid, frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  private address(service: ServiceName): string {
    return service === 'temporal' ? this.addresses.temporalAddress : service === 'kafka' ? this.addresses.brokers.join(',') : this.addresses.databaseUrl;
  }

  async state(service: ServiceName) {
    return readState(await context(), service);
  }
}

function sameServer(a: string, b: string): boolean {
  const u = new URL(a);
  const v = new URL(b);
  return u.host === v.host;
}

/** Milliseconds drawn uniformly from [min, max). */
const between = ([min, max]: readonly [number, number]) => min + Math.random() * (max - min);

/**
 * Kills `service` and starts it again `times` times, each after `up` ms of load and `down` ms of
 * outage (drawn from the ranges); `count()` says how many restarts are done so far, `downtimes`
 * each outage from kill to ready.
 */
export function restartRepeatedly(stack: FaultStack, service: ServiceName, times: number, ranges: { up: [number, number]; down: [number, number] }) {
  let count = 0;
  const downtimes: number[] = [];
  const done = (async () => {
    while (count < times) {
      await delay(between(ranges.up));
      const downAt = Date.now();
      await stack.stop(service, 'kill');
      await delay(between(ranges.down));
      await stack.start(service);
      count++;
      downtimes.push(Date.now() - downAt);
    }
  })();
  return { done, count: () => count, downtimes, meanDownSeconds: () => downtimes.reduce((a, b) => a + b, 0) / downtimes.length / 1000 };
}
