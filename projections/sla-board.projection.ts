import type { DossierEvent, EventOf } from '../contracts/events';
import type { Projection } from './projection';
import { byDossier, dossierCodes, flatten, loadRows, ms, replaceRows, type Row, type TableSpec } from './row-batches';
import { closesOpenTasks, pauseEffectOf } from '../domain/dossier/event-effects';

export const SLA_BOARD: TableSpec = {
  name: 'sla_board',
  columns: {
    dossier_code: 'text',
    scope: 'text',
    task_id: 'text',
    procedure_code: 'text',
    calendar_version: 'text',
    unit_id: 'text',
    supervisor_unit_id: 'text',
    status: 'text',
    due_at: 'ts',
    warned_at: 'ts',
    breached_at: 'ts',
    escalated_at: 'ts',
    form04_drafted_at: 'ts',
    remaining_working_minutes: 'num',
    paused: 'bool',
    paused_at: 'ts',
    last_sequence: 'int',
    updated_at: 'ts',
  },
};

export const SLA_UNIT_CONSUMPTION: TableSpec = {
  name: 'sla_unit_consumption',
  columns: {
    dossier_code: 'text',
    unit_id: 'text',
    consumed_working_minutes: 'num',
    tasks_finished: 'int',
    settled_at: 'ts',
  },
};

type SlaEvent = EventOf<'sla.warning' | 'sla.breached' | 'sla.escalated' | 'sla.form04_drafted'>;
const boardKey = (scope: string, taskId: string): string => `${scope}|${taskId}`;

function applyAlert(board: Map<string, Row>, e: SlaEvent): void {
  const p = e.payload;
  const taskId = p.scope === 'step' ? (p.taskId ?? '') : '';
  const key = boardKey(p.scope, taskId);
  const at = ms(p.raisedAt);
  const row: Row = board.get(key) ?? {
    dossier_code: e.dossierCode,
    scope: p.scope,
    task_id: taskId,
    procedure_code: e.procedureCode,
    calendar_version: e.calendarVersion,
    unit_id: p.unitId,
    supervisor_unit_id: null,
    // a Form 04 draft comes one working day before the appointment: the dossier is at risk
    status: 'due_soon',
    due_at: ms(p.dueAt),
    warned_at: null,
    breached_at: null,
    escalated_at: null,
    form04_drafted_at: null,
    remaining_working_minutes: p.remainingWorkingMinutes,
    paused: false,
    paused_at: null,
    last_sequence: e.sequence,
    updated_at: ms(e.occurredAt),
  };
  Object.assign(row, { unit_id: p.unitId, due_at: ms(p.dueAt), remaining_working_minutes: p.remainingWorkingMinutes, last_sequence: e.sequence, updated_at: ms(e.occurredAt) });
  switch (e.type) {
    case 'sla.warning':
      Object.assign(row, { warned_at: at, ...(row.status !== 'overdue' ? { status: 'due_soon' } : {}) });
      break;
    case 'sla.breached':
      Object.assign(row, { breached_at: at, status: 'overdue' });
      break;
    case 'sla.escalated':
      // the escalation names the responsible unit in the payload; the envelope is the supervisor's
      Object.assign(row, { escalated_at: at, supervisor_unit_id: e.payload.supervisorUnitId, status: 'overdue' });
      break;
    case 'sla.form04_drafted':
      row.form04_drafted_at = at;
      break;
  }
  board.set(key, row);
}

function addConsumption(consumption: Map<string, Row>, code: string, unitId: string, minutes: number): void {
  const row = consumption.get(unitId) ?? { dossier_code: code, unit_id: unitId, consumed_working_minutes: 0, tasks_finished: 0, settled_at: null };
  row.consumed_working_minutes = (row.consumed_working_minutes as number) + minutes;
  row.tasks_finished = (row.tasks_finished as number) + 1;
  consumption.set(unitId, row);
}

function applySla(board: Map<string, Row>, consumption: Map<string, Row>, e: DossierEvent): void {
  const at = ms(e.occurredAt);
  switch (e.type) {
    case 'sla.warning':
    case 'sla.breached':
    case 'sla.escalated':
    case 'sla.form04_drafted':
      return applyAlert(board, e);
    case 'task.completed':
    case 'task.returned':
      board.delete(boardKey('step', e.payload.taskId));
      addConsumption(consumption, e.dossierCode, e.payload.unitId, e.payload.consumedWorkingMinutes);
      return;
    case 'task.transferred': {
      const p = e.payload;
      const step = board.get(boardKey('step', p.taskId));
      if (step) Object.assign(step, { unit_id: p.toUnitId, due_at: ms(p.dueAt), last_sequence: e.sequence, updated_at: at });
      const dossier = board.get(boardKey('dossier', ''));
      if (dossier && dossier.unit_id === p.fromUnitId) Object.assign(dossier, { unit_id: p.toUnitId, last_sequence: e.sequence, updated_at: at });
      return;
    }
    case 'dossier.supplement_requested':
    case 'dossier.payment_requested':
      for (const r of board.values()) Object.assign(r, { paused: true, paused_at: at, last_sequence: e.sequence, updated_at: at });
      return;
    case 'dossier.supplement_received':
    case 'dossier.payment_recorded': {
      const effect = pauseEffectOf(e);
      for (const [key, r] of board) {
        // restart: budgets are counted afresh from the resubmission, the alerts no longer hold
        if (effect === 'restart') {
          board.delete(key);
          continue;
        }
        // shift: the clock stood still, so the status holds and every due moves by the time paused
        if (effect === 'shift' && r.paused_at !== null) {
          const stepDue = e.payload.taskDues.find((t) => t.taskId === r.task_id)?.dueAt;
          r.due_at = r.scope === 'dossier' ? ms(e.payload.appointmentAt) : stepDue !== undefined ? ms(stepDue) : (r.due_at as number);
        }
        Object.assign(r, { paused: false, paused_at: null, last_sequence: e.sequence, updated_at: at });
      }
      return;
    }
    case 'dossier.extended':
      // Form 04 moved the appointment later (only allowed before it): the dossier's alert no longer holds
      board.delete(boardKey('dossier', ''));
      return;
    case 'dossier.result_ready': {
      board.clear();
      // the ledger's attribution is authoritative for processing: it replaces the running sums
      const finished = new Map([...consumption].map(([unit, r]) => [unit, r.tasks_finished as number]));
      consumption.clear();
      for (const unit of Object.keys(e.payload.consumedByUnit).sort()) {
        consumption.set(unit, {
          dossier_code: e.dossierCode,
          unit_id: unit,
          consumed_working_minutes: e.payload.consumedByUnit[unit]!,
          tasks_finished: finished.get(unit) ?? 0,
          settled_at: at,
        });
      }
      return;
    }
    default:
      if (closesOpenTasks(e)) board.clear();
  }
}

/**
 * SLA board: open dossiers and steps that are due soon or overdue (from sla.warning / sla.breached,
 * escalation adds the supervisor), and the working minutes each unit consumed on the dossier.
 */
export const slaBoardProjection: Projection = {
  name: 'sla-board',
  tables: ['sla_board', 'sla_unit_consumption'],
  async apply(db, events) {
    const codes = dossierCodes(events);
    const board = byDossier(await loadRows(db, SLA_BOARD, codes), (r) => boardKey(r.scope as string, r.task_id as string));
    const consumption = byDossier(await loadRows(db, SLA_UNIT_CONSUMPTION, codes), (r) => r.unit_id as string);
    for (const e of events) {
      if (!board.has(e.dossierCode)) board.set(e.dossierCode, new Map());
      if (!consumption.has(e.dossierCode)) consumption.set(e.dossierCode, new Map());
      applySla(board.get(e.dossierCode)!, consumption.get(e.dossierCode)!, e);
    }
    await replaceRows(db, SLA_BOARD, codes, flatten(board));
    await replaceRows(db, SLA_UNIT_CONSUMPTION, codes, flatten(consumption));
  },
};
