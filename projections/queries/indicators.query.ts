import type { Pool, PoolClient } from 'pg';
import type { IndicatorsReport } from '../../contracts/api/statistics.contract';
import { addIndicatorsFact, checkSyncRate, indicatorsAccumulator, indicatorsReport } from '../../domain/indicators/indicators-fold';
import { reportRange } from '../../domain/indicators/periods';
import { forEachFact } from './fact-reader';
import { unitFilter } from './statistics.query';

export interface IndicatorsQuery {
  /** Local dates 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
  /** Only this receiving unit. */
  unitId?: string;
  /** Only these receiving units (what the caller of the API covers). */
  unitIds?: string[];
  /**
   * Share (0–1) of the period's dossiers synced to the National Public Service Portal: 3.3 is
   * multiplied by it (verified-facts.md §3 (a)). The engine does not record the sync yet: 1 unless given.
   */
  syncRate?: number;
}

type Db = Pool | PoolClient;

/**
 * Decision 766 indicators over `dossier_fact` for the local dates from..to (both included): the facts
 * that can count are streamed from PostgreSQL into the fold the simulator uses too
 * (domain/indicators/indicators-fold.ts, where each indicator is defined).
 */
export async function indicators(db: Db, q: IndicatorsQuery): Promise<IndicatorsReport> {
  const { startMs, endMs } = reportRange(q.from, q.to);
  const syncRate = q.syncRate ?? 1;
  checkSyncRate(syncRate);
  const acc = indicatorsAccumulator([{ from: q.from, to: q.to, startMs, endMs }]);
  await forEachFact(db, { notEndedBefore: new Date(startMs).toISOString(), ...unitFilter(q) }, (f) => addIndicatorsFact(acc, f));
  return indicatorsReport(acc, 0, q.unitId ?? null, syncRate);
}
