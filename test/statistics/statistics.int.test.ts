import { Pool } from 'pg';
import type { DossierEvent } from '../../contracts/events';
import { applyBatch } from '../../projections/projection-consumer';
import { indicators } from '../../projections/queries/indicators.query';
import { statistics } from '../../projections/queries/statistics.query';
import { STATISTICS_PROJECTIONS } from '../../projections/statistics-projections';
import { dropDatabase, freshDatabase, requireStackEnv } from '../support/stack-env';
import { factsOf, indicatorsInMemory, statisticsInMemory } from './in-memory-report';
import { A, B, buildScenario, P1, P2, P3, P4 } from './scenario';

// Hand-computed figures for March 2026 (1–31 March local time, both days included) over the scenario in ./scenario.ts.
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const rate = (numerator: number, denominator: number, percent: number | null) => ({ numerator, denominator, percent, basis: expect.any(String) });

let pool: Pool;
let db: { url: string; name: string };
const env = requireStackEnv();
const { events } = buildScenario();

beforeAll(async () => {
  db = await freshDatabase(env.databaseUrl);
  pool = new Pool({ connectionString: db.url, max: 2 });
  await applyBatch(pool, STATISTICS_PROJECTIONS, events);
});
afterAll(async () => {
  await pool?.end();
  if (db) await dropDatabase(env.databaseUrl, db.name);
});

async function snapshot() {
  return {
    total: await statistics(pool, { ...MONTH }),
    unit: await statistics(pool, { ...MONTH, by: 'unit' }),
    procedure: await statistics(pool, { ...MONTH, by: 'procedure' }),
    both: await statistics(pool, { ...MONTH, by: 'unit,procedure' }),
    days: await statistics(pool, { ...MONTH, period: 'day' }),
    year: await statistics(pool, { from: '2026-01-01', to: '2026-12-31', period: 'year' }),
    indicators: await indicators(pool, { ...MONTH }),
    indicatorsA: await indicators(pool, { ...MONTH, unitId: A }),
    facts: (await pool.query('SELECT * FROM dossier_fact ORDER BY dossier_code')).rows,
  };
}

describe('statistics for March 2026', () => {
  it('total: every bucket', async () => {
    const [row] = await statistics(pool, { ...MONTH });
    expect(row).toEqual({
      period: '2026-03',
      periodStart: '2026-02-28T17:00:00.000Z',
      periodEnd: '2026-03-31T17:00:00.000Z',
      unitId: null,
      procedureCode: null,
      // carried over: D1 (received 27 Feb, finished 2 Mar) and D14 (received 6 Feb, entered 4 Mar, still open).
      // New: D2 D3 D4 D6 D7 D8 D9 D10 D11 D13 D15 D16 D17 (D5 refused and D12 never supplemented were never
      // received); direct D4 D6 D7 D9 D13 D15 D16 D17, online D2 D8 D10 D11, post D3
      received: { carriedOver: 2, new: 13, total: 15, byChannel: { direct: 8, online: 4, post: 1 } },
      // early D2 D4 D9 D15 D16 (D4 against its shifted appointment; D16 stopped), on time D1 D11 (same local day),
      // late D3 and D13 (after its Form 01 appointment, with apology)
      finished: { total: 9, early: 5, onTime: 2, late: 2, lateWithApology: 1, stopped: 1 },
      // overdue: D7 (breached 31 Mar 09:00), D14 (breached 9 Feb, entered late), D17 (breached at its Form 01
      // appointment 31 Mar 09:00 although its Form 04 one is in April); D8 and D10 due in April
      inProgress: { total: 5, within: 2, overdue: 3, overdueWithApology: 1 },
      supplementRequested: 1, // D4 (two requests, one dossier)
      receptionSupplementRequested: 1, // D12
      refused: 1, // D5
      withdrawn: 1, // D6
      supplementExpired: 0, // D12 closed as not received, but it was never received
      // D1 450 + D2 120 + D3 540 + D4 210 + D9 750 + D11 420 + D13 600 + D15 540 = 3630 / 8 = 453.75;
      // legal 6 × 480 + 4800 + 1440 = 9120 / 8; committed 6 × 480 + 3360 + 960 = 7200 / 8
      processing: { count: 8, averageWorkingMinutes: 453.8, averageLegalBudgetMinutes: 1140, averageCommittedBudgetMinutes: 900 },
      completionRate: rate(9, 15, 60), // finished ÷ (carried over + new)
      onTimeRate: rate(7, 9, 77.8), // (early + on time) ÷ finished
    });
    // identity: received = finished + withdrawn + expired + in progress
    expect(row!.received.total).toBe(row!.finished.total + row!.withdrawn + row!.supplementExpired + row!.inProgress.total);
  });

  it('per unit', async () => {
    const rows = await statistics(pool, { ...MONTH, by: 'unit' });
    expect(rows.map((r) => r.unitId)).toEqual([A, B]);
    const [a, b] = rows;
    // A: carried D1 D14; new D2 D3 D6 D7 D9 D11 D13 D15 D16 (direct D6 D7 D9 D13 D15 D16, online D2 D11, post D3)
    expect(a!.received).toEqual({ carriedOver: 2, new: 9, total: 11, byChannel: { direct: 6, online: 2, post: 1 } });
    expect(a!.finished).toEqual({ total: 8, early: 4, onTime: 2, late: 2, lateWithApology: 1, stopped: 1 }); // D2 D9 D15 D16 | D1 D11 | D3 D13
    expect(a!.inProgress).toEqual({ total: 2, within: 0, overdue: 2, overdueWithApology: 0 }); // D7 D14
    expect([a!.withdrawn, a!.refused, a!.supplementRequested, a!.receptionSupplementRequested]).toEqual([1, 0, 0, 0]);
    // 450 + 120 + 540 + 750 + 420 + 600 + 540 = 3420 / 7; legal 4 × 480 + 4800 + 480 + 1440 = 8640 / 7;
    // committed 4 × 480 + 3360 + 480 + 960 = 6720 / 7
    expect(a!.processing).toEqual({ count: 7, averageWorkingMinutes: 488.6, averageLegalBudgetMinutes: 1234.3, averageCommittedBudgetMinutes: 960 });
    expect(a!.completionRate).toEqual(rate(8, 11, 72.7));
    expect(a!.onTimeRate).toEqual(rate(6, 8, 75));
    // B: new D4 D17 (direct) D8 D10 (online); D5 refused; D12 supplement at the desk
    expect(b!.received).toEqual({ carriedOver: 0, new: 4, total: 4, byChannel: { direct: 2, online: 2, post: 0 } });
    expect(b!.finished).toEqual({ total: 1, early: 1, onTime: 0, late: 0, lateWithApology: 0, stopped: 0 }); // D4
    expect(b!.inProgress).toEqual({ total: 3, within: 2, overdue: 1, overdueWithApology: 1 }); // D8 D10 | D17
    expect([b!.withdrawn, b!.refused, b!.supplementRequested, b!.receptionSupplementRequested]).toEqual([0, 1, 1, 1]);
    expect(b!.processing).toEqual({ count: 1, averageWorkingMinutes: 210, averageLegalBudgetMinutes: 480, averageCommittedBudgetMinutes: 480 });
    expect(b!.completionRate).toEqual(rate(1, 4, 25));
    expect(b!.onTimeRate).toEqual(rate(1, 1, 100));
  });

  it('per procedure', async () => {
    const rows = await statistics(pool, { ...MONTH, by: 'procedure' });
    expect(rows.map((r) => r.procedureCode)).toEqual([P1, P3, P2, P4]); // 1.001193, 1.013831, 2.000815, 2.002621
    const [p1, p3, p2, p4] = rows;
    // P1: carried D1 D14; new D2 (online) D3 (post) D4 D7 D13 D17 (direct); D12 at the desk
    expect(p1!.received).toEqual({ carriedOver: 2, new: 6, total: 8, byChannel: { direct: 4, online: 1, post: 1 } });
    expect(p1!.finished).toEqual({ total: 5, early: 2, onTime: 1, late: 2, lateWithApology: 1, stopped: 0 }); // D2 D4 | D1 | D3 D13
    expect(p1!.inProgress).toEqual({ total: 3, within: 0, overdue: 3, overdueWithApology: 1 }); // D7 D14 D17
    expect([p1!.supplementRequested, p1!.receptionSupplementRequested, p1!.refused, p1!.withdrawn]).toEqual([1, 1, 0, 0]);
    expect(p1!.processing).toEqual({ count: 5, averageWorkingMinutes: 384, averageLegalBudgetMinutes: 480, averageCommittedBudgetMinutes: 480 }); // 1920 / 5
    expect(p1!.completionRate).toEqual(rate(5, 8, 62.5));
    expect(p1!.onTimeRate).toEqual(rate(3, 5, 60));
    // P2: new D6 D16 (direct) D8 D11 (online); D5 refused; D6 withdrawn; D11 on time; D16 stopped early; D8 open
    expect(p2!.received).toEqual({ carriedOver: 0, new: 4, total: 4, byChannel: { direct: 2, online: 2, post: 0 } });
    expect(p2!.finished).toEqual({ total: 2, early: 1, onTime: 1, late: 0, lateWithApology: 0, stopped: 1 });
    expect(p2!.inProgress).toEqual({ total: 1, within: 1, overdue: 0, overdueWithApology: 0 });
    expect([p2!.refused, p2!.withdrawn]).toEqual([1, 1]);
    expect(p2!.completionRate).toEqual(rate(2, 4, 50));
    // P3: D9 early (750 min; legal 10 wd = 4800, committed 7 wd = 3360), D10 open
    expect(p3!.received).toEqual({ carriedOver: 0, new: 2, total: 2, byChannel: { direct: 1, online: 1, post: 0 } });
    expect(p3!.processing).toEqual({ count: 1, averageWorkingMinutes: 750, averageLegalBudgetMinutes: 4800, averageCommittedBudgetMinutes: 3360 });
    expect(p3!.completionRate).toEqual(rate(1, 2, 50));
    expect(p3!.onTimeRate).toEqual(rate(1, 1, 100));
    // P4: D15, the parallel fork, early (540 min; legal 3 wd = 1440, committed 2 wd = 960)
    expect(p4!.finished).toEqual({ total: 1, early: 1, onTime: 0, late: 0, lateWithApology: 0, stopped: 0 });
    expect(p4!.processing).toEqual({ count: 1, averageWorkingMinutes: 540, averageLegalBudgetMinutes: 1440, averageCommittedBudgetMinutes: 960 });
  });

  it('by day: 2 March has D1 finished and D2 and D9 new, D1 and D14 carried over; 1 March (Sunday) D1 and D14 carried over', async () => {
    const days = await statistics(pool, { ...MONTH, period: 'day' });
    const d = (label: string) => days.find((r) => r.period === label)!;
    expect(d('2026-03-01').received).toEqual({ carriedOver: 2, new: 0, total: 2, byChannel: { direct: 0, online: 0, post: 0 } });
    expect(d('2026-03-02').received).toMatchObject({ carriedOver: 2, new: 2 });
    expect(d('2026-03-02').finished).toMatchObject({ total: 2, early: 1, onTime: 1 }); // D2, D1
    // 31 March: D7 D14 D17 carried in, open and breached; D8 new; D10 carried
    expect(d('2026-03-31').inProgress).toEqual({ total: 5, within: 2, overdue: 3, overdueWithApology: 1 });
  });

  it('a year period counts February (D1, D14 received) as new, not carried over', async () => {
    const [y] = await statistics(pool, { from: '2026-01-01', to: '2026-12-31', period: 'year' });
    expect(y!.period).toBe('2026');
    expect(y!.received).toMatchObject({ carriedOver: 0, new: 15 });
  });
});

describe('Decision 766 indicators for March 2026', () => {
  it('every indicator with numerator, denominator and points', async () => {
    const r = await indicators(pool, { ...MONTH });
    const byCode = (code: string, proc: string | null = null) => r.indicators.find((i) => i.code === code && i.procedureCode === proc)!;
    // 2.1 population = 9 finished + 5 open at the end = 14; on time for the KPI: D1 D2 D9 D11 D15 D16 (D3 late,
    // D4 two supplement requests ⇒ late though early on its appointment, D13 late with apology) + D8 D10 open
    // within (D7 D14 D17 breached) = 8
    expect(byCode('2.1')).toMatchObject({ value: 57.1, numerator: 8, denominator: 14, points: 11.43, maxPoints: 20, group: 2 });
    // 2.2 overall: 3630 / 8 = 453.75 working minutes; shown, not scored (the group's 20 are 2.1's)
    expect(byCode('2.2')).toMatchObject({ value: 453.8, numerator: 3630, denominator: 8, points: null, maxPoints: 0 });
    expect(byCode('2.2', P1)).toMatchObject({ value: 384, numerator: 1920, denominator: 5 });
    expect(byCode('2.2', P2)).toMatchObject({ value: 420, numerator: 420, denominator: 1 });
    expect(byCode('2.2', P3)).toMatchObject({ value: 750, numerator: 750, denominator: 1 });
    expect(byCode('2.2', P4)).toMatchObject({ value: 540, numerator: 540, denominator: 1 });
    // 3.3 online 4 of 13 received = 30.8%, full at 50%: 12 × 0.308 / 0.5 = 7.38 (sync rate 1)
    expect(byCode('3.3')).toMatchObject({ value: 30.8, numerator: 4, denominator: 13, points: 7.38, maxPoints: 12 });
    // 3.6 D9 paid at the desk, D10 online: 1 / 2 → 3 of 6
    expect(byCode('3.6')).toMatchObject({ value: 50, numerator: 1, denominator: 2, points: 3, maxPoints: 6 });
    // 4.1 issued electronically: D1 D2 D3 D4 D13 (P1 online level full), D11 (online), D15 (P4 full); not D9: 7 / 8 → 5.25 of 6
    expect(byCode('4.1')).toMatchObject({ value: 87.5, numerator: 7, denominator: 8, points: 5.25, maxPoints: 6 });
    // 4.2 received in March with every component digitised: D3, D11 of 13 → 0.62
    expect(byCode('4.2')).toMatchObject({ value: 15.4, numerator: 2, denominator: 13, points: 0.62, maxPoints: 4 });
    // 4.3 reusing data: D11 of 13 = 7.7%, full at 80%: 2 × 0.077 / 0.8 = 0.19
    expect(byCode('4.3')).toMatchObject({ value: 7.7, numerator: 1, denominator: 13, points: 0.19, maxPoints: 2 });
    // 5.4 = 14 − 6 overdue (D3 D4 D13 D7 D14 D17) − 2 complained or dissatisfied (D3 complaint, D4 dissatisfied) = 6 / 14
    // = 42.9%, full at 90%: 6 × 0.429 / 0.9 = 2.86
    expect(byCode('5.4')).toMatchObject({ value: 42.9, numerator: 6, denominator: 14, points: 2.86, maxPoints: 6 });
    expect(r.points).toBe(30.73); // 11.43 + 7.38 + 3 + 5.25 + 0.62 + 0.19 + 2.86
    expect(r.maxPoints).toBe(56); // of the 100: group 1 (18) has no computed indicator, 2.2 scores nothing
    expect(r.groups.map((g) => [g.group, g.weight, g.maxPoints, g.points])).toEqual([
      [1, 18, 0, 0],
      [2, 20, 20, 11.43],
      [3, 22, 18, 10.38],
      [4, 22, 12, 6.06],
      [5, 18, 6, 2.86],
    ]);
  });

  it('3.3 scales with the portal sync rate', async () => {
    const r = await indicators(pool, { ...MONTH, syncRate: 0.5 });
    expect(r.indicators.find((i) => i.code === '3.3')).toMatchObject({ numerator: 4, denominator: 13, value: 15.4, points: 3.69 });
    expect(r.syncRate).toBe(0.5);
  });

  it('the statistics on-time rate and 2.1 differ by their denominators, and each says so', async () => {
    const [row] = await statistics(pool, { ...MONTH });
    const r = await indicators(pool, { ...MONTH });
    const i21 = r.indicators.find((i) => i.code === '2.1')!;
    expect([row!.onTimeRate.denominator, i21.denominator]).toEqual([9, 14]); // finished vs finished + still open
    expect(row!.onTimeRate.basis).toMatch(/÷ finished in the period.*not indicator 2\.1/);
    expect(i21.basis).toMatch(/still open at its end; not the statistics on-time rate/);
    expect(row!.completionRate.basis).toMatch(/carried over \+ new/);
  });

  it('--to includes its day: a report to 30 March loses D8 (received 31 March), one to 31 March has it', async () => {
    const [to30] = await statistics(pool, { from: '2026-03-01', to: '2026-03-30' });
    const [to31] = await statistics(pool, { ...MONTH });
    expect(to31!.received.new - to30!.received.new).toBe(1);
  });

  it('for unit A', async () => {
    const r = await indicators(pool, { ...MONTH, unitId: A });
    const v = Object.fromEntries(r.indicators.filter((i) => i.procedureCode === null).map((i) => [i.code, [i.numerator, i.denominator]]));
    expect(v).toEqual({
      '2.1': [6, 10], // D1 D2 D9 D11 D15 D16 of 8 finished + D7 D14 (breached)
      '2.2': [3420, 7],
      '3.3': [2, 9], // D2 D11 of D2 D3 D6 D7 D9 D11 D13 D15 D16
      '3.6': [0, 1], // D9
      '4.1': [6, 7], // not D9
      '4.2': [2, 9], // D3 D11
      '4.3': [1, 9], // D11
      '5.4': [5, 10], // 10 − 4 overdue (D3 D13 D7 D14) − 1 complaint (D3)
    });
  });
});

describe('one fold for the database and the simulator', () => {
  it('the facts read back from PostgreSQL and the facts folded in memory give identical reports', async () => {
    const facts = factsOf(events);
    const q = [
      { ...MONTH },
      { ...MONTH, by: 'unit' as const },
      { ...MONTH, by: 'procedure' as const },
      { ...MONTH, by: 'unit,procedure' as const, period: 'day' as const },
      { from: '2026-01-01', to: '2026-12-31', period: 'year' as const, unitId: B },
      { ...MONTH, by: 'unit' as const, unitIds: [A] },
    ];
    for (const query of q) expect(statisticsInMemory(facts, query)).toEqual(await statistics(pool, query));
    const iq = [{ ...MONTH }, { ...MONTH, unitId: A }, { from: '2026-02-27', to: '2026-03-02' }, { ...MONTH, unitIds: [B], syncRate: 0.5 }, { from: '2026-03-31', to: '2026-03-31' }];
    for (const query of iq) expect(indicatorsInMemory(facts, query)).toEqual(await indicators(pool, query));
  });
});

describe('no double counting', () => {
  it('the fact rows are what the events say (D4: two requests, early, KPI late; D7 breached)', async () => {
    const { rows } = await pool.query("SELECT dossier_code, classification, classification_kpi, cardinality(supplement_requested_at) AS n, overdue_since FROM dossier_fact WHERE dossier_code IN ('STAT-260301-0004', 'STAT-260301-0007') ORDER BY 1");
    expect(rows[0]).toMatchObject({ classification: 'early', classification_kpi: 'late', n: 2, overdue_since: null });
    expect(rows[1]).toMatchObject({ classification: null, n: 0, overdue_since: new Date('2026-03-31T09:00:00+07:00') });
  });

  it('redelivering every event changes nothing', async () => {
    const before = await snapshot();
    expect(await applyBatch(pool, STATISTICS_PROJECTIONS, events)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilt from shuffled batches (order kept per dossier, with redelivered overlaps): identical', async () => {
    const before = await snapshot();
    await pool.query("TRUNCATE dossier_fact; DELETE FROM projection_checkpoint WHERE projection = 'dossier-fact'");
    for (const seed of [1, 2, 3]) {
      if (seed > 1) await pool.query("TRUNCATE dossier_fact; DELETE FROM projection_checkpoint WHERE projection = 'dossier-fact'");
      const batches = shuffledBatches(events, seed);
      for (const batch of batches) await applyBatch(pool, STATISTICS_PROJECTIONS, batch);
      expect(await snapshot()).toEqual(before);
    }
  });
});

/** Interleaves the dossiers' events at random (each dossier's order kept), cuts them into batches and re-sends some of each previous batch. */
function shuffledBatches(all: DossierEvent[], seed: number): DossierEvent[][] {
  let s = seed * 7919;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const queues = new Map<string, DossierEvent[]>();
  for (const e of all) queues.set(e.dossierCode, [...(queues.get(e.dossierCode) ?? []), e]);
  const order: DossierEvent[] = [];
  while (queues.size > 0) {
    const codes = [...queues.keys()];
    const code = codes[Math.floor(rnd() * codes.length)]!;
    const q = queues.get(code)!;
    order.push(q.shift()!);
    if (q.length === 0) queues.delete(code);
  }
  const batches: DossierEvent[][] = [];
  let i = 0;
  while (i < order.length) {
    const size = 1 + Math.floor(rnd() * 15);
    const overlap = Math.floor(rnd() * Math.min(5, i));
    batches.push(order.slice(i - overlap, i + size));
    i += size;
  }
  return batches;
}
