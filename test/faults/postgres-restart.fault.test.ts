import { FaultStack, restartRepeatedly } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40)
const DOSSIERS = faultCount('DOSSIERS', 500);
const RESTARTS = faultCount('RESTARTS', 1);
const USERS = faultCount('USERS', 8);

/** PostgreSQL is killed (SIGKILL) and started again while officers work: the API answers 503 problems meanwhile, consumers and the API reconnect by themselves. */
describe(`PostgreSQL killed and restarted ${RESTARTS} time(s) during ${DOSSIERS} dossiers`, () => {
  let stack: FaultStack;
  let fe: FaultEngine;

  beforeAll(async () => {
    stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await fe?.stop('postgres-restart');
  });

  it('recovers without a restart of any process, answers 503 (never 500) meanwhile, loses nothing', async () => {
    const t0 = Date.now();
    const faults = restartRepeatedly(stack, 'postgres', RESTARTS, { up: [5000, 10000], down: [3000, 6000] });
    const stopProbe = fe.probeReads(100);
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => faults.count() < RESTARTS);
    await faults.done;
    await stopProbe();
    const loadSeconds = (Date.now() - t0) / 1000;
    const v = await verify(fe, runs);
    const processRestarts = fe.procs.supervisor.restarts();
    figure('fault_postgres_restart', { restarts: faults.count(), loadSeconds, databaseDownSecondsMean: faults.meanDownSeconds(), processRestarts, ...v });
    expect(faults.count()).toBe(RESTARTS);
    expect(runs.length).toBeGreaterThanOrEqual(DOSSIERS);
    expectNothingLost(v);
    // the outage was seen (the probe reads every 100 ms) and answered as a problem
    expect(v.answers503).toBeGreaterThan(0);
    expect(Object.values(processRestarts).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
