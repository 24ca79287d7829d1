import http from 'node:http';
import { Pool } from 'pg';
import { consumerLag, lagMetricsText } from '../infra/kafka/consumer-lag';
import { createKafka } from '../infra/kafka/kafkajs-client';
import { topics } from '../infra/topics';
import { consumerGroupId, type ProjectionGroup } from '../projections/groups';
import { createProjectionConsumer } from '../projections/projection-consumer';
import { ConsumerConfig, readConfig } from './config';
import { runMain } from './run-main';

/**
 * Runs one consumer per projection group in this process, and, when MOTCUA_METRICS_PORT is set,
 * serves their lag per partition at /metrics (Prometheus text).
 */
export function runProjectionGroups(processName: string, groups: ProjectionGroup[]): void {
  runMain(processName, async (onStop, { readiness }) => {
    const config = readConfig(ConsumerConfig);
    const brokers = config.KAFKA_BROKERS.split(',');
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: Math.max(4, groups.length * 2), connectionTimeoutMillis: 5000 });
    // an idle client that loses its server (PostgreSQL restarted) must not end the process: the next batch reconnects
    pool.on('error', (err) => process.stderr.write(`${processName}: postgres pool: ${err.message}\n`));
    const t = topics(process.env);
    const applied: Record<string, number> = {};
    const consumers = groups.map((group) => {
      const groupId = consumerGroupId(config.MOTCUA_CONSUMER_GROUP_PREFIX, group);
      applied[groupId] = 0;
      return {
        groupId,
        consumer: createProjectionConsumer({
          brokers,
          groupId,
          topic: t.dossierEvents.name,
          deadLetterTopic: t.deadLetter.name,
          pool,
          projections: group.projections,
          batchWaitMs: config.MOTCUA_CONSUMER_BATCH_WAIT_MS,
          batchMinBytes: config.MOTCUA_CONSUMER_BATCH_MIN_BYTES,
          onBatch: ({ applied: n }) => void (applied[groupId] = (applied[groupId] ?? 0) + n),
        }),
      };
    });
    const admin = createKafka(brokers, `${processName}-metrics`).admin();
    await admin.connect();
    let server: http.Server | undefined;
    const port = process.env.MOTCUA_METRICS_PORT;
    if (port) {
      server = http.createServer((req, res) => {
        if (req.url !== '/metrics') return void res.writeHead(404).end();
        Promise.all(consumers.map((c) => consumerLag(admin, c.groupId, t.dossierEvents.name)))
          .then((lags) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(lagMetricsText(lags.flat(), applied)))
          .catch((err: Error) => res.writeHead(503).end(`lag unavailable: ${err.message}\n`));
      });
      await new Promise<void>((r) => server!.listen(Number(port), process.env.MOTCUA_METRICS_HOST ?? '127.0.0.1', r));
      process.stderr.write(`${processName}: metrics on http://127.0.0.1:${(server.address() as { port: number }).port}/metrics\n`);
    }
    let resolveStopped!: () => void;
    const stopped = new Promise<void>((r) => (resolveStopped = r));
    onStop(async () => {
      server?.close();
      await Promise.all(consumers.map((c) => c.consumer.stop()));
      await admin.disconnect();
      await pool.end();
      resolveStopped();
    });
    await Promise.all(consumers.map((c) => c.consumer.start()));
    readiness(() => true);
    process.stderr.write(`${processName}: consuming ${t.dossierEvents.name} as ${consumers.map((c) => c.groupId).join(', ')}\n`);
    await stopped;
  });
}
