import { Pool } from 'pg';
import { toKafkaMessage } from '../../activities/publish-events.activity';
import type { EventPublisher } from '../../activities/ports/event-publisher';
import type { DossierEvent } from '../../contracts/events';
import { seeded, simulateDossier } from '../../domain/simulation/synthetic-dossiers';
import { consumerLag } from '../../infra/kafka/consumer-lag';
import { createKafkajsPublisher } from '../../infra/kafka/kafkajs-publisher';
import { PROJECTION_GROUPS, type ProjectionGroup } from '../../projections/groups';
import { createProjectionConsumer, type ProjectionConsumer, type ProjectionConsumerOptions } from '../../projections/projection-consumer';
import { rebuildGroup } from '../../projections/rebuild';
import { startInput } from '../support/dossier-fixtures';
import { readModelDigest } from '../support/read-model-hash';
import { dropDatabase, freshDatabase, freshTopics, requireStackEnv, uniqueName } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';
import { expectedFault } from '../support/expected-fault';

jest.setTimeout(180_000);

const PROCEDURES = ['DEMO.01', 'DEMO.02', 'DEMO.03', '2.002621', '1.004222', '1.013831'];

/** Realistic event streams from the decider itself: 48 dossiers across six procedures. */
function simulatedEvents(): DossierEvent[] {
  const rnd = seeded(7);
  return PROCEDURES.flatMap((code) =>
    Array.from({ length: 8 }, () =>
      simulateDossier(startInput({ procedureCode: code, receivedAt: '2026-03-02T08:00:00+07:00', calendarVersion: code.startsWith('DEMO') ? 'demo-24x7' : 'vn-2026.1' }), rnd),
    ),
  ).flat();
}

/**
 * The consumers' promise: whatever Kafka does (duplicates, a batch redelivered after a crash,
 * partitions split between instances, a replay from the start), the read models come out the same.
 */
describe('reporting consumers against real Kafka and PostgreSQL', () => {
  const env = requireStackEnv();
  const events = simulatedEvents();
  const lastSeq = new Map<string, number>();
  for (const e of events) lastSeq.set(e.dossierCode, Math.max(lastSeq.get(e.dossierCode) ?? 0, e.sequence));
  const dbs: Array<{ url: string; name: string; pool: Pool }> = [];
  const running: ProjectionConsumer[] = [];
  let publisher: EventPublisher;

  beforeAll(async () => {
    publisher = await createKafkajsPublisher(env.brokers, 'consumers-test');
  });
  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop().catch(() => undefined)));
    await publisher?.close();
    for (const db of dbs) {
      await db.pool.end();
      await dropDatabase(env.databaseUrl, db.name);
    }
  });

  async function database() {
    const db = await freshDatabase(env.databaseUrl);
    const entry = { ...db, pool: new Pool({ connectionString: db.url, max: 6 }) };
    dbs.push(entry);
    return entry;
  }

  async function topicWith(messages: DossierEvent[]) {
    const { defs } = await freshTopics(env.brokers);
    // per dossier in order, so each dossier's events keep their order on its partition
    await publisher.publish(defs.dossierEvents.name, messages.map(toKafkaMessage));
    return defs;
  }

  async function consume(pool: Pool, defs: Awaited<ReturnType<typeof topicWith>>, groups: ProjectionGroup[], extra: Partial<ProjectionConsumerOptions> = {}, groupSuffix = uniqueName('g')) {
    const consumers = groups.map((g) =>
      createProjectionConsumer({ brokers: env.brokers, groupId: `${groupSuffix}.${g.name}`, topic: defs.dossierEvents.name, deadLetterTopic: defs.deadLetter.name, pool, projections: g.projections, ...extra }),
    );
    running.push(...consumers);
    await Promise.all(consumers.map((c) => c.start()));
    return consumers;
  }

  /** Every projection holds every dossier's last event: the checkpoints say so. */
  async function caughtUp(pool: Pool, groups: ProjectionGroup[]) {
    const names = groups.flatMap((g) => g.projections.map((p) => p.name));
    await waitUntil(async () => {
      const { rows } = await pool.query<{ projection: string; dossier_code: string; last_sequence: string }>('SELECT * FROM projection_checkpoint');
      const have = new Map(rows.map((r) => [`${r.projection}|${r.dossier_code}`, Number(r.last_sequence)]));
      return names.every((p) => [...lastSeq].every(([code, seq]) => have.get(`${p}|${code}`) === seq)) ? true : undefined;
    }, 'every projection to reach every dossier’s last event', 120_000);
  }

  let reference: Record<string, string>;
  let referenceDb: Awaited<ReturnType<typeof database>>;
  let referenceTopics: Awaited<ReturnType<typeof topicWith>>;

  it('a clean single delivery builds the reference read models', async () => {
    referenceDb = await database();
    referenceTopics = await topicWith(events);
    const consumers = await consume(referenceDb.pool, referenceTopics, PROJECTION_GROUPS);
    await caughtUp(referenceDb.pool, PROJECTION_GROUPS);
    await Promise.all(consumers.map((c) => c.stop()));
    reference = await readModelDigest(referenceDb.pool, PROJECTION_GROUPS);
    const { rows } = await referenceDb.pool.query('SELECT count(*)::int AS n FROM dossier_summary');
    expect(rows[0].n).toBe(lastSeq.size);
  });

  it('every event delivered twice: identical read models', async () => {
    const db = await database();
    const doubled = events.flatMap((e) => [e, e]);
    await consume(db.pool, await topicWith(doubled), PROJECTION_GROUPS);
    await caughtUp(db.pool, PROJECTION_GROUPS);
    expect(await readModelDigest(db.pool, PROJECTION_GROUPS)).toEqual(reference);
  });

  it('a crash after the read models committed but before the offsets did: the batch comes again, identical read models', async () => {
    const db = await database();
    let crashes = 0;
    await consume(db.pool, await topicWith(events), PROJECTION_GROUPS, {
      afterApply: () => {
        // the first three batches "crash" in the window between the PostgreSQL commit and the offset commit
        if (crashes < 3) {
          crashes += 1;
          throw expectedFault('injected crash before the offset commit');
        }
      },
    });
    await caughtUp(db.pool, PROJECTION_GROUPS);
    expect(crashes).toBe(3);
    expect(await readModelDigest(db.pool, PROJECTION_GROUPS)).toEqual(reference);
  });

  it('the member expelled while it applied a batch (a stalled broker, a long transaction): the offset commit is refused, the group is re-joined, identical read models', async () => {
    const db = await database();
    const defs = await topicWith(events);
    const group = uniqueName('expelled');
    const { Kafka, logLevel } = await import('kafkajs');
    const admin = new Kafka({ clientId: 'expelled-probe', brokers: env.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const joins = new Map<string, number>();
    try {
      const consumers = PROJECTION_GROUPS.map((g) => {
        const groupId = `${group}.${g.name}`;
        let stalled = false;
        const c = createProjectionConsumer({
          brokers: env.brokers,
          groupId,
          topic: defs.dossierEvents.name,
          deadLetterTopic: defs.deadLetter.name,
          pool: db.pool,
          projections: g.projections,
          // the broker's least session (group.min.session.timeout.ms), so the coordinator gives up on the member in seconds
          sessionTimeoutMs: 6000,
          afterApply: async () => {
            if (stalled) return;
            stalled = true;
            // no heartbeat while the first batch is held: the coordinator expels the member, and its commit comes too late
            await waitUntil(async () => ((await admin.describeGroups([groupId])).groups[0]!.members.length === 0 ? true : undefined), `the coordinator to expel ${groupId}'s member`);
          },
        });
        c.consumer.on(c.consumer.events.GROUP_JOIN, () => void joins.set(groupId, (joins.get(groupId) ?? 0) + 1));
        running.push(c);
        return c;
      });
      await Promise.all(consumers.map((c) => c.start()));
      await caughtUp(db.pool, PROJECTION_GROUPS);
      // and the groups' offsets moved past every batch, the held ones included
      for (const g of PROJECTION_GROUPS) {
        await waitUntil(async () => ((await consumerLag(admin, `${group}.${g.name}`, defs.dossierEvents.name)).every((l) => l.lag === 0) ? true : undefined), `${g.name}'s offsets to reach the end of the topic`);
      }
    } finally {
      await admin.disconnect();
    }
    // every group joined again after its member was expelled, by itself
    expect(PROJECTION_GROUPS.map((g) => (joins.get(`${group}.${g.name}`) ?? 0) >= 2)).toEqual(PROJECTION_GROUPS.map(() => true));
    expect(await readModelDigest(db.pool, PROJECTION_GROUPS)).toEqual(reference);
  });

  it('a crash in the middle of a batch rolls it back whole: identical read models after redelivery', async () => {
    const db = await database();
    const failures = new Map<string, number>();
    const groups: ProjectionGroup[] = PROJECTION_GROUPS.map((g) => ({
      ...g,
      projections: g.projections.map((p) => ({
        ...p,
        async apply(client, batch) {
          // apply half the batch, then fail: the transaction must take the half back with it
          const failed = failures.get(p.name) ?? 0;
          if (failed < 2 && batch.length > 1) {
            await p.apply(client, batch.slice(0, Math.ceil(batch.length / 2)));
            failures.set(p.name, failed + 1);
            throw expectedFault('injected crash mid-batch');
          }
          await p.apply(client, batch);
        },
      })),
    }));
    await consume(db.pool, await topicWith(events), groups);
    await caughtUp(db.pool, PROJECTION_GROUPS);
    expect([...failures.values()]).toEqual(PROJECTION_GROUPS.flatMap((g) => g.projections.map(() => 2)));
    expect(await readModelDigest(db.pool, PROJECTION_GROUPS)).toEqual(reference);
  });

  it('a bug in a projection (a TypeError) crashes the group for good: kafkajs will not restart it, and the consumer says so, so its process can end', async () => {
    const db = await database();
    const [g] = PROJECTION_GROUPS;
    const broken: ProjectionGroup = {
      ...g!,
      projections: g!.projections.map((p) => ({
        ...p,
        async apply() {
          // what a projection's bug looks like to kafkajs: an unrecoverable error, never retried
          throw new TypeError('injected bug: cannot read properties of undefined');
        },
      })),
    };
    const fatal: Error[] = [];
    await consume(db.pool, await topicWith(events), [broken], { onFatalCrash: (err) => void fatal.push(err) });
    await waitUntil(async () => (fatal.length > 0 ? true : undefined), 'the consumer to report a crash kafkajs will not restart');
    expect(fatal[0]!.message).toContain('injected bug');
    // and nothing was applied: the broken batch was rolled back
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM projection_checkpoint');
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('two instances of one group split the partitions and together build the same read models', async () => {
    const db = await database();
    const { defs } = await freshTopics(env.brokers);
    const group = uniqueName('pair');
    const applied = [0, 0];
    const assigned: number[][] = [[], []];
    const all: ProjectionGroup = { name: 'all', description: '', projections: PROJECTION_GROUPS.flatMap((g) => g.projections) };
    const instances = [0, 1].map((i) => {
      const c = createProjectionConsumer({
        brokers: env.brokers,
        groupId: group,
        topic: defs.dossierEvents.name,
        deadLetterTopic: defs.deadLetter.name,
        pool: db.pool,
        projections: all.projections,
        onBatch: ({ applied: n }) => void (applied[i]! += n),
      });
      // listen before joining: the first assignment is announced during start()
      c.consumer.on(c.consumer.events.GROUP_JOIN, (e) => void (assigned[i] = Object.values(e.payload.memberAssignment).flat()));
      running.push(c);
      return c;
    });
    await Promise.all(instances.map((c) => c.start()));
    await waitUntil(async () => (assigned[0]!.length > 0 && assigned[1]!.length > 0 && assigned[0]!.length + assigned[1]!.length === defs.dossierEvents.partitions ? true : undefined), 'both instances to hold partitions');
    await publisher.publish(defs.dossierEvents.name, events.map(toKafkaMessage));
    await caughtUp(db.pool, PROJECTION_GROUPS);
    expect(new Set([...assigned[0]!, ...assigned[1]!]).size).toBe(defs.dossierEvents.partitions);
    expect(applied[0]).toBeGreaterThan(0);
    expect(applied[1]).toBeGreaterThan(0);
    expect(await readModelDigest(db.pool, PROJECTION_GROUPS)).toEqual(reference);
    await Promise.all(instances.map((c) => c.stop()));
  });

  it('rebuild replays the topic into fresh tables and swaps them in: equal to the live read models row for row', async () => {
    for (const group of PROJECTION_GROUPS) {
      const r = await rebuildGroup({ pool: referenceDb.pool, brokers: env.brokers, topic: referenceTopics.dossierEvents.name, deadLetterTopic: referenceTopics.deadLetter.name, group });
      expect(r.events).toBe(events.length * group.projections.length);
    }
    expect(await readModelDigest(referenceDb.pool, PROJECTION_GROUPS)).toEqual(reference);
    const { rows } = await referenceDb.pool.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'");
    expect(rows[0].n).toBe(0);
  });

  it('a poison message goes to the dead-letter topic with the reason, and the consumer keeps going', async () => {
    const db = await database();
    const { defs } = await freshTopics(env.brokers);
    const good = events.filter((e) => e.dossierCode === events[0]!.dossierCode);
    await publisher.publish(defs.dossierEvents.name, [
      { key: good[0]!.dossierCode, value: '{"not":"an event"}', headers: { 'event-type': 'dossier.received' } },
      ...good.map(toKafkaMessage),
    ]);
    const { Kafka, logLevel } = await import('kafkajs');
    const dlq: Array<{ reason: string; source: string }> = [];
    const tap = new Kafka({ clientId: 'dlq-tap', brokers: env.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('dlq') });
    await tap.connect();
    await tap.subscribe({ topic: defs.deadLetter.name, fromBeginning: true });
    await tap.run({ eachMessage: async ({ message }) => void dlq.push({ reason: String(message.headers?.['dlq-reason']), source: String(message.headers?.['dlq-source']) }) });
    const summary = PROJECTION_GROUPS.filter((g) => g.name === 'dossier-summary');
    await consume(db.pool, defs, summary);
    await waitUntil(async () => {
      const { rows } = await db.pool.query('SELECT last_sequence FROM projection_checkpoint WHERE dossier_code = $1', [good[0]!.dossierCode]);
      return rows[0] && Number(rows[0].last_sequence) === good.at(-1)!.sequence ? true : undefined;
    }, 'the good events after the poison one');
    await waitUntil(async () => (dlq.length > 0 ? true : undefined), 'the poison message on the dead-letter topic');
    await tap.disconnect();
    expect(dlq[0]!.reason).toMatch(/fails the event contract/);
    expect(dlq[0]!.source).toMatch(new RegExp(`^${defs.dossierEvents.name}/\\d+/\\d+$`));
  });
});
