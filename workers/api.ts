import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { buildServer } from '../api/server';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { temporalTarget } from '../infra/temporal/temporal-connection';
import { ApiConfig, readConfig } from './config';
import { runMain } from './run-main';

/** HTTP API: validates commands with zod, starts and updates workflows, reads the read models. */
runMain('api', async (onStop, { readiness }) => {
  const config = readConfig(ApiConfig);
  const catalog = loadShippedCatalog();
  const connection = await Connection.connect(temporalTarget().connection);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const app = buildServer({
    temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    taskQueue: config.MOTCUA_TASK_QUEUE,
    pool,
    catalog,
    applicantKeySecret: config.MOTCUA_APPLICANT_KEY_SECRET,
  });
  let closed!: () => void;
  const done = new Promise<void>((r) => (closed = r));
  onStop(async () => {
    await app.close();
    await pool.end();
    await connection.close();
    closed();
  });
  const url = await app.listen({ host: config.MOTCUA_API_HOST, port: config.MOTCUA_API_PORT });
  process.stderr.write(`api: listening on ${url}\n`);
  readiness(() => true);
  await done;
});
