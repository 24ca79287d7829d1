import type { Pool, PoolClient } from 'pg';
import { IndicatorRow, IndicatorsReport, type IndicatorCode } from '../../contracts/api/statistics.contract';
import { DECISION_766_SCORING, percent, ratePoints, timePoints } from '../../domain/indicators/decision-766';
import { localMidnight } from './statistics.query';

export interface IndicatorsQuery {
  /** Local dates 'YYYY-MM-DD', [from, to). */
  from: string;
  to: string;
  /** Only this receiving unit. */
  unitId?: string;
  /** Only these receiving units (what the caller of the API covers). */
  unitIds?: string[];
}

type Db = Pool | PoolClient;

/**
 * Decision 766 indicators over `dossier_fact` for [from, to):
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
export async function indicators(db: Db, q: IndicatorsQuery): Promise<IndicatorsReport> {
  const from = new Date(localMidnight(q.from)).toISOString();
  const to = new Date(localMidnight(q.to)).toISOString();
  if (!(from < to)) throw new RangeError(`--from (${q.from}) must be before --to (${q.to})`);
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
       coalesce(sum(f.legal_budget_minutes) FILTER (WHERE ${result}), 0)::float8 AS legal_sum,
       count(*) FILTER (WHERE ${newIn})::int AS received,
       count(*) FILTER (WHERE ${newIn} AND f.channel = 'online')::int AS online,
       count(*) FILTER (WHERE ${inP('f.first_paid_at')})::int AS paid,
       count(*) FILTER (WHERE ${inP('f.first_paid_at')} AND f.paid_online)::int AS paid_online,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0)::int AS with_components,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0 AND f.components_digitised >= f.components_total)::int AS digitised,
       count(*) FILTER (WHERE ${newIn} AND f.components_total > 0 AND f.components_reused > 0)::int AS reused
     FROM f`,
    [from, to, q.unitId ?? null, q.unitIds ?? null],
  );
  const { rows: perProcedure } = await db.query<{ procedure_code: string; n: number; processing_sum: number; legal_sum: number }>(
    `SELECT f.procedure_code, count(*)::int AS n, sum(f.processing_minutes)::float8 AS processing_sum, sum(f.legal_budget_minutes)::float8 AS legal_sum
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
    timeRow(null, n('results'), n('processing_sum'), n('legal_sum')),
    ...perProcedure.map((p) => timeRow(p.procedure_code, p.n, Number(p.processing_sum), Number(p.legal_sum))),
    rateRow('3.3', n('online'), n('received')),
    rateRow('3.6', n('paid_online'), n('paid')),
    rateRow('4.1', n('electronic'), n('results')),
    rateRow('4.2', n('digitised'), n('with_components')),
    rateRow('4.3', n('reused'), n('with_components')),
    rateRow('5.4', Math.max(0, population - overdue - n('unhappy')), population),
  ];
  // the per-procedure rows of 2.2 are detail: only the overall row scores
  const scored = list.filter((i) => i.procedureCode === null);
  return IndicatorsReport.parse({
    from: q.from,
    to: q.to,
    unitId: q.unitId ?? null,
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
