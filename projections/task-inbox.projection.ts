import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';
import { toWorkingMinutes, type Duration } from '../contracts/duration.contract';
import { getCalendar } from '../domain/calendar/calendar-registry';
import { computeDeadline } from '../domain/calendar/deadline';
import { addWorkingTime } from '../domain/calendar/working-calendar';
import type { Projection } from './projection';

// ---------------------------------------------------------------------------------------------
// Load, fold, flush: the operational projections read the rows of the batch's dossiers once, fold
// the events over them in memory (in topic order), and write them back with one DELETE and one
// INSERT ... SELECT FROM jsonb_to_recordset per table and batch. Instants are epoch ms in memory.

export type ColumnType = 'text' | 'ts' | 'num' | 'int' | 'bool' | 'text[]';
export type Value = string | number | boolean | string[] | null;
export type Row = Record<string, Value>;

export interface TableSpec {
  name: string;
  columns: Record<string, ColumnType>;
}

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', ts: 'timestamptz', num: 'numeric', int: 'bigint', bool: 'boolean', 'text[]': 'text[]' };

function selectExpr(col: string, type: ColumnType): string {
  switch (type) {
    case 'ts':
      return `(extract(epoch FROM ${col}) * 1000)::float8 AS ${col}`;
    case 'num':
    case 'int':
      return `${col}::float8 AS ${col}`;
    default:
      return col;
  }
}

/** The rows of these dossiers, instants as epoch ms, numbers as numbers. */
export async function loadRows(db: PoolClient, spec: TableSpec, codes: string[]): Promise<Row[]> {
  const cols = Object.entries(spec.columns).map(([c, t]) => selectExpr(c, t));
  const { rows } = await db.query<Row>(`SELECT ${cols.join(', ')} FROM ${spec.name} WHERE dossier_code = ANY($1::text[])`, [codes]);
  return rows;
}

/** Replaces the rows of these dossiers with `rows` (two statements, whatever the batch size). */
export async function replaceRows(db: PoolClient, spec: TableSpec, codes: string[], rows: Row[]): Promise<void> {
  if (codes.length === 0) return;
  await db.query(`DELETE FROM ${spec.name} WHERE dossier_code = ANY($1::text[])`, [codes]);
  await insertRows(db, spec, rows);
}

/** One INSERT ... SELECT FROM jsonb_to_recordset for all `rows`; `onConflict` e.g. 'ON CONFLICT DO NOTHING'. */
export async function insertRows(db: PoolClient, spec: TableSpec, rows: Row[], onConflict = ''): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(spec.columns);
  const json = rows.map((r) => Object.fromEntries(cols.map((c) => [c, spec.columns[c] === 'ts' && r[c] !== null && r[c] !== undefined ? new Date(r[c] as number).toISOString() : (r[c] ?? null)])));
  await db.query(
    `INSERT INTO ${spec.name} (${cols.join(', ')})
     SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${cols.map((c) => `${c} ${SQL_TYPE[spec.columns[c]!]}`).join(', ')})
     ${onConflict}`,
    [JSON.stringify(json)],
  );
}

export const ms = (iso: string): number => Date.parse(iso);
export const dossierCodes = (events: readonly DossierEvent[]): string[] => [...new Set(events.map((e) => e.dossierCode))];

/** Rows grouped per dossier code, keyed by `key(row)` within a dossier. */
export function byDossier(rows: Row[], key: (r: Row) => string): Map<string, Map<string, Row>> {
  const out = new Map<string, Map<string, Row>>();
  for (const r of rows) {
    const code = r.dossier_code as string;
    if (!out.has(code)) out.set(code, new Map());
    out.get(code)!.set(key(r), r);
  }
  return out;
}

/** Rows in a stable order (dossier, then key), so the INSERT order never depends on history. */
export function flatten(m: Map<string, Map<string, Row>>): Row[] {
  return [...m.keys()].sort().flatMap((code) => {
    const inner = m.get(code)!;
    return [...inner.keys()].sort().map((k) => inner.get(k)!);
  });
}

// ---------------------------------------------------------------------------------------------
// Pauses: what the deadline ledger does to an open step's due when the dossier resumes.

export type PauseEffect = 'shift' | 'restart' | 'kpi-subtract';

/** The effect of a pause: payment always shifts (excluded by law); a supplement follows its policy. */
export function pauseEffectOf(reason: 'supplement' | 'payment', policy?: string): PauseEffect {
  if (reason === 'payment' || policy === 'pause') return 'shift';
  return policy === 'restart' ? 'restart' : 'kpi-subtract';
}

/**
 * An open step's due after a pause ended at `resumedAt`, as the ledger computes it: shifted by the
 * working time paused (elapsed time for calendar-day allotments), recounted from the resumption
 * (restart), or unchanged (kpi-subtract: the appointment clock never stopped).
 */
export function dueAfterPause(
  dueMs: number,
  allotment: Duration,
  effect: PauseEffect,
  pausedAt: number,
  resumedAt: number,
  waitingWorkingMinutes: number,
  calendarVersion: string,
): number {
  const cal = getCalendar(calendarVersion);
  switch (effect) {
    case 'shift':
      if (allotment.unit === 'calendar_days') return dueMs + (resumedAt - pausedAt);
      return waitingWorkingMinutes > 0 ? addWorkingTime(dueMs, waitingWorkingMinutes, cal) : dueMs;
    case 'restart':
      return computeDeadline(resumedAt, allotment, cal).dueMs;
    case 'kpi-subtract':
      return dueMs;
  }
}

/** The dossier closes or its processing ends: every open task of it is cancelled. */
export const CLOSING_EVENTS = new Set<DossierEvent['type']>([
  'dossier.result_ready',
  'dossier.result_returned',
  'dossier.withdrawn',
  'dossier.stopped',
  'dossier.refused',
  'dossier.not_received',
]);

// ---------------------------------------------------------------------------------------------
// The task inbox

export const TASK_INBOX: TableSpec = {
  name: 'task_inbox',
  columns: {
    dossier_code: 'text',
    task_id: 'text',
    step_id: 'text',
    step_name: 'text',
    step_kind: 'text',
    unit_id: 'text',
    procedure_code: 'text',
    calendar_version: 'text',
    assigned_at: 'ts',
    due_at: 'ts',
    allotment_amount: 'num',
    allotment_unit: 'text',
    allotment_working_minutes: 'num',
    status: 'text',
    claimed_by: 'text',
    claimed_at: 'ts',
    task_version: 'int',
    from_unit_ids: 'text[]',
    transferred_from_unit_id: 'text',
    transferred_at: 'ts',
    paused: 'bool',
    paused_reason: 'text',
    paused_at: 'ts',
    clock_stopped: 'bool',
    last_sequence: 'int',
    updated_at: 'ts',
  },
};

function applyInbox(tasks: Map<string, Row>, e: DossierEvent): void {
  const touch = (r: Row): void => {
    r.last_sequence = e.sequence;
    r.updated_at = ms(e.occurredAt);
  };
  switch (e.type) {
    case 'task.assigned': {
      const p = e.payload;
      tasks.set(p.taskId, {
        dossier_code: e.dossierCode,
        task_id: p.taskId,
        step_id: p.stepId,
        step_name: p.stepName,
        step_kind: p.stepKind,
        unit_id: p.unitId,
        procedure_code: e.procedureCode,
        calendar_version: e.calendarVersion,
        assigned_at: ms(p.assignedAt),
        due_at: ms(p.dueAt),
        allotment_amount: p.allotment.amount,
        allotment_unit: p.allotment.unit,
        allotment_working_minutes: toWorkingMinutes(p.allotment) ?? null,
        status: 'open',
        claimed_by: null,
        claimed_at: null,
        task_version: p.taskVersion,
        from_unit_ids: [...p.fromUnitIds],
        transferred_from_unit_id: null,
        transferred_at: null,
        paused: false,
        paused_reason: null,
        paused_at: null,
        clock_stopped: false,
        last_sequence: e.sequence,
        updated_at: ms(e.occurredAt),
      });
      return;
    }
    case 'task.claimed':
    case 'task.reassigned': {
      const r = tasks.get(e.payload.taskId);
      if (!r) return;
      r.status = 'claimed';
      r.claimed_by = e.type === 'task.claimed' ? e.payload.officerId : e.payload.toOfficerId;
      r.claimed_at = ms(e.type === 'task.claimed' ? e.payload.claimedAt : e.payload.reassignedAt);
      r.task_version = e.payload.taskVersion;
      touch(r);
      return;
    }
    case 'task.completed':
    case 'task.returned':
      tasks.delete(e.payload.taskId);
      return;
    case 'task.transferred': {
      const p = e.payload;
      const r = tasks.get(p.taskId);
      if (!r) return;
      Object.assign(r, {
        unit_id: p.toUnitId,
        status: 'open',
        claimed_by: null,
        claimed_at: null,
        task_version: p.taskVersion,
        due_at: ms(p.dueAt),
        transferred_from_unit_id: p.fromUnitId,
        transferred_at: ms(p.transferredAt),
      });
      touch(r);
      return;
    }
    case 'dossier.supplement_requested':
    case 'dossier.payment_requested': {
      const reason = e.type === 'dossier.payment_requested' ? 'payment' : 'supplement';
      const effect = pauseEffectOf(reason, e.type === 'dossier.supplement_requested' ? e.payload.policy : undefined);
      for (const r of tasks.values()) {
        Object.assign(r, { paused: true, paused_reason: reason, paused_at: ms(e.occurredAt), clock_stopped: effect !== 'kpi-subtract' });
        touch(r);
      }
      return;
    }
    case 'dossier.supplement_received':
    case 'dossier.payment_recorded': {
      const effect = e.type === 'dossier.payment_recorded' ? 'shift' : pauseEffectOf('supplement', e.payload.policy);
      const resumedAt = ms(e.occurredAt);
      for (const r of tasks.values()) {
        if (r.paused_at !== null) {
          const allotment = { amount: r.allotment_amount as number, unit: r.allotment_unit as Duration['unit'] };
          r.due_at = dueAfterPause(r.due_at as number, allotment, effect, r.paused_at as number, resumedAt, e.payload.waitingWorkingMinutes, r.calendar_version as string);
        }
        Object.assign(r, { paused: false, paused_reason: null, paused_at: null, clock_stopped: false });
        touch(r);
      }
      return;
    }
    default:
      if (CLOSING_EVENTS.has(e.type)) tasks.clear();
  }
}

/** One row per open task, in the unit holding it; paused while the dossier waits; gone once the dossier closes. */
export const taskInboxProjection: Projection = {
  name: 'task-inbox',
  tables: ['task_inbox'],
  async apply(db, events) {
    const codes = dossierCodes(events);
    const state = byDossier(await loadRows(db, TASK_INBOX, codes), (r) => r.task_id as string);
    for (const e of events) {
      if (!state.has(e.dossierCode)) state.set(e.dossierCode, new Map());
      applyInbox(state.get(e.dossierCode)!, e);
    }
    await replaceRows(db, TASK_INBOX, codes, flatten(state));
  },
};
