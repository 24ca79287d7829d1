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

const INBOX_COLUMNS = `dossier_code, task_id, step_id, step_name, step_kind, unit_id, procedure_code, calendar_version, assigned_at, due_at,
            allotment_working_minutes, status, claimed_by, task_version, paused, paused_reason, paused_at, clock_stopped`;

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
    `SELECT ${INBOX_COLUMNS}
       FROM task_inbox WHERE unit_id = $1${filter}
      ORDER BY ${order}, dossier_code, task_id${limit}`,
    params,
  );
  return rows.map((r) => toInboxItem(r, now, opts.settings));
}

/** What an open task's row says about its deadline at `now`: while a pause stops the clock, the pause's start stands for `now`. */
export interface TaskClockRow {
  calendar_version: string;
  due_at: Date;
  allotment_working_minutes: string | number | null;
  paused: boolean;
  paused_at: Date | null;
  clock_stopped: boolean;
}

/** An open task's remaining working time and the canonical classifier's status at `now` (the inbox's and the SLA board's). */
export function taskDeadlineAt(r: TaskClockRow, now: number, settings?: Partial<ClassifierSettings>): { remainingWorkingMinutes: number; deadlineStatus: OpenStatus } {
  const cal = getCalendar(r.calendar_version);
  const due = r.due_at.getTime();
  const clock = r.paused && r.clock_stopped && r.paused_at ? Math.min(now, r.paused_at.getTime()) : now;
  const budget = r.allotment_working_minutes === null ? undefined : Number(r.allotment_working_minutes);
  return {
    remainingWorkingMinutes: clock <= due ? workingTimeBetween(clock, due, cal) : -workingTimeBetween(due, clock, cal),
    deadlineStatus: classifyOpen(clock, due, budget, cal, settings),
  };
}

function toInboxItem(r: InboxRow, now: number, settings?: Partial<ClassifierSettings>): InboxItem {
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
    ...taskDeadlineAt(r, now, settings),
  };
}

export type InboxView = 'all' | 'mine' | 'unassigned' | 'due_soon' | 'overdue';

export interface InboxPageQuery {
  unitId: string;
  view: InboxView;
  /** The caller, for the `mine` view. */
  officerId: string;
  procedureCode?: string;
  status?: 'open' | 'claimed';
  limit: number;
  /** Resume after this task (the last item of the previous page). */
  after?: { dueAt: number; dossierCode: string; taskId: string };
  settings?: Partial<ClassifierSettings>;
}

export interface InboxPage {
  items: InboxItem[];
  /** Set when more items follow: pass it back as `after`. */
  next?: { dueAt: number; dossierCode: string; taskId: string };
  counts: { all: number; mine: number; unassigned: number; dueSoon: number; overdue: number };
}

/** Working time stops at weekends and holidays: no due-soon task is due more than this far away in calendar time. */
const DUE_SOON_HORIZON_MS = 31 * 86_400_000;

/**
 * One page of a unit's inbox, earliest due first, in a view. The due-soon and overdue views need
 * the classifier (working time, per calendar), so rows are read in due order and classified here,
 * batch after batch, until the page is full; the counts cover the whole unit.
 */
export async function inboxPage(pool: Pool, q: InboxPageQuery, now: number): Promise<InboxPage> {
  const params: unknown[] = [q.unitId];
  const where: string[] = ['unit_id = $1'];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    where.push(sql(params.length));
  };
  if (q.view === 'mine') add((n) => `claimed_by = $${n}`, q.officerId);
  if (q.view === 'unassigned') where.push('claimed_by IS NULL');
  if (q.view === 'overdue') add((n) => `due_at < $${n}`, new Date(now));
  if (q.view === 'due_soon') add((n) => `due_at <= $${n}`, new Date(now + DUE_SOON_HORIZON_MS));
  if (q.procedureCode !== undefined) add((n) => `procedure_code = $${n}`, q.procedureCode);
  if (q.status !== undefined) add((n) => `status = $${n}`, q.status);
  const wanted = (i: InboxItem) => (q.view === 'due_soon' ? i.deadlineStatus === 'due_soon' : q.view === 'overdue' ? i.deadlineStatus === 'overdue' : true);

  const items: InboxItem[] = [];
  let after = q.after;
  let more = true;
  const batch = Math.max(q.limit + 1, 100);
  while (items.length <= q.limit && more) {
    const p = [...params];
    let keyset = '';
    if (after) {
      p.push(new Date(after.dueAt), after.dossierCode, after.taskId);
      keyset = ` AND (due_at, dossier_code, task_id) > ($${p.length - 2}, $${p.length - 1}, $${p.length})`;
    }
    const { rows } = await pool.query<InboxRow>(
      `SELECT ${INBOX_COLUMNS} FROM task_inbox WHERE ${where.join(' AND ')}${keyset} ORDER BY due_at, dossier_code, task_id LIMIT ${batch}`,
      p,
    );
    more = rows.length === batch;
    for (const r of rows) {
      const item = toInboxItem(r, now, q.settings);
      if (wanted(item)) items.push(item);
      after = { dueAt: r.due_at.getTime(), dossierCode: r.dossier_code, taskId: r.task_id };
      if (items.length > q.limit) break;
    }
  }
  const page = items.slice(0, q.limit);
  const last = page.at(-1);
  const next = items.length > q.limit && last ? { dueAt: last.dueAt.getTime(), dossierCode: last.dossierCode, taskId: last.taskId } : undefined;
  return { items: page, ...(next ? { next } : {}), counts: await inboxCounts(pool, q.unitId, q.officerId, now, q.settings) };
}

async function inboxCounts(pool: Pool, unitId: string, officerId: string, now: number, settings?: Partial<ClassifierSettings>): Promise<InboxPage['counts']> {
  const { rows } = await pool.query<InboxRow>(`SELECT ${INBOX_COLUMNS} FROM task_inbox WHERE unit_id = $1`, [unitId]);
  const counts = { all: rows.length, mine: 0, unassigned: 0, dueSoon: 0, overdue: 0 };
  for (const r of rows) {
    if (r.claimed_by === officerId) counts.mine++;
    if (r.claimed_by === null) counts.unassigned++;
    const status = toInboxItem(r, now, settings).deadlineStatus;
    if (status === 'due_soon') counts.dueSoon++;
    if (status === 'overdue') counts.overdue++;
  }
  return counts;
}

/** The open tasks of one dossier, wherever they are (the dossier page). */
export async function openTasksOfDossier(pool: Pool, dossierCode: string, now: number, settings?: Partial<ClassifierSettings>): Promise<InboxItem[]> {
  const { rows } = await pool.query<InboxRow>(`SELECT ${INBOX_COLUMNS} FROM task_inbox WHERE dossier_code = $1 ORDER BY due_at, task_id`, [dossierCode]);
  return rows.map((r) => toInboxItem(r, now, settings));
}
