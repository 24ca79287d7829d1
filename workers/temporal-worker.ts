import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { engineKeyring } from '../infra/crypto/engine-keyring';
import { createKafkajsPublisher } from '../infra/kafka/kafkajs-publisher';
import { checkPosture } from '../infra/security-posture';
import { engineDataConverter } from '../infra/temporal/data-converter';
import { temporalTarget } from '../infra/temporal/temporal-connection';
import { topics } from '../infra/topics';
import { readConfig, WorkerConfig } from './config';
import { runMain } from './run-main';
import { workflowSource } from './workflow-source';
import { withoutWorkflowStackTraces } from './workflow-threads';

/** Temporal worker: runs dossier workflows and the activities that publish their events. */
runMain('temporal-worker', async (onStop, { readiness }) => {
  const config = readConfig(WorkerConfig);
  const keyring = engineKeyring(config.MOTCUA_ENCRYPTION_KEYS);
  checkPosture(
    config.MOTCUA_ENV,
    [
      ...(keyring.development ? [{ setting: 'MOTCUA_ENCRYPTION_KEYS', problem: 'unset: workflow payloads use the public development key' }] : []),
      ...(config.MOTCUA_PAYLOAD_ENCRYPTION === 'off' ? [{ setting: 'MOTCUA_PAYLOAD_ENCRYPTION', problem: 'off: workflow histories hold payloads in clear' }] : []),
    ],
    (l) => process.stderr.write(`temporal-worker: ${l}\n`),
  );
  Runtime.install({ logger: new DefaultLogger((process.env.MOTCUA_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
  const publisher = await createKafkajsPublisher(config.KAFKA_BROKERS.split(','));
  const temporal = temporalTarget();
  const connection = await NativeConnection.connect(temporal.connection);
  const workflows = workflowSource(config.MOTCUA_WORKFLOW_BUNDLE);
  try {
    const stackTraces = config.MOTCUA_WORKFLOW_STACK_TRACES === 'on';
    const create = (): Promise<Worker> => Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.MOTCUA_TASK_QUEUE,
      dataConverter: engineDataConverter(config.MOTCUA_PAYLOAD_ENCRYPTION === 'on' ? keyring : undefined),
      ...workflows.options,
      activities: createActivities({ publisher, dossierEventsTopic: topics(process.env).dossierEvents.name, slaAlertsTopic: topics(process.env).slaAlerts.name }),
    });
    const worker = stackTraces ? await create() : await withoutWorkflowStackTraces(create);
    onStop(() => worker.shutdown());
    readiness(() => worker.getState() === 'RUNNING');
    process.stderr.write(`temporal-worker: polling task queue ${config.MOTCUA_TASK_QUEUE} on ${temporal.describe}; workflows: ${workflows.describe}; workflow stack traces ${stackTraces ? 'on' : 'off (MOTCUA_WORKFLOW_STACK_TRACES=on)'}\n`);
    await worker.run();
  } finally {
    await connection.close();
    await publisher.close();
  }
});
