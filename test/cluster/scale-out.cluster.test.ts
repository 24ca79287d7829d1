import { runScenario, type ScenarioProgress, type ScenarioReport } from '../../cli/demo/scripted-scenario';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { CLUSTER_FLEET, SINGLE_FLEET } from '../../infra/stack/engine-fleet';
import { kafkaClusterHealthy, kafkaClusterNodes, restartKafkaMember, stopKafkaMember } from '../../infra/stack/kafka-cluster.service';
import { stackContext, stackDown, stackEnv, stackUp } from '../../infra/stack/stack';
import { startTemporalMember, stopTemporalMember, waitForRing } from '../../infra/stack/temporal-cluster.service';
import { topics } from '../../infra/topics';
import { PROJECTION_GROUPS } from '../../projections/groups';
import { readModelsCaughtUp, startEngineRun, stopEngineRun, type EngineRun } from '../support/engine-run';
import { clockFreeDigest } from '../support/read-model-hash';
import { requireStackEnv } from '../support/stack-env';
import { auditTopic, gaps } from '../support/topic-events';
import { waitUntil } from '../support/wait-until';

/**
 * The scale-out claim: the same code on the cluster profile (Temporal server ×2 on PostgreSQL,
 * three brokers with replication 3 and min.insync.replicas 2, the engine's processes ×2) builds
 * the same read models as on the single-node stack, while a broker and a Temporal server process
 * are stopped and restarted under load; no event is lost or applied twice; every dossier finishes.
 */
const DOSSIERS = Number(process.env.MOTCUA_CLUSTER_DOSSIERS ?? 500);
const SEED = 14;
jest.setTimeout(60 * 60_000);

/** API ports of the runs' own engine processes, apart from those `npm start` and `stack up --profile cluster` take. */
const SINGLE_API_PORT = 18180;
const CLUSTER_API_PORT = 28180;
const log = (line: string) => process.stderr.write(`[cluster tier] ${line}\n`);
/** Without the addresses of the stack this run targets, so the single profile does not take the cluster's services for configured ones. */
function singleProfileEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL', 'KAFKA_BROKERS', 'DATABASE_URL', 'MOTCUA_TOPIC_REPLICATION_FACTOR', 'MOTCUA_DOSSIER_EVENTS_PARTITIONS', 'MOTCUA_STACK_PROFILE']) delete env[k];
  return env;
}

interface Outcome {
  report: ScenarioReport;
  digest: Record<string, string>;
  audit: Awaited<ReturnType<typeof auditTopic>>;
}

async function finish(run: EngineRun, report: ScenarioReport): Promise<Outcome> {
  await readModelsCaughtUp(run, report.codes, report.lastSequences);
  const audit = await auditTopic(run.env.KAFKA_BROKERS!.split(','), topics(run.env).dossierEvents.name);
  return { report, digest: await clockFreeDigest(run.pool, PROJECTION_GROUPS), audit };
}

function summary(name: string, o: Outcome, run: EngineRun) {
  const h = [...o.report.historyEvents].sort((a, b) => a - b);
  log(
    `${name}: ${o.report.codes.length} dossiers in ${(o.report.wallMs / 1000).toFixed(0)} s, ${run.driver.stats.commands} commands, ${run.driver.stats.retries} retried attempts, ` +
      `history events per dossier mean ${(h.reduce((a, b) => a + b, 0) / h.length).toFixed(1)} (p50 ${h[Math.floor(h.length / 2)]}, max ${h.at(-1)}), ` +
      `${o.audit.messages} messages on the topic (${o.audit.duplicates} duplicates, ${o.audit.retimed.length} of them re-decided at a later instant)`,
  );
}

describe(`${DOSSIERS} dossiers: the single-node stack and the cluster profile build the same read models`, () => {
  const clusterEnv = requireStackEnv();
  const receivedAt = formatLocalIso(Date.now());
  let reference: Outcome;

  it('on the single-node stack every dossier finishes and every event is on the topic once', async () => {
    const ctx = stackContext(singleProfileEnv(), log, 'single');
    const up = await stackUp(ctx);
    const run = await startEngineRun({ name: 'single', profile: 'single', stackEnv: up.env, shape: SINGLE_FLEET, dataDir: ctx.dataDir, apiPort: SINGLE_API_PORT });
    try {
      reference = await finish(run, await runScenario(run.driver, { dossiers: DOSSIERS, seed: SEED, receivedAt }));
      summary('single-node', reference, run);
    } finally {
      await stopEngineRun(run);
      if (up.started.length > 0) await stackDown(ctx, up.started);
    }
    expect(reference.report.codes).toHaveLength(DOSSIERS);
    expect(reference.report.rejections).toEqual([]);
    expect(gaps(reference.audit, reference.report.codes, reference.report.lastSequences)).toEqual([]);
    expect(reference.audit.conflicting).toEqual([]);
    expect(Object.values(reference.report.finalStatus).reduce((a, b) => a + b, 0)).toBe(DOSSIERS);
  });

  it('on the cluster, through both APIs, with a broker and a Temporal server process restarted mid-run: equal by hash, nothing lost or doubled', async () => {
    if (!reference) throw new Error('the single-node reference run failed; nothing to compare with');
    const ctx = stackContext({ ...process.env }, log, 'cluster');
    const brokerCount = kafkaClusterNodes(ctx).length;
    const run = await startEngineRun({ name: 'cluster', profile: 'cluster', stackEnv: stackEnv(ctx), shape: CLUSTER_FLEET, dataDir: ctx.dataDir, apiPort: CLUSTER_API_PORT });
    const progress: ScenarioProgress = { submitted: 0, commands: 0, closed: 0 };
    const faults: string[] = [];
    let scenarioDone = false;
    const at = async (commands: number, what: string, action: () => Promise<unknown>) => {
      await waitUntil(async () => (progress.commands >= commands ? true : scenarioDone ? Promise.reject(new Error(`the scenario ended before ${what}`)) : undefined), `${commands} commands before ${what}`, 30 * 60_000);
      const t = Date.now();
      await action();
      faults.push(`${what} at ${commands} commands (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      log(faults.at(-1)!);
    };
    // thresholds in commands (about 8 per dossier): the broker is away for a fifth of the run, then a Temporal process for another
    const schedule = (async () => {
      await at(DOSSIERS * 1.2, 'stopping kafka-2', () => stopKafkaMember(ctx, 2));
      await at(DOSSIERS * 2.4, 'restarting kafka-2', () => restartKafkaMember(ctx, 2));
      await at(DOSSIERS * 3.6, 'stopping temporal-1', () => stopTemporalMember(ctx, 1));
      await at(DOSSIERS * 4.8, 'restarting temporal-1', async () => {
        const sinceMs = Date.now();
        await startTemporalMember(ctx, 1);
        await waitForRing(ctx, { nodeId: 1, sinceMs });
      });
    })();
    let outcome: Outcome;
    try {
      const report = await runScenario(run.driver, { dossiers: DOSSIERS, seed: SEED, receivedAt, onProgress: (p) => Object.assign(progress, p) }).finally(() => (scenarioDone = true));
      await schedule;
      outcome = await finish(run, report);
      summary('cluster', outcome, run);
    } finally {
      await schedule.catch(() => undefined);
      await stopEngineRun(run);
      // whatever happened, leave the cluster whole for the next file
      await restartKafkaMember(ctx, 2).catch(() => undefined);
      await startTemporalMember(ctx, 1).catch(() => undefined);
    }
    expect(faults).toHaveLength(4);
    expect(await kafkaClusterHealthy(clusterEnv.brokers, brokerCount)).toBe(true);
    // both APIs took submissions (the driver alternates them by dossier index)
    expect(run.fleet.apiUrls).toHaveLength(2);
    expect(outcome.report.codes).toEqual(reference.report.codes);
    expect(outcome.report.rejections).toEqual([]);
    expect(outcome.report.finalStatus).toEqual(reference.report.finalStatus);
    expect(outcome.report.lastSequences).toEqual(reference.report.lastSequences);
    expect(gaps(outcome.audit, outcome.report.codes, outcome.report.lastSequences)).toEqual([]);
    // KNOWN DEFECT (README, Tests): a workflow task lost with the stopped Temporal process had already
    // published its decision; the retry decides the same facts at its own instant and publishes them
    // under the same ids. Tolerated here only when nothing but instants differs.
    expect(outcome.audit.conflicting).toEqual([]);
    expect(outcome.digest).toEqual(reference.digest);
  });
});
