import { FaultStack } from '../support/fault-stack';
import { createKafka } from '../../infra/kafka/kafkajs-client';
import { consumerGroupId, PROJECTION_GROUPS } from '../../projections/groups';
import { expectNothingLost, FaultEngine, faultCount, figure, readTopic, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_KILLS=2)
const DOSSIERS = faultCount('DOSSIERS', 500);
const KILLS = faultCount('KILLS', 5);
const USERS = faultCount('USERS', 8);
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Poison messages (not JSON; JSON that fails the event contract) land among a dossier's events, and
 * the reporting consumer is SIGKILLed mid-batch while officers work: the dead-letter topic holds
 * each poison message once per consumer group, with its reason, and the read models equal a clean
 * consumption of the same topic, table by table (by hash).
 */
describe(`poison events and the reporting consumer SIGKILLed ${KILLS} times during ${DOSSIERS} dossiers`, () => {
  let fe: FaultEngine;

  beforeAll(async () => {
    const stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await fe?.stop('poison-and-consumer-crash');
  });

  it('dead-letters each poison message with its reason, and the read models equal a clean run', async () => {
    const t0 = Date.now();
    const poison = [
      { kind: 'not-json', value: '{"id": "broken' },
      { kind: 'contract', value: JSON.stringify({ id: 'x:1', type: 'dossier.received', sequence: 1, payload: {} }) },
    ];
    let kills = 0;
    const producer = createKafka(fe.engine.stack.brokers, 'fault-poison').producer();
    await producer.connect();
    const faults = (async () => {
      while (kills < KILLS) {
        await fe.procs.waitReady(180_000, ['reporting-consumer']);
        await sleep(2000 + Math.random() * 5000);
        // a poison message among the events of a dossier in flight
        if (kills < poison.length && fe.driver.codes.length > 0) {
          const code = fe.driver.codes.at(-1)!;
          await producer.send({ topic: fe.engine.topics.dossierEvents.name, messages: [{ key: code, value: poison[kills]!.value, headers: { 'fault-test': poison[kills]!.kind } }] });
        }
        fe.procs.kill('reporting-consumer', 'SIGKILL');
        kills++;
      }
    })();
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => kills < KILLS);
    await faults;
    await producer.disconnect();
    const v = await verify(fe, runs);
    const dead = await readTopic(fe.engine.stack.brokers, fe.engine.topics.deadLetter.name);
    const groups = PROJECTION_GROUPS.map((g) => consumerGroupId(fe.engine.env.MOTCUA_CONSUMER_GROUP_PREFIX!, g));
    const sent = poison.slice(0, Math.min(KILLS, poison.length));
    // per poison message and engine group: how many dead letters, and their reasons
    const letters = sent.map((p) => {
      const mine = dead.filter((d) => d.headers['fault-test'] === p.kind && groups.includes(d.headers['dlq-consumer-group'] ?? ''));
      return { kind: p.kind, perGroup: groups.map((g) => mine.filter((d) => d.headers['dlq-consumer-group'] === g).length), reasons: [...new Set(mine.map((d) => d.headers['dlq-reason']))] };
    });
    figure('fault_poison_consumer_crash', { kills, loadSeconds: (Date.now() - t0) / 1000, processRestarts: fe.procs.supervisor.restarts(), deadLetters: letters, ...v });
    expect(kills).toBe(KILLS);
    for (const l of letters) {
      // once per group at least (a consumer killed after dead-lettering and before its commit letters it again)
      expect(l.perGroup.every((n) => n >= 1)).toBe(true);
      expect(l.reasons.length).toBeGreaterThan(0);
      expect(l.reasons.every((r) => (l.kind === 'not-json' ? /^not JSON/.test(r ?? '') : /^fails the event contract/.test(r ?? '')))).toBe(true);
    }
    expectNothingLost(v);
  });
});
