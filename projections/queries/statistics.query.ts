import type { Pool, PoolClient } from 'pg';
import type { PeriodGranularity, StatisticsGrouping, StatisticsRow } from '../../contracts/api/statistics.contract';
import { periodsBetween } from '../../domain/indicators/periods';
import { addStatisticsFact, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { forEachFact } from './fact-reader';

export { LOCAL_OFFSET_MS, localMidnight, periodsBetween, type Period } from '../../domain/indicators/periods';
export { rate } from '../../domain/indicators/statistics-fold';

export interface StatisticsQuery {
  /** Local dates 'YYYY-MM-DD', [from, to). */
  from: string;
  to: string;
  by?: StatisticsGrouping;
  period?: PeriodGranularity;
  /** Only this receiving unit. */
  unitId?: string;
}

type Db = Pool | PoolClient;

/**
 * Statistics per period and group over `dossier_fact` (one row per dossier): the facts that can
 * count in [from, to) are streamed from PostgreSQL into the fold the simulator uses too
 * (domain/indicators/statistics-fold.ts, where the buckets are defined).
 */
export async function statistics(db: Db, q: StatisticsQuery): Promise<StatisticsRow[]> {
  const periods = periodsBetween(q.from, q.to, q.period ?? 'month');
  const acc = statisticsAccumulator(periods, q.by ?? 'total');
  await forEachFact(db, { notEndedBefore: periods[0]!.start, ...(q.unitId ? { unitId: q.unitId } : {}) }, (f) => addStatisticsFact(acc, f));
  return statisticsRows(acc);
}
