import { toWorkingMinutes } from '../../contracts/duration.contract';
import type { ProcedureVersion } from '../../contracts/procedure.contract';
import { getCalendar } from '../calendar/calendar-registry';
import { workingTimeBetween } from '../calendar/working-calendar';
import { firstTimerAt, timerPlan, type TimerPlanItem } from '../deadline/status-classifier';
import { comparableWorkingMinutes } from '../procedure/comparable-duration';
import type { Decision } from './decide';
import { openTasks, type DossierState } from './dossier-state';
import { iso } from '../calendar/local-time';
import { isReturnStep } from './routing';

/**
 * The next instant at which the dossier needs waking without a command: the earliest SLA change
 * (warning, breach, Form 04 draft), the applicant's supplement deadline, or the end of the rating
 * window. One timer for the whole dossier, re-derived after every decision.
 */
export function nextWakeUp(s: DossierState, now: number): number | undefined {
  const timer = s.ledger && s.phase !== 'closed' ? firstTimerAt(s.ledger, now, getCalendar(s.input.calendarVersion), s.input.settings.classifier) : undefined;
  // the earliest candidate after now; now itself if every candidate has passed; none without candidates
  let any = false;
  let later: number | undefined;
  for (const c of [timer, s.applicantDeadlineMs, ratingWindowEnd(s)]) {
    if (c === undefined) continue;
    any = true;
    if (c > now && (later === undefined || c < later)) later = c;
  }
  return later ?? (any ? now : undefined);
}

export function ratingWindowEnd(s: DossierState): number | undefined {
  return s.phase === 'returned' && s.returnedAt !== undefined ? s.returnedAt + s.input.settings.ratingWindowMinutes * 60_000 : undefined;
}

/** The workflow may end: closed, or returned with the rating window over. */
export function isDone(s: DossierState, now: number): boolean {
  if (s.phase === 'closed') return true;
  const end = ratingWindowEnd(s);
  return end !== undefined && now >= end;
}

/** Longest chain of allotments from `stepId` onwards over steps not done yet (what is left to do). */
function remainingPathMinutes(p: ProcedureVersion, stepId: string, done: ReadonlySet<string>, memo = new Map<string, number>()): number {
  const cached = memo.get(stepId);
  if (cached !== undefined) return cached;
  const step = p.steps.find((s) => s.id === stepId);
  if (!step || isReturnStep(step)) return 0;
  const own = done.has(stepId) ? 0 : comparableWorkingMinutes(step.allotment);
  const rest = Math.max(0, ...step.next.map((n) => remainingPathMinutes(p, n, done, memo)));
  memo.set(stepId, own + rest);
  return own + rest;
}

/** Emits the SLA events whose instants fell in (timersCheckedAt, now]. */
export function slaEvents(d: Decision): void {
  const s = d.state;
  if (!s.ledger || s.phase === 'closed' || s.phase === 'result_ready' || s.phase === 'returned') return;
  const cal = d.cal;
  // most decisions find nothing due: the first instant says so without building and sorting the plan
  const first = firstTimerAt(s.ledger, s.timersCheckedAt, cal, s.input.settings.classifier);
  if (first === undefined || first > d.now) return;
  const due = timerPlan(s.ledger, s.timersCheckedAt, cal, s.input.settings.classifier).filter((i) => i.at <= d.now);
  const key = (i: TimerPlanItem) => `${i.scope}:${i.stepId ?? ''}`;
  const breached = new Set(due.filter((i) => i.kind === 'breach').map(key));
  const raisedBreach = new Set<string>();
  for (const item of due) {
    // a tick that comes late raises the breach, not the warning that the breach has overtaken
    if (item.kind === 'warning' && breached.has(key(item))) continue;
    // an extended dossier late past both its Form 01 and its new appointment: the first breach says it
    if (item.kind === 'breach') {
      if (raisedBreach.has(key(item))) continue;
      raisedBreach.add(key(item));
    }
    // an apology draft is for before the appointment; after it the breach speaks
    if (item.kind === 'form04_draft' && d.now > item.dueMs) continue;
    raise(d, item);
  }
}

function raise(d: Decision, item: TimerPlanItem): void {
  const s = d.state;
  const open = openTasks(s);
  const task = item.scope === 'step' ? s.tasks.find((t) => t.taskId === item.stepId) : [...open].sort((a, b) => a.dueMs - b.dueMs)[0];
  if (item.scope === 'step' && (!task || (task.status !== 'open' && task.status !== 'claimed'))) return;
  const unitId = task?.unitId ?? s.input.unitId;
  const base = {
    scope: item.scope,
    ...(item.scope === 'step' && task ? { taskId: task.taskId } : {}),
    unitId,
    dueAt: iso(item.dueMs),
    raisedAt: iso(d.now),
    remainingWorkingMinutes: d.now <= item.dueMs ? workingTimeBetween(d.now, item.dueMs, d.cal) : -workingTimeBetween(item.dueMs, d.now, d.cal),
  };
  switch (item.kind) {
    case 'warning':
      return d.emit('sla.warning', base, unitId);
    case 'breach': {
      d.emit('sla.breached', base, unitId);
      // a unit that took the task over (transfer, reorganisation) may have no entry: its step's routed unit's supervisor, else the desk's
      const routed = task ? s.input.routing[task.stepId] : undefined;
      const supervisor = s.input.supervisors[unitId] ?? (routed ? s.input.supervisors[routed] : undefined) ?? s.input.supervisors[s.input.unitId];
      if (supervisor) d.emit('sla.escalated', { ...base, supervisorUnitId: supervisor }, supervisor);
      return;
    }
    case 'form04_draft': {
      const done = new Set(s.doneSteps);
      const remainingWork = Math.max(
        0,
        ...open.filter((t) => t.inLedger).map((t) => {
          const step = s.input.procedure.steps.find((x) => x.id === t.stepId)!;
          const allot = toWorkingMinutes(step.allotment) ?? comparableWorkingMinutes(step.allotment);
          const spent = workingTimeBetween(t.assignedAt, d.now, d.cal);
          const rest = Math.max(0, ...step.next.map((n) => remainingPathMinutes(s.input.procedure, n, done)));
          return Math.max(0, allot - spent) + rest;
        }),
      );
      const remainingTime = workingTimeBetween(d.now, item.dueMs, d.cal);
      // only when the remaining work cannot fit before the appointment does the unit need an apology
      if (remainingWork > remainingTime) d.emit('sla.form04_drafted', { ...base, remainingAllotmentWorkingMinutes: remainingWork }, unitId);
      return;
    }
  }
}
