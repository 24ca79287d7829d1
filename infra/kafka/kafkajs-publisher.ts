import { CompressionTypes, Partitioners, type Message, type Producer, type RecordMetadata, type TopicMessages } from 'kafkajs';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';
import { createKafka } from './kafkajs-client';

interface Pending {
  topic: string;
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The part of a batch that no broker acknowledged. kafkajs 2.2.4 can resolve `sendBatch` without
 * sending some of it: when a request to one broker fails (its leadership moved) and the retry finds
 * a partition's new leader among the brokers that already answered the first attempt, it sends
 * nothing to that broker again (producer/sendMessages.js keeps one response per broker), so that
 * partition's messages are silently dropped. The cluster tier lost 13 of 600 events that way while a
 * broker restarted. Each acknowledgement names its topic and partition, so what is missing is sent again.
 */
export function unacknowledged(sent: TopicMessages[], partitionOf: (m: Message) => number | undefined, acks: RecordMetadata[]): TopicMessages[] {
  const acked = new Set(acks.filter((a) => a.errorCode === 0).map((a) => `${a.topicName}\u0000${a.partition}`));
  return sent
    .map((tm) => ({ topic: tm.topic, messages: tm.messages.filter((m) => !acked.has(`${tm.topic}\u0000${partitionOf(m)}`)) }))
    .filter((tm) => tm.messages.length > 0);
}

/** Sends until every message is acknowledged (see `unacknowledged`); a batch is attempted at most `attempts` times. */
async function sendAll(producer: Producer, topicMessages: TopicMessages[], partitionOf: (m: Message) => number | undefined, attempts = 5): Promise<void> {
  let pending = topicMessages;
  for (let i = 1; pending.length > 0; i++) {
    if (i > attempts) throw new Error(`kafka: ${pending.reduce((n, tm) => n + tm.messages.length, 0)} messages still unacknowledged after ${attempts} sends`);
    const acks = await producer.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages: pending });
    pending = unacknowledged(pending, partitionOf, acks);
    const owed = pending.reduce((n, tm) => n + tm.messages.length, 0);
    if (owed > 0) process.stderr.write(`kafka publisher: ${owed} messages had no acknowledgement after sendBatch resolved (a partition's leader moved); sending them again\n`);
  }
}

/**
 * Idempotent producer with one request in flight, so the broker de-duplicates retried batches and
 * events keep the order they were decided in. Calls that arrive while a request is in flight are
 * coalesced, in arrival order, into the next request: many workflows publishing small decisions
 * share round trips instead of queueing one request each.
 */
export async function createKafkajsPublisher(brokers: string[], clientId = 'motcua-publisher'): Promise<EventPublisher> {
  const kafka = createKafka(brokers, clientId);
  // which partition each message went to, to match it with its acknowledgement
  const partitions = new WeakMap<Message, number>();
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 on the key, as Java clients partition: a dossier lands on the same partition whichever client wrote it
    createPartitioner: () => {
      const murmur2 = Partitioners.DefaultPartitioner();
      return (args) => {
        const p = murmur2(args);
        partitions.set(args.message, p);
        return p;
      };
    },
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
        await sendAll(producer, [...byTopic.values()], (m) => partitions.get(m));
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
