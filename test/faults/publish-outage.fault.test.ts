import { FaultStack } from '../support/fault-stack';
import { consumersCaughtUp, expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; shorter for development (MOTCUA_FAULT_OUTAGE_SECONDS=10)
const OUTAGE_MS = faultCount('OUTAGE_SECONDS', 30) * 1000;
const USERS = faultCount('USERS', 8);
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The broker is frozen (SIGSTOP: its sockets stay open, it answers nothing, as behind a partition)
 * while officers work, then thawed: publishing fails meanwhile, workflows retry it, commands wait.
 */
describe(`publishing failing for ${OUTAGE_MS / 1000} s (the broker unreachable)`, () => {
  let stack: FaultStack;
  let fe: FaultEngine;

  beforeAll(async () => {
    stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await stack?.freeze('kafka', false).catch(() => undefined);
    await fe?.stop('publish-outage');
  });

  it('loses nothing: workflows retry, the backlog drains, and the drain time is reported', async () => {
    const t0 = Date.now();
    let thawedAt: number | undefined;
    const outage = (async () => {
      await sleep(8000);
      await stack.freeze('kafka', true);
      await sleep(OUTAGE_MS);
      await stack.freeze('kafka', false);
      thawedAt = Date.now();
    })();
    const stopProbe = fe.probeReads();
    // players keep starting dossiers until the broker is back, then finish what they hold
    const runs = await fe.load(1, USERS, undefined, () => thawedAt === undefined);
    await outage;
    const playersDoneMs = Date.now() - thawedAt!;
    const catchUpMs = await consumersCaughtUp(fe.engine);
    await stopProbe();
    const v = await verify(fe, runs);
    const drainSeconds = (playersDoneMs + catchUpMs) / 1000;
    figure('fault_publish_outage', { outageSeconds: OUTAGE_MS / 1000, loadSeconds: (Date.now() - t0) / 1000, drainSeconds, playersDoneSeconds: playersDoneMs / 1000, consumersCatchUpSeconds: catchUpMs / 1000, processRestarts: fe.procs.supervisor.restarts(), ...v });
    expectNothingLost(v);
  });
});
