import { Pool } from 'pg';
import { topics } from '../infra/topics';
import { dossierSummaryProjection } from '../projections/dossier-summary.projection';
import { createProjectionConsumer } from '../projections/projection-consumer';
import { ConsumerConfig, readConfig } from './config';
import { runMain } from './run-main';

/** Reporting consumer: builds the read models in PostgreSQL from the dossier-event topic. */
runMain('reporting-consumer', async (onStop) => {
  const config = readConfig(ConsumerConfig);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 4 });
  const t = topics(process.env);
  const consumer = createProjectionConsumer({
    brokers: config.KAFKA_BROKERS.split(','),
    groupId: `${config.MOTCUA_CONSUMER_GROUP_PREFIX}reporting.dossier-summary`,
    topic: t.dossierEvents.name,
    deadLetterTopic: t.deadLetter.name,
    pool,
    projections: [dossierSummaryProjection],
  });
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  onStop(async () => {
    await consumer.stop();
    await pool.end();
    resolveStopped();
  });
  await consumer.start();
  process.stderr.write(`reporting-consumer: consuming ${t.dossierEvents.name}\n`);
  await stopped;
});
