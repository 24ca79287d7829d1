import type { Pool } from 'pg';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { workingTimeBetween } from '../../domain/calendar/working-calendar';
import type { ClassifierSettings } from '../../domain/deadline/status-classifier';
import { taskDeadlineAt } from './task-inbox.query';

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
   * The step is overdue at `now` (the inbox's classification) but its breach alert is not in the
   * read model yet: its workflow's timer is still queued, as when thousands of deadlines coincide.
   */
  alertPending: boolean;
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
  /** Classifier settings for the steps classified at `now` (the inbox's defaults otherwise). */
  settings?: Partial<ClassifierSettings>;
}

interface BoardRow {
  dossier_code: string;
  scope: 'dossier' | 'step';
  task_id: string;
  procedure_code: string;
  calendar_version: string;
  unit_id: string;
  supervisor_unit_id: string | null;
  /** null on a past-due step that no alert has put on the board */
  status: 'due_soon' | 'overdue' | null;
  due_at: Date;
  warned_at: Date | null;
  breached_at: Date | null;
  escalated_at: Date | null;
  form04_drafted_at: Date | null;
  paused: boolean;
  paused_at: Date | null;
  breach_probability: number | null;
  /** set on an open step whose due has passed (from the inbox): it is classified at `now` */
  pending: boolean;
  clock_stopped: boolean;
  allotment_working_minutes: string | null;
}

/**
 * The board's rows: what the SLA alerts put on it, and every open step whose due has passed
 * (`pending`), from the inbox, whichever alert it has had. A pending row is classified at `now`,
 * as the inbox classifies it: the board must not wait for the breach alert, which comes late when
 * many timers fire at once (or not while the worker is down).
 */
function boardRows(units: number, now: number, where: string): string {
  return `WITH past_due AS (
       SELECT i.dossier_code, i.task_id, i.procedure_code, i.calendar_version, i.unit_id, i.due_at, i.paused, i.paused_at, i.clock_stopped, i.allotment_working_minutes
         FROM task_inbox i WHERE i.unit_id = ANY($${units}) AND i.due_at < $${now}),
     rows AS (
       SELECT b.dossier_code, b.scope, b.task_id, b.procedure_code, b.calendar_version, b.unit_id, b.supervisor_unit_id, b.status, b.due_at, b.warned_at, b.breached_at,
              b.escalated_at, b.form04_drafted_at, b.paused, b.paused_at, false AS pending, false AS clock_stopped, NULL::numeric AS allotment_working_minutes
         FROM sla_board b
        WHERE (b.unit_id = ANY($${units}) OR b.supervisor_unit_id = ANY($${units}))
          AND NOT (b.scope = 'step' AND EXISTS (SELECT 1 FROM past_due p WHERE p.dossier_code = b.dossier_code AND p.task_id = b.task_id))
       UNION ALL
       SELECT p.dossier_code, 'step', p.task_id, p.procedure_code, p.calendar_version, p.unit_id, b.supervisor_unit_id, b.status, p.due_at, b.warned_at, b.breached_at,
              b.escalated_at, b.form04_drafted_at, p.paused, p.paused_at, true, p.clock_stopped, p.allotment_working_minutes
         FROM past_due p LEFT JOIN sla_board b ON b.dossier_code = p.dossier_code AND b.scope = 'step' AND b.task_id = p.task_id)
     SELECT rows.*, (SELECT f.probability FROM breach_forecast f WHERE f.dossier_code = rows.dossier_code) AS breach_probability
       FROM rows${where ? ` WHERE ${where}` : ''}`;
}

/** A row as the board shows it at `now`, or undefined when a past-due step is not late after all (its clock stopped before the due) and no alert put it there. */
function boardStatus(r: BoardRow, now: number, settings?: Partial<ClassifierSettings>): { status: 'due_soon' | 'overdue'; alertPending: boolean } | undefined {
  if (!r.pending) return r.status ? { status: r.status, alertPending: false } : undefined;
  const { deadlineStatus } = taskDeadlineAt(r, now, settings);
  if (deadlineStatus === 'overdue') return { status: 'overdue', alertPending: r.status !== 'overdue' };
  return r.status ? { status: r.status, alertPending: false } : undefined;
}

/** The SLA board, earliest due first: what is about to miss, or has missed, its deadline in the caller's units. */
export async function slaBoardPage(pool: Pool, q: SlaBoardQuery, now: number): Promise<{ items: SlaBoardItem[]; next?: SlaBoardQuery['after']; nextStepDueAt: Date | null }> {
  const params: unknown[] = [q.unitIds, new Date(now)];
  const where: string[] = [];
  if (q.scope) {
    params.push(q.scope);
    where.push(`scope = $${params.length}`);
  }
  if (q.status) {
    // a past-due step's status is decided at `now` below: the filter keeps it for either
    params.push(q.status);
    where.push(`(pending OR status = $${params.length})`);
  }
  if (q.after) {
    params.push(new Date(q.after.dueAt), q.after.dossierCode, q.after.scope, q.after.taskId);
    const n = params.length;
    where.push(`(due_at, dossier_code, scope, task_id) > ($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
  }
  const { rows } = await pool.query<BoardRow>(`${boardRows(1, 2, where.join(' AND '))} ORDER BY due_at, dossier_code, scope, task_id LIMIT ${q.limit + 1}`, params);
  const items: SlaBoardItem[] = [];
  for (const r of rows.slice(0, q.limit)) {
    const shown = boardStatus(r, now, q.settings);
    if (!shown || (q.status && shown.status !== q.status)) continue;
    const cal = getCalendar(r.calendar_version);
    const due = r.due_at.getTime();
    const clock = r.paused && r.paused_at ? Math.min(now, r.paused_at.getTime()) : now;
    items.push({
      dossierCode: r.dossier_code,
      scope: r.scope,
      taskId: r.scope === 'step' ? r.task_id : null,
      procedureCode: r.procedure_code,
      unitId: r.unit_id,
      supervisorUnitId: r.supervisor_unit_id,
      status: shown.status,
      dueAt: r.due_at,
      warnedAt: r.warned_at,
      breachedAt: r.breached_at,
      escalatedAt: r.escalated_at,
      form04DraftedAt: r.form04_drafted_at,
      paused: r.paused,
      remainingWorkingMinutes: r.pending ? taskDeadlineAt(r, now, q.settings).remainingWorkingMinutes : clock <= due ? workingTimeBetween(clock, due, cal) : -workingTimeBetween(due, clock, cal),
      alertPending: shown.alertPending,
      breachProbability: r.breach_probability === null ? null : Number(r.breach_probability),
    });
  }
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  // the board changes then whether or not an alert comes: a page can look again at that instant
  const ahead = await pool.query<{ at: Date | null }>('SELECT min(due_at) AS at FROM task_inbox WHERE unit_id = ANY($1) AND due_at >= $2', [q.unitIds, new Date(now)]);
  return {
    items,
    ...(last ? { next: { dueAt: last.due_at.getTime(), dossierCode: last.dossier_code, scope: last.scope, taskId: last.task_id } } : {}),
    nextStepDueAt: ahead.rows[0]?.at ?? null,
  };
}

/** Due-soon and overdue counts per unit (dossier and step scope, past-due steps classified at `now`), for the board's summary. */
export async function slaBoardByUnit(pool: Pool, unitIds: string[], now: number, settings?: Partial<ClassifierSettings>): Promise<Array<{ unitId: string; dueSoon: number; overdue: number; dossiersOverdue: number; alertsPending: number }>> {
  const { rows } = await pool.query<BoardRow>(`${boardRows(1, 2, 'unit_id = ANY($1)')}`, [unitIds, new Date(now)]);
  const byUnit = new Map<string, { dueSoon: number; overdue: number; dossiers: Set<string>; alertsPending: number }>();
  for (const r of rows) {
    const shown = boardStatus(r, now, settings);
    if (!shown) continue;
    const u = byUnit.get(r.unit_id) ?? { dueSoon: 0, overdue: 0, dossiers: new Set<string>(), alertsPending: 0 };
    if (shown.status === 'due_soon') u.dueSoon++;
    else {
      u.overdue++;
      u.dossiers.add(r.dossier_code);
    }
    if (shown.alertPending) u.alertsPending++;
    byUnit.set(r.unit_id, u);
  }
  return [...byUnit]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unitId, u]) => ({ unitId, dueSoon: u.dueSoon, overdue: u.overdue, dossiersOverdue: u.dossiers.size, alertsPending: u.alertsPending }));
}
