import { FaultStack } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_RESTARTS=1)
const DOSSIERS = faultCount('DOSSIERS', 500);
const RESTARTS = faultCount('RESTARTS', 1);
const USERS = faultCount('USERS', 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    let restarts = 0;
    const downtimes: number[] = [];
    const faults = (async () => {
      while (restarts < RESTARTS) {
        await sleep(4000 + Math.random() * 6000);
        const downAt = Date.now();
        await stack.stop('temporal', 'kill');
        await sleep(2000 + Math.random() * 3000);
        await stack.start('temporal');
        restarts++;
        downtimes.push(Date.now() - downAt);
      }
    })();
    const stopProbe = fe.probeReads();
    const runs = await fe.load(DOSSIERS, USERS, undefined, () => restarts < RESTARTS);
    await faults;
    await stopProbe();
    const loadSeconds = (Date.now() - t0) / 1000;
    const v = await verify(fe, runs);
    figure('fault_temporal_restart', { restarts, loadSeconds, temporalDownSecondsMean: downtimes.reduce((a, b) => a + b, 0) / downtimes.length / 1000, processRestarts: fe.procs.supervisor.restarts(), ...v });
    expect(restarts).toBe(RESTARTS);
    expect(runs.length).toBeGreaterThanOrEqual(DOSSIERS);
    expectNothingLost(v);
  });
});
