import { indicatorsAccumulator, addIndicatorsFact, mergeIndicators, indicatorsReport, indicatorCells } from '../../domain/indicators/indicators-fold';
import { localMidnight, periodsBetween } from '../../domain/indicators/periods';
import { addStatisticsFact, mergeStatistics, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { factsOf, indicatorsInMemory, statisticsInMemory } from './in-memory-report';
import { A, B, buildScenario } from './scenario';

// The hand-computed March 2026 figures of statistics.int.test.ts, reached without a database.
const MONTH = { from: '2026-03-01', to: '2026-04-01' };
const facts = factsOf(buildScenario().events);

describe('statistics and indicators folded in memory from the scenario’s events', () => {
  it('total row: every bucket as hand-computed', () => {
    const [row] = statisticsInMemory(facts, MONTH);
    expect(row).toMatchObject({
      received: { carriedOver: 1, new: 9, total: 10, byChannel: { direct: 4, online: 4, post: 1 } },
      finished: { total: 6, early: 3, onTime: 2, late: 1, stopped: 0 },
      inProgress: { total: 3, within: 2, overdue: 1 },
      supplementRequested: 1,
      receptionSupplementRequested: 1,
      refused: 1,
      withdrawn: 1,
      supplementExpired: 0,
      processing: { count: 6, averageWorkingMinutes: 415, averageLegalBudgetMinutes: 1200, averageCommittedBudgetMinutes: 960 },
      completionRate: { numerator: 6, denominator: 10, percent: 60 },
      onTimeRate: { numerator: 5, denominator: 6, percent: 83.3 },
    });
  });

  it('per unit, ordered by unit id', () => {
    const rows = statisticsInMemory(facts, { ...MONTH, by: 'unit' });
    expect(rows.map((r) => [r.unitId, r.received.total, r.finished.total, r.inProgress.overdue])).toEqual([
      [A, 7, 5, 1],
      [B, 3, 1, 0],
    ]);
  });

  it('indicators: 2.1 6/9, 5.4 4/9, 40.74 of 64 points', () => {
    const r = indicatorsInMemory(facts, MONTH);
    const v = Object.fromEntries(r.indicators.filter((i) => i.procedureCode === null).map((i) => [i.code, [i.numerator, i.denominator]]));
    expect(v).toEqual({ '2.1': [6, 9], '2.2': [2490, 6], '3.3': [4, 9], '3.6': [1, 2], '4.1': [5, 6], '4.2': [2, 9], '4.3': [1, 9], '5.4': [4, 9] });
    expect([r.points, r.maxPoints]).toEqual([40.74, 64]);
  });

  it('accumulators split between workers merge into the same report', () => {
    const periods = periodsBetween('2026-02-01', '2026-05-01', 'day');
    const whole = statisticsAccumulator(periods, 'unit,procedure');
    const left = statisticsAccumulator(periods, 'unit,procedure');
    const right = statisticsAccumulator(periods, 'unit,procedure');
    facts.forEach((f, i) => (addStatisticsFact(whole, f), addStatisticsFact(i % 2 ? left : right, f)));
    mergeStatistics(left, right);
    expect(statisticsRows(left)).toEqual(statisticsRows(whole));

    const ip = [MONTH, { from: '2026-04-01', to: '2026-05-01' }].map((p) => ({ ...p, startMs: localMidnight(p.from), endMs: localMidnight(p.to) }));
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
