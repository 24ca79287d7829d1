import { Pool } from 'pg';
import type { DossierEvent } from '../../contracts/events';
import { applyBatch } from '../../projections/projection-consumer';
import { indicators } from '../../projections/queries/indicators.query';
import { statistics } from '../../projections/queries/statistics.query';
import { STATISTICS_PROJECTIONS } from '../../projections/statistics-projections';
import { dropDatabase, freshDatabase, requireStackEnv } from '../support/stack-env';
import { factsOf, indicatorsInMemory, statisticsInMemory } from './in-memory-report';
import { A, B, buildScenario, P1, P2, P3 } from './scenario';

// Hand-computed figures for March 2026 ([1 Mar, 1 Apr) local time) over the scenario in ./scenario.ts.
const MONTH = { from: '2026-03-01', to: '2026-04-01' };
const rate = (numerator: number, denominator: number, percent: number | null) => ({ numerator, denominator, percent });

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
    year: await statistics(pool, { from: '2026-01-01', to: '2027-01-01', period: 'year' }),
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
      // carried over: D1 (received 27 Feb, finished 2 Mar). New: D2 D3 D4 D6 D7 D8 D9 D10 D11 (D5 refused
      // and D12 never supplemented were never received); direct D4 D6 D7 D9, online D2 D8 D10 D11, post D3
      received: { carriedOver: 1, new: 9, total: 10, byChannel: { direct: 4, online: 4, post: 1 } },
      // early D2 D4 D9 (D4 against its shifted appointment), on time D1 D11 (same local day), late D3
      finished: { total: 6, early: 3, onTime: 2, late: 1, stopped: 0 },
      // D7 breached (sla.breached due 31 Mar 09:00); D8 and D10 due in April
      inProgress: { total: 3, within: 2, overdue: 1 },
      supplementRequested: 1, // D4 (two requests, one dossier)
      receptionSupplementRequested: 1, // D12
      refused: 1, // D5
      withdrawn: 1, // D6
      supplementExpired: 0, // D12 closed as not received, but it was never received
      // D1 450 + D2 120 + D3 540 + D4 210 + D9 750 + D11 420 = 2490 / 6 = 415; legal 5 × 480 + 4800 = 7200 / 6;
      // committed 5 × 480 + 7 wd 3360 = 5760 / 6
      processing: { count: 6, averageWorkingMinutes: 415, averageLegalBudgetMinutes: 1200, averageCommittedBudgetMinutes: 960 },
      completionRate: rate(6, 10, 60), // finished ÷ (carried over + new)
      onTimeRate: rate(5, 6, 83.3), // (early + on time) ÷ finished
    });
    // identity: received = finished + withdrawn + expired + in progress
    expect(row!.received.total).toBe(row!.finished.total + row!.withdrawn + row!.supplementExpired + row!.inProgress.total);
  });

  it('per unit', async () => {
    const rows = await statistics(pool, { ...MONTH, by: 'unit' });
    expect(rows.map((r) => r.unitId)).toEqual([A, B]);
    const [a, b] = rows;
    // A: carried D1; new D2 D3 D6 D7 D9 D11 (direct D6 D7 D9, online D2 D11, post D3)
    expect(a!.received).toEqual({ carriedOver: 1, new: 6, total: 7, byChannel: { direct: 3, online: 2, post: 1 } });
    expect(a!.finished).toEqual({ total: 5, early: 2, onTime: 2, late: 1, stopped: 0 }); // D2 D9 | D1 D11 | D3
    expect(a!.inProgress).toEqual({ total: 1, within: 0, overdue: 1 }); // D7
    expect([a!.withdrawn, a!.refused, a!.supplementRequested, a!.receptionSupplementRequested]).toEqual([1, 0, 0, 0]);
    // 450 + 120 + 540 + 750 + 420 = 2280 / 5; legal 4 × 480 + 4800 = 6720 / 5; committed 4 × 480 + 3360 = 5280 / 5
    expect(a!.processing).toEqual({ count: 5, averageWorkingMinutes: 456, averageLegalBudgetMinutes: 1344, averageCommittedBudgetMinutes: 1056 });
    expect(a!.completionRate).toEqual(rate(5, 7, 71.4));
    expect(a!.onTimeRate).toEqual(rate(4, 5, 80));
    // B: new D4 (direct) D8 D10 (online); D5 refused; D12 supplement at the desk
    expect(b!.received).toEqual({ carriedOver: 0, new: 3, total: 3, byChannel: { direct: 1, online: 2, post: 0 } });
    expect(b!.finished).toEqual({ total: 1, early: 1, onTime: 0, late: 0, stopped: 0 }); // D4
    expect(b!.inProgress).toEqual({ total: 2, within: 2, overdue: 0 }); // D8 D10
    expect([b!.withdrawn, b!.refused, b!.supplementRequested, b!.receptionSupplementRequested]).toEqual([0, 1, 1, 1]);
    expect(b!.processing).toEqual({ count: 1, averageWorkingMinutes: 210, averageLegalBudgetMinutes: 480, averageCommittedBudgetMinutes: 480 });
    expect(b!.completionRate).toEqual(rate(1, 3, 33.3));
    expect(b!.onTimeRate).toEqual(rate(1, 1, 100));
  });

  it('per procedure', async () => {
    const rows = await statistics(pool, { ...MONTH, by: 'procedure' });
    expect(rows.map((r) => r.procedureCode)).toEqual([P1, P3, P2]); // 1.001193, 1.012770, 2.000815
    const [p1, p3, p2] = rows;
    // P1: carried D1; new D2 (online) D3 (post) D4 D7 (direct); D12 at the desk
    expect(p1!.received).toEqual({ carriedOver: 1, new: 4, total: 5, byChannel: { direct: 2, online: 1, post: 1 } });
    expect(p1!.finished).toEqual({ total: 4, early: 2, onTime: 1, late: 1, stopped: 0 }); // D2 D4 | D1 | D3
    expect(p1!.inProgress).toEqual({ total: 1, within: 0, overdue: 1 }); // D7
    expect([p1!.supplementRequested, p1!.receptionSupplementRequested, p1!.refused, p1!.withdrawn]).toEqual([1, 1, 0, 0]);
    expect(p1!.processing).toEqual({ count: 4, averageWorkingMinutes: 330, averageLegalBudgetMinutes: 480, averageCommittedBudgetMinutes: 480 }); // 1320 / 4
    expect(p1!.completionRate).toEqual(rate(4, 5, 80));
    expect(p1!.onTimeRate).toEqual(rate(3, 4, 75));
    // P2: new D6 (direct) D8 D11 (online); D5 refused; D6 withdrawn; D11 on time; D8 open
    expect(p2!.received).toEqual({ carriedOver: 0, new: 3, total: 3, byChannel: { direct: 1, online: 2, post: 0 } });
    expect(p2!.finished).toEqual({ total: 1, early: 0, onTime: 1, late: 0, stopped: 0 });
    expect(p2!.inProgress).toEqual({ total: 1, within: 1, overdue: 0 });
    expect([p2!.refused, p2!.withdrawn]).toEqual([1, 1]);
    expect(p2!.completionRate).toEqual(rate(1, 3, 33.3));
    // P3: D9 early (750 min; legal 10 wd = 4800, committed 7 wd = 3360), D10 open
    expect(p3!.received).toEqual({ carriedOver: 0, new: 2, total: 2, byChannel: { direct: 1, online: 1, post: 0 } });
    expect(p3!.processing).toEqual({ count: 1, averageWorkingMinutes: 750, averageLegalBudgetMinutes: 4800, averageCommittedBudgetMinutes: 3360 });
    expect(p3!.completionRate).toEqual(rate(1, 2, 50));
    expect(p3!.onTimeRate).toEqual(rate(1, 1, 100));
  });

  it('by day: 2 March has D1 carried over and finished, D2 and D9 new; 1 March (Sunday) D1 alone carried over', async () => {
    const days = await statistics(pool, { ...MONTH, period: 'day' });
    const d = (label: string) => days.find((r) => r.period === label)!;
    expect(d('2026-03-01').received).toEqual({ carriedOver: 1, new: 0, total: 1, byChannel: { direct: 0, online: 0, post: 0 } });
    expect(d('2026-03-02').received).toMatchObject({ carriedOver: 1, new: 2 });
    expect(d('2026-03-02').finished).toMatchObject({ total: 2, early: 1, onTime: 1 }); // D2, D1
    // 31 March: D7 carried in and still open, breached; D8 new; D10 carried
    expect(d('2026-03-31').inProgress).toEqual({ total: 3, within: 2, overdue: 1 });
  });

  it('a year period counts February (D1 received) as new, not carried over', async () => {
    const [y] = await statistics(pool, { from: '2026-01-01', to: '2027-01-01', period: 'year' });
    expect(y!.period).toBe('2026');
    expect(y!.received).toMatchObject({ carriedOver: 0, new: 10 });
  });
});

describe('Decision 766 indicators for March 2026', () => {
  it('every indicator with numerator, denominator and points', async () => {
    const r = await indicators(pool, { ...MONTH });
    const byCode = (code: string, proc: string | null = null) => r.indicators.find((i) => i.code === code && i.procedureCode === proc)!;
    // 2.1 population = 6 finished + 3 open at 1 Apr = 9; on time for the KPI: D1 D2 D9 D11 (D3 late, D4 two
    // supplement requests ⇒ late though early on its appointment) + D8 D10 open within (D7 breached) = 6
    expect(byCode('2.1')).toMatchObject({ value: 66.7, numerator: 6, denominator: 9, points: 13.33, maxPoints: 20 });
    // 2.2 overall: 2490 / 6 = 415 working minutes ≤ average legal budget 1200: full points
    expect(byCode('2.2')).toMatchObject({ value: 415, numerator: 2490, denominator: 6, points: 4, maxPoints: 4 });
    expect(byCode('2.2', P1)).toMatchObject({ value: 330, numerator: 1320, denominator: 4 });
    expect(byCode('2.2', P2)).toMatchObject({ value: 420, numerator: 420, denominator: 1 });
    expect(byCode('2.2', P3)).toMatchObject({ value: 750, numerator: 750, denominator: 1 });
    // 3.3 online 4 of 9 received = 44.4%, full at 50%: 12 × 0.444 / 0.5 = 10.67
    expect(byCode('3.3')).toMatchObject({ value: 44.4, numerator: 4, denominator: 9, points: 10.67, maxPoints: 12 });
    // 3.6 D9 paid at the desk, D10 online: 1 / 2 → 5 of 10
    expect(byCode('3.6')).toMatchObject({ value: 50, numerator: 1, denominator: 2, points: 5, maxPoints: 10 });
    // 4.1 electronic results: D1 D2 D3 D4 (P1 online level full) and D11 (online); not D9: 5 / 6 → 3.33
    expect(byCode('4.1')).toMatchObject({ value: 83.3, numerator: 5, denominator: 6, points: 3.33, maxPoints: 4 });
    // 4.2 received in March with every component digitised: D3, D11 of 9 → 0.89
    expect(byCode('4.2')).toMatchObject({ value: 22.2, numerator: 2, denominator: 9, points: 0.89, maxPoints: 4 });
    // 4.3 reusing data: D11 of 9 = 11.1%, full at 80%: 4 × 0.111 / 0.8 = 0.56
    expect(byCode('4.3')).toMatchObject({ value: 11.1, numerator: 1, denominator: 9, points: 0.56, maxPoints: 4 });
    // 5.4 = 9 − 3 overdue (D3 D4 D7) − 2 complained or dissatisfied (D3 complaint, D4 dissatisfied) = 4 / 9 = 44.4%,
    // full at 90%: 6 × 0.444 / 0.9 = 2.96
    expect(byCode('5.4')).toMatchObject({ value: 44.4, numerator: 4, denominator: 9, points: 2.96, maxPoints: 6 });
    expect(r.points).toBe(40.74); // 13.33 + 4 + 10.67 + 5 + 3.33 + 0.89 + 0.56 + 2.96
    expect(r.maxPoints).toBe(64);
  });

  it('for unit A', async () => {
    const r = await indicators(pool, { ...MONTH, unitId: A });
    const v = Object.fromEntries(r.indicators.filter((i) => i.procedureCode === null).map((i) => [i.code, [i.numerator, i.denominator]]));
    expect(v).toEqual({
      '2.1': [4, 6], // D1 D2 D9 D11 of 5 finished + D7 (breached)
      '2.2': [2280, 5],
      '3.3': [2, 6], // D2 D11 of D2 D3 D6 D7 D9 D11
      '3.6': [0, 1], // D9
      '4.1': [4, 5], // not D9
      '4.2': [2, 6], // D3 D11
      '4.3': [1, 6], // D11
      '5.4': [3, 6], // 6 − 2 overdue (D3 D7) − 1 complaint (D3)
    });
  });
});

describe('one fold for the database and the simulator', () => {
  it('the facts read back from PostgreSQL and the facts folded in memory give identical reports', async () => {
    const facts = factsOf(events);
    const q = [
      { ...MONTH },
      { ...MONTH, by: 'unit' as const },
      { ...MONTH, by: 'unit,procedure' as const, period: 'day' as const },
      { from: '2026-01-01', to: '2027-01-01', period: 'year' as const, unitId: B },
    ];
    for (const query of q) expect(statisticsInMemory(facts, query)).toEqual(await statistics(pool, query));
    for (const query of [{ ...MONTH }, { ...MONTH, unitId: A }, { from: '2026-02-27', to: '2026-03-03' }]) expect(indicatorsInMemory(facts, query)).toEqual(await indicators(pool, query));
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
