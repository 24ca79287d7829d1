import type { DossierEvent } from '../contracts/events';
import { addIndicatorsFact, indicatorsAccumulator, type IndicatorPeriod, type IndicatorsAccumulator } from '../domain/indicators/indicators-fold';
import { LOCAL_OFFSET_MS, periodsBetween, type Period } from '../domain/indicators/periods';
import { addStatisticsFact, statisticsAccumulator, type StatisticsAccumulator } from '../domain/indicators/statistics-fold';
import type { SimDossier, SimulationSink, UnitStats } from '../domain/simulation/engine';
import { componentEngine, type CompiledProfile } from '../domain/simulation/world';
import { emptyFact, foldFactInto, type FactRow } from '../projections/dossier-fact.projection';
import { factOfRow } from '../projections/queries/fact-reader';

/** What one component's run hands back: the reports' accumulators (plain data), unit measurements and counts. */
export interface ComponentResult {
  index: number;
  label: string;
  counts: { dossiers: number; events: number; decisions: number; unreceivable: number; rejected: Record<string, number> };
  /** Statistics by receiving unit: per year, per month, and over the whole run. */
  byUnitYear: StatisticsAccumulator;
  byUnitMonth: StatisticsAccumulator;
  byUnitAll: StatisticsAccumulator;
  totalYear: StatisticsAccumulator;
  totalAll: StatisticsAccumulator;
  /** Decision 766 indicators by receiving unit, per year and over the run, and for everything. */
  indicatorsByUnit: IndicatorsAccumulator;
  indicatorsTotal: IndicatorsAccumulator;
  units: UnitStats[];
  simulatedMs: number;
  wallMs: number;
}

export const WEEK_MS = 7 * 86_400_000;

export interface RunPeriods {
  years: Period[];
  months: Period[];
  all: Period[];
  indicators: IndicatorPeriod[];
}

/** The report periods of a run: its calendar years (clipped), months, and the whole run; local dates both included, as the reports take them. */
export function runPeriods(c: CompiledProfile): RunPeriods {
  const from = c.profile.start;
  // the run ends before the start date `years` later: its last day is the day before
  const last = localDate(c.toMs - 1);
  const yearPeriods = periodsBetween(from, last, 'year');
  const all: Period = { label: `${from}/${last}`, start: new Date(c.fromMs).toISOString(), end: new Date(c.toMs).toISOString() };
  const ip = (p: Period): IndicatorPeriod => ({ from: localDate(Date.parse(p.start)), to: localDate(Date.parse(p.end) - 1), startMs: Date.parse(p.start), endMs: Date.parse(p.end) });
  return { years: yearPeriods, months: periodsBetween(from, last, 'month'), all: [all], indicators: [...yearPeriods, all].map(ip) };
}

const localDate = (ms: number): string => new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Runs one component to the end of the run. Every event the decider produces is folded into the
 * dossier's `dossier_fact` row by the projection's own fold; when the dossier can produce no more
 * events its row goes into the same accumulators the SQL-backed reports use.
 */
export function runComponent(c: CompiledProfile, componentIndex: number, seed: number, onProgress?: (simulatedMs: number) => void): ComponentResult {
  const t0 = performance.now();
  const component = c.components[componentIndex]!;
  const periods = runPeriods(c);
  const acc = {
    byUnitYear: statisticsAccumulator(periods.years, 'unit'),
    byUnitMonth: statisticsAccumulator(periods.months, 'unit'),
    byUnitAll: statisticsAccumulator(periods.all, 'unit'),
    totalYear: statisticsAccumulator(periods.years, 'total'),
    totalAll: statisticsAccumulator(periods.all, 'total'),
    indicatorsByUnit: indicatorsAccumulator(periods.indicators, 'unit'),
    indicatorsTotal: indicatorsAccumulator(periods.indicators, 'total'),
  };
  const sink: SimulationSink = {
    events(d: SimDossier, events: readonly DossierEvent[]) {
      let row = d.slot as FactRow | undefined;
      if (!row) d.slot = row = emptyFact(events[0]!);
      for (const e of events) foldFactInto(row, e);
    },
    ended(d: SimDossier) {
      const row = d.slot as FactRow | undefined;
      if (!row) return;
      d.slot = undefined;
      const f = factOfRow(row);
      addStatisticsFact(acc.byUnitYear, f);
      addStatisticsFact(acc.byUnitMonth, f);
      addStatisticsFact(acc.byUnitAll, f);
      addStatisticsFact(acc.totalYear, f);
      addStatisticsFact(acc.totalAll, f);
      addIndicatorsFact(acc.indicatorsByUnit, f);
      addIndicatorsFact(acc.indicatorsTotal, f);
    },
  };
  // the reports read no ledger entry: the ledgers record none
  const engine = componentEngine(c, component, { seed, sink, sampleEveryMs: WEEK_MS, explainLedgers: false, ...(onProgress ? { onProgress: (at: number) => onProgress(at - c.fromMs) } : {}) });
  engine.run(c.toMs);
  engine.close();
  onProgress?.(c.toMs - c.fromMs);
  return {
    index: component.index,
    label: component.label,
    counts: engine.counts,
    ...acc,
    units: engine.unitStats(),
    simulatedMs: c.toMs - c.fromMs,
    wallMs: performance.now() - t0,
  };
}
