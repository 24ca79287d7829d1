import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';
import { DossierEvent } from '../../contracts/events';
import { dossierWorkflow } from '../../workflows';
import { dossierStateQuery } from '../../workflows/messages';
import { startInput } from '../support/dossier-fixtures';
import { uniqueName } from '../support/stack-env';
import { createTimeSkippingEnv } from '../support/time-skipping-env';

jest.setTimeout(120_000);

/** Kafka is the integration tier's business; here the publisher records what the activity sent. */
function recordingPublisher(): EventPublisher & { sent: Array<{ topic: string; messages: OutgoingMessage[] }> } {
  const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  return { sent, publish: async (topic, messages) => void sent.push({ topic, messages }), close: async () => undefined };
}

describe('dossier workflow reception on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('publishes dossier.received and the first task in one batch, the appointment computed across Tết 2026', async () => {
    const publisher = recordingPublisher();
    const taskQueue = uniqueName('wf');
    const input = startInput({ procedureCode: '1.004194', receivingUnitId: 'pt.p-xuan-hoa.ttphcc', receivedAt: '2026-02-13T10:00:00+07:00' });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ publisher, dossierEventsTopic: 'topic-under-test' }),
    });
    const state = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(dossierWorkflow, { workflowId: input.dossierCode, taskQueue, args: [input] });
      // the first decision is published before the workflow waits for officers
      for (;;) {
        const s = await handle.query(dossierStateQuery);
        if (publisher.sent.length > 0) return s;
      }
    });

    expect(state.statusCode).toBe(4);
    expect(publisher.sent).toHaveLength(1);
    const [batch] = publisher.sent;
    expect(batch?.topic).toBe('topic-under-test');
    expect(batch?.messages.map((m) => m.key)).toEqual([input.dossierCode, input.dossierCode]);
    const [received, assigned] = batch!.messages.map((m) => DossierEvent.parse(JSON.parse(m.value)));
    if (received?.type !== 'dossier.received' || assigned?.type !== 'task.assigned') throw new Error('unexpected first batch');
    expect(received.id).toBe(`${input.dossierCode}:1`);
    // committed 5 working days from Friday 13 Feb 2026 10:00: 5 h that day, Tết closes 14–22 Feb,
    // Mon 23 .. Thu 26 give 32 h, the last 3 h end on Friday 27 Feb at 10:00
    expect(received.payload.appointmentAt).toBe('2026-02-27T10:00:00+07:00');
    // legal 7 working days = 56 h: 5 + 40 (23–27 Feb) + 8 (Mon 2 Mar) + 3 on Tuesday 3 March
    expect(received.payload.legalDueAt).toBe('2026-03-03T10:00:00+07:00');
    // residence registration is received by the ward police (Law on Residence 2020)
    expect(assigned.payload).toMatchObject({ taskId: 'tiep-nhan#1', unitId: 'pt.p-xuan-hoa.cong-an', taskVersion: 0 });
  });
});
