import { Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';
import { withClient } from '../infra/db/checked-out-client';
import { createKafka } from '../infra/kafka/kafkajs-client';
import type { Pool } from 'pg';
import { DossierEvent } from '../contracts/events';
import type { Projection } from './projection';
import { traceBatch } from './batch-tracing';
import { deadLetterSource } from '../contracts/events/dead-letter.contract';
import { coalescedApply, coalescedCommit, DEFAULT_PARTITIONS_TOGETHER, type FreshByProjection } from './coalesced';

export interface ProjectionConsumerOptions {
  brokers: string[];
  groupId: string;
  topic: string;
  deadLetterTopic: string;
  pool: Pool;
  projections: Projection[];
  /** Start from the beginning of the topic when the group has no committed offset (rebuilds, tests). */
  fromBeginning?: boolean;
  /** Write into this schema's tables instead of the live ones (rebuilds). */
  schema?: string;
  /**
   * Runs after the read-model transaction commits and before the offset commit: the window in
   * which a crash makes Kafka redeliver a batch the read models already hold (fault tests use it).
   */
  afterApply?: (info: { partition: number; firstOffset: string; lastOffset: string; messageTimestamps: string[] }) => Promise<void> | void;
  /**
   * Called after each committed batch (metrics, rebuild progress); `deadLettered` counts the messages
   * sent to the dead-letter topic, `deadLetters` says which (the event id when the producer set its header).
   */
  onBatch?: (info: { partition: number; lastOffset: string; applied: number; deadLettered: number; deadLetters: Array<{ offset: string; eventId?: string; reason: string }> }) => void;
  /** Called after a batch's transaction committed, with the events each projection applied (not those it had already). */
  onApplied?: (projection: string, events: DossierEvent[]) => void;
  clientId?: string;
  /**
   * How long the broker may hold a fetch to gather a batch (with `batchMinBytes`): larger batches cost
   * one transaction per group and fetch instead of one per event. The read models lag by up to this.
   */
  batchWaitMs?: number;
  batchMinBytes?: number;
  /**
   * Partitions whose batches kafkajs runs at once (DEFAULT_PARTITIONS_TOGETHER unless set), so that a
   * fetch's batches share one transaction and one offset commit; 1 applies and commits partition by
   * partition (the benchmark's baseline).
   */
  partitionsTogether?: number;
  /** How long the group's coordinator waits for a heartbeat before it expels this member (kafkajs's default, 30 s, unless set; tests shorten it). */
  sessionTimeoutMs?: number;
  /**
   * The group crashed and kafkajs will not start it again. It restarts only after a retriable error,
   * so a bug in a projection (a TypeError) or a coordinator's refusal it cannot place would leave the
   * group dead in a live process that reports itself ready. The process should end, so its supervisor
   * starts it again and every group resumes from its commits.
   */
  onFatalCrash?: (error: Error) => void;
}

export interface ProjectionConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Removes the group's committed offsets (a rebuild's throwaway group). */
  deleteGroup(): Promise<void>;
  consumer: Consumer;
}

type Decoded = { ok: true; event: DossierEvent } | { ok: false; reason: string };

export function decodeEvent(message: KafkaMessage): Decoded {
  if (!message.value) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
  const parsed = DossierEvent.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `fails the event contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, event: parsed.data };
}

/**
 * Applies a batch in one PostgreSQL transaction: each projection's read-model change and its
 * checkpoint per dossier commit together, and events at or below a checkpoint are skipped, so
 * redelivery (a crash before the offset commit, a replayed topic) changes nothing.
 */
export async function applyBatch(pool: Pool, projections: Projection[], events: DossierEvent[], schema?: string, onApplied?: ProjectionConsumerOptions['onApplied']): Promise<number> {
  return (await applyEvents(pool, projections, events, schema, onApplied)).reduce((n, [, fresh]) => n + fresh.length, 0);
}

/** `applyBatch`, answering which events each projection applied. */
async function applyEvents(pool: Pool, projections: Projection[], events: DossierEvent[], schema?: string, onApplied?: ProjectionConsumerOptions['onApplied']): Promise<FreshByProjection> {
  if (events.length === 0) return [];
  const freshBy: FreshByProjection = [];
  return withClient(pool, async (db) => {
    try {
      await db.query('BEGIN');
      // a rebuild writes the same projections into a schema of fresh tables, checkpoints included
      if (schema) await db.query(`SET LOCAL search_path TO ${db.escapeIdentifier(schema)}, public`);
      const codes = [...new Set(events.map((e) => e.dossierCode))];
      for (const p of projections) {
        const { rows } = await db.query<{ dossier_code: string; last_sequence: string }>(
          'SELECT dossier_code, last_sequence FROM projection_checkpoint WHERE projection = $1 AND dossier_code = ANY($2) FOR UPDATE',
          [p.name, codes],
        );
        const last = new Map(rows.map((r) => [r.dossier_code, Number(r.last_sequence)]));
        const advanced = new Map<string, number>();
        const fresh: DossierEvent[] = [];
        for (const e of events) {
          if (e.sequence <= (last.get(e.dossierCode) ?? 0)) continue;
          fresh.push(e);
          last.set(e.dossierCode, e.sequence);
          advanced.set(e.dossierCode, e.sequence);
        }
        if (fresh.length > 0) await p.apply(db, fresh);
        if (fresh.length > 0) freshBy.push([p.name, fresh]);
        if (advanced.size > 0) {
          await db.query(
            `INSERT INTO projection_checkpoint (projection, dossier_code, last_sequence)
             SELECT $1, c, s FROM unnest($2::text[], $3::bigint[]) AS t(c, s)
             ON CONFLICT (projection, dossier_code) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
            [p.name, [...advanced.keys()], [...advanced.values()]],
          );
        }
      }
      await db.query('COMMIT');
      for (const [name, fresh] of freshBy) onApplied?.(name, fresh);
      return freshBy;
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

export function createProjectionConsumer(opts: ProjectionConsumerOptions): ProjectionConsumer {
  const kafka = createKafka(opts.brokers, opts.clientId ?? opts.groupId);
  const consumer = kafka.consumer({
    groupId: opts.groupId,
    allowAutoTopicCreation: false,
    ...(opts.sessionTimeoutMs !== undefined ? { sessionTimeout: opts.sessionTimeoutMs } : {}),
    ...(opts.batchWaitMs !== undefined ? { maxWaitTimeInMs: opts.batchWaitMs, minBytes: opts.batchMinBytes ?? 64 * 1024 } : {}),
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) opts.onFatalCrash?.(payload.error);
  });
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const apply = coalescedApply((events) => applyEvents(opts.pool, opts.projections, events, opts.schema, opts.onApplied));
  const commit = coalescedCommit();

  async function eachBatch({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }: EachBatchPayload) {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const events: DossierEvent[] = [];
    const dead: Array<{ message: KafkaMessage; reason: string }> = [];
    for (const m of batch.messages) {
      const d = decodeEvent(m);
      if (d.ok) events.push(d.event);
      else dead.push({ message: m, reason: d.reason });
    }
    if (dead.length > 0) {
      await producer.send({
        topic: opts.deadLetterTopic,
        acks: -1,
        messages: dead.map(({ message, reason }) => ({
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-reason': reason,
            'dlq-consumer-group': opts.groupId,
            'dlq-source': deadLetterSource(batch.topic, batch.partition, message.offset),
          },
        })),
      });
    }
    const applied = await traceBatch(opts.groupId, batch, () => apply(events));
    const lastMessage = batch.messages[batch.messages.length - 1];
    if (lastMessage && opts.afterApply) {
      await opts.afterApply({ partition: batch.partition, firstOffset: batch.messages[0]!.offset, lastOffset: lastMessage.offset, messageTimestamps: batch.messages.map((m) => m.timestamp) });
    }
    if (lastMessage) {
      resolveOffset(lastMessage.offset);
      // the read model is committed; now the group may move past the batch (a crash before this replays it, harmlessly).
      // The batch's own commit, not consumer.commitOffsets: that one wraps a refusal from the coordinator (this member
      // expelled after a stall of the broker, a rebalance) in a non-retriable error, and kafkajs then stops the consumer
      // for good; from here the refusal reaches the runner as it is, which re-joins the group and fetches the batch again.
      // The batches of one fetch commit in one request, through the first one's commit (coalescedCommit).
      await commit({ topic: batch.topic, partition: batch.partition, offset: (BigInt(lastMessage.offset) + 1n).toString() }, commitOffsetsIfNecessary);
    }
    const deadLetters = dead.map(({ message, reason }) => ({ offset: message.offset, reason, ...(message.headers?.['event-id'] ? { eventId: String(message.headers['event-id']) } : {}) }));
    opts.onBatch?.({ partition: batch.partition, lastOffset: batch.lastOffset(), applied, deadLettered: dead.length, deadLetters });
    await heartbeat();
  }

  return {
    consumer,
    async start() {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: opts.topic, fromBeginning: opts.fromBeginning ?? true });
      // every partition of a fetch at once, so that their batches share a transaction (coalescedApply)
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: opts.partitionsTogether ?? DEFAULT_PARTITIONS_TOGETHER, eachBatch });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
    async deleteGroup() {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.deleteGroups([opts.groupId]);
      } finally {
        await admin.disconnect();
      }
    },
  };
}
