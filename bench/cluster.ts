/**
 * CPU time per dossier on the cluster profile against the single-node stack: the same scripted
 * scenario (cli/demo/scripted-scenario.ts) on each, in the same run, counting every process of the
 * stack (Temporal, Kafka, PostgreSQL and their children) and of the engine (workers, consumers,
 * APIs) from the moment the engine is ready until every read model holds every event. Also the
 * history events per dossier on each. Then, on the cluster's PostgreSQL and brokers, an embedded BPMN
 * engine's peer run of five hand-offs a dossier (bench/bpmn-peer), for its CPU per completed task
 * beside motcua's CPU per command (`--no-peer` leaves it out).
 *   npx motcua stack up && npx motcua stack up --profile cluster --no-engine && npm run bench:cluster [-- DOSSIERS] [--no-peer]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScenario } from '../cli/demo/scripted-scenario';
import { formatLocalIso } from '../domain/calendar/local-time';
import { CLUSTER_FLEET, SINGLE_FLEET, type FleetShape } from '../infra/stack/engine-fleet';
import { readPid } from '../infra/stack/processes';
import type { StackContext } from '../infra/stack/service';
import { stackContext, stackEnv, stackStatus } from '../infra/stack/stack';
import type { StackProfile } from '../infra/stack/stack-config';
import { readModelsCaughtUp, startEngineRun, stopEngineRun } from '../test/support/engine-run';
import { runBpmnPeer } from './bpmn-peer/peer';
import { servicePids } from './load/stack-processes';
import { treeCpuSeconds } from './cpu-time';
import { benchOutput } from './support';

const { values, positionals } = benchOutput('bench:cluster').commandLine({ 'no-peer': { type: 'boolean', default: false } });
const withPeer = !values['no-peer'];
const dossiers = Number(positionals[0] ?? 200);
if (positionals.length > 1 || !Number.isInteger(dossiers) || dossiers < 1) {
  process.stderr.write(`bench:cluster: DOSSIERS is one positive whole number, got ${positionals.join(' ')}; usage: npm run bench:cluster [-- DOSSIERS] [--no-peer]\n`);
  process.exit(2);
}

type Role = 'temporal' | 'kafka' | 'postgres' | 'worker' | 'consumers' | 'api';

/** Every process of the stack (servicePids) and of the engine run (its fleet's PID files), by role. */
function processesByRole(ctx: StackContext, fleetPidFiles: string[]): Record<Role, number[]> {
  const out: Record<Role, number[]> = { ...servicePids(ctx), worker: [], consumers: [], api: [] };
  for (const file of fleetPidFiles) {
    const rec = readPid(file);
    const name = path.basename(file, '.pid');
    const role: Role | undefined = name.startsWith('temporal-worker') ? 'worker' : name.startsWith('api') ? 'api' : /consumer/.test(name) ? 'consumers' : undefined;
    if (rec && role) out[role].push(rec.pid);
  }
  return out;
}

function cpuByRole(pids: Record<Role, number[]>): Record<Role, number> {
  return Object.fromEntries(Object.entries(pids).map(([role, list]) => [role, treeCpuSeconds(list)])) as Record<Role, number>;
}

async function measure(profile: StackProfile, shape: FleetShape, apiPort: number, receivedAt: string) {
  const ctx = stackContext(process.env, () => undefined, profile);
  const status = await stackStatus(ctx);
  if (status.some((s) => !s.healthy || s.source !== 'local')) {
    process.stderr.write(`bench:cluster needs both local stacks: run \`npx motcua stack up\` and \`npx motcua stack up --profile cluster --no-engine\` (${profile}: ${JSON.stringify(status)})\n`);
    process.exit(2);
  }
  const run = await startEngineRun({ name: `bench-${profile}`, profile, stackEnv: stackEnv(ctx), shape, dataDir: ctx.dataDir, apiPort });
  try {
    const pids = processesByRole(ctx, run.fleet.processes.map((p) => p.pidFile));
    const driverBefore = process.cpuUsage();
    const before = cpuByRole(pids);
    const t0 = performance.now();
    const report = await runScenario(run.driver, { dossiers, seed: 21, receivedAt });
    await readModelsCaughtUp(run, report.codes, report.lastSequences);
    const wall = (performance.now() - t0) / 1000;
    const after = cpuByRole(pids);
    const driver = process.cpuUsage(driverBefore);
    const perDossierMs = Object.fromEntries(Object.keys(after).map((r) => [r, Math.round(((after[r as Role] - before[r as Role]) * 1000) / dossiers)])) as Record<Role, number>;
    const all = Object.values(perDossierMs).reduce((a, b) => a + b, 0);
    const services = perDossierMs.temporal + perDossierMs.kafka + perDossierMs.postgres;
    const history = report.historyEvents;
    return {
      profile,
      processes: Object.values(pids).flat().length,
      wallSeconds: Math.round(wall),
      cpuMsPerDossier: all,
      /** the officers' and applicants' commands after the submission: the hand-offs */
      commandsPerDossier: Math.round((run.driver.stats.commands / dossiers) * 10) / 10,
      cpuMsPerCommand: Math.round((all * dossiers * 10) / run.driver.stats.commands) / 10,
      servicesCpuMsPerDossier: services,
      engineCpuMsPerDossier: all - services,
      cpuMsPerDossierByRole: perDossierMs,
      driverCpuMsPerDossier: Math.round((driver.user + driver.system) / 1000 / dossiers),
      historyEventsPerDossier: Math.round((history.reduce((a, b) => a + b, 0) / history.length) * 10) / 10,
      commands: run.driver.stats.commands,
    };
  } finally {
    await stopEngineRun(run);
  }
}

async function main() {
  const receivedAt = formatLocalIso(Date.now());
  const single = await measure('single', SINGLE_FLEET, 18280, receivedAt);
  process.stdout.write(`${JSON.stringify(single)}\n`);
  const cluster = await measure('cluster', CLUSTER_FLEET, 28280, receivedAt);
  process.stdout.write(`${JSON.stringify(cluster)}\n`);
  process.stdout.write(
    `${JSON.stringify({
      dossiers,
      cpuPerDossierRatio: Math.round((cluster.cpuMsPerDossier / single.cpuMsPerDossier) * 100) / 100,
      servicesRatio: Math.round((cluster.servicesCpuMsPerDossier / single.servicesCpuMsPerDossier) * 100) / 100,
      engineRatio: Math.round((cluster.engineCpuMsPerDossier / single.engineCpuMsPerDossier) * 100) / 100,
      historyEventsRatio: Math.round((cluster.historyEventsPerDossier / single.historyEventsPerDossier) * 100) / 100,
    })}\n`,
  );
  if (!withPeer) return;
  const ctx = stackContext(process.env, () => undefined, 'cluster');
  const env = stackEnv(ctx);
  const pids = processesByRole(ctx, []);
  if (!env.DATABASE_URL) throw new Error('the cluster profile has no DATABASE_URL in its state');
  const peer = await runBpmnPeer({
    databaseUrl: env.DATABASE_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
    replicationFactor: 3,
    cacheDir: ctx.cacheDir,
    logDir: ctx.logDir,
    dossiers: Math.max(dossiers * 2, 400),
    warmup: 200,
    concurrency: 16,
    servicePids: { postgres: pids.postgres, kafka: pids.kafka },
    say: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify({ peer })}\n`);
  const r = cluster.cpuMsPerDossierByRole;
  const enginePath = Math.round(((r.temporal + r.worker + r.kafka + r.postgres) * dossiers * 10) / cluster.commands) / 10;
  process.stdout.write(
    `${JSON.stringify({
      motcuaClusterCpuMsPerCommand: cluster.cpuMsPerCommand,
      // without the consumers and APIs, which the peer has no counterpart of (PostgreSQL still holds the read models' writes)
      motcuaClusterEnginePathCpuMsPerCommand: enginePath,
      peerCpuMsPerCompletion: peer.cpuMsPerCompletion,
      motcuaOverPeer: Math.round((cluster.cpuMsPerCommand / peer.cpuMsPerCompletion) * 100) / 100,
      enginePathOverPeer: Math.round((enginePath / peer.cpuMsPerCompletion) * 100) / 100,
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:cluster: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
