import { Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './stack-env';
import { waitUntil } from './wait-until';

export interface TopicAudit {
  messages: number;
  /** Messages whose event id appeared before (a retried publish). */
  duplicates: number;
  /**
   * Event ids that came back with the same fact at other instants: the workflow task that published
   * them was lost (a Temporal process stopped before it completed), and its retry decided again at
   * its own, later time. Consumers keep the first; see the README's known defects.
   */
  retimed: string[];
  /** Event ids that came back with a different fact (anything but instants differs). */
  conflicting: string[];
  /** Dossier code → the distinct sequences on the topic, ascending. */
  sequences: Map<string, number[]>;
}

/** Reads a topic from the start to its current end, as an outside analytics service would, and audits the events on it. */
export async function auditTopic(brokers: string[], topic: string, timeoutMs = 120_000): Promise<TopicAudit> {
  const kafka = new Kafka({ clientId: 'topic-audit', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
  await admin.disconnect();
  const reached = new Map<number, bigint>([...ends.keys()].map((p) => [p, 0n]));
  const firstBody = new Map<string, string>();
  const audit: TopicAudit = { messages: 0, duplicates: 0, retimed: [], conflicting: [], sequences: new Map() };
  const consumer = kafka.consumer({ groupId: uniqueName('audit') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      reached.set(partition, BigInt(message.offset) + 1n);
      audit.messages += 1;
      const body = message.value!.toString();
      const event = JSON.parse(body) as { id: string; dossierCode: string; sequence: number };
      const seen = firstBody.get(event.id);
      if (seen === undefined) {
        firstBody.set(event.id, body);
        const list = audit.sequences.get(event.dossierCode) ?? [];
        list.push(event.sequence);
        audit.sequences.set(event.dossierCode, list);
      } else {
        audit.duplicates += 1;
        if (seen !== body) (withoutInstants(seen) === withoutInstants(body) ? audit.retimed : audit.conflicting).push(event.id);
      }
    },
  });
  try {
    await waitUntil(async () => ([...ends].every(([p, end]) => (reached.get(p) ?? 0n) >= end) ? true : undefined), `reading ${topic} to its end`, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  for (const list of audit.sequences.values()) list.sort((a, b) => a - b);
  return audit;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The event's JSON with every instant replaced by one placeholder. */
function withoutInstants(body: string): string {
  return JSON.stringify(JSON.parse(body), (_k, v: unknown) => (typeof v === 'string' && INSTANT.test(v) ? '<instant>' : v));
}

/** Dossiers whose sequences on the topic are not exactly 1..last (an event missing), with what was found. */
export function gaps(audit: TopicAudit, codes: string[], lastSequences: number[]): string[] {
  return codes.flatMap((code, i) => {
    const got = audit.sequences.get(code) ?? [];
    const last = lastSequences[i]!;
    const complete = got.length === last && got.every((s, k) => s === k + 1);
    return complete ? [] : [`${code}: expected 1..${last}, found ${got.length} (${got.slice(0, 5).join(',')}…)`];
  });
}
