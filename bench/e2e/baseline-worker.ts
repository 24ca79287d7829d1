import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

/** The baselines' worker: its own process, so its CPU is measured apart from motcua's. Default options, like motcua's worker. */
async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE!,
    taskQueue: process.env.BASELINE_TASK_QUEUE!,
    workflowsPath: require.resolve('./baseline.workflows'),
    activities: { record: async () => 0 },
  });
  process.on('SIGTERM', () => worker.shutdown());
  process.on('SIGINT', () => worker.shutdown());
  const running = worker.run();
  while (worker.getState() !== 'RUNNING') await new Promise((r) => setTimeout(r, 50));
  process.stdout.write('baseline-worker: ready\n');
  await running;
  await connection.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`baseline-worker: ${String(err)}\n`);
  process.exit(1);
});
