/**
 * Decision 766 indicators as a fold over dossier facts, shared by the SQL-backed report
 * (projections/queries/indicators.query.ts) and the simulator. For the local dates from..to (both
 * included), i.e. the instants [startMs, endMs):
 *   population (2.1, 5.4) = dossiers handled in the period: ended in it with a result or stopped, plus
 *     those received before its end and still open then (= carried over + new − withdrawn − expired).
 *   2.1 on time = those finished with the KPI classification early / on time (result_ready carries the
 *     decider's KPI view: supplement waiting subtracted, more than one request ⇒ late; a stopped dossier
 *     uses its classification and the same rule) + those open at the end neither breached before it (the
 *     first dossier breach is at the Form 01 appointment) nor with more than one supplement request before it.
 *   2.2 average processing working minutes of the dossiers with a result in the period (overall, and per
 *     procedure); shown, not scored.
 *   3.3 received online in the period (not those whose result was issued on paper) ÷ received, × the
 *     portal sync rate.
 *   3.6 dossiers whose first payment was recorded in the period and paid online ÷ those with a payment.
 *   4.1 dossiers with a result in the period issued electronically ÷ dossiers with a result.
 *   4.2 received in the period with every component digitised ÷ received with components.
 *   4.3 received in the period reusing at least one digitised component ÷ received with components.
 *   5.4 = 100% − (overdue rate + share complained about or rated dissatisfied), over the 2.1 population:
 *     numerator = max(0, population − overdue − complained-or-dissatisfied (before the end)).
 */
import { IndicatorsReport, type IndicatorCode, type IndicatorGroupRow, type IndicatorRow } from '../../contracts/api/statistics.contract';
import { firstInstantOf, firstPeriodEndingAfter, type DossierFact } from './dossier-fact';
import { DECISION_766_GROUPS, DECISION_766_SCORING, percent, ratePoints, type IndicatorGroup } from './decision-766';

/** What each indicator counts over what, in the words the report prints next to it. */
export const INDICATOR_BASIS: Readonly<Record<IndicatorCode, string>> = Object.freeze({
  '2.1':
    'on time for the national KPI (against the Form 01 appointment, supplement waiting subtracted, more than one supplement request = overdue, a Form 04 does not help) ÷ dossiers finished in the period (result or stopped) + received and still open at its end; not the statistics on-time rate (finished only)',
  '2.2': 'processing working minutes (pauses excluded) ÷ dossiers with a result in the period; shown, not scored (no maximum of its own)',
  '3.3': 'received online in the period, unless the result was issued on paper, ÷ received in the period, × the portal sync rate; full points at 50%',
  '3.6': 'first payment recorded in the period and paid online ÷ dossiers with a payment recorded in the period',
  '4.1': 'result issued electronically (dossier.result_ready.electronicResult) ÷ dossiers with a result in the period',
  '4.2': 'received in the period with every component digitised ÷ received in the period with components',
  '4.3': 'received in the period reusing at least one digitised component ÷ received in the period with components; full points at 80%',
  '5.4': '2.1 population − overdue − complained about or rated dissatisfied, ÷ the 2.1 population; full points at 90%, 0 points when empty',
});

/** The portal sync rate 3.3 is multiplied by must be a share; throws otherwise. */
export function checkSyncRate(syncRate: number): void {
  if (!(syncRate >= 0 && syncRate <= 1)) throw new RangeError(`the sync rate must lie in [0, 1], got ${syncRate}`);
}

const C = {
  population: 0,
  onTime: 1,
  unhappy: 2,
  results: 3,
  electronic: 4,
  processingSum: 5,
  received: 6,
  online: 7,
  paid: 8,
  paidOnline: 9,
  withComponents: 10,
  digitised: 11,
  reused: 12,
} as const;
const SLOTS = 13;

export interface IndicatorPeriod {
  /** As the report names them: local dates 'YYYY-MM-DD', both included ([startMs, endMs) as instants). */
  from: string;
  to: string;
  startMs: number;
  endMs: number;
}

interface Cell {
  c: number[];
  /** procedure → [dossiers with a result, processing minutes]. */
  perProcedure: Record<string, [number, number]>;
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
      const p = (cell.perProcedure[f.procedureCode] ??= [0, 0]);
      p[0] += 1;
      p[1] += f.processingMinutes ?? 0;
    }
    if (isNew) {
      c[C.received]! += 1;
      // an online dossier whose result was issued on paper is not one the portal served end to end
      if (f.channel === 'online' && f.electronicResult !== false) c[C.online]! += 1;
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
      acc.cells[key] = { c: [...cell.c], perProcedure: Object.fromEntries(Object.entries(cell.perProcedure).map(([k, v]) => [k, [...v] as [number, number]])) };
      continue;
    }
    for (let k = 0; k < SLOTS; k++) mine.c[k]! += cell.c[k]!;
    for (const [proc, v] of Object.entries(cell.perProcedure)) {
      const p = (mine.perProcedure[proc] ??= [0, 0]);
      p[0] += v[0];
      p[1] += v[1];
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

/**
 * The report of one cell; `unitId` names the unit of a 'unit' accumulator, or the filter the facts were
 * read with; `syncRate` (0–1) is the share of dossiers synced to the national portal that 3.3 is multiplied by.
 */
export function indicatorsReport(acc: IndicatorsAccumulator, period: number, unitId: string | null, syncRate = 1): IndicatorsReport {
  checkSyncRate(syncRate);
  const p = acc.periods[period]!;
  const cell = acc.cells[cellKey(period, acc.by === 'unit' ? (unitId ?? '') : '')] ?? { c: new Array<number>(SLOTS).fill(0), perProcedure: {} };
  const n = (k: number) => cell.c[k]!;
  const population = n(C.population);
  const overdue = population - n(C.onTime);
  const perProcedure = Object.entries(cell.perProcedure).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const list: IndicatorRow[] = [
    rateRow('2.1', n(C.onTime), population),
    timeRow(null, n(C.results), n(C.processingSum)),
    ...perProcedure.map(([code, [count, processing]]) => timeRow(code, count, processing)),
    rateRow('3.3', n(C.online), n(C.received), syncRate),
    rateRow('3.6', n(C.paidOnline), n(C.paid)),
    rateRow('4.1', n(C.electronic), n(C.results)),
    rateRow('4.2', n(C.digitised), n(C.withComponents)),
    rateRow('4.3', n(C.reused), n(C.withComponents)),
    rateRow('5.4', Math.max(0, population - overdue - n(C.unhappy)), population),
  ];
  // the per-procedure rows of 2.2 are detail: only the overall rows score
  const scored = list.filter((i) => i.procedureCode === null);
  const groups: IndicatorGroupRow[] = ([1, 2, 3, 4, 5] as IndicatorGroup[]).map((g) => {
    const mine = scored.filter((i) => i.group === g);
    return {
      group: g,
      name: DECISION_766_GROUPS[g].name,
      weight: DECISION_766_GROUPS[g].weight,
      points: round2(mine.reduce((s, i) => s + (i.points ?? 0), 0)),
      maxPoints: mine.reduce((s, i) => s + i.maxPoints, 0),
      indicators: mine.map((i) => i.code),
    };
  });
  return IndicatorsReport.parse({
    from: p.from,
    to: p.to,
    unitId,
    syncRate,
    indicators: list,
    groups,
    points: round2(scored.reduce((s, i) => s + (i.points ?? 0), 0)),
    maxPoints: scored.reduce((s, i) => s + i.maxPoints, 0),
  });
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A rate row; `factor` (3.3's sync rate) scales the rate before it is shown and scored. */
function rateRow(code: IndicatorCode, numerator: number, denominator: number, factor = 1): IndicatorRow {
  const s = DECISION_766_SCORING[code];
  return {
    code,
    group: s.group,
    name: s.name,
    procedureCode: null,
    unit: 'percent',
    value: percent(numerator * factor, denominator),
    numerator,
    denominator,
    points: ratePoints(code, numerator * factor, denominator),
    maxPoints: s.maxPoints,
    basis: factor === 1 ? INDICATOR_BASIS[code] : `${INDICATOR_BASIS[code]} (sync rate ${factor})`,
    verified: s.verified,
  };
}

/** 2.2: numerator = total processing working minutes, denominator = dossiers with a result; not scored. */
function timeRow(procedureCode: string | null, count: number, processingSum: number): IndicatorRow {
  const s = DECISION_766_SCORING['2.2'];
  return {
    code: '2.2',
    group: s.group,
    name: s.name,
    procedureCode,
    unit: 'working_minutes',
    value: count > 0 ? Math.round((processingSum / count) * 10) / 10 : null,
    numerator: processingSum,
    denominator: count,
    points: null,
    maxPoints: s.maxPoints,
    basis: INDICATOR_BASIS['2.2'],
    verified: s.verified,
  };
}
