/**
 * Statistics per period and group as a fold over dossier facts (one row per dossier): the one
 * implementation the SQL-backed report (projections/queries/statistics.query.ts) and the simulator
 * share. Plain data, so accumulators built in worker threads merge by addition. For a period [ps, pe):
 *   carried over   received before ps and not ended before ps
 *   new            received in [ps, pe), by channel
 *   finished       ended in the period with a result or stopped; early / on time / late by the decider's
 *                  classification against the Form 01 appointment (moved by pauses only); late with
 *                  apology = late after a Form 04
 *   in progress    received before pe and not ended before pe; overdue when its dossier due was breached
 *                  before pe (first dossier-scope sla.breached: at the Form 01 appointment) or it had more
 *                  than one supplement request before pe (the national KPI rule); within otherwise;
 *                  overdue with apology = overdue after a Form 04
 *   supplement requested  received dossiers with ≥ 1 supplement request (Form 02 during processing) in the period
 *   refused / withdrawn / supplement expired  ended so in the period (withdrawn and expired: received dossiers)
 *   completion rate = finished ÷ (carried over + new); on-time rate = (early + on time) ÷ finished.
 * Groups with nothing to report are left out.
 */
import { StatisticsRow, type Rate, type StatisticsGrouping } from '../../contracts/api/statistics.contract';
import { firstInstantOf, firstPeriodEndingAfter, type DossierFact } from './dossier-fact';
import { percent } from './decision-766';
import type { Period } from './periods';

// counter slots of one (period, group) cell
const C = {
  carriedOver: 0,
  newTotal: 1,
  newDirect: 2,
  newOnline: 3,
  newPost: 4,
  finished: 5,
  early: 6,
  onTime: 7,
  late: 8,
  stopped: 9,
  inProgress: 10,
  inProgressOverdue: 11,
  supplementRequested: 12,
  receptionSupplement: 13,
  refused: 14,
  withdrawn: 15,
  supplementExpired: 16,
  processed: 17,
  processingSum: 18,
  processingValues: 19,
  legalSum: 20,
  legalValues: 21,
  committedSum: 22,
  committedValues: 23,
  lateWithApology: 24,
  inProgressOverdueApology: 25,
} as const;
const SLOTS = 26;

export interface StatisticsAccumulator {
  periods: Period[];
  by: StatisticsGrouping;
  starts: number[];
  ends: number[];
  /** `<period index>\u0000<unit>\u0000<procedure>` → counters. */
  cells: Record<string, number[]>;
}

export function statisticsAccumulator(periods: Period[], by: StatisticsGrouping = 'total'): StatisticsAccumulator {
  return { periods, by, starts: periods.map((p) => Date.parse(p.start)), ends: periods.map((p) => Date.parse(p.end)), cells: {} };
}

const SEP = '\u0000';

function cellOf(acc: StatisticsAccumulator, i: number, f: DossierFact): number[] {
  const unit = acc.by === 'unit' || acc.by === 'unit,procedure' ? f.unitId : '';
  const proc = acc.by === 'procedure' || acc.by === 'unit,procedure' ? f.procedureCode : '';
  const key = `${i}${SEP}${unit}${SEP}${proc}`;
  let c = acc.cells[key];
  if (!c) {
    c = new Array<number>(SLOTS).fill(0);
    acc.cells[key] = c;
  }
  return c;
}

const inP = (x: number | null, ps: number, pe: number): boolean => x !== null && x >= ps && x < pe;

/** Adds one dossier to every period it counts in. */
export function addStatisticsFact(acc: StatisticsAccumulator, f: DossierFact): void {
  const n = acc.periods.length;
  const F = f.finishedAt;
  const received = f.receivedAt !== null;
  const done = f.endKind === 'result_ready' || f.endKind === 'stopped';
  for (let i = firstPeriodEndingAfter(acc.ends, firstInstantOf(f)); i < n; i++) {
    const ps = acc.starts[i] as number;
    const pe = acc.ends[i] as number;
    if (F !== null && ps > F) break;
    const carried = received && (f.receivedAt as number) < ps && (F === null || F >= ps);
    const isNew = inP(f.receivedAt, ps, pe);
    const finishedIn = inP(F, ps, pe);
    const open = received && (f.receivedAt as number) < pe && (F === null || F >= pe);
    const suppIn = received && f.supplementRequestedAt.some((t) => t >= ps && t < pe);
    const recSupp = inP(f.receptionSupplementAt, ps, pe);
    if (!(carried || isNew || finishedIn || open || suppIn || recSupp)) continue;
    const c = cellOf(acc, i, f);
    if (carried) c[C.carriedOver]! += 1;
    if (isNew) {
      c[C.newTotal]! += 1;
      if (f.channel === 'direct') c[C.newDirect]! += 1;
      else if (f.channel === 'online') c[C.newOnline]! += 1;
      else if (f.channel === 'post') c[C.newPost]! += 1;
    }
    if (done && finishedIn) {
      c[C.finished]! += 1;
      if (f.classification === 'early') c[C.early]! += 1;
      else if (f.classification === 'on_time') c[C.onTime]! += 1;
      else if (f.classification === 'late') {
        c[C.late]! += 1;
        if (f.extensions > 0) c[C.lateWithApology]! += 1;
      }
      if (f.endKind === 'stopped') c[C.stopped]! += 1;
    }
    if (open) {
      c[C.inProgress]! += 1;
      const overdue = (f.overdueSince !== null && f.overdueSince < pe) || f.supplementRequestedAt.filter((t) => t < pe).length > 1;
      if (overdue) {
        c[C.inProgressOverdue]! += 1;
        if (f.extensions > 0) c[C.inProgressOverdueApology]! += 1;
      }
    }
    if (suppIn) c[C.supplementRequested]! += 1;
    if (recSupp) c[C.receptionSupplement]! += 1;
    if (finishedIn) {
      if (f.endKind === 'refused') c[C.refused]! += 1;
      else if (received && f.endKind === 'withdrawn') c[C.withdrawn]! += 1;
      else if (received && f.endKind === 'not_received') c[C.supplementExpired]! += 1;
      else if (f.endKind === 'result_ready') {
        c[C.processed]! += 1;
        // SQL sum(): nulls are skipped, and a sum over nulls only is null
        if (f.processingMinutes !== null) (c[C.processingSum]! += f.processingMinutes), (c[C.processingValues]! += 1);
        if (f.legalBudgetMinutes !== null) (c[C.legalSum]! += f.legalBudgetMinutes), (c[C.legalValues]! += 1);
        if (f.committedBudgetMinutes !== null) (c[C.committedSum]! += f.committedBudgetMinutes), (c[C.committedValues]! += 1);
      }
    }
  }
}

/** Adds `other` (same periods and grouping) into `acc`. */
export function mergeStatistics(acc: StatisticsAccumulator, other: StatisticsAccumulator): void {
  for (const [key, counts] of Object.entries(other.cells)) {
    const c = acc.cells[key];
    if (!c) acc.cells[key] = [...counts];
    else for (let k = 0; k < SLOTS; k++) c[k]! += counts[k]!;
  }
}

const avg = (sum: number, values: number, n: number): number | null => (n > 0 && values > 0 ? Math.round((sum / n) * 10) / 10 : null);

export function rate(numerator: number, denominator: number, basis: string): Rate {
  return { numerator, denominator, percent: percent(numerator, denominator), basis };
}

export const COMPLETION_BASIS = 'finished in the period (result or stopped) ÷ received dossiers open at some time in it (carried over + new)';
export const ON_TIME_BASIS =
  'finished early or on time ÷ finished in the period, against the Form 01 appointment moved by pauses (a Form 04 does not move it); not indicator 2.1, which also counts the dossiers still open and applies the national KPI rules';

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The report rows, ordered by period, then unit, then procedure (totals first). */
export function statisticsRows(acc: StatisticsAccumulator): StatisticsRow[] {
  const keyed = Object.entries(acc.cells).map(([key, c]) => {
    const [i, unit, proc] = key.split(SEP) as [string, string, string];
    return { i: Number(i), unit, proc, c };
  });
  keyed.sort((a, b) => a.i - b.i || byCodeUnits(a.unit, b.unit) || byCodeUnits(a.proc, b.proc));
  const hasUnit = acc.by === 'unit' || acc.by === 'unit,procedure';
  const hasProc = acc.by === 'procedure' || acc.by === 'unit,procedure';
  const rows: StatisticsRow[] = [];
  for (const { i, unit, proc, c } of keyed) {
    const p = acc.periods[i]!;
    const n = (k: number) => c[k]!;
    const carriedOver = n(C.carriedOver);
    const fresh = n(C.newTotal);
    const finished = n(C.finished);
    const processed = n(C.processed);
    const row = StatisticsRow.parse({
      period: p.label,
      periodStart: p.start,
      periodEnd: p.end,
      unitId: hasUnit ? unit : null,
      procedureCode: hasProc ? proc : null,
      received: { carriedOver, new: fresh, total: carriedOver + fresh, byChannel: { direct: n(C.newDirect), online: n(C.newOnline), post: n(C.newPost) } },
      finished: { total: finished, early: n(C.early), onTime: n(C.onTime), late: n(C.late), lateWithApology: n(C.lateWithApology), stopped: n(C.stopped) },
      inProgress: {
        total: n(C.inProgress),
        within: n(C.inProgress) - n(C.inProgressOverdue),
        overdue: n(C.inProgressOverdue),
        overdueWithApology: n(C.inProgressOverdueApology),
      },
      supplementRequested: n(C.supplementRequested),
      receptionSupplementRequested: n(C.receptionSupplement),
      refused: n(C.refused),
      withdrawn: n(C.withdrawn),
      supplementExpired: n(C.supplementExpired),
      processing: {
        count: processed,
        averageWorkingMinutes: avg(n(C.processingSum), n(C.processingValues), processed),
        averageLegalBudgetMinutes: avg(n(C.legalSum), n(C.legalValues), processed),
        averageCommittedBudgetMinutes: avg(n(C.committedSum), n(C.committedValues), processed),
      },
      completionRate: rate(finished, carriedOver + fresh, COMPLETION_BASIS),
      onTimeRate: rate(n(C.early) + n(C.onTime), finished, ON_TIME_BASIS),
    });
    if (row.received.total + row.refused + row.receptionSupplementRequested + row.supplementExpired > 0 || row.finished.total > 0) rows.push(row);
  }
  return rows;
}
