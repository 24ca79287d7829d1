import { CompressionTypes, Partitioners, type Producer, type TopicMessages } from 'kafkajs';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';
import { createKafka } from './kafkajs-client';

interface Pending {
  topic: string;
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Idempotent producer with one request in flight, so the broker de-duplicates retried batches and
 * events keep the order they were decided in. Calls that arrive while a request is in flight are
 * coalesced, in arrival order, into the next request: many workflows publishing small decisions
 * share round trips instead of queueing one request each.
 */
export async function createKafkajsPublisher(brokers: string[], clientId = 'motcua-publisher'): Promise<EventPublisher> {
  const kafka = createKafka(brokers, clientId);
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 on the key, as Java clients partition: a dossier lands on the same partition whichever client wrote it
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let queue: Pending[] = [];
  let sending = false;

  async function drain(): Promise<void> {
    sending = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const byTopic = new Map<string, TopicMessages>();
      for (const p of batch) {
        const tm = byTopic.get(p.topic) ?? { topic: p.topic, messages: [] };
        tm.messages.push(...p.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })));
        byTopic.set(p.topic, tm);
      }
      try {
        await producer.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages: [...byTopic.values()] });
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    sending = false;
  }

  return {
    publish(topic: string, messages: OutgoingMessage[]) {
      if (messages.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ topic, messages, resolve, reject });
        if (!sending) void drain();
      });
    },
    close: () => producer.disconnect(),
  };
}
