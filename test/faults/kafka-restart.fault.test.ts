import { FaultStack, restartRepeatedly } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_RESTARTS=1)
const DOSSIERS = faultCount('DOSSIERS', 500);
const RESTARTS = faultCount('RESTARTS', 3);
const USERS = faultCount('USERS', 8);

/** The broker is killed (SIGKILL, as a crash) and started again on its port while officers work: publishers retry, consumers rejoin. */
describe(`the Kafka broker killed and restarted ${RESTARTS} times during ${DOSSIERS} dossiers`, () => {
  let stack: FaultStack;
  let fe: FaultEngine;

  beforeAll(async () => {
    stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await fe?.stop('kafka-restart');
  });

  it('leaves every sequence gapless in every read model, nothing counted twice, no 500', async () => {
    const t0 = Date.now();
    const faults = restartRepeatedly(stack, 'kafka', RESTARTS, { up: [4000, 10000], down: [2000, 5000] });
    const stopProbe = fe.probeReads();
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => faults.count() < RESTARTS);
    await faults.done;
    await stopProbe();
    const loadSeconds = (Date.now() - t0) / 1000;
    const v = await verify(fe, runs);
    figure('fault_kafka_restart', { restarts: faults.count(), loadSeconds, brokerDownSecondsMean: faults.meanDownSeconds(), processRestarts: fe.procs.supervisor.restarts(), ...v });
    expect(faults.count()).toBe(RESTARTS);
    expect(runs.length).toBeGreaterThanOrEqual(DOSSIERS);
    expectNothingLost(v);
  });
});
