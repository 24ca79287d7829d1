import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { engineKeyring } from '../infra/crypto/engine-keyring';
import { createKafkajsPublisher } from '../infra/kafka/kafkajs-publisher';
import { logLevel } from '../infra/observability/log';
import { freeLoopbackPort, processRegistry, startMetricsServer } from '../infra/observability/metrics';
import { coreLogLevel, temporalLogger } from '../infra/observability/temporal-logger';
import { tracingWorkerOptions } from '../infra/observability/temporal-tracing';
import { startTracing } from '../infra/observability/tracing';
import { checkPosture } from '../infra/security-posture';
import { engineDataConverter } from '../infra/temporal/data-converter';
import { temporalTarget } from '../infra/temporal/temporal-connection';
import { topics } from '../infra/topics';
import { MetricsConfig, readConfig, WorkerConfig } from './config';
import { runMain } from './run-main';
import { workflowSource } from './workflow-source';
import { withoutWorkflowStackTraces } from './workflow-threads';

/** Temporal worker: runs dossier workflows and the activities that publish their events. */
runMain('temporal-worker', async (onStop, { readiness, log }) => {
  const config = readConfig(WorkerConfig);
  const metrics = readConfig(MetricsConfig);
  const keyring = engineKeyring(config.MOTCUA_ENCRYPTION_KEYS);
  checkPosture(
    config.MOTCUA_ENV,
    [
      ...(keyring.development ? [{ setting: 'MOTCUA_ENCRYPTION_KEYS', problem: 'unset: workflow payloads use the public development key' }] : []),
      ...(config.MOTCUA_PAYLOAD_ENCRYPTION === 'off' ? [{ setting: 'MOTCUA_PAYLOAD_ENCRYPTION', problem: 'off: workflow histories hold payloads in clear' }] : []),
    ],
    (l) => log.warn(l),
  );
  // the SDK's Prometheus exporter listens on loopback only; this process's /metrics serves its series with ours
  const corePort = metrics.MOTCUA_METRICS_PORT !== undefined ? await freeLoopbackPort() : undefined;
  Runtime.install({
    logger: temporalLogger(log.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: { core: coreLogLevel(logLevel()), other: 'ERROR' }, forward: {} },
      ...(corePort !== undefined ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${corePort}` } } } : {}),
    },
  });
  const registry = processRegistry();
  const server =
    metrics.MOTCUA_METRICS_PORT !== undefined
      ? await startMetricsServer({
          host: metrics.MOTCUA_METRICS_HOST,
          port: metrics.MOTCUA_METRICS_PORT,
          registry,
          log,
          extra: async () => (await fetch(`http://127.0.0.1:${corePort}/metrics`, { signal: AbortSignal.timeout(5000) })).text(),
        })
      : undefined;
  const tracing = startTracing('temporal-worker');
  const publisher = await createKafkajsPublisher(config.KAFKA_BROKERS.split(','));
  const temporal = temporalTarget();
  const connection = await NativeConnection.connect(temporal.connection);
  const workflows = workflowSource({ traced: tracing !== undefined, bundleFile: config.MOTCUA_WORKFLOW_BUNDLE });
  try {
    const traced = tracing ? tracingWorkerOptions(tracing) : undefined;
    const stackTraces = config.MOTCUA_WORKFLOW_STACK_TRACES === 'on';
    const create = (): Promise<Worker> => Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.MOTCUA_TASK_QUEUE,
      dataConverter: engineDataConverter(config.MOTCUA_PAYLOAD_ENCRYPTION === 'on' ? keyring : undefined),
      ...workflows.options,
      ...(config.MOTCUA_WORKER_CACHED_WORKFLOWS !== undefined ? { maxCachedWorkflows: config.MOTCUA_WORKER_CACHED_WORKFLOWS } : {}),
      ...(config.MOTCUA_WORKER_WORKFLOW_TASKS !== undefined ? { maxConcurrentWorkflowTaskExecutions: config.MOTCUA_WORKER_WORKFLOW_TASKS } : {}),
      ...(traced ? { sinks: traced.sinks, interceptors: { ...workflows.options.interceptors, ...traced.interceptors } } : {}),
      activities: createActivities({ publisher, dossierEventsTopic: topics(process.env).dossierEvents.name, slaAlertsTopic: topics(process.env).slaAlerts.name }),
    });
    const worker = stackTraces ? await create() : await withoutWorkflowStackTraces(create);
    onStop(() => worker.shutdown());
    readiness(() => worker.getState() === 'RUNNING');
    log.info(
      { taskQueue: config.MOTCUA_TASK_QUEUE, temporal: temporal.describe, workflows: workflows.describe, tracing: tracing !== undefined, workflowStackTraces: stackTraces },
      `polling task queue ${config.MOTCUA_TASK_QUEUE} on ${temporal.describe}; workflows: ${workflows.describe}${tracing ? '; tracing on' : ''}; workflow stack traces ${stackTraces ? 'on' : 'off (MOTCUA_WORKFLOW_STACK_TRACES=on)'}`,
    );
    await worker.run();
  } finally {
    await connection.close();
    await publisher.close();
    await server?.close();
    await tracing?.shutdown();
  }
});
