/**
 * End-to-end benchmark: the engine's own processes (worker, reporting consumer, API) on the running
 * stack, driven through the HTTP API by closed-loop officers, interleaved round by round with two
 * baselines on the same Temporal server (a bare workflow taking the same updates; the same with one
 * local activity per update). One JSON line per figure on stdout; progress on stderr.
 *
 *   npx motcua stack up && npm run bench:e2e -- [--concurrency 16] [--seconds 45] [--rounds 2]
 *     [--warmup 15] [--seed 11] [--no-half-rate] [--profile] [--history-sample 20] [--stack cluster]
 *     [--pause-consumers]
 *
 * `--stack cluster` runs the same on the cluster profile's services (`npx motcua stack up --profile
 * cluster --no-engine`): a real Temporal server on PostgreSQL, three brokers, the baselines on that
 * server; the engine's processes are the same one worker, one consumer and one API.
 *
 * `--pause-consumers` stops the reporting consumer (SIGSTOP) while motcua's measured rounds run and
 * resumes it before the drain: the throughput then shows what the command path reaches when the
 * read-model side has cores of its own, as it has in a deployment. The consumer's catching up still
 * counts in the CPU per hand-off; the lag at the maximum rate is not reported (it would be the pause).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { createKafka } from '../../infra/kafka/kafkajs-client';
import { consumerLag } from '../../infra/kafka/consumer-lag';
import { consumerGroupId, PROJECTION_GROUPS } from '../../projections/groups';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { engineDataConverter } from '../../infra/temporal/data-converter';
import { engineKeyring } from '../../infra/crypto/engine-keyring';
import { benchOutput, percentile } from '../support';
import { scrapeTemporalTimes, summariseProfile } from '../load/cpu-profile';
import { ScriptSource, type DossierScript } from '../load/dossier-scripts';
import { EngineProcesses, isolatedEngine, shortId } from '../load/engine';
import { historyFigures } from '../load/history';
import { HttpDriver, type DossierRun } from '../load/http-driver';
import { cpuDelta, loadAverage, ProcessMeter } from '../load/proc-stats';
import { servicePids, temporalMetricsUrls } from '../load/stack-processes';
import { topicSettings } from '../../infra/topics';
import type { StackProfile } from '../../infra/stack/stack-config';
import { BaselineDriver, type BaselineKind } from './baseline-driver';

const { flags, num, emit, say } = benchOutput('bench:e2e');
const opts = flags({
  concurrency: { type: 'string', default: '16' },
  seconds: { type: 'string', default: '45' },
  rounds: { type: 'string', default: '2' },
  warmup: { type: 'string', default: '15' },
  seed: { type: 'string', default: '11' },
  'no-half-rate': { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  'history-sample': { type: 'string', default: '20' },
  only: { type: 'string' },
  stack: { type: 'string', default: 'single' },
  'pause-consumers': { type: 'boolean', default: false },
});
if (opts.stack !== 'single' && opts.stack !== 'cluster') {
  process.stderr.write(`bench:e2e: --stack is single or cluster, not ${opts.stack}\n`);
  process.exit(2);
}
const STACK: StackProfile = opts.stack;
const CONCURRENCY = num('concurrency', opts.concurrency);
const SECONDS = num('seconds', opts.seconds);
const ROUNDS = num('rounds', opts.rounds);
const WARMUP = num('warmup', opts.warmup);
const SEED = num('seed', opts.seed);
const PAUSE_CONSUMERS = opts['pause-consumers'];

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

type SystemName = 'motcua' | BaselineKind;
type Play = (s: DossierScript) => Promise<DossierRun>;

interface Phase {
  system: SystemName;
  seconds: number;
  runs: DossierRun[];
  /** runs that ended inside the load window */
  inWindow: DossierRun[];
  cpuMs: Record<string, number>;
  server: Record<string, { ms: number; count: number }> | undefined;
  handoffsAll: number;
  start: number;
  end: number;
}

async function main() {
  const ctx = stackContext(process.env, () => undefined, STACK);
  const env = { ...stackEnv(ctx), ...process.env };
  if (!env.TEMPORAL_ADDRESS || !env.KAFKA_BROKERS || !env.DATABASE_URL) {
    say(STACK === 'cluster' ? 'needs the cluster stack: run `npx motcua stack up --profile cluster --no-engine` first' : 'needs the stack: run `npx motcua stack up` first');
    process.exit(2);
  }
  const stack = { temporalAddress: env.TEMPORAL_ADDRESS, brokers: env.KAFKA_BROKERS.split(','), databaseUrl: env.DATABASE_URL };
  const loadAtStart = loadAverage();
  emit('run', { stack: STACK, concurrency: CONCURRENCY, seconds: SECONDS, rounds: ROUNDS, warmup: WARMUP, seed: SEED, cores: os.cpus().length, loadAverage: loadAtStart, node: process.version, profile: opts.profile, pauseConsumers: PAUSE_CONSUMERS });

  // the engine's topics are created as the stack created its own (on the cluster: three copies, twelve partitions)
  const engine = await isolatedEngine(stack, topicSettings(env));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-prof-'));
  say(`engine data ${engine.dataDir}; starting worker, reporting consumer and API (the worker bundles its workflows first)`);
  const profiled = (name: string) => (opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : []);
  const procs = await EngineProcesses.start(engine, [
    { name: 'temporal-worker', entry: 'temporal-worker', nodeArgs: [...profiled('temporal-worker'), ...(process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(' ') : [])] },
    { name: 'reporting-consumer', entry: 'reporting-consumer', nodeArgs: profiled('reporting-consumer') },
    { name: 'api', entry: 'api', nodeArgs: profiled('api') },
  ]);

  const pool = new Pool({ connectionString: engine.databaseUrl, max: 2 });
  // bench-only instrumentation in the engine's scratch database: when each checkpoint moved (a read-model row committed)
  await pool.query(`
    CREATE TABLE bench_checkpoint_log (projection text, dossier_code text, last_sequence bigint, at timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE FUNCTION bench_log_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO bench_checkpoint_log (projection, dossier_code, last_sequence) VALUES (NEW.projection, NEW.dossier_code, NEW.last_sequence); RETURN NEW; END $$;
    CREATE TRIGGER bench_log_checkpoint AFTER INSERT OR UPDATE ON projection_checkpoint FOR EACH ROW EXECUTE FUNCTION bench_log_checkpoint();`);

  const baselineQueue = `baseline-${shortId()}`;
  const baseline = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'bench', 'e2e', 'baseline-worker.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: engine.namespace, BASELINE_TASK_QUEUE: baselineQueue },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    baseline.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    baseline.once('exit', (c) => reject(new Error(`baseline worker exited (${c})`)));
  });

  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: engine.namespace });
  const engineClient = new Client({ connection, namespace: engine.namespace, dataConverter: engineDataConverter(engineKeyring(undefined)) });
  const driver = await HttpDriver.create(engine.apiUrl, engine.dataDir, new ScriptSource(SEED).units);
  const bare = new BaselineDriver(client, baselineQueue, 'bareWorkflow');
  const withLocalActivity = new BaselineDriver(client, baselineQueue, 'localActivityWorkflow');
  const players: Record<SystemName, Play> = {
    motcua: (s) => driver.play(s),
    bareWorkflow: (s) => bare.play(s),
    localActivityWorkflow: (s) => withLocalActivity.play(s),
  };
  const scripts: Record<SystemName, ScriptSource> = { motcua: new ScriptSource(SEED), bareWorkflow: new ScriptSource(SEED), localActivityWorkflow: new ScriptSource(SEED) };

  const pids = servicePids(ctx);
  const meter = new ProcessMeter(() => ({
    'temporal-server': pids.temporal,
    kafka: pids.kafka,
    postgres: pids.postgres,
    'motcua-worker': procs.pid('temporal-worker'),
    'motcua-consumer': procs.pid('reporting-consumer'),
    'motcua-api': procs.pid('api'),
    'baseline-worker': baseline.pid,
    driver: process.pid,
  }), new Set(['driver']));
  meter.startSampling(1000);
  const metricsUrls = temporalMetricsUrls(ctx);
  const scrapeServer = () => (metricsUrls.length > 0 ? scrapeTemporalTimes(metricsUrls).catch(() => undefined) : Promise.resolve(undefined));
  const admin = createKafka(stack.brokers, 'bench-e2e-lag').admin();
  await admin.connect();

  const totalLag = async () => {
    const lags = await Promise.all(PROJECTION_GROUPS.map((g) => consumerLag(admin, consumerGroupId(engine.env.MOTCUA_CONSUMER_GROUP_PREFIX!, g), engine.topics.dossierEvents.name)));
    return lags.flat().reduce((n, l) => n + l.lag, 0);
  };
  /** Waits until every projection group has applied everything on the topic. */
  const consumersCaughtUp = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await totalLag()) === 0) return;
      if (Date.now() > deadline) return say('consumers still lagging after the drain timeout');
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** Closed loop: `users` players, each starting its next dossier when the previous one ended, until `seconds` pass. */
  const closedLoop = async (system: SystemName, seconds: number, users: number, pause = false): Promise<Phase> => {
    const before = meter.usage();
    const serverBefore = await scrapeServer();
    if (pause) procs.kill('reporting-consumer', 'SIGSTOP');
    const start = Date.now();
    const end = start + seconds * 1000;
    const runs: DossierRun[] = [];
    await Promise.all(
      Array.from({ length: users }, async () => {
        while (Date.now() < end) runs.push(await players[system](scripts[system].next()));
      }),
    );
    if (!pause) return finishPhase(system, seconds, runs, start, end, before, serverBefore);
    const backlog = await totalLag();
    const resumed = Date.now();
    procs.kill('reporting-consumer', 'SIGCONT');
    const phase = await finishPhase(system, seconds, runs, start, end, before, serverBefore);
    emit('consumer_catch_up', { system, events: backlog, seconds: r1((Date.now() - resumed) / 1000) });
    return phase;
  };

  /** Open loop: a dossier every 1/rate s, each played as fast as its answers come, for `seconds`. */
  const openLoop = async (system: SystemName, seconds: number, ratePerSecond: number): Promise<Phase> => {
    const before = meter.usage();
    const serverBefore = await scrapeServer();
    const start = Date.now();
    const end = start + seconds * 1000;
    const runs: DossierRun[] = [];
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; ; i++) {
      const at = start + (i * 1000) / ratePerSecond;
      if (at >= end) break;
      const wait = at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(players[system](scripts[system].next()).then((r) => void runs.push(r)));
    }
    await Promise.all(inFlight);
    return finishPhase(system, seconds, runs, start, end, before, serverBefore);
  };

  const finishPhase = async (
    system: SystemName,
    seconds: number,
    runs: DossierRun[],
    start: number,
    end: number,
    before: ReturnType<ProcessMeter['usage']>,
    serverBefore: Phase['server'],
  ): Promise<Phase> => {
    if (system === 'motcua') await consumersCaughtUp();
    const cpuMs = cpuDelta(before, meter.usage());
    const serverAfter = await scrapeServer();
    const server = serverBefore && serverAfter ? Object.fromEntries(Object.entries(serverAfter).map(([k, v]) => [k, { ms: v.ms - (serverBefore[k]?.ms ?? 0), count: v.count - (serverBefore[k]?.count ?? 0) }])) : undefined;
    const inWindow = runs.filter((r) => r.endedAt <= end);
    const handoffsAll = runs.flatMap((r) => r.moves).filter((m) => m.kind === 'complete' && m.status === 200).length;
    const failed = runs.filter((r) => !r.ok);
    if (failed.length > 0) say(`${system}: ${failed.length} dossier(s) failed, e.g. ${failed[0]!.error}`);
    return { system, seconds, runs, inWindow, cpuMs, server, handoffsAll, start, end };
  };

  // ---- warm-up: each system once, not counted (JIT, caches, the server's first namespace tasks)
  const systems: SystemName[] = opts.only ? (opts.only.split(',') as SystemName[]) : ['motcua', 'bareWorkflow', 'localActivityWorkflow'];
  say(`warm-up ${WARMUP} s per system (${systems.join(', ')}), load average ${loadAtStart.join(' ')}`);
  for (const s of systems) await closedLoop(s, WARMUP, CONCURRENCY);

  // ---- measured rounds, interleaved, the order rotating so no system always follows the same one
  const phases: Phase[] = [];
  const t0Us = Number(process.hrtime.bigint() / 1000n);
  for (let round = 0; round < ROUNDS; round++) {
    const order = systems.map((_, i) => systems[(i + round) % systems.length]!);
    for (const s of order) {
      say(`round ${round + 1}/${ROUNDS}: ${s}, ${CONCURRENCY} in flight, ${SECONDS} s`);
      phases.push(await closedLoop(s, SECONDS, CONCURRENCY, PAUSE_CONSUMERS && s === 'motcua'));
    }
  }
  const t1Us = Number(process.hrtime.bigint() / 1000n);

  // ---- figures per system
  const bySystem = (s: SystemName) => phases.filter((p) => p.system === s);
  const summary: Partial<Record<SystemName, { dossiersPerSecond: number; handoffsPerSecond: number; cpuPerHandoffMs: Record<string, number> }>> = {};
  for (const s of systems) {
    const ps = bySystem(s);
    const secs = ps.reduce((a, p) => a + p.seconds, 0);
    const inWindow = ps.flatMap((p) => p.inWindow);
    const dossiers = inWindow.filter((r) => r.ok).length;
    const movesInWindow = ps.flatMap((p) => p.runs.flatMap((r) => r.moves.filter((m) => m.endedAt <= p.end && m.status === 200)));
    const handoffs = movesInWindow.filter((m) => m.kind === 'complete').length;
    const handoffsAll = ps.reduce((a, p) => a + p.handoffsAll, 0);
    const cpu: Record<string, number> = {};
    for (const p of ps) for (const [k, v] of Object.entries(p.cpuMs)) cpu[k] = (cpu[k] ?? 0) + v;
    const perHandoff = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, r2(v / Math.max(1, handoffsAll))]));
    const engineCpu = s === 'motcua' ? ['temporal-server', 'kafka', 'postgres', 'motcua-worker', 'motcua-consumer', 'motcua-api'] : ['temporal-server', 'baseline-worker'];
    const lat = ps.flatMap((p) => p.runs.flatMap((r) => r.moves.filter((m) => m.kind === 'complete' && m.status === 200).map((m) => m.ms))).sort((a, b) => a - b);
    const submit = ps.flatMap((p) => p.runs.filter((r) => r.submitMs > 0).map((r) => r.submitMs)).sort((a, b) => a - b);
    const rejectedFirst = ps.flatMap((p) => p.runs.flatMap((r) => r.moves.filter((m) => m.first && m.status !== 200))).length;
    const rejected = ps.flatMap((p) => p.runs.flatMap((r) => r.moves.filter((m) => m.status !== 200))).length;
    summary[s] = { dossiersPerSecond: r2(dossiers / secs), handoffsPerSecond: r2(handoffs / secs), cpuPerHandoffMs: perHandoff };
    emit('throughput', { system: s, dossiersPerSecond: r2(dossiers / secs), handoffsPerSecond: r2(handoffs / secs), commandsPerSecond: r2(movesInWindow.length / secs), seconds: secs, concurrency: CONCURRENCY, failedDossiers: ps.flatMap((p) => p.runs).filter((r) => !r.ok).length });
    emit('handoff_latency_ms', { system: s, concurrency: CONCURRENCY, p50: r1(percentile(lat, 0.5)), p95: r1(percentile(lat, 0.95)), p99: r1(percentile(lat, 0.99)), n: lat.length, submitP50: r1(percentile(submit, 0.5)), submitP99: r1(percentile(submit, 0.99)) });
    emit('rejected_commands', { system: s, rightAfterStart: rejectedFirst, total: rejected });
    emit('cpu_per_handoff_ms', { system: s, ...perHandoff, system_total: r2(engineCpu.reduce((a, k) => a + (perHandoff[k] ?? 0), 0)) });
    const server = ps.map((p) => p.server).filter((x) => x !== undefined);
    if (server.length > 0) {
      const agg: Record<string, { ms: number; count: number }> = {};
      for (const sv of server) for (const [k, v] of Object.entries(sv)) ((agg[k] ??= { ms: 0, count: 0 }).ms += v.ms), (agg[k]!.count += v.count);
      const top = Object.entries(agg)
        // long polls wait for work, they do not spend it
        .filter(([k, v]) => v.count > 0 && !/Poll|GetTaskQueueUserData|ListNexusEndpoints/.test(k))
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, opts.profile ? 12 : 6)
        .map(([k, v]) => ({ op: k, msPerHandoff: r2(v.ms / Math.max(1, handoffsAll)), callsPerHandoff: r2(v.count / Math.max(1, handoffsAll)), meanMs: r2(v.ms / v.count) }));
      emit('temporal_server_time', { system: s, top });
    }
  }
  const m = summary.motcua;
  for (const b of ['bareWorkflow', 'localActivityWorkflow'] as const) {
    const base = summary[b];
    if (!m || !base) continue;
    emit('ratio', {
      of: b,
      dossiersPerSecond: r2(m.dossiersPerSecond / base.dossiersPerSecond),
      handoffsPerSecond: r2(m.handoffsPerSecond / base.handoffsPerSecond),
      workerCpuPerHandoff: r2((m.cpuPerHandoffMs['motcua-worker'] ?? 0) / Math.max(0.01, base.cpuPerHandoffMs['baseline-worker'] ?? 0)),
      temporalServerCpuPerHandoff: r2((m.cpuPerHandoffMs['temporal-server'] ?? 0) / Math.max(0.01, base.cpuPerHandoffMs['temporal-server'] ?? 0)),
    });
  }

  // ---- hand-off latency at half the maximum rate (open loop)
  let halfRate: Phase | undefined;
  if (m && !opts['no-half-rate']) {
    const rate = m.dossiersPerSecond / 2;
    say(`open loop at half the measured maximum: ${r2(rate)} dossiers/s for ${SECONDS} s`);
    halfRate = await openLoop('motcua', SECONDS, rate);
    const lat = halfRate.runs.flatMap((r) => r.moves.filter((x) => x.kind === 'complete' && x.status === 200).map((x) => x.ms)).sort((a, b) => a - b);
    phases.push(halfRate);
    emit('handoff_latency_ms', { system: 'motcua', at: 'half_max_rate', dossiersPerSecond: r2(rate), p50: r1(percentile(lat, 0.5)), p95: r1(percentile(lat, 0.95)), p99: r1(percentile(lat, 0.99)), n: lat.length });
  }

  // ---- decision → read-model row, per projection group (the instant the workflow decided vs the checkpoint's commit),
  // at the maximum rate (the closed-loop rounds, where every queue is full) and at half of it
  const codesOf = (ps: Phase[]) => ps.flatMap((p) => p.runs.map((r) => r.code).filter((c): c is string => c !== undefined));
  const lagAt = [
    ...(PAUSE_CONSUMERS ? [] : [{ at: 'max_rate', codes: codesOf(phases.filter((p) => p.system === 'motcua' && p !== halfRate)) }]),
    ...(halfRate ? [{ at: 'half_max_rate', codes: codesOf([halfRate]) }] : []),
  ];
  for (const { at, codes } of lagAt) {
    const { rows } = await pool.query<{ projection: string; p50: number; p99: number; n: string }>(
      `SELECT l.projection, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM l.at - e.occurred_at) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM l.at - e.occurred_at) * 1000) AS p99, count(*) AS n
         FROM bench_checkpoint_log l JOIN dossier_event e ON e.dossier_code = l.dossier_code AND e.sequence = l.last_sequence
        WHERE l.dossier_code = ANY($1) GROUP BY l.projection ORDER BY l.projection`,
      [codes],
    );
    emit('read_model_lag_ms', { at, byProjection: Object.fromEntries(rows.map((r) => [r.projection, { p50: r1(r.p50), p99: r1(r.p99), n: Number(r.n) }])) });
  }

  // ---- history events
  const sample = num('history-sample', opts['history-sample']);
  const motcuaRuns = phases.filter((p) => p.system === 'motcua').flatMap((p) => p.runs);
  emit('history_events', { system: 'motcua', ...(await historyFigures(engineClient, motcuaRuns, sample)) });
  const seqOnly = (rs: DossierRun[]) => rs.filter((r) => r.script.kind === 'sequential');
  emit('history_events', { system: 'motcua', kind: 'sequential', ...(await historyFigures(engineClient, seqOnly(motcuaRuns), sample)) });
  for (const b of ['bareWorkflow', 'localActivityWorkflow'] as const) {
    const rs = phases.filter((p) => p.system === b).flatMap((p) => p.runs);
    if (rs.length > 0) emit('history_events', { system: b, kind: 'sequential', ...(await historyFigures(client, seqOnly(rs), sample)) });
  }

  emit('memory_peak_mb', meter.peakRssMb());
  emit('answers', { motcua: driver.answers });
  emit('load_average', { atStart: loadAtStart, atEnd: loadAverage() });

  // ---- teardown (the worker writes its CPU profile as it exits)
  meter.stop();
  await admin.disconnect();
  await connection.close();
  await pool.end();
  baseline.kill('SIGTERM');
  await procs.stop();
  if (opts.profile) {
    for (const proc of fs.readdirSync(profileDir)) {
      for (const f of fs.readdirSync(path.join(profileDir, proc)).filter((n) => n.endsWith('.cpuprofile'))) {
        const s = summariseProfile(path.join(profileDir, proc, f), t0Us, t1Us);
        // one profile per thread: the worker's main thread and its workflow thread
        if (s.totalMs > 0) emit('cpu_profile', { process: proc, ...s, profileDir });
      }
    }
  }
  const restarts = procs.supervisor.restarts();
  if (Object.values(restarts).some((n) => n > 0)) emit('engine_restarts', restarts);
  await engine.drop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:e2e: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
