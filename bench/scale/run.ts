/**
 * Scale check: OPEN dossiers (100,000) held open with their SLA timers armed, on a stack of its own,
 * and how late a breach alert comes with all of them open. The breach instants are measured on
 * probe dossiers of the demo procedures (working minutes on the `demo-24x7` calendar: the
 * compressed calendar, so a step breaches 9 s and the appointment 60 s after reception in real
 * time, on the real dev server, worker and broker). The probes run twice in the same run: on the
 * empty engine (the baseline) and with every open dossier in place. One JSON line per figure on
 * stdout; progress on stderr.
 *
 *   npm run bench:scale -- [--open 100000] [--concurrency 24] [--probes 240] [--probe-rate 2] [--timer-sample 50]
 *     [--max-load-minutes M] [--keep]
 *
 * The load ends early at --max-load-minutes or on SIGUSR2; the open dossiers counted are those accepted.
 */
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { benchOutput, percentile } from '../support';
import { DESKS, ScriptSource } from '../load/dossier-scripts';
import { EngineProcesses, isolatedEngine } from '../load/engine';
import { HttpDriver } from '../load/http-driver';
import { cpuDelta, loadAverage, ProcessMeter } from '../load/proc-stats';
import { servicePids } from '../load/stack-processes';
import { scaleStackUp, type ScaleStack } from './scale-stack';
import { armedTimerCheck } from './armed-timers';
import { startAlertTap } from './alert-tap';

const { flags, num, emit, say } = benchOutput('bench:scale');
const opts = flags({
  open: { type: 'string', default: '100000' },
  concurrency: { type: 'string', default: '24' },
  probes: { type: 'string', default: '240' },
  'probe-rate': { type: 'string', default: '2' },
  'timer-sample': { type: 'string', default: '50' },
  'max-load-minutes': { type: 'string' },
  keep: { type: 'boolean', default: false },
});
const OPEN = num('open', opts.open);
const CONCURRENCY = num('concurrency', opts.concurrency);
const PROBES = num('probes', opts.probes);
const PROBE_RATE = num('probe-rate', opts['probe-rate']);
const TIMER_SAMPLE = num('timer-sample', opts['timer-sample']);
const MAX_LOAD_MS = opts['max-load-minutes'] !== undefined ? num('max-load-minutes', opts['max-load-minutes']) * 60_000 : Infinity;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The probes' procedure: four steps, the first due 9 s after reception, the appointment 60 s after. */
const PROBE_PROCEDURE = 'DEMO.01';
/** How long after the last probe its alerts can still come: the appointment's breach at 60 s, and room for lateness. */
const PROBE_TAIL_MS = 90_000;
/** While loading: one probe this often. */
const LOAD_PROBE_EVERY_MS = 5_000;

async function main() {
  emit('run', { open: OPEN, concurrency: CONCURRENCY, probes: PROBES, probeRate: PROBE_RATE, cores: os.cpus().length, loadAverage: loadAverage(), node: process.version, calendar: 'demo-24x7 (compressed: working minutes around the clock) for the probes; vn-2026.2 for the open dossiers' });
  say('starting a stack of its own in .motcua/scale-stack (Temporal dev server on a file, Kafka, PostgreSQL)');
  const stack = await scaleStackUp((l) => say(l));
  try {
    await measure(stack);
  } finally {
    if (opts.keep) say('kept the stack in .motcua/scale-stack; `MOTCUA_DATA_DIR=.motcua/scale-stack npx motcua stack down` stops it');
    else await stack.down();
  }
}

async function measure(stack: ScaleStack) {
  const engine = await isolatedEngine(stack.addresses);
  say(`engine data ${engine.dataDir}; starting worker, reporting consumer and API`);
  const procs = await EngineProcesses.start(engine, [
    { name: 'temporal-worker', entry: 'temporal-worker' },
    { name: 'reporting-consumer', entry: 'reporting-consumer' },
    { name: 'api', entry: 'api' },
  ]);
  const pids = servicePids(stack.ctx);
  const meter = new ProcessMeter(() => ({
    'temporal-server': pids.temporal,
    kafka: pids.kafka,
    postgres: pids.postgres,
    'motcua-worker': procs.pid('temporal-worker'),
    'motcua-consumer': procs.pid('reporting-consumer'),
    'motcua-api': procs.pid('api'),
    driver: process.pid,
  }), new Set(['driver']));
  meter.startSampling(2000);
  const pool = new Pool({ connectionString: engine.databaseUrl, max: 2 });
  const connection = await Connection.connect({ address: stack.addresses.temporalAddress });
  const client = new Client({ connection, namespace: engine.namespace });

  const { seen, stop: stopTap } = await startAlertTap(stack.addresses.brokers, engine.topics.slaAlerts.name, 'bench-scale-alerts');

  const driver = await HttpDriver.create(engine.apiUrl, engine.dataDir, new ScriptSource(1).units);
  const snapshot = async (label: string, open: number) => {
    const usage = meter.usage();
    const disk = stack.diskBytes();
    const db = await pool.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    emit('footprint', {
      label,
      open,
      rssMb: Object.fromEntries(Object.entries(usage).map(([k, u]) => [k, Math.round(u.rssKb / 1024)])),
      diskMb: { 'temporal-server': mb(disk.temporal!), kafka: mb(disk.kafka!), postgres: mb(disk.postgres!), engineDatabase: mb(Number(db.rows[0]!.bytes)) },
      loadAverage: loadAverage(),
    });
  };

  /** Probe dossiers at `PROBE_RATE` a second; waits for all their breach alerts (or the tail), then the delays. */
  const probeRound = async (label: string) => {
    const codes = new Set<string>();
    const t0 = Date.now();
    const submissions: Array<Promise<void>> = [];
    for (let i = 0; i < PROBES; i++) {
      const at = t0 + (i * 1000) / PROBE_RATE;
      const wait = at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const desk = DESKS[i % DESKS.length]!;
      submissions.push(driver.play({ kind: 'sequential', procedureCode: PROBE_PROCEDURE, receivingUnitId: desk, moves: [] }).then((r) => void (r.code && codes.add(r.code))));
    }
    await Promise.all(submissions);
    // a probe breaches twice (its first step, then its appointment): wait for both of every probe
    const expected = codes.size * 2;
    const deadline = Date.now() + PROBE_TAIL_MS;
    const breaches = () => seen.filter((a) => a.kind === 'breach' && codes.has(a.dossierCode));
    while (breaches().length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const got = breaches();
    const delays = got.map((a) => a.receivedMs - a.instantMs).sort((a, b) => a - b);
    const publishDelays = got.map((a) => a.publishedMs - a.instantMs).sort((a, b) => a - b);
    const all = seen.filter((a) => codes.has(a.dossierCode)).map((a) => a.receivedMs - a.instantMs).sort((a, b) => a - b);
    const figure = {
      label,
      probes: codes.size,
      submitted: PROBES,
      breachesExpected: expected,
      breachesSeen: got.length,
      breachDelayMs: { p50: percentile(delays, 0.5), p99: percentile(delays, 0.99), max: delays[delays.length - 1] ?? null },
      breachPublishDelayMs: { p50: percentile(publishDelays, 0.5), p99: percentile(publishDelays, 0.99) },
      everyAlertDelayMs: { count: all.length, p50: percentile(all, 0.5), p99: percentile(all, 0.99) },
      seconds: Math.round((Date.now() - t0) / 1000),
    };
    emit('breach-alerts', figure);
    return figure;
  };

  say(`baseline: ${PROBES} probe dossiers on the empty engine`);
  const baseline = await probeRound('baseline (no other dossier open)');
  await snapshot('after the baseline probes', 0);

  say(`loading ${OPEN.toLocaleString('en-US')} open dossiers through POST /dossiers, ${CONCURRENCY} at a time`);
  const scripts = new ScriptSource(7);
  const openCodes: string[] = [];
  let failed = 0;
  let next = 0;
  const loadStart = Date.now();
  // the load ends early at --max-load-minutes, or on SIGUSR2 (`kill -USR2 <pid>`): the rest of the check runs with what is open
  let cutBySignal = false;
  process.once('SIGUSR2', () => {
    cutBySignal = true;
    say('SIGUSR2: ending the load here');
  });
  const loadCut = () => cutBySignal || Date.now() - loadStart > MAX_LOAD_MS;
  const cpuBefore = meter.usage();
  let reported = 0;
  // a probe now and then while the open dossiers pile up: the alert delay as their number grows (under the load's own arrivals)
  const loadProbes = new Set<string>();
  let sinceMs = loadStart;
  let probing = true;
  const probeLoop = (async () => {
    for (let i = 0; probing; i++) {
      void driver.play({ kind: 'sequential', procedureCode: PROBE_PROCEDURE, receivingUnitId: DESKS[i % DESKS.length]!, moves: [] }).then((r) => void (r.code && loadProbes.add(r.code)));
      await new Promise((r) => setTimeout(r, LOAD_PROBE_EVERY_MS));
    }
  })();
  const duringLoad = (open: number) => {
    const now = Date.now();
    const d = seen.filter((a) => a.kind === 'breach' && loadProbes.has(a.dossierCode) && a.receivedMs > sinceMs && a.receivedMs <= now).map((a) => a.receivedMs - a.instantMs).sort((a, b) => a - b);
    sinceMs = now;
    emit('breach-alerts-while-loading', { open, breaches: d.length, breachDelayMs: { p50: percentile(d, 0.5), p99: percentile(d, 0.99), max: d[d.length - 1] ?? null } });
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OPEN && !loadCut()) {
        next++;
        const r = await driver.play({ ...scripts.next(), moves: [] });
        if (r.code) openCodes.push(r.code);
        else failed++;
        const done = openCodes.length + failed;
        if (done >= reported + OPEN / 20) {
          reported = done;
          const rate = done / ((Date.now() - loadStart) / 1000);
          say(`${done.toLocaleString('en-US')} submitted (${rate.toFixed(1)}/s)`);
          duringLoad(openCodes.length);
          await snapshot(`loading`, openCodes.length);
        }
      }
    }),
  );
  const loadSeconds = (Date.now() - loadStart) / 1000;
  probing = false;
  await probeLoop;
  const cpu = cpuDelta(cpuBefore, meter.usage());
  emit('load', {
    asked: OPEN,
    submitted: next,
    cut: cutBySignal ? 'SIGUSR2' : next < OPEN ? 'max-load-minutes' : null,
    accepted: openCodes.length,
    failed,
    seconds: Math.round(loadSeconds),
    dossiersPerSecond: Math.round((openCodes.length / loadSeconds) * 10) / 10,
    cpuMsPerDossier: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round((v / Math.max(1, openCodes.length)) * 10) / 10])),
    answers: driver.answers.submit,
  });

  const running = await client.workflow.count(`ExecutionStatus = "Running" AND TaskQueue = "${engine.taskQueue}"`).then((c) => c.count, () => undefined);
  const timers = await armedTimerCheck(client, openCodes, TIMER_SAMPLE);
  emit('open', { running, expectedAtLeast: openCodes.length + baseline.probes, timersSampled: timers.sampled, timersArmed: timers.armed, nextTimerInHours: timers.nextTimerInHours });
  await snapshot('all open', openCodes.length);

  say(`${PROBES} probe dossiers with ${openCodes.length.toLocaleString('en-US')} open`);
  const loaded = await probeRound(`with ${openCodes.length} open dossiers`);
  await snapshot('after the loaded probes', openCodes.length);
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? Math.round((a / b) * 100) / 100 : null);
  emit('breach-alert-ratio', {
    p50: ratio(loaded.breachDelayMs.p50, baseline.breachDelayMs.p50),
    p99: ratio(loaded.breachDelayMs.p99, baseline.breachDelayMs.p99),
    target: 'p99 under 1000 ms with 100,000 open',
    // no probe answered is no measurement, not a pass
    met: loaded.probes > 0 && loaded.breachesSeen === loaded.breachesExpected && loaded.breachDelayMs.p99 < 1000,
  });
  emit('peak-rss', { mb: meter.peakRssMb() });

  meter.stop();
  await stopTap();
  await connection.close();
  await pool.end();
  await procs.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:scale failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
