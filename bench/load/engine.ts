import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import Long from 'long';
import { Supervisor, type SupervisorOptions } from '../../cli/engine/supervisor';
import { createScratchDatabase, dropDatabase } from '../../infra/db/scratch-database';
import { ensureTopicSet } from '../../infra/stack/kafka.service';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { registerSearchAttributes } from '../../infra/stack/temporal.service';
import { topics } from '../../infra/topics';
import { freeLoopbackPort } from '../../infra/observability/metrics';

/** Where the stack's three services answer (a local stack, the fault stack, or configured ones). */
export interface StackAddresses {
  temporalAddress: string;
  brokers: string[];
  databaseUrl: string;
}

export const shortId = () => `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export async function freshNamespace(temporalAddress: string, name: string): Promise<string> {
  const conn = await Connection.connect({ address: temporalAddress });
  try {
    await conn.workflowService.registerNamespace({ namespace: name, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(24 * 3600) } });
    for (let i = 0; i < 100; i++) {
      const ok = await conn.workflowService.describeNamespace({ namespace: name }).then(
        (r) => !!r.namespaceInfo,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await conn.close();
  }
  await registerSearchAttributes(temporalAddress, name);
  return name;
}

/** An engine of its own on a running stack: its database, topics, namespace, task queue, consumer groups, ports and data folder. */
export interface EngineEnv {
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  dataDir: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  dbName: string;
  topics: ReturnType<typeof topics>;
  stack: StackAddresses;
  healthPorts: Record<string, number>;
  drop(): Promise<void>;
}

export async function isolatedEngine(stack: StackAddresses, extra: Record<string, string> = {}): Promise<EngineEnv> {
  const id = shortId();
  const dbName = `motcua_load_${id}`;
  const databaseUrl = await createScratchDatabase(stack.databaseUrl, dbName);
  const prefix = `load.${id}.`;
  // the stack's topic settings (topicSettings: the cluster's replication factor and partitions) come with `extra`
  const defs = await ensureTopicSet(stack.brokers, prefix, { ...process.env, ...extra });
  const namespace = await freshNamespace(stack.temporalAddress, `load-${id}`);
  const apiPort = await freeLoopbackPort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-load-'));
  const healthPorts: Record<string, number> = {};
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    KAFKA_BROKERS: stack.brokers.join(','),
    DATABASE_URL: databaseUrl,
    MOTCUA_TOPIC_PREFIX: prefix,
    MOTCUA_CONSUMER_GROUP_PREFIX: `load.${id}.`,
    MOTCUA_TASK_QUEUE: `load-${id}`,
    MOTCUA_API_HOST: '127.0.0.1',
    MOTCUA_API_PORT: String(apiPort),
    MOTCUA_DATA_DIR: dataDir,
    // one client address plays every citizen: the per-client limits are for people, not for the driver
    MOTCUA_CITIZEN_LIMIT_PER_MINUTE: '100000000',
    MOTCUA_LOOKUP_LIMIT_PER_MINUTE: '100000000',
    ...extra,
  };
  return {
    env,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    dataDir,
    namespace,
    taskQueue: env.MOTCUA_TASK_QUEUE!,
    databaseUrl,
    dbName,
    topics: defs,
    stack,
    healthPorts,
    drop: async () => {
      await dropDatabase(stack.databaseUrl, dbName).catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ProcessSpec {
  /** a name for logs and figures, e.g. temporal-worker or temporal-worker-2 */
  name: string;
  /** the entry point: workers/<entry>.ts */
  entry: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/**
 * The engine's processes as `npm start` runs them (the same entry points under the same
 * supervisor, so one that dies comes back), each with a health port and its output in a log file.
 */
export class EngineProcesses {
  readonly supervisor: Supervisor;
  private readonly children = new Map<string, ChildProcess>();
  readonly logs: string[] = [];
  readonly logFile: string;

  constructor(
    readonly engine: EngineEnv,
    readonly specs: ProcessSpec[],
    private readonly healthPorts: Record<string, number>,
    supervision: Omit<SupervisorOptions, 'log'> = {},
  ) {
    this.logFile = path.join(engine.dataDir, 'engine.log');
    const out = fs.openSync(this.logFile, 'a');
    this.supervisor = new Supervisor(
      specs.map((s) => ({
        name: s.name,
        spawn: () => {
          const child = spawn(process.execPath, [...(s.nodeArgs ?? []), '--require', 'tsx/cjs', path.join(REPO_ROOT, 'workers', `${s.entry}.ts`)], {
            cwd: REPO_ROOT,
            env: { ...engine.env, ...s.env, MOTCUA_HEALTH_PORT: String(healthPorts[s.name]) },
            stdio: ['ignore', out, out],
          });
          this.children.set(s.name, child);
          return child;
        },
      })),
      { fatalExitCodes: [78], ...supervision, log: (l) => (this.logs.push(l), fs.appendFileSync(this.logFile, `${l}\n`)) },
    );
  }

  static async start(engine: EngineEnv, specs: ProcessSpec[], opts: { readyTimeoutMs?: number; supervision?: Omit<SupervisorOptions, 'log'> } = {}): Promise<EngineProcesses> {
    const readyTimeoutMs = opts.readyTimeoutMs ?? 240_000;
    const ports: Record<string, number> = {};
    for (const s of specs) ports[s.name] = await freeLoopbackPort();
    const p = new EngineProcesses(engine, specs, ports, opts.supervision);
    p.supervisor.start();
    await p.waitReady(readyTimeoutMs);
    return p;
  }

  pid(name: string): number | undefined {
    const c = this.children.get(name);
    return c && c.exitCode === null && c.signalCode === null ? c.pid : undefined;
  }

  names(): string[] {
    return this.specs.map((s) => s.name);
  }

  async ready(name: string): Promise<boolean> {
    try {
      return (await fetch(`http://127.0.0.1:${this.healthPorts[name]}/readyz`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  async waitReady(timeoutMs = 240_000, names = this.names()): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const n of names) {
      while (!(await this.ready(n))) {
        if (Date.now() > deadline) throw new Error(`${n} not ready after ${timeoutMs / 1000} s; its log: ${this.logFile}\n${this.tail()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): number | undefined {
    const pid = this.pid(name);
    if (pid !== undefined) process.kill(pid, signal);
    return pid;
  }

  tail(lines = 40): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  output(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    await this.supervisor.stop('SIGTERM');
  }
}
