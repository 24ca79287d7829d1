import type { PeriodGranularity, StatisticsGrouping } from '../../contracts/api/statistics.contract';
import type { DossierEvent } from '../../contracts/events';
import type { DossierFact } from '../../domain/indicators/dossier-fact';
import { addIndicatorsFact, indicatorsAccumulator, indicatorsReport } from '../../domain/indicators/indicators-fold';
import { localMidnight, periodsBetween } from '../../domain/indicators/periods';
import { addStatisticsFact, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { foldFact, type FactRow } from '../../projections/dossier-fact.projection';
import { factOfRow } from '../../projections/queries/fact-reader';

/** The simulator's path to the reports: events → the projection's fold → facts → the report folds, no database. */
export function factsOf(events: readonly DossierEvent[]): DossierFact[] {
  const rows = new Map<string, FactRow>();
  for (const e of events) rows.set(e.dossierCode, foldFact(rows.get(e.dossierCode), e));
  return [...rows.values()].map(factOfRow);
}

export function statisticsInMemory(facts: DossierFact[], q: { from: string; to: string; by?: StatisticsGrouping; period?: PeriodGranularity; unitId?: string }) {
  const acc = statisticsAccumulator(periodsBetween(q.from, q.to, q.period ?? 'month'), q.by ?? 'total');
  for (const f of facts) if (!q.unitId || f.unitId === q.unitId) addStatisticsFact(acc, f);
  return statisticsRows(acc);
}

export function indicatorsInMemory(facts: DossierFact[], q: { from: string; to: string; unitId?: string }) {
  const acc = indicatorsAccumulator([{ from: q.from, to: q.to, startMs: localMidnight(q.from), endMs: localMidnight(q.to) }]);
  for (const f of facts) if (!q.unitId || f.unitId === q.unitId) addIndicatorsFact(acc, f);
  return indicatorsReport(acc, 0, q.unitId ?? null);
}
