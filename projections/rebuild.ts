import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { createKafka } from '../infra/kafka/kafkajs-client';
import type { ProjectionGroup } from './groups';
import { createProjectionConsumer } from './projection-consumer';
import { setTimeout as sleep } from 'node:timers/promises';
import { withClient } from '../infra/db/checked-out-client';

export interface RebuildOptions {
  pool: Pool;
  brokers: string[];
  topic: string;
  deadLetterTopic: string;
  group: ProjectionGroup;
  /** Give up when the fresh tables have not caught up with the live ones within this long. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface RebuildResult {
  group: string;
  events: number;
  dossiers: number;
  seconds: number;
}


/**
 * Replays the topic from the start into fresh tables in a schema of their own, then swaps them in.
 * The swap happens in one transaction that holds the live checkpoints still, and only once every
 * dossier in the fresh tables is at least as far as in the live ones: the live consumer then goes
 * on from its own offsets, skipping what the fresh tables already hold, so nothing is lost or doubled.
 */
export async function rebuildGroup(o: RebuildOptions): Promise<RebuildResult> {
  const t0 = Date.now();
  const schema = `rebuild_${o.group.name.replace(/[^a-z0-9]/g, '_')}_${crypto.randomBytes(3).toString('hex')}`;
  const names = o.group.projections.map((p) => p.name);
  const tables = o.group.projections.flatMap((p) => p.tables);
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  await o.pool.query(`CREATE SCHEMA ${q(schema)}`);
  for (const table of ['projection_checkpoint', ...tables]) {
    await o.pool.query(`CREATE TABLE ${q(schema)}.${q(table)} (LIKE public.${q(table)} INCLUDING ALL)`);
  }
  // the fresh tables must at least hold everything on the topic when the rebuild began
  const kafka = createKafka(o.brokers, schema);
  const admin = kafka.admin();
  await admin.connect();
  const target = new Map((await admin.fetchTopicOffsets(o.topic)).map((p) => [p.partition, { low: Number(p.low), high: Number(p.high) }]));
  await admin.disconnect();
  const reached = new Map<number, number>();
  const caughtUp = () => [...target].every(([p, { low, high }]) => high <= low || (reached.get(p) ?? -1) + 1 >= high);
  let events = 0;
  const consumer = createProjectionConsumer({
    brokers: o.brokers,
    groupId: `${schema}`,
    topic: o.topic,
    deadLetterTopic: o.deadLetterTopic,
    pool: o.pool,
    projections: o.group.projections,
    fromBeginning: true,
    schema,
    onBatch: ({ partition, lastOffset, applied }) => {
      events += applied;
      reached.set(partition, Math.max(reached.get(partition) ?? -1, Number(lastOffset)));
    },
  });
  try {
    await consumer.start();
    const deadline = Date.now() + (o.timeoutMs ?? 10 * 60_000);
    for (;;) {
      if (caughtUp() && (await trySwap(o.pool, schema, names, tables))) break;
      if (Date.now() > deadline) throw new Error(`rebuild of ${o.group.name} did not catch up with the live read model in time`);
      await sleep(200);
    }
  } catch (err) {
    await o.pool.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`).catch(() => undefined);
    throw err;
  } finally {
    await consumer.stop();
    await consumer.deleteGroup().catch(() => undefined);
  }
  const { rows } = await o.pool.query<{ n: string }>('SELECT count(DISTINCT dossier_code) AS n FROM projection_checkpoint WHERE projection = ANY($1)', [names]);
  return { group: o.group.name, events, dossiers: Number(rows[0]?.n ?? 0), seconds: (Date.now() - t0) / 1000 };
}

async function trySwap(pool: Pool, schema: string, names: string[], tables: string[]): Promise<boolean> {
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  // a connection the server drops mid-transaction is destroyed, not returned to the pool
  return withClient(pool, async (db) => {
    try {
      await db.query('BEGIN');
      // live consumers wait on these locks for the length of the swap
      await db.query(`LOCK TABLE public.projection_checkpoint IN EXCLUSIVE MODE`);
      for (const t of tables) await db.query(`LOCK TABLE public.${q(t)} IN ACCESS EXCLUSIVE MODE`);
      const { rows } = await db.query<{ behind: string }>(
        `SELECT count(*) AS behind FROM public.projection_checkpoint l
           LEFT JOIN ${q(schema)}.projection_checkpoint r ON r.projection = l.projection AND r.dossier_code = l.dossier_code
          WHERE l.projection = ANY($1) AND coalesce(r.last_sequence, 0) < l.last_sequence`,
        [names],
      );
      if (Number(rows[0]?.behind ?? 1) > 0) {
        await db.query('ROLLBACK');
        return false;
      }
      for (const t of tables) {
        await db.query(`DROP TABLE public.${q(t)}`);
        await db.query(`ALTER TABLE ${q(schema)}.${q(t)} SET SCHEMA public`);
      }
      await db.query('DELETE FROM public.projection_checkpoint WHERE projection = ANY($1)', [names]);
      await db.query(`INSERT INTO public.projection_checkpoint SELECT * FROM ${q(schema)}.projection_checkpoint WHERE projection = ANY($1)`, [names]);
      await db.query(`DROP SCHEMA ${q(schema)} CASCADE`);
      await db.query('COMMIT');
      return true;
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
