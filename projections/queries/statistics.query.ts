import type { Pool, PoolClient } from 'pg';
import type { PeriodGranularity, StatisticsGrouping, StatisticsRow } from '../../contracts/api/statistics.contract';
import { periodsBetween } from '../../domain/indicators/periods';
import { addStatisticsFact, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { forEachFact } from './fact-reader';

export { localMidnight, periodsBetween, reportRange } from '../../domain/indicators/periods';

export interface StatisticsQuery {
  /** Local dates 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
  by?: StatisticsGrouping;
  period?: PeriodGranularity;
  /** Only this receiving unit. */
  unitId?: string;
  /** Only these receiving units (what the caller of the API covers). */
  unitIds?: string[];
}

type Db = Pool | PoolClient;

/**
 * Statistics per period and group over `dossier_fact` (one row per dossier): the facts that can
 * count in the local dates from..to (both included) are streamed from PostgreSQL into the fold the
 * simulator uses too (domain/indicators/statistics-fold.ts, where the buckets are defined).
 */
export async function statistics(db: Db, q: StatisticsQuery): Promise<StatisticsRow[]> {
  const periods = periodsBetween(q.from, q.to, q.period ?? 'month');
  const acc = statisticsAccumulator(periods, q.by ?? 'total');
  await forEachFact(db, { notEndedBefore: periods[0]!.start, ...unitFilter(q) }, (f) => addStatisticsFact(acc, f));
  return statisticsRows(acc);
}

/** The receiving-unit filters of a report query, as the fact reader takes them. */
export function unitFilter(q: { unitId?: string; unitIds?: string[] }): { unitId?: string; unitIds?: string[] } {
  return { ...(q.unitId ? { unitId: q.unitId } : {}), ...(q.unitIds ? { unitIds: q.unitIds } : {}) };
}
