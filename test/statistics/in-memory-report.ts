import type { PeriodGranularity, StatisticsGrouping } from '../../contracts/api/statistics.contract';
import type { DossierEvent } from '../../contracts/events';
import type { DossierFact } from '../../domain/indicators/dossier-fact';
import { addIndicatorsFact, indicatorsAccumulator, indicatorsReport } from '../../domain/indicators/indicators-fold';
import { periodsBetween, reportRange } from '../../domain/indicators/periods';
import { addStatisticsFact, statisticsAccumulator, statisticsRows } from '../../domain/indicators/statistics-fold';
import { foldFact, type FactRow } from '../../projections/dossier-fact.projection';
import { factOfRow } from '../../projections/queries/fact-reader';

/** The simulator's path to the reports: events → the projection's fold → facts → the report folds, no database. */
export function factsOf(events: readonly DossierEvent[]): DossierFact[] {
  const rows = new Map<string, FactRow>();
  for (const e of events) rows.set(e.dossierCode, foldFact(rows.get(e.dossierCode), e));
  return [...rows.values()].map(factOfRow);
}

interface UnitFilter {
  unitId?: string;
  unitIds?: string[];
}

const selected = (q: UnitFilter) => (f: DossierFact) => (!q.unitId || f.unitId === q.unitId) && (!q.unitIds || q.unitIds.includes(f.unitId));

export function statisticsInMemory(facts: DossierFact[], q: { from: string; to: string; by?: StatisticsGrouping; period?: PeriodGranularity } & UnitFilter) {
  const acc = statisticsAccumulator(periodsBetween(q.from, q.to, q.period ?? 'month'), q.by ?? 'total');
  for (const f of facts.filter(selected(q))) addStatisticsFact(acc, f);
  return statisticsRows(acc);
}

export function indicatorsInMemory(facts: DossierFact[], q: { from: string; to: string; syncRate?: number } & UnitFilter) {
  const acc = indicatorsAccumulator([{ from: q.from, to: q.to, ...reportRange(q.from, q.to) }]);
  for (const f of facts.filter(selected(q))) addIndicatorsFact(acc, f);
  return indicatorsReport(acc, 0, q.unitId ?? null, q.syncRate ?? 1);
}
