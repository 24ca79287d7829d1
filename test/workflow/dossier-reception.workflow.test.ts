import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';
import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import { DossierEvent } from '../../contracts/events';
import { dossierWorkflow } from '../../workflows';
import { testServerPath, uniqueName } from '../support/stack-env';

jest.setTimeout(120_000);

/** Kafka is the integration tier's business; here the publisher records what the activity sent. */
function recordingPublisher(): EventPublisher & { sent: Array<{ topic: string; messages: OutgoingMessage[] }> } {
  const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  return { sent, publish: async (topic, messages) => void sent.push({ topic, messages }), close: async () => undefined };
}

describe('dossier workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const input: StartDossierInput = {
    schemaVersion: 1,
    dossierCode: 'PT.P.XUAN.HOA.TTPHCC-260213-0001',
    procedureCode: '1.004194',
    procedureVersion: '1',
    unitId: 'pt.p-xuan-hoa.ttphcc',
    channel: 'direct',
    applicantKey: 'ak_abcdefghijklmnopqrstuv',
    receivedAt: '2026-02-13T10:00:00+07:00',
    calendarVersion: 'vn-2026.1',
    legalBudget: { amount: 7, unit: 'working_days' },
    committedBudget: { amount: 5, unit: 'working_days' },
    componentsTotal: 4,
    componentsDigitised: 4,
    componentsReused: 1,
  };

  it('publishes dossier.received once, with the appointment computed across Tết 2026 from the pinned calendar', async () => {
    const publisher = recordingPublisher();
    const taskQueue = uniqueName('wf');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ publisher, dossierEventsTopic: 'topic-under-test' }),
    });
    const view = await worker.runUntil(env.client.workflow.execute(dossierWorkflow, { workflowId: input.dossierCode, taskQueue, args: [input] }));

    expect(view.statusCode).toBe(2);
    expect(publisher.sent).toHaveLength(1);
    const [batch] = publisher.sent;
    expect(batch?.topic).toBe('topic-under-test');
    expect(batch?.messages).toHaveLength(1);
    const msg = batch!.messages[0]!;
    expect(msg.key).toBe(input.dossierCode);
    const event = DossierEvent.parse(JSON.parse(msg.value));
    expect(event.id).toBe(`${input.dossierCode}:1`);
    // Friday 13 Feb 2026 10:00: 5 working hours that day (lunch 11:30–13:30), Tết closes 14–22 Feb,
    // Mon 23 .. Thu 26 give 32 h, the last 3 h end on Friday 27 Feb at 10:00
    expect(event.payload.appointmentAt).toBe('2026-02-27T10:00:00+07:00');
    // legal 7 working days = 56 h: 5 + 40 (23–27 Feb) + 8 (Mon 2 Mar) + 3 on Tuesday 3 March
    expect(event.payload.legalDueAt).toBe('2026-03-03T10:00:00+07:00');
  });
});
