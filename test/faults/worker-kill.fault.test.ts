import { FaultStack } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_KILLS=4)
const DOSSIERS = faultCount('DOSSIERS', 500);
const KILLS = faultCount('KILLS', 20);
const USERS = faultCount('USERS', 8);
import { setTimeout as sleep } from 'node:timers/promises';

/** The worker is SIGKILLed at random moments while officers work: `npm start`'s supervisor brings it back, Temporal replays. */
describe(`a Temporal worker SIGKILLed ${KILLS} times during ${DOSSIERS} dossiers`, () => {
  let fe: FaultEngine;

  beforeAll(async () => {
    const stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await fe?.stop('worker-kill');
  });

  it('loses no dossier, no event, no fact, and answers no 500', async () => {
    const t0 = Date.now();
    let kills = 0;
    const downtimes: number[] = [];
    const killer = (async () => {
      await sleep(3000);
      while (kills < KILLS) {
        // a random moment once the worker polls again
        await fe.procs.waitReady(180_000, ['temporal-worker']);
        await sleep(2000 + Math.random() * 6000);
        const killedAt = Date.now();
        fe.procs.kill('temporal-worker', 'SIGKILL');
        kills++;
        await sleep(200);
        await fe.procs.waitReady(180_000, ['temporal-worker']);
        downtimes.push(Date.now() - killedAt);
      }
    })();
    const stopProbe = fe.probeReads();
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => kills < KILLS);
    await killer;
    await stopProbe();
    const loadSeconds = (Date.now() - t0) / 1000;
    const v = await verify(fe, runs);
    figure('fault_worker_kill', { kills, loadSeconds, workerDownSecondsMean: downtimes.reduce((a, b) => a + b, 0) / downtimes.length / 1000, restarts: fe.procs.supervisor.restarts(), ...v });
    expect(kills).toBe(KILLS);
    expect(runs.length).toBeGreaterThanOrEqual(DOSSIERS);
    expectNothingLost(v);
  });
});
