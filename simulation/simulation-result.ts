import path from 'node:path';
import type { IndicatorsReport, StatisticsRow } from '../contracts/api/statistics.contract';
import type { CalibrationTarget } from '../contracts/simulation/simulation-profile.contract';
import { formatLocalDate, localDayNumber } from '../domain/calendar/local-time';
import { workingTimeBetween } from '../domain/calendar/working-calendar';
import { indicatorCells, indicatorsReport } from '../domain/indicators/indicators-fold';
import { statisticsRows } from '../domain/indicators/statistics-fold';
import { firstMondayMorning } from '../domain/simulation/world';
import type { PreparedRun } from './prepare-run';
import type { MergedResult } from './run-simulation';
import { WEEK_MS } from './run-component';

export interface UnitSummary {
  unitId: string;
  name: string;
  modelled: boolean;
  officers: number | null;
  tasksCompleted: number;
  /** Share of completed tasks (result hand-overs aside) that finished after their step's due, percent. */
  lateTaskPercent: number | null;
  /** Mean wait for an officer, working hours. */
  meanWaitWorkingHours: number | null;
  /** Officers' working time spent on tasks ÷ their working time, percent (modelled units). */
  utilisationPercent: number | null;
  peakBacklog: number;
}

export interface CalibrationCheck {
  label: string;
  metric: CalibrationTarget['metric'];
  target: number;
  simulated: number | null;
  /** received: percent of the target; rates: percentage points. */
  difference: number | null;
  tolerance: number;
  within: boolean;
  source?: string;
}

/** Everything a run produced that depends only on the profile, policy and seed (no timings): the same seed gives the same bytes. */
export interface SimulationResult {
  profile: { name: string; file: string; start: string; years: number; calendarVersion: string; seed: number; policy: string | null };
  counts: { dossiers: number; events: number; decisions: number; unreceivable: number; rejected: Record<string, number> };
  components: Array<{ label: string; receivingUnits: string[]; modelledUnits: string[]; dossiers: number; events: number }>;
  statistics: { total: StatisticsRow; byUnit: StatisticsRow[]; byYear: StatisticsRow[]; byUnitYear: StatisticsRow[]; byUnitMonth: StatisticsRow[] };
  indicators: { total: IndicatorsReport; byYear: IndicatorsReport[]; byUnit: IndicatorsReport[]; byUnitYear: IndicatorsReport[] };
  units: UnitSummary[];
  /** Weekly samples (Mondays 10:00) of each unit's tasks waiting or in hand. */
  backlog: { dates: string[]; byUnit: Record<string, number[]> };
  calibration: CalibrationCheck[];
}

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export function summarise(run: PreparedRun, m: MergedResult, seed: number): SimulationResult {
  const c = run.compiled;
  const names = new Map(c.catalog.units.map((u) => [u.id, u.name]));
  const workingMinutes = workingTimeBetween(c.fromMs, c.toMs, c.calendar);
  const units: UnitSummary[] = m.units.map((u) => ({
    unitId: u.unitId,
    name: names.get(u.unitId) ?? u.unitId,
    modelled: u.modelled,
    officers: u.officers,
    tasksCompleted: u.tasksCompleted,
    lateTaskPercent: u.tasksCompleted > 0 ? round((100 * u.tasksLate) / u.tasksCompleted) : null,
    meanWaitWorkingHours: u.tasksStarted > 0 ? round(u.waitWorkingMinutes / u.tasksStarted / 60, 2) : null,
    utilisationPercent: u.modelled && u.officers ? round((100 * u.serviceWorkingMinutes) / (u.officers * workingMinutes)) : null,
    peakBacklog: Math.max(u.peakBacklog, ...u.backlog),
  }));
  const samples = m.units[0]?.backlog.length ?? 0;
  const firstSample = firstMondayMorning(c.fromMs);
  const dates = Array.from({ length: samples }, (_, i) => formatLocalDate(localDayNumber(firstSample + i * WEEK_MS)));
  const backlog = Object.fromEntries(m.units.filter((u) => u.modelled).map((u) => [u.unitId, u.backlog]));
  const f = m.first;
  const indicatorsByUnit = indicatorCells(f.indicatorsByUnit).map((cell) => indicatorsReport(f.indicatorsByUnit, cell.period, cell.unitId));
  const indicatorsTotal = indicatorCells(f.indicatorsTotal).map((cell) => indicatorsReport(f.indicatorsTotal, cell.period, null));
  // the indicator periods are the years, then the whole run
  const wholeRun = f.indicatorsTotal.periods.length - 1;
  const statistics = {
    total: statisticsRows(f.totalAll)[0]!,
    byUnit: statisticsRows(f.byUnitAll),
    byYear: statisticsRows(f.totalYear),
    byUnitYear: statisticsRows(f.byUnitYear),
    byUnitMonth: statisticsRows(f.byUnitMonth),
  };
  return {
    profile: { name: run.profile.name, file: path.basename(run.file), start: run.profile.start, years: c.years, calendarVersion: c.calendar.version, seed, policy: run.policy?.name ?? null },
    counts: m.counts,
    components: c.components.map((k, i) => ({
      label: k.label,
      receivingUnits: [...new Set(k.sources.map((s) => s.receivingUnitId))],
      modelledUnits: k.units,
      dossiers: m.components[i]?.counts.dossiers ?? 0,
      events: m.components[i]?.counts.events ?? 0,
    })),
    statistics,
    indicators: {
      total: indicatorsTotal.find((r) => r.from === f.indicatorsTotal.periods[wholeRun]!.from && r.to === f.indicatorsTotal.periods[wholeRun]!.to)!,
      byYear: indicatorsTotal.filter((r) => !(r.from === f.indicatorsTotal.periods[wholeRun]!.from && r.to === f.indicatorsTotal.periods[wholeRun]!.to)),
      byUnit: indicatorsByUnit.filter((r) => r.from === f.indicatorsByUnit.periods[wholeRun]!.from && r.to === f.indicatorsByUnit.periods[wholeRun]!.to),
      byUnitYear: indicatorsByUnit.filter((r) => !(r.from === f.indicatorsByUnit.periods[wholeRun]!.from && r.to === f.indicatorsByUnit.periods[wholeRun]!.to)),
    },
    units,
    backlog: { dates, byUnit: backlog },
    // the report's figures cover the profile's whole span: a shorter or longer run is not compared with them
    calibration: c.years === run.profile.years ? run.profile.calibration.map((t) => calibrate(t, statistics.byUnit)) : [],
  };
}

function calibrate(t: CalibrationTarget, byUnit: StatisticsRow[]): CalibrationCheck {
  const rows = byUnit.filter((r) => !t.receivingUnitIds || t.receivingUnitIds.includes(r.unitId ?? ''));
  const sum = (f: (r: StatisticsRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  let simulated: number | null;
  let difference: number | null;
  if (t.metric === 'received') {
    simulated = sum((r) => r.received.new);
    difference = t.value > 0 ? round((100 * (simulated - t.value)) / t.value, 2) : null;
  } else {
    const [num, den] =
      t.metric === 'completion_rate'
        ? [sum((r) => r.finished.total), sum((r) => r.received.total)]
        : [sum((r) => r.finished.early + r.finished.onTime), sum((r) => r.finished.total)];
    simulated = den > 0 ? round((100 * num) / den, 2) : null;
    difference = simulated === null ? null : round(simulated - t.value, 2);
  }
  return {
    label: t.label,
    metric: t.metric,
    target: t.value,
    simulated,
    difference,
    tolerance: t.tolerance,
    within: difference !== null && Math.abs(difference) <= t.tolerance,
    ...(t.source ? { source: t.source } : {}),
  };
}
