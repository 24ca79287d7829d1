/**
 * Publisher throughput: our path (zod validation of every event, the coalescing idempotent
 * producer, the SLA-alert relay) against a raw kafkajs producer sending the same messages with
 * the same decision batches and the same concurrency, in the same run. Target ratio ≥ 0.7.
 *   npx motcua stack up && npm run bench:publisher [-- DOSSIERS CONCURRENCY]
 */
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createPublishActivities, toKafkaMessage } from '../activities/publish-events.activity';
import { createKafkajsPublisher } from '../infra/kafka/kafkajs-publisher';
import { benchEnv, freshTopicSet, simulatedDecisions } from './support';

async function main() {
  const dossiers = Number(process.argv[2] ?? 1500);
  const concurrency = Number(process.argv[3] ?? 64);
  const { brokers } = benchEnv();
  const decisions = simulatedDecisions(dossiers);
  const total = decisions.flat(2).length;

  /** Each of `concurrency` workers plays whole dossiers, publishing their decisions one after another. */
  async function drive(send: (batch: (typeof decisions)[number][number]) => Promise<void>): Promise<number> {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < decisions.length; i = next++) for (const d of decisions[i]!) await send(d);
      }),
    );
    return total / ((performance.now() - t0) / 1000);
  }

  async function ours(): Promise<number> {
    const defs = await freshTopicSet(brokers);
    const publisher = await createKafkajsPublisher(brokers, 'bench-ours');
    const { publishDossierEvents } = createPublishActivities({ publisher, topic: defs.dossierEvents.name, alertsTopic: defs.slaAlerts.name });
    try {
      return await drive(async (batch) => void (await publishDossierEvents(batch)));
    } finally {
      await publisher.close();
    }
  }

  async function raw(): Promise<number> {
    const defs = await freshTopicSet(brokers);
    const producer = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const prepared = new Map(decisions.flat().map((d) => [d, d.map(toKafkaMessage)]));
    try {
      return await drive(async (batch) => void (await producer.send({ topic: defs.dossierEvents.name, acks: -1, messages: prepared.get(batch)! })));
    } finally {
      await producer.disconnect();
    }
  }

  // alternate, best of two each, so neither side gets the warm broker alone
  const results = { ours: 0, raw: 0 };
  for (let round = 0; round < 2; round++) {
    results.raw = Math.max(results.raw, await raw());
    results.ours = Math.max(results.ours, await ours());
  }
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'publisher', dossiers, events: total, decisions: decisions.flat().length, concurrency, oursEventsPerSecond: Math.round(results.ours), rawKafkajsEventsPerSecond: Math.round(results.raw), ratio: Math.round((results.ours / results.raw) * 100) / 100, target: 0.7 })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
