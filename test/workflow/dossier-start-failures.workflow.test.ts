import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import { dossierWorkflow } from '../../workflows';
import { startInput } from '../support/dossier-fixtures';
import { waitUntil } from '../support/wait-until';
import { WorkflowHarness } from '../support/workflow-harness';

jest.setTimeout(120_000);

/**
 * No input leaves a dossier workflow retrying a failing workflow task forever: what the decider cannot
 * start ends the workflow, failed, with a machine-readable type (a domain error's code, or the input's).
 */
describe('dossier workflow: inputs it cannot start', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await WorkflowHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Starts the workflow and waits (bounded) until it is closed; returns the failure's type. */
  async function failureType(input: StartDossierInput): Promise<string> {
    const handle = await h.env.client.workflow.start(dossierWorkflow, { workflowId: input.dossierCode, taskQueue: h.taskQueue, args: [input] });
    await waitUntil(async () => ((await handle.describe()).status.name !== 'RUNNING' ? true : undefined), `${input.dossierCode} to close instead of retrying its workflow task`, 20_000);
    expect((await handle.describe()).status.name).toBe('FAILED');
    try {
      await handle.result();
    } catch (err) {
      if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'NO_TYPE';
      throw err;
    }
    throw new Error('the workflow completed');
  }

  const base = () => startInput({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });

  it.each(['2099-03-02T09:00:00+07:00', '9999-03-01T09:00:00+07:00'])('receivedAt %s, outside the calendar: failed with INSTANT_OUTSIDE_CALENDAR, nothing published', async (receivedAt) => {
    const input = { ...base(), receivedAt };
    expect(await failureType(input)).toBe('INSTANT_OUTSIDE_CALENDAR');
    expect(h.publisher.events(input.dossierCode)).toEqual([]);
  });

  it('an input the contract rejects (the decider would throw a TypeError): failed with START_INPUT_INVALID', async () => {
    const input = { ...base(), procedure: null } as unknown as StartDossierInput;
    expect(await failureType(input)).toBe('START_INPUT_INVALID');
  });
});
