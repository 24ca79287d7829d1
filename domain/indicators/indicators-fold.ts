/**
 * Decision 766 indicators as a fold over dossier facts, shared by the SQL-backed report
 * (projections/queries/indicators.query.ts) and the simulator. For a period [from, to):
 *   population (2.1, 5.4) = dossiers handled in the period: ended in it with a result or stopped, plus
 *     those received before `to` and still open at `to` (= carried over + new − withdrawn − expired).
 *   2.1 on time = those finished with the KPI classification early / on time (result_ready carries the
 *     decider's KPI view: supplement waiting subtracted, more than one request ⇒ late; a stopped dossier
 *     uses its classification and the same rule) + those open at `to` neither breached before `to` nor
 *     with more than one supplement request before `to`.
 *   2.2 average processing working minutes of the dossiers with a result in the period (overall, and per
 *     procedure); points compare the average with the average legal budget.
 *   3.3 received in the period online ÷ received in the period.
 *   3.6 dossiers whose first payment was recorded in the period and paid online ÷ those with a payment.
 *   4.1 dossiers with a result in the period delivered electronically ÷ dossiers with a result.
 *   4.2 received in the period with every component digitised ÷ received with components.
 *   4.3 received in the period reusing at least one digitised component ÷ received with components.
 *   5.4 = 100% − (overdue rate + share complained about or rated dissatisfied), over the 2.1 population:
 *     numerator = max(0, population − overdue − complained-or-dissatisfied (before `to`)).
 */
import { IndicatorsReport, type IndicatorCode, type IndicatorRow } from '../../contracts/api/statistics.contract';
import { firstInstantOf, firstPeriodEndingAfter, type DossierFact } from './dossier-fact';
import { DECISION_766_SCORING, percent, ratePoints, timePoints } from './decision-766';

const C = {
  population: 0,
  onTime: 1,
  unhappy: 2,
  results: 3,
  electronic: 4,
  processingSum: 5,
  legalSum: 6,
  received: 7,
  online: 8,
  paid: 9,
  paidOnline: 10,
  withComponents: 11,
  digitised: 12,
  reused: 13,
} as const;
const SLOTS = 14;

export interface IndicatorPeriod {
  /** As the report names them: local dates 'YYYY-MM-DD', [from, to). */
  from: string;
  to: string;
  startMs: number;
  endMs: number;
}

interface Cell {
  c: number[];
  /** procedure → [dossiers with a result, processing minutes, legal budget minutes]. */
  perProcedure: Record<string, [number, number, number]>;
}

export interface IndicatorsAccumulator {
  periods: IndicatorPeriod[];
  /** 'total': one cell per period; 'unit': one per period and receiving unit. */
  by: 'total' | 'unit';
  ends: number[];
  cells: Record<string, Cell>;
}

export function indicatorsAccumulator(periods: IndicatorPeriod[], by: 'total' | 'unit' = 'total'): IndicatorsAccumulator {
  return { periods, by, ends: periods.map((p) => p.endMs), cells: {} };
}

const SEP = '\u0000';
const cellKey = (i: number, unit: string): string => `${i}${SEP}${unit}`;

function cellOf(acc: IndicatorsAccumulator, i: number, unit: string): Cell {
  const key = cellKey(i, acc.by === 'unit' ? unit : '');
  let cell = acc.cells[key];
  if (!cell) {
    cell = { c: new Array<number>(SLOTS).fill(0), perProcedure: {} };
    acc.cells[key] = cell;
  }
  return cell;
}

const inP = (x: number | null, from: number, to: number): boolean => x !== null && x >= from && x < to;
const onTimeClass = (c: string | null): boolean => c === 'early' || c === 'on_time';

export function addIndicatorsFact(acc: IndicatorsAccumulator, f: DossierFact): void {
  const F = f.finishedAt;
  const first = firstInstantOf(f);
  for (let i = firstPeriodEndingAfter(acc.ends, first); i < acc.periods.length; i++) {
    const { startMs: from, endMs: to } = acc.periods[i]!;
    if (F !== null && from > F && (f.firstPaidAt === null || from > f.firstPaidAt)) break;
    const finishedIn = inP(F, from, to);
    const done = (f.endKind === 'result_ready' || f.endKind === 'stopped') && finishedIn;
    const open = f.receivedAt !== null && f.receivedAt < to && (F === null || F >= to);
    const result = f.endKind === 'result_ready' && finishedIn;
    const isNew = inP(f.receivedAt, from, to);
    const paidIn = inP(f.firstPaidAt, from, to);
    if (!(done || open || result || isNew || paidIn)) continue;
    const cell = cellOf(acc, i, f.unitId);
    const c = cell.c;
    if (done || open) {
      c[C.population]! += 1;
      const doneOnTime =
        done && (f.endKind === 'result_ready' ? onTimeClass(f.classificationKpi) : onTimeClass(f.classification) && f.supplementRequestedAt.length <= 1);
      const openWithin = open && (f.overdueSince === null || f.overdueSince >= to) && f.supplementRequestedAt.filter((t) => t < to).length <= 1;
      if (doneOnTime || openWithin) c[C.onTime]! += 1;
      const complained = f.complaintCount > 0 && f.firstComplaintAt !== null && f.firstComplaintAt < to;
      const dissatisfied = f.ratingScore === 'dissatisfied' && f.ratedAt !== null && f.ratedAt < to;
      if (complained || dissatisfied) c[C.unhappy]! += 1;
    }
    if (result) {
      c[C.results]! += 1;
      if (f.electronicResult === true) c[C.electronic]! += 1;
      c[C.processingSum]! += f.processingMinutes ?? 0;
      c[C.legalSum]! += f.legalBudgetMinutes ?? 0;
      const p = (cell.perProcedure[f.procedureCode] ??= [0, 0, 0]);
      p[0] += 1;
      p[1] += f.processingMinutes ?? 0;
      p[2] += f.legalBudgetMinutes ?? 0;
    }
    if (isNew) {
      c[C.received]! += 1;
      if (f.channel === 'online') c[C.online]! += 1;
      if (f.componentsTotal > 0) {
        c[C.withComponents]! += 1;
        if (f.componentsDigitised >= f.componentsTotal) c[C.digitised]! += 1;
        if (f.componentsReused > 0) c[C.reused]! += 1;
      }
    }
    if (paidIn) {
      c[C.paid]! += 1;
      if (f.paidOnline === true) c[C.paidOnline]! += 1;
    }
  }
}

export function mergeIndicators(acc: IndicatorsAccumulator, other: IndicatorsAccumulator): void {
  for (const [key, cell] of Object.entries(other.cells)) {
    const mine = acc.cells[key];
    if (!mine) {
      acc.cells[key] = { c: [...cell.c], perProcedure: Object.fromEntries(Object.entries(cell.perProcedure).map(([k, v]) => [k, [...v] as [number, number, number]])) };
      continue;
    }
    for (let k = 0; k < SLOTS; k++) mine.c[k]! += cell.c[k]!;
    for (const [proc, v] of Object.entries(cell.perProcedure)) {
      const p = (mine.perProcedure[proc] ??= [0, 0, 0]);
      p[0] += v[0];
      p[1] += v[1];
      p[2] += v[2];
    }
  }
}

/** The cells present (period index, unit; unit '' for 'total'), in period then unit order. */
export function indicatorCells(acc: IndicatorsAccumulator): Array<{ period: number; unitId: string | null }> {
  return Object.keys(acc.cells)
    .map((k) => {
      const [i, unit] = k.split(SEP) as [string, string];
      return { period: Number(i), unitId: acc.by === 'unit' ? unit : null };
    })
    .sort((a, b) => a.period - b.period || ((a.unitId ?? '') < (b.unitId ?? '') ? -1 : (a.unitId ?? '') > (b.unitId ?? '') ? 1 : 0));
}

/** The report of one cell; `unitId` names the unit of a 'unit' accumulator, or the filter the facts were read with. */
export function indicatorsReport(acc: IndicatorsAccumulator, period: number, unitId: string | null): IndicatorsReport {
  const p = acc.periods[period]!;
  const cell = acc.cells[cellKey(period, acc.by === 'unit' ? (unitId ?? '') : '')] ?? { c: new Array<number>(SLOTS).fill(0), perProcedure: {} };
  const n = (k: number) => cell.c[k]!;
  const population = n(C.population);
  const overdue = population - n(C.onTime);
  const perProcedure = Object.entries(cell.perProcedure).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const list: IndicatorRow[] = [
    rateRow('2.1', n(C.onTime), population),
    timeRow(null, n(C.results), n(C.processingSum), n(C.legalSum)),
    ...perProcedure.map(([code, [count, processing, legal]]) => timeRow(code, count, processing, legal)),
    rateRow('3.3', n(C.online), n(C.received)),
    rateRow('3.6', n(C.paidOnline), n(C.paid)),
    rateRow('4.1', n(C.electronic), n(C.results)),
    rateRow('4.2', n(C.digitised), n(C.withComponents)),
    rateRow('4.3', n(C.reused), n(C.withComponents)),
    rateRow('5.4', Math.max(0, population - overdue - n(C.unhappy)), population),
  ];
  // the per-procedure rows of 2.2 are detail: only the overall row scores
  const scored = list.filter((i) => i.procedureCode === null);
  return IndicatorsReport.parse({
    from: p.from,
    to: p.to,
    unitId,
    indicators: list,
    points: Math.round(scored.reduce((s, i) => s + (i.points ?? 0), 0) * 100) / 100,
    maxPoints: scored.reduce((s, i) => s + i.maxPoints, 0),
  });
}

function rateRow(code: IndicatorCode, numerator: number, denominator: number): IndicatorRow {
  const s = DECISION_766_SCORING[code];
  return { code, name: s.name, procedureCode: null, unit: 'percent', value: percent(numerator, denominator), numerator, denominator, points: ratePoints(code, numerator, denominator), maxPoints: s.maxPoints, verified: s.verified };
}

/** 2.2: numerator = total processing working minutes, denominator = dossiers with a result. */
function timeRow(procedureCode: string | null, count: number, processingSum: number, legalSum: number): IndicatorRow {
  const s = DECISION_766_SCORING['2.2'];
  const average = count > 0 ? Math.round((processingSum / count) * 10) / 10 : null;
  const budget = count > 0 ? legalSum / count : null;
  return {
    code: '2.2',
    name: s.name,
    procedureCode,
    unit: 'working_minutes',
    value: average,
    numerator: processingSum,
    denominator: count,
    points: timePoints('2.2', average, budget),
    maxPoints: s.maxPoints,
    verified: s.verified,
  };
}
