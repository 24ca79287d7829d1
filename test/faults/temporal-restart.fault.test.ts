import { FaultStack, restartRepeatedly } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_RESTARTS=1)
const DOSSIERS = faultCount('DOSSIERS', 500);
const RESTARTS = faultCount('RESTARTS', 1);
const USERS = faultCount('USERS', 8);

/** The Temporal server (file-backed: its SQLite file survives) is killed and started again on its port while officers work: workers and the API reconnect, workflows resume. */
describe(`the Temporal server killed and restarted ${RESTARTS} time(s) during ${DOSSIERS} dossiers`, () => {
  let stack: FaultStack;
  let fe: FaultEngine;

  beforeAll(async () => {
    stack = await FaultStack.up();
    fe = await FaultEngine.start(stack.addresses);
  });

  afterAll(async () => {
    await fe?.stop('temporal-restart');
  });

  it('resumes every workflow: every dossier completes, nothing lost or doubled, 503 (never 500) meanwhile', async () => {
    const t0 = Date.now();
    const faults = restartRepeatedly(stack, 'temporal', RESTARTS, { up: [4000, 10000], down: [2000, 5000] });
    const stopProbe = fe.probeReads();
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => faults.count() < RESTARTS);
    await faults.done;
    await stopProbe();
    const loadSeconds = (Date.now() - t0) / 1000;
    const v = await verify(fe, runs);
    figure('fault_temporal_restart', { restarts: faults.count(), loadSeconds, temporalDownSecondsMean: faults.meanDownSeconds(), processRestarts: fe.procs.supervisor.restarts(), ...v });
    expect(faults.count()).toBe(RESTARTS);
    expect(runs.length).toBeGreaterThanOrEqual(DOSSIERS);
    expectNothingLost(v);
  });
});
