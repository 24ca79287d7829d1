import type { Pool, PoolClient } from 'pg';
import { IndicatorGroupRow, IndicatorRow, IndicatorsReport, type IndicatorCode } from '../../contracts/api/statistics.contract';
import { DECISION_766_GROUPS, DECISION_766_SCORING, percent, ratePoints, type IndicatorGroup } from '../../domain/indicators/decision-766';
import { reportRange } from './statistics.query';

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

/**
 * Decision 766 indicators over `dossier_fact` for the local dates from..to (both included):
 *   population (2.1, 5.4) = dossiers handled in the period: ended in it with a result or stopped, plus
 *     those received before its end and still open then (= carried over + new − withdrawn − expired).
 *   2.1 on time = those finished with the KPI classification early / on time (result_ready carries the
 *     decider's KPI view: supplement waiting subtracted, more than one request ⇒ late; a stopped dossier
 *     uses its classification and the same rule) + those open at the end neither breached before it (the
 *     first dossier breach is at the Form 01 appointment) nor with more than one supplement request before it.
 *   2.2 average processing working minutes of the dossiers with a result in the period (overall, and per procedure).
 *   3.3 received online in the period (not those whose result was issued on paper) ÷ received, × syncRate.
 *   3.6 dossiers whose first payment was recorded in the period and paid online ÷ those with a payment.
 *   4.1 dossiers with a result in the period issued electronically ÷ dossiers with a result.
 *   4.2 received in the period with every component digitised ÷ received with components.
 *   4.3 received in the period reusing at least one digitised component ÷ received with components.
 *   5.4 = 100% − (overdue rate + share complained about or rated dissatisfied), over the 2.1 population:
 *     numerator = max(0, population − overdue − complained-or-dissatisfied (before the end)).
 */
export async function indicators(db: Db, q: IndicatorsQuery): Promise<IndicatorsReport> {
  const { startMs, endMs } = reportRange(q.from, q.to);
  const syncRate = q.syncRate ?? 1;
  if (!(syncRate >= 0 && syncRate <= 1)) throw new RangeError(`the sync rate must lie in [0, 1], got ${syncRate}`);
  const from = new Date(startMs).toISOString();
  const to = new Date(endMs).toISOString();
  const inP = (col: string) => `(${col} >= $1 AND ${col} < $2)`;
  const nSupBefore = `(SELECT count(*) FROM unnest(f.supplement_requested_at) t WHERE t < $2)`;
  const done = `(f.end_kind IN ('result_ready', 'stopped') AND ${inP('f.finished_at')})`;
  const open = `(f.received_at < $2 AND (f.finished_at IS NULL OR f.finished_at >= $2))`;
  const doneOnTime = `(${done} AND CASE WHEN f.end_kind = 'result_ready' THEN f.classification_kpi IN ('early', 'on_time')
                                       ELSE f.classification IN ('early', 'on_time') AND cardinality(f.supplement_requested_at) <= 1 END)`;
  const openWithin = `(${open} AND (f.overdue_since IS NULL OR f.overdue_since >= $2) AND ${nSupBefore} <= 1)`;
  const inPopulation = `(${done} OR ${open})`;
  const result = `(f.end_kind = 'result_ready' AND ${inP('f.finished_at')})`;
  const newIn = inP('f.received_at');
  const { rows } = await db.query<Record<string, number | null>>(
    `WITH f AS (SELECT * FROM dossier_fact WHERE ($3::text IS NULL OR unit_id = $3) AND ($4::text[] IS NULL OR unit_id = ANY($4)))
     SELECT
       count(*) FILTER (WHERE ${inPopulation})::int AS population,
       count(*) FILTER (WHERE ${doneOnTime} OR ${openWithin})::int AS on_time,
       count(*) FILTER (WHERE ${inPopulation} AND ((f.complaint_count > 0 AND f.first_complaint_at < $2) OR (f.rating_score = 'dissatisfied' AND f.rated_at < $2)))::int AS unhappy,
       count(*) FILTER (WHERE ${result})::int AS results,
       count(*) FILTER (WHERE ${result} AND f.electronic_result)::int AS electronic,
       coalesce(sum(f.processing_minutes) FILTER (WHERE ${result}), 0)::float8 AS processing_sum,
       count(*) FILTER (WHERE ${newIn})::int AS received,
       count(*) FILTER (WHERE ${newIn} AND f.channel = 'online' AND f.electronic_result IS DISTINCT FROM false)::int AS online,
       count(*) FILTER (WHERE ${inP('f.first_paid_at')})::int AS paid,
       count(*) FILTER (WHERE ${inP('f.first_paid_at')} AND f.paid_online)::int AS paid_online,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0)::int AS with_components,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0 AND f.components_digitised >= f.components_total)::int AS digitised,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0 AND f.components_reused > 0)::int AS reused
     FROM f`,
    [from, to, q.unitId ?? null, q.unitIds ?? null],
  );
  const { rows: perProcedure } = await db.query<{ procedure_code: string; n: number; processing_sum: number }>(
    `SELECT f.procedure_code, count(*)::int AS n, sum(f.processing_minutes)::float8 AS processing_sum
       FROM dossier_fact f
      WHERE ($3::text IS NULL OR f.unit_id = $3) AND ($4::text[] IS NULL OR f.unit_id = ANY($4)) AND ${result}
      GROUP BY f.procedure_code ORDER BY f.procedure_code`,
    [from, to, q.unitId ?? null, q.unitIds ?? null],
  );
  const r = rows[0]!;
  const n = (k: string) => Number(r[k] ?? 0);
  const population = n('population');
  const overdue = population - n('on_time');
  const list: IndicatorRow[] = [
    rateRow('2.1', n('on_time'), population),
    timeRow(null, n('results'), n('processing_sum')),
    ...perProcedure.map((p) => timeRow(p.procedure_code, p.n, Number(p.processing_sum))),
    rateRow('3.3', n('online'), n('received'), syncRate),
    rateRow('3.6', n('paid_online'), n('paid')),
    rateRow('4.1', n('electronic'), n('results')),
    rateRow('4.2', n('digitised'), n('with_components')),
    rateRow('4.3', n('reused'), n('with_components')),
    rateRow('5.4', Math.max(0, population - overdue - n('unhappy')), population),
  ];
  // the per-procedure rows of 2.2 are detail: only the overall rows score
  const scored = list.filter((i) => i.procedureCode === null);
  const round2 = (x: number) => Math.round(x * 100) / 100;
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
    from: q.from,
    to: q.to,
    unitId: q.unitId ?? null,
    syncRate,
    indicators: list,
    groups,
    points: round2(scored.reduce((s, i) => s + (i.points ?? 0), 0)),
    maxPoints: scored.reduce((s, i) => s + i.maxPoints, 0),
  });
}

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
