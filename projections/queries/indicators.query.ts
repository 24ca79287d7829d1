import type { Pool, PoolClient } from 'pg';
import type { IndicatorsReport } from '../../contracts/api/statistics.contract';
import { addIndicatorsFact, indicatorsAccumulator, indicatorsReport } from '../../domain/indicators/indicators-fold';
import { localMidnight } from '../../domain/indicators/periods';
import { forEachFact } from './fact-reader';

export interface IndicatorsQuery {
  /** Local dates 'YYYY-MM-DD', [from, to). */
  from: string;
  to: string;
  /** Only this receiving unit. */
  unitId?: string;
}

type Db = Pool | PoolClient;

/**
 * Decision 766 indicators over `dossier_fact` for [from, to): the facts that can count are streamed
 * from PostgreSQL into the fold the simulator uses too (domain/indicators/indicators-fold.ts, where
 * each indicator is defined).
 */
export async function indicators(db: Db, q: IndicatorsQuery): Promise<IndicatorsReport> {
  const startMs = localMidnight(q.from);
  const endMs = localMidnight(q.to);
  if (!(startMs < endMs)) throw new RangeError(`--from (${q.from}) must be before --to (${q.to})`);
  const acc = indicatorsAccumulator([{ from: q.from, to: q.to, startMs, endMs }]);
  await forEachFact(db, { notEndedBefore: new Date(startMs).toISOString(), ...(q.unitId ? { unitId: q.unitId } : {}) }, (f) => addIndicatorsFact(acc, f));
  return indicatorsReport(acc, 0, q.unitId ?? null);
}
