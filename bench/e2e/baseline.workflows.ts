import { allHandlersFinished, condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';

// Temporal's own floor for motcua's traffic, on the same server: a workflow that takes the same
// number of updates and returns, and the same with one local activity per update (motcua publishes
// each decision's events in one local-activity call).

export const stepUpdate = defineUpdate<number, [unknown]>('step');

export async function bareWorkflow(updates: number): Promise<number> {
  let taken = 0;
  setHandler(stepUpdate, () => ++taken);
  await condition(() => taken >= updates);
  await condition(allHandlersFinished);
  return taken;
}

const { record } = proxyLocalActivities<{ record(command: unknown): Promise<number> }>({ startToCloseTimeout: '30 seconds' });

export async function localActivityWorkflow(updates: number): Promise<number> {
  let taken = 0;
  setHandler(stepUpdate, async (command) => {
    await record(command);
    return ++taken;
  });
  await condition(() => taken >= updates);
  await condition(allHandlersFinished);
  return taken;
}
