/**
 * Consumer throughput into PostgreSQL: each projection group's full path (decode, zod, checkpoint
 * per dossier, projection, one transaction per batch) against a raw kafkajs consumer that writes
 * the same events with one batched upsert per batch, in the same run, from the same topic.
 * Then end-to-end lag, publish to read-model commit, under a steady publish rate. Then the trickle:
 * every group at the rate motcua publishes at its maximum, where a fetch holds an event or two per
 * partition, with a fetch's batches in one transaction and one commit (as shipped) against one
 * transaction and one commit per partition, interleaved: CPU per event of this process (the
 * consumers), PostgreSQL and Kafka, and transactions per event.
 * Target ratio ≥ 0.5.   npx motcua stack up && npm run bench:consumer [-- DOSSIERS RATE]
 *                       npm run bench:consumer -- trickle [SECONDS 30] [EVENTS_PER_SECOND 80]
 */
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createPublishActivities, toKafkaMessage } from '../activities/publish-events.activity';
import { createKafkajsPublisher } from '../infra/kafka/kafkajs-publisher';
import { PROJECTION_GROUPS, type ProjectionGroup } from '../projections/groups';
import { createProjectionConsumer, type ProjectionConsumerOptions } from '../projections/projection-consumer';
import type { DossierEvent } from '../contracts/events';
import type { Pool } from 'pg';
import { stackContext } from '../infra/stack/stack';
import { cpuDelta, ProcessMeter } from './load/proc-stats';
import { servicePids } from './load/stack-processes';
import { benchEnv, freshDb, freshTopicSet, percentile, runId, simulatedDecisions } from './support';

const { brokers, databaseUrl } = benchEnv();

/** Resolves when `count` events have been handled; measures from the first batch, so group joins do not count. */
function meter(count: number) {
  let seen = 0;
  let first = 0;
  let resolve!: (eps: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  return {
    done,
    add(n: number) {
      if (first === 0) first = performance.now();
      seen += n;
      if (seen >= count) resolve(count / ((performance.now() - first) / 1000));
    },
  };
}

async function ours(topic: string, dlq: string, group: ProjectionGroup, total: number): Promise<number> {
  const db = await freshDb(databaseUrl);
  const m = meter(total * group.projections.length);
  const c = createProjectionConsumer({ brokers, groupId: `bench.${runId()}`, topic, deadLetterTopic: dlq, pool: db.pool, projections: group.projections, onBatch: ({ applied }) => m.add(applied) });
  await c.start();
  const eps = await m.done;
  await c.stop();
  await db.drop();
  return eps / group.projections.length;
}

async function raw(topic: string, total: number): Promise<number> {
  const db = await freshDb(databaseUrl);
  await db.pool.query('CREATE TABLE raw_event (id text PRIMARY KEY, dossier_code text NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, payload jsonb NOT NULL)');
  const m = meter(total);
  const consumer = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `bench.raw.${runId()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      const rows = batch.messages.map((msg) => JSON.parse(msg.value!.toString()) as { id: string; dossierCode: string; type: string; occurredAt: string; payload: unknown });
      await db.pool.query(
        `INSERT INTO raw_event SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[]) ON CONFLICT (id) DO NOTHING`,
        [rows.map((r) => r.id), rows.map((r) => r.dossierCode), rows.map((r) => r.type), rows.map((r) => r.occurredAt), rows.map((r) => JSON.stringify(r.payload))],
      );
      const last = batch.messages.at(-1)!;
      resolveOffset(last.offset);
      // the batch's own commit, as the projection consumer does: a refusal reaches the runner, which re-joins the group
      await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }] });
      m.add(rows.length);
    },
  });
  const eps = await m.done;
  await consumer.disconnect();
  await db.drop();
  return eps;
}

/** Every projection group consuming the set's topic into `pool`, each group a consumer of its own, started. */
async function startGroups(name: string, defs: Awaited<ReturnType<typeof freshTopicSet>>, pool: Pool, extra: Partial<ProjectionConsumerOptions>) {
  const consumers = PROJECTION_GROUPS.map((g) =>
    createProjectionConsumer({ brokers, groupId: `bench.${name}.${g.name}.${runId()}`, topic: defs.dossierEvents.name, deadLetterTopic: defs.deadLetter.name, pool, projections: g.projections, ...extra }),
  );
  await Promise.all(consumers.map((c) => c.start()));
  return { stop: () => Promise.all(consumers.map((c) => c.stop())) };
}

/** Publishes the decisions at `eventsPerSecond` until they run out or `forMs` passes; resolves once every publish is acknowledged, with the events sent. */
async function publishSteadily(publish: (d: DossierEvent[]) => Promise<unknown>, decisions: DossierEvent[][], eventsPerSecond: number, forMs = Infinity): Promise<number> {
  const t0 = Date.now();
  let sent = 0;
  const pending: Array<Promise<unknown>> = [];
  for (const d of decisions) {
    const due = t0 + (sent / eventsPerSecond) * 1000;
    if (due >= t0 + forMs) break;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(publish(d));
    sent += d.length;
  }
  await Promise.all(pending);
  return sent;
}

/** Until `done` holds, for at most two minutes. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** Publishes at a steady rate through our publisher while every group consumes; lag = read-model commit − publish. */
async function lag(dossiers: number, ratePerSecond: number) {
  const defs = await freshTopicSet(brokers);
  const db = await freshDb(databaseUrl);
  const lags: number[] = [];
  const groups = await startGroups('lag', defs, db.pool, {
    afterApply: ({ messageTimestamps }) => {
      const now = Date.now();
      for (const ts of messageTimestamps) lags.push(now - Number(ts));
    },
  });
  const publisher = await createKafkajsPublisher(brokers, 'bench-lag');
  const { publishDossierEvents } = createPublishActivities({ publisher, topic: defs.dossierEvents.name });
  const decisions = simulatedDecisions(dossiers, 23).flat();
  const events = await publishSteadily(publishDossierEvents, decisions, ratePerSecond);
  await until(() => lags.length >= events * PROJECTION_GROUPS.length);
  await groups.stop();
  await publisher.close();
  await db.drop();
  lags.sort((a, b) => a - b);
  return { events, groups: PROJECTION_GROUPS.length, ratePerSecond, measured: lags.length, p50Ms: percentile(lags, 0.5), p99Ms: percentile(lags, 0.99), maxMs: lags.at(-1) ?? 0 };
}

/**
 * Every group consuming a steady trickle for `seconds`, its batches `together` partitions at a time:
 * CPU per published event of the consumers (this process, the publisher's share included), PostgreSQL
 * and Kafka, and PostgreSQL transactions per event.
 */
async function trickle(together: number, seconds: number, eventsPerSecond: number, seed: number) {
  const defs = await freshTopicSet(brokers);
  const db = await freshDb(databaseUrl);
  const pids = servicePids(stackContext());
  const meter = new ProcessMeter(() => ({ postgres: pids.postgres, kafka: pids.kafka }));
  let applied = 0;
  const groups = await startGroups('trickle', defs, db.pool, { partitionsTogether: together, batchWaitMs: 100, onBatch: (b) => void (applied += b.applied) });
  const publisher = await createKafkajsPublisher(brokers, 'bench-trickle');
  const { publishDossierEvents } = createPublishActivities({ publisher, topic: defs.dossierEvents.name });
  // dossiers in progress side by side, as at a desk's busy hour: each one's next decision in turn
  const byDossier = simulatedDecisions(Math.ceil((seconds * eventsPerSecond) / 8) + 1, seed);
  const decisions = Array.from({ length: Math.max(...byDossier.map((d) => d.length)) }, (_, k) => byDossier.flatMap((d) => (k < d.length ? [d[k]!] : []))).flat();
  // the groups join before the clock starts: a first decision applied by every projection
  const first = decisions.shift()!;
  await publishDossierEvents(first);
  const perEvent = PROJECTION_GROUPS.reduce((n, g) => n + g.projections.length, 0);
  await until(() => applied >= first.length * perEvent);
  const xacts = async () => Number((await db.pool.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n);
  const before = { cpu: process.cpuUsage(), services: meter.usage(), xacts: await xacts(), applied };
  const sent = await publishSteadily(publishDossierEvents, decisions, eventsPerSecond, seconds * 1000);
  await until(() => applied >= before.applied + sent * perEvent);
  const cpu = process.cpuUsage(before.cpu);
  const services = cpuDelta(before.services, meter.usage());
  const transactions = (await xacts()) - before.xacts;
  await groups.stop();
  await publisher.close();
  await db.drop();
  const per = (ms: number) => Math.round((ms / sent) * 1000) / 1000;
  return { together, events: sent, consumersMsPerEvent: per((cpu.user + cpu.system) / 1000), postgresMsPerEvent: per(services.postgres ?? 0), kafkaMsPerEvent: per(services.kafka ?? 0), transactionsPerEvent: Math.round((transactions / sent) * 100) / 100 };
}

async function trickleComparison(seconds: number, eventsPerSecond: number) {
  const runs: Array<Awaited<ReturnType<typeof trickle>>> = [];
  // interleaved, twice, so that neither mode always runs on a warmer or quieter machine
  for (const [i, together] of [16, 1, 1, 16].entries()) runs.push(await trickle(together, seconds, eventsPerSecond, 31 + i));
  const mean = (together: number, k: 'consumersMsPerEvent' | 'postgresMsPerEvent' | 'kafkaMsPerEvent') => {
    const xs = runs.filter((r) => r.together === together).map((r) => r[k]);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const total = (together: number) => mean(together, 'consumersMsPerEvent') + mean(together, 'postgresMsPerEvent') + mean(together, 'kafkaMsPerEvent');
  return { seconds, eventsPerSecond, runs, cpuPerEventMs: { fetchTogether: Math.round(total(16) * 1000) / 1000, partitionByPartition: Math.round(total(1) * 1000) / 1000 }, ratio: Math.round((total(16) / total(1)) * 100) / 100 };
}

async function main() {
  if (process.argv[2] === 'trickle') {
    const t = await trickleComparison(Number(process.argv[3] ?? 30), Number(process.argv[4] ?? 80));
    process.stdout.write(`${JSON.stringify({ benchmark: 'consumer-trickle', ...t })}\n`);
    return;
  }
  const dossiers = Number(process.argv[2] ?? 2000);
  const rate = Number(process.argv[3] ?? 1000);
  const defs = await freshTopicSet(brokers);
  const decisions = simulatedDecisions(dossiers);
  const total = decisions.flat(2).length;
  const producer = new Kafka({ clientId: 'bench-fill', brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (const d of decisions) await producer.send({ topic: defs.dossierEvents.name, acks: -1, messages: d.flat().map(toKafkaMessage) });
  await producer.disconnect();

  const rawEps = await raw(defs.dossierEvents.name, total);
  const groups: Record<string, { eventsPerSecond: number; ratio: number }> = {};
  for (const g of PROJECTION_GROUPS) {
    const eps = await ours(defs.dossierEvents.name, defs.deadLetter.name, g, total);
    groups[g.name] = { eventsPerSecond: Math.round(eps), ratio: Math.round((eps / rawEps) * 100) / 100 };
  }
  const rawAgain = await raw(defs.dossierEvents.name, total);
  const latency = await lag(Math.round(dossiers / 4), rate);
  const trickled = await trickleComparison(20, 80);
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'consumer', dossiers, events: total, rawBatchedUpsertEventsPerSecond: [Math.round(rawEps), Math.round(rawAgain)], groups, target: 0.5, endToEndLag: latency, trickle: trickled })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
