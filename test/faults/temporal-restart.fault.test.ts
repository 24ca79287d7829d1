import { setTimeout as delay } from 'node:timers/promises';
import { DESKS } from '../../bench/load/dossier-scripts';
import { FaultStack, restartRepeatedly } from '../support/fault-stack';
import { expectNothingLost, FaultEngine, faultCount, figure, readTopic, verify } from '../support/fault-load';

// the figures by default; smaller ones for development (MOTCUA_FAULT_DOSSIERS=40 MOTCUA_FAULT_RESTARTS=1)
const DOSSIERS = faultCount('DOSSIERS', 500);
const RESTARTS = faultCount('RESTARTS', 1);
const USERS = faultCount('USERS', 8);
/** Dossiers of the demo procedure (its first step breaches 9 s after reception, its appointment 60 s) whose timers come due while the server is down. */
const TIMED = faultCount('TIMED_DOSSIERS', 6);

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

  it('fires the timers that came due while it was down, at their own instants', async () => {
    const codes: string[] = [];
    for (let i = 0; i < TIMED; i++) {
      const r = await fe.driver.play({ kind: 'sequential', procedureCode: 'DEMO.01', receivingUnitId: DESKS[i % DESKS.length]!, moves: [] });
      if (r.code) codes.push(r.code);
    }
    expect(codes).toHaveLength(TIMED);
    const downAt = Date.now();
    await stack.stop('temporal', 'kill');
    // down past the first step's breach (9 s after reception)
    await delay(15_000);
    await stack.start('temporal');
    const upAt = Date.now();
    const breachesOf = async () =>
      (await readTopic(stack.addresses.brokers, fe.engine.topics.dossierEvents.name))
        .map((m) => JSON.parse(m.value) as { type: string; dossierCode: string; occurredAt: string; payload: { scope: string; dueAt: string } })
        .filter((e) => e.type === 'sla.breached' && codes.includes(e.dossierCode));
    // each dossier breaches twice: its first step, then its appointment (60 s after reception)
    let breaches = await breachesOf();
    const deadline = Date.now() + 180_000;
    while (breaches.length < 2 * TIMED && Date.now() < deadline) {
      await delay(2000);
      breaches = await breachesOf();
    }
    figure('fault_temporal_restart_timers', { dossiers: TIMED, temporalDownSeconds: (upAt - downAt) / 1000, breaches: breaches.length, expected: 2 * TIMED, allSeenSecondsAfterUp: (Date.now() - upAt) / 1000 });
    expect(breaches).toHaveLength(2 * TIMED);
    for (const code of codes) expect(breaches.filter((e) => e.dossierCode === code).map((e) => e.payload.scope).sort()).toEqual(['dossier', 'step']);
    // stable instants: a timer that fired late still decides at the instant it was armed for, the first overdue millisecond
    for (const e of breaches) expect(Date.parse(e.occurredAt)).toBe(Date.parse(e.payload.dueAt) + 1);
  });
});
