import { createKafka } from '../../infra/kafka/kafkajs-client';

export interface AlertSeen {
  kind: string;
  scope: string;
  dossierCode: string;
  /** the instant the alert stands for (a breach: due + 1 ms; any other: the instant it was raised for) */
  instantMs: number;
  /** when the broker appended it (the producer's timestamp) */
  publishedMs: number;
  receivedMs: number;
}

/** Every alert the worker publishes, as a supervisor's tool reads the SLA-alert topic, from its beginning. */
export async function startAlertTap(brokers: string[], topic: string, clientId: string): Promise<{ seen: AlertSeen[]; stop: () => Promise<void> }> {
  const seen: AlertSeen[] = [];
  const kafka = createKafka(brokers, clientId);
  const consumer = kafka.consumer({ groupId: `${clientId}-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const receivedMs = Date.now();
      const a = JSON.parse(message.value!.toString('utf8')) as { kind: string; scope: string; dossierCode: string; dueAt: string; raisedAt: string };
      const instantMs = a.kind === 'breach' ? Date.parse(a.dueAt) + 1 : Date.parse(a.raisedAt);
      seen.push({ kind: a.kind, scope: a.scope, dossierCode: a.dossierCode, instantMs, publishedMs: Number(message.timestamp), receivedMs });
    },
  });
  return { seen, stop: () => consumer.disconnect() };
}
