import { createApi } from '../api/create-api';
import { processRegistry, startMetricsServer } from '../infra/observability/metrics';
import { startTracing } from '../infra/observability/tracing';
import { ApiConfig, MetricsConfig, readConfig } from './config';
import { runMain } from './run-main';

/** HTTP API: validates commands with zod, starts and updates workflows, reads the read models. */
runMain('api', async (onStop, { readiness, log }) => {
  const config = readConfig(ApiConfig);
  const metrics = readConfig(MetricsConfig);
  const tracing = startTracing('api');
  const registry = processRegistry();
  const api = await createApi(config, { logger: log, registry, tracing: tracing !== undefined });
  const server = metrics.MOTCUA_METRICS_PORT !== undefined ? await startMetricsServer({ host: metrics.MOTCUA_METRICS_HOST, port: metrics.MOTCUA_METRICS_PORT, registry, log }) : undefined;
  let closed!: () => void;
  const done = new Promise<void>((r) => (closed = r));
  onStop(async () => {
    await api.close();
    await server?.close();
    await tracing?.shutdown();
    closed();
  });
  const url = await api.app.listen({ host: config.MOTCUA_API_HOST, port: config.MOTCUA_API_PORT });
  log.info({ url, tracing: tracing !== undefined }, `listening on ${url}${tracing ? '; tracing on' : ''}`);
  readiness(() => true);
  await done;
});
