import type { DossierEvent } from '../contracts/events';
import { toWorkingMinutes } from '../contracts/duration.contract';
import type { Projection } from './projection';
import { byDossier, dossierCodes, flatten, loadRows, ms, replaceRows, type Row, type TableSpec } from './row-batches';
import { effectStopsClock } from '../domain/deadline/deadline-ledger';
import { closesOpenTasks, pauseEffectOf } from '../domain/dossier/event-effects';
import { inboxChanges, notifyInboxChanges, snapshotInbox } from './task-inbox-changes';

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
      const stopped = effectStopsClock(pauseEffectOf(e));
      for (const r of tasks.values()) {
        Object.assign(r, { paused: true, paused_reason: reason, paused_at: ms(e.occurredAt), clock_stopped: stopped });
        touch(r);
      }
      return;
    }
    case 'dossier.supplement_received':
    case 'dossier.payment_recorded': {
      const dues = new Map(e.payload.taskDues.map((t) => [t.taskId, ms(t.dueAt)]));
      for (const r of tasks.values()) {
        r.due_at = dues.get(r.task_id as string) ?? (r.due_at as number);
        Object.assign(r, { paused: false, paused_reason: null, paused_at: null, clock_stopped: false });
        touch(r);
      }
      return;
    }
    default:
      if (closesOpenTasks(e)) tasks.clear();
  }
}

/** One row per open task, in the unit holding it; paused while the dossier waits; gone once the dossier closes. */
export const taskInboxProjection: Projection = {
  name: 'task-inbox',
  tables: ['task_inbox'],
  async apply(db, events) {
    const codes = dossierCodes(events);
    const state = byDossier(await loadRows(db, TASK_INBOX, codes), (r) => r.task_id as string);
    const before = snapshotInbox(state);
    for (const e of events) {
      if (!state.has(e.dossierCode)) state.set(e.dossierCode, new Map());
      applyInbox(state.get(e.dossierCode)!, e);
    }
    await replaceRows(db, TASK_INBOX, codes, flatten(state));
    // the inbox pages' live stream (api/inbox-change-hub.ts)
    await notifyInboxChanges(db, inboxChanges(before, state));
  },
};
