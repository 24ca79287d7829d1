import { indicatorsAccumulator, addIndicatorsFact, mergeIndicators, indicatorsReport, indicatorCells } from '../../domain/indicators/indicators-fold';
import { periodsBetween, reportRange } from '../../domain/indicators/periods';
import { addStatisticsFact, mergeStatistics, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { factsOf, indicatorsInMemory, statisticsInMemory } from './in-memory-report';
import { A, B, buildScenario } from './scenario';

// The hand-computed March 2026 figures of statistics.int.test.ts (1–31 March, both included), reached without a database.
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const facts = factsOf(buildScenario().events);

describe('statistics and indicators folded in memory from the scenario’s events', () => {
  it('total row: every bucket as hand-computed, with late and overdue with apology', () => {
    const [row] = statisticsInMemory(facts, MONTH);
    expect(row).toMatchObject({
      periodEnd: '2026-03-31T17:00:00.000Z',
      received: { carriedOver: 2, new: 13, total: 15, byChannel: { direct: 8, online: 4, post: 1 } },
      finished: { total: 9, early: 5, onTime: 2, late: 2, lateWithApology: 1, stopped: 1 },
      inProgress: { total: 5, within: 2, overdue: 3, overdueWithApology: 1 },
      supplementRequested: 1,
      receptionSupplementRequested: 1,
      refused: 1,
      withdrawn: 1,
      supplementExpired: 0,
      processing: { count: 8, averageWorkingMinutes: 453.8, averageLegalBudgetMinutes: 1140, averageCommittedBudgetMinutes: 900 },
      completionRate: { numerator: 9, denominator: 15, percent: 60, basis: expect.stringMatching(/carried over \+ new/) },
      onTimeRate: { numerator: 7, denominator: 9, percent: 77.8, basis: expect.stringMatching(/not indicator 2\.1/) },
    });
  });

  it('per unit, ordered by unit id; a unit filter keeps only its facts', () => {
    const rows = statisticsInMemory(facts, { ...MONTH, by: 'unit' });
    expect(rows.map((r) => [r.unitId, r.received.total, r.finished.total, r.finished.lateWithApology, r.inProgress.overdue, r.inProgress.overdueWithApology])).toEqual([
      [A, 11, 8, 1, 2, 0],
      [B, 4, 1, 0, 1, 1],
    ]);
    expect(statisticsInMemory(facts, { ...MONTH, by: 'unit', unitIds: [B] }).map((r) => r.unitId)).toEqual([B]);
  });

  it('indicators: 2.1 8/14, 2.2 unscored, 5.4 6/14, 30.73 of 56 points in five groups; 3.3 × the sync rate', () => {
    const r = indicatorsInMemory(facts, MONTH);
    const v = Object.fromEntries(r.indicators.filter((i) => i.procedureCode === null).map((i) => [i.code, [i.numerator, i.denominator, i.points]]));
    expect(v).toEqual({
      '2.1': [8, 14, 11.43],
      '2.2': [3630, 8, null],
      '3.3': [4, 13, 7.38],
      '3.6': [1, 2, 3],
      '4.1': [7, 8, 5.25],
      '4.2': [2, 13, 0.62],
      '4.3': [1, 13, 0.19],
      '5.4': [6, 14, 2.86],
    });
    expect([r.points, r.maxPoints, r.syncRate]).toEqual([30.73, 56, 1]);
    expect(r.groups.map((g) => [g.group, g.weight, g.points])).toEqual([[1, 18, 0], [2, 20, 11.43], [3, 22, 10.38], [4, 22, 6.06], [5, 18, 2.86]]);
    expect(indicatorsInMemory(facts, { ...MONTH, syncRate: 0.5 }).indicators.find((i) => i.code === '3.3')).toMatchObject({ value: 15.4, points: 3.69 });
    expect(() => indicatorsInMemory(facts, { ...MONTH, syncRate: 1.5 })).toThrow(/sync rate/);
  });

  it('5.4 over an empty period scores 0, the other empty rates nothing', () => {
    // January 2026 lies before the scenario's first reception (6 February): nothing to count
    const r = indicatorsInMemory(facts, { from: '2026-01-01', to: '2026-01-31' });
    expect(r.indicators.find((i) => i.code === '5.4')).toMatchObject({ denominator: 0, points: 0 });
    expect(r.indicators.find((i) => i.code === '2.1')).toMatchObject({ denominator: 0, points: null });
  });

  it('a period with no activity still counts the dossiers open at its end (the 2.1 and 5.4 population)', () => {
    // the five in progress at the end of March never finish: received before 2030 and open at its end
    const [march] = statisticsInMemory(facts, MONTH);
    const r = indicatorsInMemory(facts, { from: '2030-01-01', to: '2030-01-31' });
    expect(march!.inProgress.total).toBe(5);
    expect(r.indicators.find((i) => i.code === '2.1')).toMatchObject({ denominator: 5 });
    expect(r.indicators.find((i) => i.code === '5.4')).toMatchObject({ denominator: 5 });
    expect(r.indicators.find((i) => i.code === '3.3')).toMatchObject({ denominator: 0, points: null });
  });

  it('accumulators split between workers merge into the same report', () => {
    const periods = periodsBetween('2026-02-01', '2026-04-30', 'day');
    const whole = statisticsAccumulator(periods, 'unit,procedure');
    const left = statisticsAccumulator(periods, 'unit,procedure');
    const right = statisticsAccumulator(periods, 'unit,procedure');
    facts.forEach((f, i) => (addStatisticsFact(whole, f), addStatisticsFact(i % 2 ? left : right, f)));
    mergeStatistics(left, right);
    expect(statisticsRows(left)).toEqual(statisticsRows(whole));

    const ip = [MONTH, { from: '2026-04-01', to: '2026-04-30' }].map((p) => ({ ...p, ...reportRange(p.from, p.to) }));
    const iw = indicatorsAccumulator(ip, 'unit');
    const il = indicatorsAccumulator(ip, 'unit');
    const ir = indicatorsAccumulator(ip, 'unit');
    facts.forEach((f, i) => (addIndicatorsFact(iw, f), addIndicatorsFact(i % 3 ? il : ir, f)));
    mergeIndicators(il, ir);
    const reports = (acc: typeof iw) => indicatorCells(acc).map((c) => indicatorsReport(acc, c.period, c.unitId));
    expect(reports(il)).toEqual(reports(iw));
    expect(indicatorCells(iw).map((c) => c.unitId)).toEqual([A, B, A, B]);
  });
});
