import type { DossierEvent } from '../../contracts/events';
import { getCalendar } from '../calendar/calendar-registry';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { closeLedger, extend, finishStep, openLedger, pause, reassignStepUnit, resume, startStep, transferStep } from '../deadline/deadline-ledger';
import type { DeadlineLedger } from '../../contracts/deadline-ledger.contract';
import { changedTask, copyState, type DossierState, type TaskState } from './dossier-state';
import { ms } from '../calendar/local-time';
import { downstreamOf } from './routing';
import { statusCodeAfter } from './event-effects';

// The helpers below complete the state copy evolve made for this event (`s`) in place: one copy of
// the state per event, however many of its fields the event changes.

function withLedger(s: DossierState, f: (l: DeadlineLedger, cal: WorkingCalendar) => DeadlineLedger): DossierState {
  if (!s.ledger || s.ledger.closedAt !== undefined) return s;
  s.ledger = f(s.ledger, getCalendar(s.input.calendarVersion));
  return s;
}

function updateTask(s: DossierState, taskId: string, f: (t: TaskState) => TaskState): DossierState {
  s.tasks = s.tasks.map((t) => (t.taskId === taskId ? f(t) : t));
  return s;
}

function cancelOpenTasks(s: DossierState): DossierState {
  s.tasks = s.tasks.map((t) => (t.status === 'open' || t.status === 'claimed' ? changedTask(t, { status: 'cancelled', version: t.version + 1 }) : t));
  return s;
}

/** After a pause ends the ledger moved (or recounted) the open steps' dues: the tasks carry the same instants. */
function syncTaskDues(s: DossierState): DossierState {
  const steps = s.ledger?.steps ?? [];
  s.tasks = s.tasks.map((t) => {
    if (!t.inLedger || (t.status !== 'open' && t.status !== 'claimed')) return t;
    const step = steps.find((x) => x.stepId === t.taskId);
    return step && step.dueMs !== t.dueMs ? changedTask(t, { dueMs: step.dueMs }) : t;
  });
  return s;
}

function close(s: DossierState, at: number, reason: NonNullable<DossierState['closedReason']>): DossierState {
  const closed = withLedger(cancelOpenTasks(s), (l, cal) => closeLedger(l, { at, detail: reason }, cal));
  return Object.assign(closed, { phase: 'closed', closedReason: reason, applicantDeadlineMs: undefined } as const);
}

/** Applies one fact to the state. Pure: the workflow, consumers and the simulator rebuild the same state from the same events. */
export function evolve(state: DossierState, event: DossierEvent): DossierState {
  const at = ms(event.occurredAt);
  // the one copy of the state this event makes; every case below completes it. The national status
  // follows the one rule every reader of the topic applies
  const s = copyState(state);
  s.sequence = event.sequence;
  s.lastEventType = event.type;
  s.lastEventAt = at;
  s.statusCode = statusCodeAfter(state.statusCode, event);
  switch (event.type) {
    case 'dossier.received': {
      const p = event.payload;
      const cal = getCalendar(s.input.calendarVersion);
      const ledger = openLedger(
        {
          receivedAt: ms(p.receivedAt),
          legalBudget: p.legalBudget,
          committedBudget: p.committedBudget,
          calendarVersion: s.input.calendarVersion,
          ...(s.input.procedure.receptionCutOff ? { cutoff: s.input.procedure.receptionCutOff } : {}),
          supplementPolicy: s.input.procedure.supplementClock,
          explain: s.explainLedger,
        },
        cal,
      );
      // SLA instants count from reception: those already past when the dossier is entered late still fire
      return Object.assign(s, { ledger, phase: 'processing', applicantDeadlineMs: undefined, timersCheckedAt: ms(p.receivedAt) } as const);
    }
    case 'dossier.reception_supplement_requested':
      return Object.assign(s, { phase: 'awaiting_reception_supplement', applicantDeadlineMs: ms(event.payload.applicantDeadlineAt) } as const);
    case 'dossier.refused':
      return close(s, at, 'refused');
    case 'dossier.not_received':
      return close(s, at, 'not_received');
    case 'task.assigned': {
      const p = event.payload;
      const inLedger = s.phase === 'processing' && s.ledger !== undefined && s.ledger.closedAt === undefined;
      // a first task is assigned at reception, which may lie before the event (a dossier entered late)
      const assignedAt = ms(p.assignedAt);
      const task: TaskState = { taskId: p.taskId, stepId: p.stepId, unitId: p.unitId, status: 'open', version: p.taskVersion, claimedBy: undefined, assignedAt, dueMs: ms(p.dueAt), inLedger };
      const next: DossierState = Object.assign(s, {
        tasks: [...s.tasks, task],
        attempts: { ...s.attempts, [p.stepId]: (s.attempts[p.stepId] ?? 0) + 1 },
      });
      return inLedger ? withLedger(next, (l, cal) => startStep(l, { stepId: p.taskId, unitId: p.unitId, at: assignedAt, allotment: p.allotment }, cal)) : next;
    }
    case 'task.claimed':
      return updateTask(s, event.payload.taskId, (t) => changedTask(t, { status: 'claimed', claimedBy: event.payload.officerId, version: t.version + 1 }));
    case 'task.reassigned':
      return updateTask(s, event.payload.taskId, (t) => changedTask(t, { status: 'claimed', claimedBy: event.payload.toOfficerId, version: t.version + 1 }));
    case 'task.completed': {
      const p = event.payload;
      const task = s.tasks.find((t) => t.taskId === p.taskId);
      const next = updateTask(s, p.taskId, (t) => changedTask(t, { status: 'done', version: t.version + 1 }));
      // the list has no duplicates (only this adds to it): a step done again is there already
      if (!next.doneSteps.includes(p.stepId)) next.doneSteps = [...next.doneSteps, p.stepId];
      return task?.inLedger ? withLedger(next, (l, cal) => finishStep(l, { stepId: p.taskId, at }, cal)) : next;
    }
    case 'task.returned': {
      const p = event.payload;
      const redo = downstreamOf(s.input.procedure, p.toStepIds);
      const next = updateTask(s, p.taskId, (t) => changedTask(t, { status: 'returned', version: t.version + 1 }));
      next.doneSteps = next.doneSteps.filter((id) => !redo.has(id));
      return withLedger(next, (l, cal) => finishStep(l, { stepId: p.taskId, at, rule: 'step-returned' }, cal));
    }
    case 'task.transferred': {
      const p = event.payload;
      const task = s.tasks.find((t) => t.taskId === p.taskId);
      const next = updateTask(s, p.taskId, (t) => changedTask(t, { unitId: p.toUnitId, claimedBy: null, status: 'open', version: t.version + 1 }));
      if (!task?.inLedger) return next;
      const move = p.cause === 'reorganisation' ? reassignStepUnit : transferStep;
      return withLedger(next, (l, cal) => move(l, { stepId: p.taskId, toUnitId: p.toUnitId, at, detail: p.reason }, cal));
    }
    case 'dossier.rerouted': {
      const p = event.payload;
      const routing = { ...s.input.routing };
      for (const stepId of p.stepIds) routing[stepId] = p.toUnitId;
      // the successor inherits the escalation line of the unit it replaces
      const inherited = s.input.supervisors[p.fromUnitId];
      const supervisors = inherited && !s.input.supervisors[p.toUnitId] ? { ...s.input.supervisors, [p.toUnitId]: inherited } : s.input.supervisors;
      s.input = { ...s.input, routing, supervisors };
      return s;
    }
    case 'dossier.supplement_requested': {
      const p = event.payload;
      const next: DossierState = Object.assign(s, {
        phase: 'supplement',
        supplementsByUnit: { ...s.supplementsByUnit, [p.unitId]: p.requestsByUnit },
        supplementsTotal: p.requestsTotal,
        applicantDeadlineMs: ms(p.applicantDeadlineAt),
      } as const);
      return withLedger(next, (l, cal) => pause(l, { reason: 'supplement', at, rule: `supplement-${p.policy}` }, cal));
    }
    case 'dossier.supplement_received':
      return syncTaskDues(withLedger(Object.assign(s, { phase: 'processing', applicantDeadlineMs: undefined } as const), (l, cal) => resume(l, { at }, cal)));
    case 'dossier.payment_requested':
      return withLedger(Object.assign(s, { phase: 'payment' } as const), (l, cal) => pause(l, { reason: 'financial_obligation', at, rule: 'financial-obligation-excluded' }, cal));
    case 'dossier.payment_recorded':
      return syncTaskDues(withLedger(Object.assign(s, { phase: 'processing' } as const), (l, cal) => resume(l, { at }, cal)));
    case 'dossier.extended': {
      const p = event.payload;
      s.extensions = p.extensionNumber;
      return withLedger(s, (l, cal) => extend(l, { newDueMs: ms(p.appointmentAt), reason: p.reason, at, byUnitId: p.unitId }, cal));
    }
    case 'dossier.withdrawn':
      return close(s, at, 'withdrawn');
    case 'dossier.stopped':
      return close(s, at, 'stopped');
    case 'dossier.result_ready': {
      const next = withLedger(cancelOpenTasks(s), (l, cal) => closeLedger(l, { at, detail: `result ${event.payload.outcome}` }, cal));
      return Object.assign(next, { phase: 'result_ready', outcome: event.payload.outcome, resultReadyAt: at, electronicResult: event.payload.electronicResult } as const);
    }
    case 'dossier.result_returned': {
      const next = s.tasks.some((t) => t.status === 'open' || t.status === 'claimed') ? cancelOpenTasks(s) : s;
      return Object.assign(next, { phase: 'returned', returnedAt: at } as const);
    }
    case 'dossier.rated':
      return Object.assign(s, { rated: true, phase: 'closed', closedReason: 'finished' } as const);
    case 'dossier.complaint_filed':
      s.complaints += 1;
      return s;
    case 'sla.warning':
    case 'sla.breached':
    case 'sla.escalated':
    case 'sla.form04_drafted': {
      const kind = event.type.slice('sla.'.length) as keyof DossierState['slaRaised'];
      return Object.assign(s, { slaRaised: { ...s.slaRaised, [kind]: (s.slaRaised[kind] ?? 0) + 1 }, timersCheckedAt: Math.max(s.timersCheckedAt, ms(event.payload.raisedAt)) });
    }
  }
}

/** Rebuilds a dossier's state from its events. */
export function replay(initial: DossierState, events: readonly DossierEvent[]): DossierState {
  return events.reduce(evolve, initial);
}
