import { CompressionTypes, Kafka, Partitioners, type Producer } from 'kafkajs';
import { quietTransientLogs } from './kafkajs-logging';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';

/**
 * Idempotent producer with one request in flight: the broker de-duplicates retried batches and a
 * dossier's events keep the order the workflow decided them in.
 */
export async function createKafkajsPublisher(brokers: string[], clientId = 'motcua-publisher'): Promise<EventPublisher> {
  const kafka = new Kafka({ clientId, brokers, logCreator: quietTransientLogs });
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 on the key, as Java clients partition: a dossier lands on the same partition whichever client wrote it
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async publish(topic: string, messages: OutgoingMessage[]) {
      if (messages.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    },
    close: () => producer.disconnect(),
  };
}
