import { Pool } from 'pg';
import { consumerLag } from '../infra/kafka/consumer-lag';
import { createKafka } from '../infra/kafka/kafkajs-client';
import { processRegistry, startMetricsServer } from '../infra/observability/metrics';
import { startTracing } from '../infra/observability/tracing';
import { topics } from '../infra/topics';
import { consumerGroupId, type ProjectionGroup } from '../projections/groups';
import { createProjectionConsumer } from '../projections/projection-consumer';
import { slaAlertLogProjection } from '../projections/sla-alert-log.projection';
import { ConsumerConfig, MetricsConfig, readConfig } from './config';
import { createConsumerMetrics } from './consumer-metrics';
import { runMain } from './run-main';

/**
 * Runs one consumer per projection group in this process, and, when MOTCUA_METRICS_PORT is set,
 * serves their lag per partition, events applied, dead letters and SLA alerts at /metrics.
 */
export function runProjectionGroups(processName: string, groups: ProjectionGroup[]): void {
  runMain(processName, async (onStop, { readiness, log }) => {
    const config = readConfig(ConsumerConfig);
    const metricsConfig = readConfig(MetricsConfig);
    const tracing = startTracing(processName);
    const brokers = config.KAFKA_BROKERS.split(',');
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: Math.max(4, groups.length * 2), connectionTimeoutMillis: 5000 });
    // an idle client that loses its server (PostgreSQL restarted) must not end the process: the next batch reconnects
    pool.on('error', (err) => log.warn({ err }, 'postgres pool: an idle connection failed'));
    const t = topics(process.env);
    const groupIds = groups.map((group) => consumerGroupId(config.MOTCUA_CONSUMER_GROUP_PREFIX, group));
    const admin = createKafka(brokers, `${processName}-metrics`).admin();
    await admin.connect();
    const registry = processRegistry();
    const metrics = createConsumerMetrics({
      registry,
      groupIds,
      countsSlaAlerts: groups.some((g) => g.projections.includes(slaAlertLogProjection)),
      lags: async () => (await Promise.all(groupIds.map((g) => consumerLag(admin, g, t.dossierEvents.name)))).flat(),
      log,
    });
    const consumers = groups.map((group, i) => {
      const groupId = groupIds[i]!;
      return createProjectionConsumer({
        brokers,
        groupId,
        topic: t.dossierEvents.name,
        deadLetterTopic: t.deadLetter.name,
        pool,
        projections: group.projections,
        batchWaitMs: config.MOTCUA_CONSUMER_BATCH_WAIT_MS,
        batchMinBytes: config.MOTCUA_CONSUMER_BATCH_MIN_BYTES,
        partitionsTogether: config.MOTCUA_CONSUMER_PARTITIONS_TOGETHER,
        onBatch: (info) => {
          metrics.batch(groupId, info);
          for (const d of info.deadLetters) log.warn({ group: groupId, partition: info.partition, offset: d.offset, ...(d.eventId ? { eventId: d.eventId } : {}), reason: d.reason }, `message sent to ${t.deadLetter.name}: ${d.reason}`);
          log.debug({ group: groupId, partition: info.partition, applied: info.applied, offset: info.lastOffset }, 'batch applied');
        },
        onApplied: (projection, events) => metrics.applied(projection, events),
        onFatalCrash: (err) => failStopped(new Error(`consumer group ${groupId} crashed and kafkajs will not restart it: ${err.message}`)),
      });
    });
    const server =
      metricsConfig.MOTCUA_METRICS_PORT !== undefined ? await startMetricsServer({ host: metricsConfig.MOTCUA_METRICS_HOST, port: metricsConfig.MOTCUA_METRICS_PORT, registry, log }) : undefined;
    let resolveStopped!: () => void;
    let failStopped!: (err: Error) => void;
    const stopped = new Promise<void>((resolve, reject) => {
      resolveStopped = resolve;
      failStopped = reject;
    });
    // it may fail while the consumers still start; `await stopped` below reports it, and the process ends with code 1
    stopped.catch(() => undefined);
    onStop(async () => {
      await server?.close();
      await Promise.all(consumers.map((c) => c.stop()));
      await admin.disconnect();
      await pool.end();
      await tracing?.shutdown();
      resolveStopped();
    });
    await Promise.all(consumers.map((c) => c.start()));
    readiness(() => true);
    log.info({ topic: t.dossierEvents.name, groups: groupIds, tracing: tracing !== undefined }, `consuming ${t.dossierEvents.name} as ${groupIds.join(', ')}`);
    await stopped;
  });
}
