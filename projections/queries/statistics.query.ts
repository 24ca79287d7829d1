import type { Pool, PoolClient } from 'pg';
import { StatisticsRow, type PeriodGranularity, type Rate, type StatisticsGrouping } from '../../contracts/api/statistics.contract';
import { percent } from '../../domain/indicators/decision-766';

/** Reports use local time in Việt Nam (UTC+7, no daylight saving). */
export const LOCAL_OFFSET_MS = 7 * 3_600_000;

export interface Period {
  label: string;
  /** Instants (ISO, UTC) of the period's local start and end, [start, end). */
  start: string;
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of local midnight (UTC+7) of a 'YYYY-MM-DD' date; throws on anything else. */
export function localMidnight(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`expected a date YYYY-MM-DD, got '${date}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`no such date: '${date}'`);
  return ms - LOCAL_OFFSET_MS;
}

/** The periods [from, to) is cut into, by local day, month or year; the first and last are clipped to [from, to). */
export function periodsBetween(from: string, to: string, granularity: PeriodGranularity): Period[] {
  const fromMs = localMidnight(from);
  const toMs = localMidnight(to);
  if (!(fromMs < toMs)) throw new RangeError(`--from (${from}) must be before --to (${to})`);
  const out: Period[] = [];
  // walk in "local" wall-clock ms (UTC fields of ms + offset)
  let cursor = new Date(fromMs + LOCAL_OFFSET_MS);
  while (cursor.getTime() - LOCAL_OFFSET_MS < toMs) {
    const y = cursor.getUTCFullYear();
    const mo = cursor.getUTCMonth();
    const d = cursor.getUTCDate();
    const [startWall, nextWall, label] =
      granularity === 'day'
        ? [Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1), `${y}-${pad(mo + 1)}-${pad(d)}`]
        : granularity === 'month'
          ? [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1), `${y}-${pad(mo + 1)}`]
          : [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1), `${y}`];
    const start = Math.max(startWall - LOCAL_OFFSET_MS, fromMs);
    const end = Math.min(nextWall - LOCAL_OFFSET_MS, toMs);
    out.push({ label, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    cursor = new Date(nextWall);
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export interface StatisticsQuery {
  /** Local dates 'YYYY-MM-DD', [from, to). */
  from: string;
  to: string;
  by?: StatisticsGrouping;
  period?: PeriodGranularity;
  /** Only this receiving unit. */
  unitId?: string;
  /** Only these receiving units (what the caller of the API covers). */
  unitIds?: string[];
}

type Db = Pool | PoolClient;

/**
 * Statistics per period and group over `dossier_fact` (one row per dossier). For a period [ps, pe):
 *   carried over   received before ps and not ended before ps
 *   new            received in [ps, pe), by channel
 *   finished       ended in the period with a result or stopped; early / on time / late against the appointment
 *   in progress    received before pe and not ended before pe; overdue when its dossier due was breached
 *                  before pe (first dossier-scope sla.breached) or it had more than one supplement request
 *                  before pe (the national KPI rule); within otherwise
 *   supplement requested  received dossiers with ≥ 1 supplement request (Form 02 during processing) in the period
 *   refused / withdrawn / supplement expired  ended so in the period (withdrawn and expired: received dossiers)
 *   completion rate = finished ÷ (carried over + new); on-time rate = (early + on time) ÷ finished.
 * Groups with nothing to report are left out.
 */
export async function statistics(db: Db, q: StatisticsQuery): Promise<StatisticsRow[]> {
  const by = q.by ?? 'total';
  const periods = periodsBetween(q.from, q.to, q.period ?? 'month');
  const unitExpr = by === 'unit' || by === 'unit,procedure' ? 'f.unit_id' : 'NULL::text';
  const procExpr = by === 'procedure' || by === 'unit,procedure' ? 'f.procedure_code' : 'NULL::text';
  const inP = (col: string) => `(${col} >= p.ps AND ${col} < p.pe)`;
  const received = 'f.received_at IS NOT NULL';
  const done = `(f.end_kind IN ('result_ready', 'stopped') AND ${inP('f.finished_at')})`;
  const open = `(f.received_at < p.pe AND (f.finished_at IS NULL OR f.finished_at >= p.pe))`;
  const overdueAtEnd = `(f.overdue_since < p.pe OR (SELECT count(*) FROM unnest(f.supplement_requested_at) t WHERE t < p.pe) > 1)`;
  const result = `(f.end_kind = 'result_ready' AND ${inP('f.finished_at')})`;
  const sql = `
    WITH p AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS p(label, ps, pe)),
         f AS (SELECT * FROM dossier_fact WHERE ($4::text IS NULL OR unit_id = $4) AND ($5::text[] IS NULL OR unit_id = ANY($5)))
    SELECT p.label, p.ps, p.pe, ${unitExpr} AS unit_id, ${procExpr} AS procedure_code,
      count(*) FILTER (WHERE f.received_at < p.ps AND (f.finished_at IS NULL OR f.finished_at >= p.ps))::int AS carried_over,
      count(*) FILTER (WHERE ${inP('f.received_at')})::int AS new_total,
      count(*) FILTER (WHERE ${inP('f.received_at')} AND f.channel = 'direct')::int AS new_direct,
      count(*) FILTER (WHERE ${inP('f.received_at')} AND f.channel = 'online')::int AS new_online,
      count(*) FILTER (WHERE ${inP('f.received_at')} AND f.channel = 'post')::int AS new_post,
      count(*) FILTER (WHERE ${done})::int AS finished,
      count(*) FILTER (WHERE ${done} AND f.classification = 'early')::int AS early,
      count(*) FILTER (WHERE ${done} AND f.classification = 'on_time')::int AS on_time,
      count(*) FILTER (WHERE ${done} AND f.classification = 'late')::int AS late,
      count(*) FILTER (WHERE ${done} AND f.end_kind = 'stopped')::int AS stopped,
      count(*) FILTER (WHERE ${open})::int AS in_progress,
      count(*) FILTER (WHERE ${open} AND ${overdueAtEnd})::int AS in_progress_overdue,
      count(*) FILTER (WHERE ${received} AND EXISTS (SELECT 1 FROM unnest(f.supplement_requested_at) t WHERE t >= p.ps AND t < p.pe))::int AS supplement_requested,
      count(*) FILTER (WHERE ${inP('f.reception_supplement_at')})::int AS reception_supplement,
      count(*) FILTER (WHERE f.end_kind = 'refused' AND ${inP('f.finished_at')})::int AS refused,
      count(*) FILTER (WHERE ${received} AND f.end_kind = 'withdrawn' AND ${inP('f.finished_at')})::int AS withdrawn,
      count(*) FILTER (WHERE ${received} AND f.end_kind = 'not_received' AND ${inP('f.finished_at')})::int AS supplement_expired,
      count(*) FILTER (WHERE ${result})::int AS processed,
      sum(f.processing_minutes) FILTER (WHERE ${result})::float8 AS processing_sum,
      sum(f.legal_budget_minutes) FILTER (WHERE ${result})::float8 AS legal_sum,
      sum(f.committed_budget_minutes) FILTER (WHERE ${result})::float8 AS committed_sum
    FROM p CROSS JOIN f
    GROUP BY p.label, p.ps, p.pe, 4, 5
    ORDER BY p.ps, 4 NULLS FIRST, 5 NULLS FIRST`;
  const { rows } = await db.query<Record<string, unknown>>(sql, [periods.map((x) => x.label), periods.map((x) => x.start), periods.map((x) => x.end), q.unitId ?? null, q.unitIds ?? null]);
  return rows.map(toRow).filter((r) => r.received.total + r.refused + r.receptionSupplementRequested + r.supplementExpired > 0 || r.finished.total > 0);
}

const avg = (sum: unknown, n: number): number | null => (n > 0 && sum !== null ? Math.round((Number(sum) / n) * 10) / 10 : null);

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: percent(numerator, denominator) };
}

function toRow(r: Record<string, unknown>): StatisticsRow {
  const n = (k: string) => Number(r[k] ?? 0);
  const carriedOver = n('carried_over');
  const fresh = n('new_total');
  const finished = n('finished');
  const processed = n('processed');
  return StatisticsRow.parse({
    period: r.label,
    periodStart: (r.ps as Date).toISOString(),
    periodEnd: (r.pe as Date).toISOString(),
    unitId: r.unit_id ?? null,
    procedureCode: r.procedure_code ?? null,
    received: { carriedOver, new: fresh, total: carriedOver + fresh, byChannel: { direct: n('new_direct'), online: n('new_online'), post: n('new_post') } },
    finished: { total: finished, early: n('early'), onTime: n('on_time'), late: n('late'), stopped: n('stopped') },
    inProgress: { total: n('in_progress'), within: n('in_progress') - n('in_progress_overdue'), overdue: n('in_progress_overdue') },
    supplementRequested: n('supplement_requested'),
    receptionSupplementRequested: n('reception_supplement'),
    refused: n('refused'),
    withdrawn: n('withdrawn'),
    supplementExpired: n('supplement_expired'),
    processing: {
      count: processed,
      averageWorkingMinutes: avg(r.processing_sum, processed),
      averageLegalBudgetMinutes: avg(r.legal_sum, processed),
      averageCommittedBudgetMinutes: avg(r.committed_sum, processed),
    },
    completionRate: rate(finished, carriedOver + fresh),
    onTimeRate: rate(n('early') + n('on_time'), finished),
  });
}
