import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Pool } from 'pg';
import { ScriptSource } from '../../bench/load/dossier-scripts';
import { EngineProcesses, isolatedEngine, shortId, type EngineEnv, type StackAddresses } from '../../bench/load/engine';
import { HttpDriver, type DossierRun } from '../../bench/load/http-driver';
import { createScratchDatabase, dropDatabase } from '../../infra/db/scratch-database';
import { consumerLag } from '../../infra/kafka/consumer-lag';
import { createKafka } from '../../infra/kafka/kafkajs-client';
import { consumerGroupId, PROJECTION_GROUPS } from '../../projections/groups';
import { createProjectionConsumer } from '../../projections/projection-consumer';
import { WORKFLOW_PRELOAD_MODULES } from '../../workers/workflow-source';
import { FAULT_STACK_DIR } from './fault-stack';
import { readModelDigest } from './read-model-hash';

import { setTimeout as sleep } from 'node:timers/promises';

/** One JSON line per figure, on stdout, so a fault run prints what it measured. */
export function figure(name: string, data: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ figure: name, ...data })}\n`);
}

/** The workflow bundle built once per test file, so a killed worker comes back in seconds rather than re-bundling. */
export async function prebuiltBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    preloadModules: WORKFLOW_PRELOAD_MODULES,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-fault-bundle-')), 'workflow-bundle.js');
  fs.writeFileSync(file, code);
  return file;
}

/** The engine under test: its own database, topics and namespace on the fault stack, its processes supervised as `npm start` does. */
export class FaultEngine {
  private constructor(
    readonly engine: EngineEnv,
    readonly procs: EngineProcesses,
    readonly driver: HttpDriver,
    readonly scripts: ScriptSource,
  ) {}

  static async start(stack: StackAddresses, opts: { workers?: number; env?: Record<string, string>; seed?: number } = {}): Promise<FaultEngine> {
    const bundle = await prebuiltBundle();
    const engine = await isolatedEngine(stack, { MOTCUA_WORKFLOW_BUNDLE: bundle, MOTCUA_API_LOG_LEVEL: 'error', ...opts.env });
    const workers = Array.from({ length: opts.workers ?? 1 }, (_, i) => ({ name: i === 0 ? 'temporal-worker' : `temporal-worker-${i + 1}`, entry: 'temporal-worker' }));
    // restarts as `npm start` does them, but counted as stable after 5 s: a test kills far more often than life does
    const procs = await EngineProcesses.start(engine, [...workers, { name: 'reporting-consumer', entry: 'reporting-consumer' }, { name: 'api', entry: 'api' }], { supervision: { initialBackoffMs: 250, stableAfterMs: 5000 } });
    const scripts = new ScriptSource(opts.seed ?? 7);
    const driver = await HttpDriver.create(engine.apiUrl, engine.dataDir, scripts.units, { persistent: true, persistMs: 300_000, requestTimeoutMs: 30_000 });
    return new FaultEngine(engine, procs, driver, scripts);
  }

  /**
   * Closed-loop load: `users` players each start their next dossier when the last one ended, until
   * `dossiers` have been started and `alsoWhile` says stop; resolves when all of them have ended.
   */
  async load(dossiers: number, users: number, onStarted?: (n: number) => void, alsoWhile: () => boolean = () => false): Promise<DossierRun[]> {
    let started = 0;
    const runs: DossierRun[] = [];
    await Promise.all(
      Array.from({ length: users }, async () => {
        while (started < dossiers || alsoWhile()) {
          started++;
          onStarted?.(started);
          runs.push(await this.driver.play(this.scripts.next()));
        }
      }),
    );
    return runs;
  }

  /** Reads known dossiers every `everyMs` (the API must answer them, or a 503 problem, through any fault) until the returned stop is called. */
  probeReads(everyMs = 250): () => Promise<void> {
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        const codes = this.driver.codes;
        if (codes.length > 0) await this.driver.read(codes[Math.floor(Math.random() * codes.length)]!);
        await sleep(everyMs);
      }
    })();
    return async () => {
      stopped = true;
      await loop;
    };
  }

  /** Stops the processes and drops the engine's data, keeping its log (`.motcua/fault-stack/logs/<label>-engine.log`) for a look afterwards. */
  async stop(label = 'fault'): Promise<void> {
    await this.procs.stop();
    const dir = path.join(FAULT_STACK_DIR, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(this.procs.logFile, path.join(dir, `${label}-engine.log`));
    await this.engine.drop();
  }
}

export interface Verdict {
  dossiers: number;
  /** dossiers whose script did not run to its end (the driver gave up on a move) */
  unfinishedScripts: number;
  /** why, for each: the move the driver gave up on, its last answer */
  unfinishedWhy: string[];
  /** submitted dossiers whose workflow is not completed */
  lostDossiers: number;
  topicEvents: number;
  /** the same event id published more than once (allowed: a retried publish), and those whose copies differ (never allowed) */
  duplicatePublishes: number;
  divergentDuplicates: number;
  divergentSample: string[];
  /** sequence numbers missing from a dossier's events on the topic, and events an answer named that the topic lacks */
  gapsInTopic: number;
  answeredNotPublished: number;
  /** (projection, dossier) whose checkpoint is not the dossier's last sequence; timeline rows missing */
  checkpointsBehind: number;
  timelineMissing: number;
  /** event ids held by more than one row of a read model (the timeline, the alert log), and rows whose event id the topic lacks */
  eventIdsTwiceInReadModels: number;
  readModelEventsNotOnTopic: number;
  /** tasks the topic assigned, those assigned by two different events, those never completed or returned, and inbox rows left once every dossier completed */
  tasksAssigned: number;
  tasksDuplicated: number;
  tasksLost: number;
  inboxRowsLeft: number;
  /** read-model tables that differ from a clean consumption of the same topic */
  tablesDifferingFromCleanRun: string[];
  answers500: number;
  answers5xxNotProblem: number;
  answers503: number;
}

/** Waits until every projection group of the engine has applied the whole topic. */
export async function consumersCaughtUp(engine: EngineEnv, timeoutMs = 180_000): Promise<number> {
  const t0 = Date.now();
  const admin = createKafka(engine.stack.brokers, `fault-lag-${shortId()}`).admin();
  await admin.connect();
  try {
    for (;;) {
      const lags = await Promise.all(PROJECTION_GROUPS.map((g) => consumerLag(admin, consumerGroupId(engine.env.MOTCUA_CONSUMER_GROUP_PREFIX!, g), engine.topics.dossierEvents.name))).catch(() => undefined);
      if (lags && lags.flat().every((l) => l.lag === 0)) return Date.now() - t0;
      if (Date.now() - t0 > timeoutMs) throw new Error(`consumers still lagging after ${timeoutMs / 1000} s: ${JSON.stringify(lags?.flat().filter((l) => l.lag > 0))}`);
      await sleep(250);
    }
  } finally {
    await admin.disconnect();
  }
}

interface TopicScan {
  events: number;
  duplicates: number;
  divergent: number;
  divergentSample: string[];
  gaps: number;
  lastSequence: Map<string, number>;
  /** per `dossier|taskId`: distinct events that assigned it, and that closed it (completed or returned) */
  assigned: Map<string, number>;
  closed: Map<string, number>;
  /** every distinct event id on the topic */
  ids: Set<string>;
}

/** Reads a topic from the start to its end offsets: every message, in order, per partition. */
export async function readTopic(brokers: string[], topic: string): Promise<Array<{ key: string; value: string; headers: Record<string, string> }>> {
  const kafka = createKafka(brokers, `fault-scan-${shortId()}`);
  const admin = kafka.admin();
  await admin.connect();
  const high = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const out: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
  const remaining = new Set([...high].filter(([, h]) => h > 0).map(([p]) => p));
  if (remaining.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `fault-scan-${shortId()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      out.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
      if (Number(message.offset) + 1 >= high.get(partition)!) {
        remaining.delete(partition);
        if (remaining.size === 0) done();
      }
    },
  });
  await finished;
  await consumer.disconnect();
  return out;
}

/** The paths (a.b.c) at which two versions of an event differ. */
function differingFields(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) => differingFields((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  return [`${at || '(value)'} ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

async function scanEvents(engine: EngineEnv): Promise<TopicScan> {
  const messages = await readTopic(engine.stack.brokers, engine.topics.dossierEvents.name);
  const byId = new Map<string, string>();
  const seqs = new Map<string, Set<number>>();
  const assigned = new Map<string, number>();
  const closed = new Map<string, number>();
  let duplicates = 0;
  let divergent = 0;
  const divergentSample: string[] = [];
  for (const m of messages) {
    if (m.headers['fault-test'] !== undefined) continue; // a poison message a test put there itself
    let e: { id: string; dossierCode: string; sequence: number; type?: string; payload?: { taskId?: string } };
    try {
      e = JSON.parse(m.value) as typeof e;
    } catch {
      continue; // a poison message a test put there itself
    }
    if (typeof e.id !== 'string' || typeof e.sequence !== 'number') continue;
    const seen = byId.get(e.id);
    if (seen !== undefined) {
      duplicates++;
      if (seen !== m.value) {
        divergent++;
        if (divergentSample.length < 5) divergentSample.push(`${e.id} ${e.type}: ${differingFields(JSON.parse(seen), e).join(', ')}`);
      }
      continue;
    }
    byId.set(e.id, m.value);
    const task = typeof e.payload?.taskId === 'string' ? `${e.dossierCode}|${e.payload.taskId}` : undefined;
    if (task && e.type === 'task.assigned') assigned.set(task, (assigned.get(task) ?? 0) + 1);
    if (task && (e.type === 'task.completed' || e.type === 'task.returned')) closed.set(task, (closed.get(task) ?? 0) + 1);
    (seqs.get(e.dossierCode) ?? seqs.set(e.dossierCode, new Set()).get(e.dossierCode)!).add(e.sequence);
  }
  let gaps = 0;
  const lastSequence = new Map<string, number>();
  for (const [code, s] of seqs) {
    const max = Math.max(...s);
    lastSequence.set(code, max);
    gaps += max - s.size;
  }
  return { events: byId.size, duplicates, divergent, divergentSample, gaps, lastSequence, assigned, closed, ids: new Set(byId.keys()) };
}

/** A pool of the test's own: an idle client the server drops (a restart, a forced drop) must not fail the test as an unhandled 'error'. */
function quietPool(connectionString: string, max: number): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

/** Consumes the engine's topic afresh into a new database with every projection group: the read models a run without faults would have. */
async function cleanRunDigest(engine: EngineEnv, expectCheckpoints: number): Promise<Record<string, string>> {
  const name = `motcua_clean_${shortId()}`;
  const url = await createScratchDatabase(engine.stack.databaseUrl, name);
  const pool = quietPool(url, 6);
  const consumers = PROJECTION_GROUPS.map((g) =>
    createProjectionConsumer({ brokers: engine.stack.brokers, groupId: `clean.${shortId()}.${g.name}`, topic: engine.topics.dossierEvents.name, deadLetterTopic: engine.topics.deadLetter.name, pool, projections: g.projections, fromBeginning: true }),
  );
  try {
    await Promise.all(consumers.map((c) => c.start()));
    const deadline = Date.now() + 300_000;
    for (;;) {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM projection_checkpoint');
      if (Number(rows[0]!.n) >= expectCheckpoints) break;
      if (Date.now() > deadline) throw new Error('the clean consumption did not catch up within 300 s');
      await sleep(500);
    }
    // the last batches may still be committing: wait for two equal digests in a row
    let last = '';
    for (;;) {
      const d = await readModelDigest(pool, PROJECTION_GROUPS);
      const key = JSON.stringify(d);
      if (key === last) return d;
      last = key;
      await sleep(1500);
    }
  } finally {
    await Promise.all(consumers.map((c) => c.stop().catch(() => undefined)));
    await pool.end();
    await dropDatabase(engine.stack.databaseUrl, name).catch(() => undefined);
  }
}

/** Everything a fault may have broken, counted: dossiers, events on the topic, read models, answers. */
export async function verify(fe: FaultEngine, runs: DossierRun[]): Promise<Verdict> {
  const { engine } = fe;
  await consumersCaughtUp(engine);
  const codes = runs.map((r) => r.code).filter((c): c is string => c !== undefined);
  const connection = await Connection.connect({ address: engine.stack.temporalAddress });
  let lostDossiers = 0;
  try {
    const client = new Client({ connection, namespace: engine.namespace });
    for (const code of codes) {
      const d = await client.workflow.getHandle(code).describe();
      if (d.status.name !== 'COMPLETED') lostDossiers++;
    }
  } finally {
    await connection.close();
  }
  const scan = await scanEvents(engine);
  const pool = quietPool(engine.databaseUrl, 2);
  try {
    const projections = PROJECTION_GROUPS.flatMap((g) => g.projections.map((p) => p.name));
    const { rows: cps } = await pool.query<{ projection: string; dossier_code: string; last_sequence: string }>('SELECT projection, dossier_code, last_sequence FROM projection_checkpoint');
    const cp = new Map(cps.map((r) => [`${r.projection}|${r.dossier_code}`, Number(r.last_sequence)]));
    let checkpointsBehind = 0;
    for (const [code, last] of scan.lastSequence) for (const p of projections) if ((cp.get(`${p}|${code}`) ?? 0) !== last) checkpointsBehind++;
    const { rows: tl } = await pool.query<{ dossier_code: string; n: string; max: string }>('SELECT dossier_code, count(*) AS n, max(sequence) AS max FROM dossier_event GROUP BY dossier_code');
    const timeline = new Map(tl.map((r) => [r.dossier_code, Number(r.n)]));
    let timelineMissing = 0;
    for (const [code, last] of scan.lastSequence) timelineMissing += last - (timeline.get(code) ?? 0);
    const twice = await pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM (SELECT event_id FROM dossier_event GROUP BY event_id HAVING count(*) > 1) d) + (SELECT count(*) FROM (SELECT event_id FROM sla_alert GROUP BY event_id HAVING count(*) > 1) a) AS n`,
    );
    const { rows: held } = await pool.query<{ event_id: string }>('SELECT event_id FROM dossier_event UNION ALL SELECT event_id FROM sla_alert');
    const readModelEventsNotOnTopic = held.filter((r) => !scan.ids.has(r.event_id)).length;
    const ours = new Set(codes);
    const { rows: inbox } = await pool.query<{ dossier_code: string }>('SELECT dossier_code FROM task_inbox');
    const inboxRowsLeft = inbox.filter((r) => ours.has(r.dossier_code)).length;
    const tasksDuplicated = [...scan.assigned.values()].filter((n) => n > 1).length + [...scan.closed.values()].filter((n) => n > 1).length;
    const tasksLost = [...scan.assigned.keys()].filter((t) => !scan.closed.has(t)).length;
    const live = await readModelDigest(pool, PROJECTION_GROUPS);
    const clean = await cleanRunDigest(engine, cps.length);
    const differing = Object.keys(live).filter((t) => live[t] !== clean[t]);
    const answers = Object.values(fe.driver.answers).flatMap((m) => Object.entries(m));
    const count = (f: (k: string) => boolean) => answers.filter(([k]) => f(k)).reduce((a, [, n]) => a + n, 0);
    return {
      dossiers: runs.length,
      unfinishedScripts: runs.filter((r) => !r.ok).length,
      unfinishedWhy: runs
        .filter((r) => !r.ok)
        .map((r) => {
          const m = r.moves.find((x) => x.status !== 200);
          return `${r.code ?? 'not submitted'}: ${m ? `${m.kind} ${m.status} ${m.code ?? ''} after ${m.attempts} attempts` : (r.error ?? 'no failed move')}`.trim();
        }),
      lostDossiers: lostDossiers + runs.filter((r) => r.code === undefined).length,
      topicEvents: scan.events,
      duplicatePublishes: scan.duplicates,
      divergentDuplicates: scan.divergent,
      divergentSample: scan.divergentSample,
      gapsInTopic: scan.gaps,
      answeredNotPublished: runs.reduce((n, r) => n + Math.max(0, Math.max(0, ...r.moves.map((m) => m.sequence ?? 0)) - (scan.lastSequence.get(r.code ?? '') ?? 0)), 0),
      checkpointsBehind,
      timelineMissing,
      eventIdsTwiceInReadModels: Number(twice.rows[0]!.n),
      readModelEventsNotOnTopic,
      tasksAssigned: scan.assigned.size,
      tasksDuplicated,
      tasksLost,
      inboxRowsLeft,
      tablesDifferingFromCleanRun: differing,
      answers500: count((k) => k.startsWith('500')),
      answers5xxNotProblem: count((k) => k.includes('NOT_A_PROBLEM_DOCUMENT')),
      answers503: count((k) => k.startsWith('503')),
    };
  } finally {
    await pool.end();
  }
}

/** A count for development runs: `MOTCUA_FAULT_<NAME>` if set (a positive integer), else the issue's figure. */
export function faultCount(name: string, fallback: number): number {
  const raw = process.env[`MOTCUA_FAULT_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`MOTCUA_FAULT_${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}

/** What every fault must leave: no dossier, event or fact lost or doubled, no 500. */
export function expectNothingLost(v: Verdict): void {
  expect({
    unfinishedScripts: v.unfinishedScripts,
    lostDossiers: v.lostDossiers,
    divergentDuplicates: v.divergentDuplicates,
    gapsInTopic: v.gapsInTopic,
    answeredNotPublished: v.answeredNotPublished,
    checkpointsBehind: v.checkpointsBehind,
    timelineMissing: v.timelineMissing,
    eventIdsTwiceInReadModels: v.eventIdsTwiceInReadModels,
    readModelEventsNotOnTopic: v.readModelEventsNotOnTopic,
    tasksDuplicated: v.tasksDuplicated,
    tasksLost: v.tasksLost,
    inboxRowsLeft: v.inboxRowsLeft,
    tablesDifferingFromCleanRun: v.tablesDifferingFromCleanRun,
    answers500: v.answers500,
    answers5xxNotProblem: v.answers5xxNotProblem,
  }).toEqual({
    answeredNotPublished: 0,
    unfinishedScripts: 0,
    lostDossiers: 0,
    divergentDuplicates: 0,
    gapsInTopic: 0,
    checkpointsBehind: 0,
    timelineMissing: 0,
    eventIdsTwiceInReadModels: 0,
    readModelEventsNotOnTopic: 0,
    tasksDuplicated: 0,
    tasksLost: 0,
    inboxRowsLeft: 0,
    tablesDifferingFromCleanRun: [],
    answers500: 0,
    answers5xxNotProblem: 0,
  });
}
