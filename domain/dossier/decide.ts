import type { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import type { DossierEvent, DossierEventType, EventPayload } from '../../contracts/events';
import type { DeadlineLedger } from '../../contracts/deadline-ledger.contract';
import type { ProcedureStep } from '../../contracts/procedure.contract';
import { getCalendar } from '../calendar/calendar-registry';
import { computeDue } from '../calendar/deadline';
import { assertInstantInCalendar, workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';
import { assertExtensionAllowed, closeLedger, consumedByStepOf, consumedByUnit, form01Due, resume } from '../deadline/deadline-ledger';
import { classifyFinished, classifyForKpi, referenceDueMs } from '../deadline/status-classifier';
import { DomainError } from '../domain-error';
import { predecessors } from '../procedure/step-graph';
import { findTask, openTasks, type DossierState, type TaskState } from './dossier-state';
import { evolve } from './evolve';
import { iso, ms } from '../calendar/local-time';
import { makeEvent } from './event-factory';
import { initialSteps, processingComplete, readyAfter, returnStepsOf, returnTargets, unitForStep } from './routing';
import { slaEvents } from './sla-timers';

/** Commands the workflow itself issues: the start of the dossier and a timer firing. */
export type InternalCommand = { type: 'dossier.start' } | { type: 'clock.tick' };
export type DeciderCommand = DossierCommand | InternalCommand;

/**
 * Accumulates a decision's events, evolving the state after each, so later events of the same
 * decision see the effect of earlier ones (a completion, then the hand-off it causes).
 */
export class Decision {
  readonly events: DossierEvent[] = [];
  constructor(
    public state: DossierState,
    readonly now: number,
  ) {}
  get cal(): WorkingCalendar {
    return getCalendar(this.state.input.calendarVersion);
  }
  emit<T extends DossierEventType>(type: T, payload: EventPayload<T>, unitId?: string): void {
    const e = makeEvent(this.state, type, this.now, payload, unitId);
    this.state = evolve(this.state, e);
    this.events.push(e);
  }
}

const reject = (code: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, message, details);
};

function decideWith(d: Decision, command: DeciderCommand): void {
  const state = d.state;
  const now = d.now;
  if (state.phase === 'closed' && command.type !== 'clock.tick') reject('DOSSIER_CLOSED', `dossier ${state.input.dossierCode} is closed (${state.closedReason})`);
  switch (command.type) {
    case 'dossier.start':
      return start(d);
    case 'clock.tick':
      return tick(d);
    case 'task.claim': {
      const t = officerTask(d, command, ['open']);
      d.emit('task.claimed', { taskId: t.taskId, unitId: t.unitId, officerId: command.officerId, claimedAt: iso(now), taskVersion: t.version + 1 }, t.unitId);
      return;
    }
    case 'task.reassign': {
      const t = officerTask(d, command, ['open', 'claimed']);
      d.emit('task.reassigned', { taskId: t.taskId, unitId: t.unitId, ...(t.claimedBy ? { fromOfficerId: t.claimedBy } : {}), toOfficerId: command.toOfficerId, reassignedAt: iso(now), taskVersion: t.version + 1 }, t.unitId);
      return;
    }
    case 'task.complete':
      return complete(d, command);
    case 'task.return':
      return returnTask(d, command);
    case 'task.transfer': {
      const t = officerTask(d, command, ['open', 'claimed']);
      if (command.toUnitId === t.unitId) reject('TRANSFER_TO_SAME_UNIT', `task ${t.taskId} is already at ${t.unitId}`);
      d.emit(
        'task.transferred',
        { taskId: t.taskId, fromUnitId: t.unitId, toUnitId: command.toUnitId, reason: command.reason, cause: 'transfer', transferredAt: iso(now), dueAt: iso(t.dueMs), taskVersion: t.version + 1, classification: handOffClassification(d, t) },
        command.toUnitId,
      );
      return;
    }
    case 'supplement.request':
      return requestSupplement(d, command);
    case 'supplement.resubmit':
      return resubmit(d, command);
    case 'payment.request': {
      const t = workedTask(d, command);
      // after result_ready the ledger is closed: a pause could never be resumed
      if (d.state.phase !== 'processing') reject('PAYMENT_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot wait for payment`, { phase: d.state.phase });
      if (!d.state.input.procedure.hasFinancialObligation) reject('PAYMENT_NOT_APPLICABLE', `procedure ${d.state.input.procedureCode} has no financial obligation`);
      d.emit('dossier.payment_requested', { statusCode: 6, taskId: t.taskId, unitId: t.unitId, kind: command.kind, amountVnd: command.amountVnd, requestedAt: iso(now) }, t.unitId);
      return;
    }
    case 'payment.record': {
      if (d.state.phase !== 'payment') reject('NOT_AWAITING_PAYMENT', 'no financial obligation is pending');
      const l = d.state.ledger!;
      const after = resume(l, { at: now }, d.cal);
      d.emit('dossier.payment_recorded', {
        statusCode: 4,
        recordedAt: iso(now),
        source: command.source,
        paidOnline: command.paidOnline,
        amountVnd: command.amountVnd,
        reference: command.reference,
        waitingWorkingMinutes: workingTimeBetween(l.pauses.at(-1)!.fromMs, now, d.cal),
        appointmentAt: iso(after.committedDueMs),
        legalDueAt: iso(after.legalDueMs),
        taskDues: taskDuesIn(d.state, after),
      });
      return;
    }
    case 'dossier.extend':
      return extendDossier(d, command);
    case 'dossier.withdraw': {
      if (!['processing', 'supplement', 'payment', 'awaiting_reception_supplement'].includes(d.state.phase)) reject('WITHDRAW_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot be withdrawn`);
      d.emit('dossier.withdrawn', { statusCode: 7, withdrawnAt: iso(now), reason: command.reason, classification: endedClassification(d) });
      return;
    }
    case 'dossier.stop': {
      if (!['processing', 'supplement', 'payment'].includes(d.state.phase)) reject('STOP_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot be stopped`);
      responsibleUnit(d, command.unitId);
      d.emit('dossier.stopped', { statusCode: 8, stoppedAt: iso(now), unitId: command.unitId, officerId: command.officerId, reason: command.reason, classification: endedClassification(d) }, command.unitId);
      return;
    }
    case 'result.return': {
      if (d.state.phase !== 'result_ready') reject('RESULT_NOT_READY', 'the result is not ready to be returned');
      if (returnStepsOf(d.state.input.procedure).length > 0) reject('RESULT_RETURNED_BY_TASK', 'this procedure returns the result through its hand-over task');
      // delivering electronically needs a result issued electronically: the two facts never contradict each other
      if (command.electronic && d.state.electronicResult === false) reject('RESULT_NOT_ELECTRONIC', 'a result issued on paper cannot be delivered electronically');
      d.emit('dossier.result_returned', { statusCode: 10, returnedAt: iso(now), unitId: command.unitId, method: command.method, electronic: command.electronic }, command.unitId);
      return;
    }
    case 'dossier.rate':
      if (d.state.phase !== 'returned') reject('RESULT_NOT_RETURNED', 'a dossier is rated after its result is returned');
      d.emit('dossier.rated', { ratedAt: iso(now), score: command.score });
      return;
    case 'dossier.complain':
      if (d.state.phase === 'awaiting_reception_supplement') reject('NOT_RECEIVED', 'the dossier has not been received');
      d.emit('dossier.complaint_filed', { filedAt: iso(now), category: command.category, reference: command.reference });
      return;
    case 'dossier.reorganise': {
      if (command.fromUnitId === command.toUnitId) reject('TRANSFER_TO_SAME_UNIT', 'successor and predecessor are the same unit');
      const moving = openTasks(d.state).filter((t) => t.unitId === command.fromUnitId);
      // steps not started yet that were routed to the dissolved unit go to its successor too
      const busy = new Set(openTasks(d.state).map((t) => t.stepId));
      const future = Object.entries(d.state.input.routing)
        .filter(([stepId, unitId]) => unitId === command.fromUnitId && !busy.has(stepId) && !d.state.doneSteps.includes(stepId))
        .map(([stepId]) => stepId);
      if (moving.length === 0 && future.length === 0) reject('UNIT_HAS_NO_OPEN_TASKS', `${command.fromUnitId} holds no open or future task of this dossier`);
      if (future.length > 0) d.emit('dossier.rerouted', { fromUnitId: command.fromUnitId, toUnitId: command.toUnitId, stepIds: future, reason: command.reason, reroutedAt: iso(now) }, command.toUnitId);
      for (const t of moving) {
        d.emit(
          'task.transferred',
          { taskId: t.taskId, fromUnitId: t.unitId, toUnitId: command.toUnitId, reason: command.reason, cause: 'reorganisation', transferredAt: iso(now), dueAt: iso(t.dueMs), taskVersion: t.version + 1, classification: handOffClassification(d, t) },
          command.toUnitId,
        );
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reception

function committedBudgetOf(s: DossierState) {
  const dl = s.input.procedure.deadlines;
  return s.input.channel === 'online' && dl.online ? dl.online : dl.committed;
}

function receive(d: Decision, receivedAt: number, digitisedExtra = 0): void {
  const s = d.state;
  const opts = s.input.procedure.receptionCutOff ? { cutoff: s.input.procedure.receptionCutOff } : {};
  const committed = computeDue(receivedAt, committedBudgetOf(s), d.cal, opts);
  const legal = computeDue(receivedAt, s.input.procedure.deadlines.legal, d.cal, opts);
  d.emit('dossier.received', {
    channel: s.input.channel,
    applicantKey: s.input.applicantKey,
    procedureVersion: String(s.input.procedure.version),
    receivedAt: iso(receivedAt),
    clockStartAt: iso(committed.effectiveStartMs),
    appointmentAt: iso(committed.dueMs),
    legalDueAt: iso(legal.dueMs),
    committedBudget: committedBudgetOf(s),
    legalBudget: s.input.procedure.deadlines.legal,
    componentsTotal: s.input.componentsTotal,
    componentsDigitised: Math.min(s.input.componentsTotal, s.input.componentsDigitised + digitisedExtra),
    componentsReused: s.input.componentsReused,
  });
  // the first tasks have been open since reception: a dossier entered after the fact has used their time
  for (const step of initialSteps(s.input.procedure)) assign(d, step, [], [], receivedAt);
  // and every SLA instant between reception and now has already passed: raise it in this decision
  slaEvents(d);
}

function start(d: Decision): void {
  if (d.state.sequence > 0) reject('DOSSIER_ALREADY_STARTED', 'the dossier has already started');
  const r = d.state.input.reception;
  // an instant the calendar cannot count is the caller's mistake, not a reason for the workflow to fail
  assertInstantInCalendar(ms(d.state.input.receivedAt), d.cal, 'receivedAt');
  if (r.outcome === 'supplement') assertInstantInCalendar(ms(r.applicantDeadlineAt), d.cal, 'reception.applicantDeadlineAt');
  switch (r.outcome) {
    case 'accept':
      return receive(d, ms(d.state.input.receivedAt));
    case 'refuse':
      return d.emit('dossier.refused', { statusCode: 3, refusedAt: iso(d.now), reason: r.reason });
    case 'supplement':
      return d.emit('dossier.reception_supplement_requested', { statusCode: 5, requestedAt: iso(d.now), reason: r.reason, missing: r.missing, applicantDeadlineAt: r.applicantDeadlineAt });
  }
}

// ---------------------------------------------------------------------------------------------
// Tasks

function assign(d: Decision, step: ProcedureStep, fromTaskIds: string[], fromUnitIds: string[], at = d.now): void {
  const attempt = (d.state.attempts[step.id] ?? 0) + 1;
  const unitId = unitForStep(d.state, step.id);
  const due = computeDue(at, step.allotment, d.cal);
  d.emit(
    'task.assigned',
    {
      taskId: `${step.id}#${attempt}`,
      stepId: step.id,
      stepName: step.name,
      stepKind: step.kind,
      unitId,
      assignedAt: iso(at),
      dueAt: iso(due.dueMs),
      allotment: step.allotment,
      fromTaskIds,
      fromUnitIds,
      taskVersion: 0,
    },
    unitId,
  );
}

type OfficerRef = { taskId: string; taskVersion: number; unitId: string; officerId: string };

/** The checks every officer command passes: known task, right unit, not stale, in an acceptable state. */
function officerTask(d: Decision, c: OfficerRef, allowed: TaskState['status'][]): TaskState {
  const t = findTask(d.state, c.taskId);
  if (!t) return reject('TASK_UNKNOWN', `no task ${c.taskId} in dossier ${d.state.input.dossierCode}`, { taskId: c.taskId });
  if (t.unitId !== c.unitId) reject('TASK_NOT_ASSIGNED_TO_UNIT', `task ${t.taskId} is assigned to ${t.unitId}, not ${c.unitId}`, { taskId: t.taskId, unitId: t.unitId });
  if (t.version !== c.taskVersion) reject('TASK_VERSION_STALE', `task ${t.taskId} is at version ${t.version}, the command saw ${c.taskVersion}`, { taskId: t.taskId, version: t.version });
  if (!allowed.includes(t.status)) reject('TASK_NOT_OPEN', `task ${t.taskId} is ${t.status}`, { taskId: t.taskId, status: t.status });
  if (d.state.phase === 'supplement' || d.state.phase === 'payment') {
    reject('DOSSIER_PAUSED', `the dossier waits for the applicant (${d.state.phase})`, { phase: d.state.phase });
  }
  return t;
}

/**
 * An officer working a task (complete, return, supplement, payment): an unclaimed task is taken
 * implicitly (one command per hand-off, as most desks work), a task claimed by a colleague is not.
 */
function workedTask(d: Decision, c: OfficerRef): TaskState {
  const t = officerTask(d, c, ['open', 'claimed']);
  if (t.status === 'claimed' && t.claimedBy !== c.officerId) {
    reject('TASK_CLAIMED_BY_OTHER', `task ${t.taskId} is claimed by ${t.claimedBy}`, { taskId: t.taskId, claimedBy: t.claimedBy });
  }
  return t;
}

function complete(d: Decision, c: Extract<DossierCommand, { type: 'task.complete' }>): void {
  const t = workedTask(d, c);
  const step = d.state.input.procedure.steps.find((s) => s.id === t.stepId)!;
  const exactConsumed = t.inLedger ? consumedOf(d, t.taskId) : workingTimeBetween(t.assignedAt, d.now, d.cal);
  d.emit(
    'task.completed',
    {
      taskId: t.taskId,
      stepId: t.stepId,
      unitId: t.unitId,
      officerId: c.officerId,
      outcome: c.outcome,
      ...(c.note !== undefined ? { note: c.note } : {}),
      completedAt: iso(d.now),
      dueAt: iso(t.dueMs),
      consumedWorkingMinutes: exactConsumed,
      classification: handOffClassification(d, t),
      taskVersion: t.version + 1,
    },
    t.unitId,
  );
  if (step.kind === 'result_return') {
    if (openTasks(d.state).length === 0) {
      const online = d.state.input.channel === 'online' && d.state.electronicResult !== false;
      d.emit('dossier.result_returned', { statusCode: 10, returnedAt: iso(d.now), unitId: t.unitId, method: online ? 'online' : 'desk', electronic: online });
    }
    return;
  }
  if (c.outcome === 'denied') return finishProcessing(d, 'denied', t);
  const done = new Set(d.state.doneSteps);
  for (const next of readyAfter(d.state.input.procedure, t.stepId, done)) {
    // a branch still being worked (its sibling was returned before the fork) keeps its task
    if (openTasks(d.state).some((x) => x.stepId === next.id)) continue;
    const givers = giversOf(d.state, next.id);
    assign(d, next, givers.map((g) => g.taskId), [...new Set(givers.map((g) => g.unitId))]);
  }
  if (processingComplete(d.state.input.procedure, new Set(d.state.doneSteps)) && openTasks(d.state).length === 0) finishProcessing(d, 'granted', t);
}

/** A hand-off now (completion, return, transfer): the giver's result against the step's due, with the dossier's settings (Form 06). */
function handOffClassification(d: Decision, t: TaskState): 'early' | 'on_time' | 'late' {
  return classifyFinished(d.now, t.dueMs, d.state.input.settings.classifier);
}

/** A join hands off from the latest completed task of each of its predecessors (every branch of a fork). */
function giversOf(s: DossierState, stepId: string): TaskState[] {
  return predecessors(s.input.procedure.steps, stepId)
    .map((pre) => s.tasks.filter((x) => x.stepId === pre.id && x.status === 'done').at(-1))
    .filter((x): x is TaskState => x !== undefined);
}

/**
 * Working minutes the ledger will record for the task's step when it finishes now (pauses excluded),
 * the ledger's own count, so the event and the ledger agree even when a segment began during a pause.
 */
function consumedOf(d: Decision, taskId: string): number {
  const l = d.state.ledger;
  if (!l || !l.steps.some((s) => s.stepId === taskId)) return 0;
  return consumedByStepOf(l, taskId, d.now, d.cal);
}

/**
 * Classification of a dossier ending now (withdrawn, stopped) against its reference due as the closed
 * ledger has it: a pause still running ends now and shifts the due first, as closing will record.
 */
function endedClassification(d: Decision): 'early' | 'on_time' | 'late' | null {
  const l = d.state.ledger;
  if (!l) return null;
  const settings = d.state.input.settings.classifier;
  const closed = closeLedger(l, { at: d.now }, d.cal);
  return classifyFinished(d.now, referenceDueMs(closed, settings), settings);
}

function finishProcessing(d: Decision, outcome: 'granted' | 'denied', by: TaskState): void {
  const l = d.state.ledger!;
  const settings = d.state.input.settings.classifier;
  const closed = closeLedger(l, { at: d.now }, d.cal);
  const pausedMinutes = closed.pauses.reduce((sum, p) => sum + (p.workingMinutes ?? 0), 0);
  const kpi = classifyForKpi(closed, d.now, settings);
  d.emit('dossier.result_ready', {
    statusCode: 9,
    finishedAt: iso(d.now),
    outcome,
    electronicResult: d.state.input.channel === 'online' || d.state.input.procedure.onlineLevel === 'full',
    appointmentAt: iso(closed.committedDueMs),
    form01AppointmentAt: iso(form01Due(closed)),
    extensions: d.state.extensions,
    legalDueAt: iso(closed.legalDueMs),
    classification: classifyFinished(d.now, referenceDueMs(closed, settings), settings),
    classificationLegal: classifyFinished(d.now, closed.legalDueMs, settings),
    classificationKpi: kpi === 'within' ? 'on_time' : kpi === 'overdue' ? 'late' : kpi,
    processingWorkingMinutes: Math.max(0, workingTimeBetween(closed.effectiveStartMs, d.now, d.cal) - pausedMinutes),
    kpiWaitingWorkingMinutes: closed.kpiWaitingMinutes,
    supplementRequests: closed.supplementRequestCount,
    consumedByUnit: consumedByUnit(closed, d.now, d.cal),
  });
  // the result goes to the hand-over desk from every branch that joins there (Form 06: one row per giver)
  for (const step of returnStepsOf(d.state.input.procedure)) {
    // a denial ends processing before the steps that lead to the hand-over: the denying task gives the result
    const joined = giversOf(d.state, step.id);
    const givers = joined.length > 0 ? joined : [by];
    assign(d, step, givers.map((g) => g.taskId), [...new Set(givers.map((g) => g.unitId))]);
  }
}

function returnTask(d: Decision, c: Extract<DossierCommand, { type: 'task.return' }>): void {
  const t = workedTask(d, c);
  // after result_ready the processing ledger is closed: reopening a processing step could never finish
  if (d.state.phase !== 'processing') reject('RETURN_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot send work back`, { phase: d.state.phase });
  const targets = returnTargets(d.state.input.procedure, t.stepId, c.toStepId);
  d.emit(
    'task.returned',
    {
      taskId: t.taskId,
      stepId: t.stepId,
      unitId: t.unitId,
      officerId: c.officerId,
      reason: c.reason,
      returnedAt: iso(d.now),
      toStepIds: targets.map((s) => s.id),
      consumedWorkingMinutes: consumedOf(d, t.taskId),
      taskVersion: t.version + 1,
      classification: handOffClassification(d, t),
    },
    t.unitId,
  );
  for (const target of targets) assign(d, target, [t.taskId], [t.unitId]);
}

// ---------------------------------------------------------------------------------------------
// Pauses, extension

function requestSupplement(d: Decision, c: Extract<DossierCommand, { type: 'supplement.request' }>): void {
  const t = workedTask(d, c);
  // after result_ready the ledger is closed: a pause could never be resumed
  if (d.state.phase !== 'processing') reject('SUPPLEMENT_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot ask for a supplement`, { phase: d.state.phase });
  const byUnit = (d.state.supplementsByUnit[t.unitId] ?? 0) + 1;
  const total = d.state.supplementsTotal + 1;
  const deadline = c.applicantDeadlineAt ? ms(c.applicantDeadlineAt) : d.now + d.state.input.settings.supplementWindowMinutes * 60_000;
  if (deadline <= d.now) reject('SUPPLEMENT_DEADLINE_IN_PAST', 'the applicant must be given time to supplement');
  assertInstantInCalendar(deadline, d.cal, 'applicantDeadlineAt');
  d.emit(
    'dossier.supplement_requested',
    {
      statusCode: 5,
      taskId: t.taskId,
      unitId: t.unitId,
      officerId: c.officerId,
      reason: c.reason,
      missing: c.missing,
      requestedAt: iso(d.now),
      applicantDeadlineAt: iso(deadline),
      requestsByUnit: byUnit,
      requestsTotal: total,
      repeatedInUnit: byUnit > 1,
      kpiOverdue: total > 1,
      policy: d.state.input.procedure.supplementClock,
    },
    t.unitId,
  );
}

function resubmit(d: Decision, c: Extract<DossierCommand, { type: 'supplement.resubmit' }>): void {
  if (d.state.phase === 'awaiting_reception_supplement') return receive(d, d.now, c.componentsDigitised);
  if (d.state.phase !== 'supplement') reject('NOT_AWAITING_SUPPLEMENT', 'no supplement was requested');
  const l = d.state.ledger!;
  const after = resume(l, { at: d.now }, d.cal);
  d.emit('dossier.supplement_received', {
    statusCode: 4,
    receivedAt: iso(d.now),
    waitingWorkingMinutes: workingTimeBetween(l.pauses.at(-1)!.fromMs, d.now, d.cal),
    policy: d.state.input.procedure.supplementClock,
    appointmentAt: iso(after.committedDueMs),
    legalDueAt: iso(after.legalDueMs),
    taskDues: taskDuesIn(d.state, after),
    componentsDigitised: c.componentsDigitised,
  });
}

/** The open tasks' dues in a ledger that has just resumed. */
function taskDuesIn(s: DossierState, ledger: DeadlineLedger): Array<{ taskId: string; dueAt: string }> {
  return openTasks(s).flatMap((t) => {
    const step = ledger.steps.find((x) => x.stepId === t.taskId);
    return t.inLedger && step ? [{ taskId: t.taskId, dueAt: iso(step.dueMs) }] : [];
  });
}

/** The unit that may act for the whole dossier: one that holds an open task of it. */
function responsibleUnit(d: Decision, unitId: string): void {
  if (!openTasks(d.state).some((t) => t.unitId === unitId)) {
    reject('UNIT_NOT_RESPONSIBLE', `${unitId} holds no open task of dossier ${d.state.input.dossierCode}`, { unitId });
  }
}

function extendDossier(d: Decision, c: Extract<DossierCommand, { type: 'dossier.extend' }>): void {
  if (d.state.phase !== 'processing') reject('EXTENSION_NOT_ALLOWED', `a dossier in phase ${d.state.phase} cannot be extended`);
  responsibleUnit(d, c.unitId);
  const l = d.state.ledger!;
  const newDue = ms(c.newAppointmentAt);
  assertInstantInCalendar(newDue, d.cal, 'newAppointmentAt');
  assertExtensionAllowed(l, d.now, newDue);
  d.emit(
    'dossier.extended',
    { unitId: c.unitId, officerId: c.officerId, reason: c.reason, extendedAt: iso(d.now), previousAppointmentAt: iso(l.committedDueMs), appointmentAt: iso(newDue), extensionNumber: d.state.extensions + 1 },
    c.unitId,
  );
}

// ---------------------------------------------------------------------------------------------
// Time

function tick(d: Decision): void {
  const s = d.state;
  if (s.applicantDeadlineMs !== undefined && d.now >= s.applicantDeadlineMs && (s.phase === 'supplement' || s.phase === 'awaiting_reception_supplement')) {
    d.emit('dossier.not_received', { statusCode: 3, closedAt: iso(d.now), reason: 'supplement_deadline_expired' });
    return;
  }
  slaEvents(d);
}

/** Decides and returns the events with the state they lead to (the workflow keeps both). */
export function run(command: DeciderCommand, state: DossierState, now: number): { events: DossierEvent[]; state: DossierState } {
  const d = new Decision(state, now);
  decideWith(d, command);
  return { events: d.events, state: d.state };
}
