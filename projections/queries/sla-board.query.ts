import type { Pool } from 'pg';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { workingTimeBetween } from '../../domain/calendar/working-calendar';

export interface SlaBoardItem {
  dossierCode: string;
  scope: 'dossier' | 'step';
  taskId: string | null;
  procedureCode: string;
  unitId: string;
  supervisorUnitId: string | null;
  status: 'due_soon' | 'overdue';
  dueAt: Date;
  warnedAt: Date | null;
  breachedAt: Date | null;
  escalatedAt: Date | null;
  form04DraftedAt: Date | null;
  paused: boolean;
  /** At `now` in the dossier's calendar (the pause's start while paused); negative once overdue. */
  remainingWorkingMinutes: number;
  /**
   * The latest breach forecast's probability (0–1) that the dossier misses its appointment
   * (workers/breach-forecaster.ts, table breach_forecast); null when no round has forecast it.
   */
  breachProbability: number | null;
}

export interface SlaBoardQuery {
  /** Only rows of these units (or escalated to them). */
  unitIds: string[];
  status?: 'due_soon' | 'overdue';
  scope?: 'dossier' | 'step';
  limit: number;
  after?: { dueAt: number; dossierCode: string; scope: string; taskId: string };
}

interface BoardRow {
  dossier_code: string;
  scope: 'dossier' | 'step';
  task_id: string;
  procedure_code: string;
  calendar_version: string;
  unit_id: string;
  supervisor_unit_id: string | null;
  status: 'due_soon' | 'overdue';
  due_at: Date;
  warned_at: Date | null;
  breached_at: Date | null;
  escalated_at: Date | null;
  form04_drafted_at: Date | null;
  paused: boolean;
  paused_at: Date | null;
  breach_probability: number | null;
}

/** The SLA board, earliest due first: what is about to miss, or has missed, its deadline in the caller's units. */
export async function slaBoardPage(pool: Pool, q: SlaBoardQuery, now: number): Promise<{ items: SlaBoardItem[]; next?: SlaBoardQuery['after'] }> {
  const params: unknown[] = [q.unitIds];
  const where = ['(unit_id = ANY($1) OR supervisor_unit_id = ANY($1))'];
  if (q.status) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  if (q.scope) {
    params.push(q.scope);
    where.push(`scope = $${params.length}`);
  }
  if (q.after) {
    params.push(new Date(q.after.dueAt), q.after.dossierCode, q.after.scope, q.after.taskId);
    const n = params.length;
    where.push(`(due_at, dossier_code, scope, task_id) > ($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
  }
  const { rows } = await pool.query<BoardRow>(
    `SELECT dossier_code, scope, task_id, procedure_code, calendar_version, unit_id, supervisor_unit_id, status, due_at, warned_at, breached_at,
            escalated_at, form04_drafted_at, paused, paused_at,
            (SELECT f.probability FROM breach_forecast f WHERE f.dossier_code = sla_board.dossier_code) AS breach_probability
       FROM sla_board WHERE ${where.join(' AND ')} ORDER BY due_at, dossier_code, scope, task_id LIMIT ${q.limit + 1}`,
    params,
  );
  const items = rows.slice(0, q.limit).map((r) => {
    const cal = getCalendar(r.calendar_version);
    const due = r.due_at.getTime();
    const clock = r.paused && r.paused_at ? Math.min(now, r.paused_at.getTime()) : now;
    return {
      dossierCode: r.dossier_code,
      scope: r.scope,
      taskId: r.scope === 'step' ? r.task_id : null,
      procedureCode: r.procedure_code,
      unitId: r.unit_id,
      supervisorUnitId: r.supervisor_unit_id,
      status: r.status,
      dueAt: r.due_at,
      warnedAt: r.warned_at,
      breachedAt: r.breached_at,
      escalatedAt: r.escalated_at,
      form04DraftedAt: r.form04_drafted_at,
      paused: r.paused,
      remainingWorkingMinutes: clock <= due ? workingTimeBetween(clock, due, cal) : -workingTimeBetween(due, clock, cal),
      breachProbability: r.breach_probability === null ? null : Number(r.breach_probability),
    };
  });
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return { items, ...(last ? { next: { dueAt: last.due_at.getTime(), dossierCode: last.dossier_code, scope: last.scope, taskId: last.task_id } } : {}) };
}

/** Due-soon and overdue counts per unit (dossier and step scope), for the board's summary. */
export async function slaBoardByUnit(pool: Pool, unitIds: string[]): Promise<Array<{ unitId: string; dueSoon: number; overdue: number; dossiersOverdue: number }>> {
  const { rows } = await pool.query<{ unit_id: string; due_soon: number; overdue: number; dossiers_overdue: number }>(
    `SELECT unit_id,
            count(*) FILTER (WHERE status = 'due_soon')::int AS due_soon,
            count(*) FILTER (WHERE status = 'overdue')::int AS overdue,
            count(DISTINCT dossier_code) FILTER (WHERE status = 'overdue')::int AS dossiers_overdue
       FROM sla_board WHERE unit_id = ANY($1) GROUP BY unit_id ORDER BY unit_id`,
    [unitIds],
  );
  return rows.map((r) => ({ unitId: r.unit_id, dueSoon: r.due_soon, overdue: r.overdue, dossiersOverdue: r.dossiers_overdue }));
}
