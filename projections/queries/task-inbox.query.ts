import type { Pool } from 'pg';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { workingTimeBetween } from '../../domain/calendar/working-calendar';
import { classifyOpen, type ClassifierSettings, type OpenStatus } from '../../domain/deadline/status-classifier';

export interface InboxItem {
  dossierCode: string;
  taskId: string;
  stepId: string;
  stepName: string;
  stepKind: string;
  unitId: string;
  procedureCode: string;
  calendarVersion: string;
  assignedAt: Date;
  dueAt: Date;
  allotmentWorkingMinutes: number | null;
  status: 'open' | 'claimed';
  claimedBy: string | null;
  taskVersion: number;
  paused: boolean;
  pausedReason: 'supplement' | 'payment' | null;
  /** Working minutes from the clock instant to the due (negative once overdue), in the dossier's calendar. */
  remainingWorkingMinutes: number;
  /** The canonical classifier's view at `now` (while a pause stops the clock, at the pause's start). */
  deadlineStatus: OpenStatus;
}

export interface InboxOptions {
  /** 'due' (earliest due first, the default) or 'assigned' (oldest first). */
  sort?: 'due' | 'assigned';
  /** Only tasks claimed by this officer, or only unclaimed ones (null). */
  claimedBy?: string | null;
  limit?: number;
  /** Classifier settings (the defaults otherwise: due soon within one working day, 25% of a short allotment). */
  settings?: Partial<ClassifierSettings>;
}

interface InboxRow {
  dossier_code: string;
  task_id: string;
  step_id: string;
  step_name: string;
  step_kind: string;
  unit_id: string;
  procedure_code: string;
  calendar_version: string;
  assigned_at: Date;
  due_at: Date;
  allotment_working_minutes: string | null;
  status: 'open' | 'claimed';
  claimed_by: string | null;
  task_version: number;
  paused: boolean;
  paused_reason: 'supplement' | 'payment' | null;
  paused_at: Date | null;
  clock_stopped: boolean;
}

/** A unit's open tasks with remaining working time and due status at `now` (epoch ms). */
export async function inboxForUnit(pool: Pool, unitId: string, now: number, opts: InboxOptions = {}): Promise<InboxItem[]> {
  const order = opts.sort === 'assigned' ? 'assigned_at, due_at' : 'due_at, assigned_at';
  const params: unknown[] = [unitId];
  let filter = '';
  if (opts.claimedBy !== undefined) {
    if (opts.claimedBy === null) filter = ' AND claimed_by IS NULL';
    else {
      params.push(opts.claimedBy);
      filter = ` AND claimed_by = $${params.length}`;
    }
  }
  const limit = opts.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(opts.limit))}` : '';
  const { rows } = await pool.query<InboxRow>(
    `SELECT dossier_code, task_id, step_id, step_name, step_kind, unit_id, procedure_code, calendar_version, assigned_at, due_at,
            allotment_working_minutes, status, claimed_by, task_version, paused, paused_reason, paused_at, clock_stopped
       FROM task_inbox WHERE unit_id = $1${filter}
      ORDER BY ${order}, dossier_code, task_id${limit}`,
    params,
  );
  return rows.map((r) => {
    const cal = getCalendar(r.calendar_version);
    const due = r.due_at.getTime();
    const clock = r.paused && r.clock_stopped && r.paused_at ? Math.min(now, r.paused_at.getTime()) : now;
    const budget = r.allotment_working_minutes === null ? undefined : Number(r.allotment_working_minutes);
    return {
      dossierCode: r.dossier_code,
      taskId: r.task_id,
      stepId: r.step_id,
      stepName: r.step_name,
      stepKind: r.step_kind,
      unitId: r.unit_id,
      procedureCode: r.procedure_code,
      calendarVersion: r.calendar_version,
      assignedAt: r.assigned_at,
      dueAt: r.due_at,
      allotmentWorkingMinutes: budget ?? null,
      status: r.status,
      claimedBy: r.claimed_by,
      taskVersion: Number(r.task_version),
      paused: r.paused,
      pausedReason: r.paused_reason,
      remainingWorkingMinutes: clock <= due ? workingTimeBetween(clock, due, cal) : -workingTimeBetween(due, clock, cal),
      deadlineStatus: classifyOpen(clock, due, budget, cal, opts.settings),
    };
  });
}
