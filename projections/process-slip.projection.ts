import type { DossierEvent } from '../contracts/events';
import type { Projection } from './projection';
import { byDossier, dossierCodes, flatten, insertRows, loadRows, ms, replaceRows, type Row, type TableSpec } from './row-batches';

export const PROCESS_CONTROL_SLIP: TableSpec = {
  name: 'process_control_slip',
  columns: {
    dossier_code: 'text',
    seq: 'int',
    from_task_id: 'text',
    kind: 'text',
    from_step_id: 'text',
    from_unit_id: 'text',
    from_officer_id: 'text',
    to_task_id: 'text',
    to_step_id: 'text',
    to_unit_id: 'text',
    handed_at: 'ts',
    from_due_at: 'ts',
    from_finished_at: 'ts',
    classification: 'text',
    consumed_working_minutes: 'num',
    to_due_at: 'ts',
    reason: 'text',
  },
};

export const PROCESS_SLIP_TASK: TableSpec = {
  name: 'process_slip_task',
  columns: {
    dossier_code: 'text',
    task_id: 'text',
    step_id: 'text',
    step_kind: 'text',
    unit_id: 'text',
    calendar_version: 'text',
    due_at: 'ts',
    allotment_amount: 'num',
    allotment_unit: 'text',
    status: 'text',
    officer_id: 'text',
    finished_at: 'ts',
    finished_seq: 'int',
    classification: 'text',
    consumed_working_minutes: 'num',
    paused_at: 'ts',
  },
};

interface DossierSlip {
  tasks: Map<string, Row>;
  rows: Map<string, Row>;
}

const rowKey = (seq: number, fromTaskId: string): string => `${String(seq).padStart(12, '0')}|${fromTaskId}`;
const isOpen = (t: Row): boolean => t.status === 'open' || t.status === 'claimed';

function addRow(d: DossierSlip, e: DossierEvent, kind: string, giver: Row, to: { taskId: string; stepId: string; unitId: string; dueMs: number }, reason: string | null): void {
  d.rows.set(rowKey(e.sequence, giver.task_id as string), {
    dossier_code: e.dossierCode,
    seq: e.sequence,
    from_task_id: giver.task_id!,
    kind,
    from_step_id: giver.step_id ?? null,
    from_unit_id: giver.unit_id ?? null,
    from_officer_id: giver.officer_id ?? null,
    to_task_id: to.taskId,
    to_step_id: to.stepId,
    to_unit_id: to.unitId,
    handed_at: ms(e.occurredAt),
    from_due_at: giver.due_at ?? null,
    from_finished_at: giver.finished_at ?? null,
    classification: giver.classification ?? null,
    consumed_working_minutes: giver.consumed_working_minutes ?? null,
    to_due_at: to.dueMs,
    reason,
  });
}

function applySlip(d: DossierSlip, e: DossierEvent): void {
  const at = ms(e.occurredAt);
  switch (e.type) {
    case 'task.assigned': {
      const p = e.payload;
      const to = { taskId: p.taskId, stepId: p.stepId, unitId: p.unitId, dueMs: ms(p.dueAt) };
      if (p.fromTaskIds.length > 0) {
        // every giver, so a join after a parallel fork has a row for each branch
        for (const from of p.fromTaskIds) {
          const giver = d.tasks.get(from);
          const kind = giver?.status === 'returned' ? 'return' : p.stepKind === 'result_return' ? 'result' : 'handoff';
          if (giver && giver.finished_at !== null) addRow(d, e, kind, giver, to, null);
        }
      } else if (p.stepKind === 'result_return') {
        // events from before the hand-over named its givers: the result came from the step that finished last
        const last = [...d.tasks.values()].filter((t) => t.status === 'done' && t.step_kind !== 'result_return').sort((a, b) => (b.finished_seq as number) - (a.finished_seq as number))[0];
        if (last) addRow(d, e, 'result', last, to, null);
      }
      d.tasks.set(p.taskId, {
        dossier_code: e.dossierCode,
        task_id: p.taskId,
        step_id: p.stepId,
        step_kind: p.stepKind,
        unit_id: p.unitId,
        calendar_version: e.calendarVersion,
        due_at: ms(p.dueAt),
        allotment_amount: p.allotment.amount,
        allotment_unit: p.allotment.unit,
        status: 'open',
        officer_id: null,
        finished_at: null,
        finished_seq: null,
        classification: null,
        consumed_working_minutes: null,
        paused_at: null,
      });
      return;
    }
    case 'task.claimed':
    case 'task.reassigned': {
      const t = d.tasks.get(e.payload.taskId);
      if (t) Object.assign(t, { status: 'claimed', officer_id: e.type === 'task.claimed' ? e.payload.officerId : e.payload.toOfficerId });
      return;
    }
    case 'task.completed': {
      const p = e.payload;
      const t = d.tasks.get(p.taskId);
      // the giver's side of the hand-off: its due and the canonical classification, as the event carries them
      if (t)
        Object.assign(t, {
          status: 'done',
          officer_id: p.officerId,
          due_at: ms(p.dueAt),
          finished_at: ms(p.completedAt),
          finished_seq: e.sequence,
          classification: p.classification,
          consumed_working_minutes: p.consumedWorkingMinutes,
        });
      return;
    }
    case 'task.returned': {
      const p = e.payload;
      const t = d.tasks.get(p.taskId);
      // a return is a hand-off back, classified by the decider against the step's due (events before 2026-12: unknown)
      if (t)
        Object.assign(t, {
          status: 'returned',
          officer_id: p.officerId,
          finished_at: ms(p.returnedAt),
          finished_seq: e.sequence,
          classification: p.classification ?? null,
          consumed_working_minutes: p.consumedWorkingMinutes,
        });
      return;
    }
    case 'task.transferred': {
      const p = e.payload;
      const t = d.tasks.get(p.taskId);
      if (!t) return;
      const giver: Row = {
        ...t,
        unit_id: p.fromUnitId,
        due_at: ms(p.dueAt),
        finished_at: ms(p.transferredAt),
        classification: p.classification ?? null,
        consumed_working_minutes: null,
      };
      addRow(d, e, 'transfer', giver, { taskId: p.taskId, stepId: t.step_id as string, unitId: p.toUnitId, dueMs: ms(p.dueAt) }, p.reason);
      Object.assign(t, { unit_id: p.toUnitId, status: 'open', officer_id: null, due_at: ms(p.dueAt) });
      return;
    }
    case 'dossier.supplement_requested':
    case 'dossier.payment_requested':
      for (const t of d.tasks.values()) if (isOpen(t)) t.paused_at = at;
      return;
    case 'dossier.supplement_received':
    case 'dossier.payment_recorded': {
      const dues = new Map(e.payload.taskDues.map((x) => [x.taskId, ms(x.dueAt)]));
      for (const t of d.tasks.values()) {
        if (!isOpen(t) || t.paused_at === null) continue;
        t.due_at = dues.get(t.task_id as string) ?? (t.due_at as number);
        t.paused_at = null;
      }
      return;
    }
    case 'dossier.result_ready':
    case 'dossier.result_returned':
    case 'dossier.withdrawn':
    case 'dossier.stopped':
      for (const t of d.tasks.values()) if (isOpen(t)) Object.assign(t, { status: 'cancelled', paused_at: null });
      return;
    default:
      return;
  }
}

/** Form 06, Phiếu kiểm soát quá trình: one row per hand-off with giver, receiver, time and the giver's result. */
export const processSlipProjection: Projection = {
  name: 'process-slip',
  tables: ['process_control_slip', 'process_slip_task'],
  async apply(db, events) {
    const codes = dossierCodes(events);
    const tasks = byDossier(await loadRows(db, PROCESS_SLIP_TASK, codes), (r) => r.task_id as string);
    const rows = byDossier([], () => '');
    for (const e of events) {
      if (!tasks.has(e.dossierCode)) tasks.set(e.dossierCode, new Map());
      if (!rows.has(e.dossierCode)) rows.set(e.dossierCode, new Map());
      applySlip({ tasks: tasks.get(e.dossierCode)!, rows: rows.get(e.dossierCode)! }, e);
    }
    await replaceRows(db, PROCESS_SLIP_TASK, codes, flatten(tasks));
    // slip rows only ever get added: one INSERT for the batch's new hand-offs
    await insertRows(db, PROCESS_CONTROL_SLIP, flatten(rows), 'ON CONFLICT (dossier_code, seq, from_task_id) DO NOTHING');
  },
};
