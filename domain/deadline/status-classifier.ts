/**
 * The one canonical deadline status classifier, used by every view, report and timer.
 *
 * Finished (finishedAt = end of processing), against a due instant:
 *   late      finishedAt > due                                              (quá hạn)
 *   on_time   finishedAt ≤ due, on the same local date as due (UTC+7)       (đúng hạn)
 *   early     finishedAt ≤ due, on an earlier local date                    (trước hạn)
 * Open, at instant `now` (while a pause stops the clock, `now` is the pause's start):
 *   overdue   now > due                                                     (quá hạn)
 *   due_soon  working minutes from now to due ≤ threshold                   (sắp hết hạn)
 *   within    otherwise                                                     (trong hạn)
 *   threshold = budget × shortBudgetDueSoonFraction  if budget < shortBudgetWorkingMinutes
 *             = dueSoonWorkingMinutes                 otherwise (and for calendar-day budgets)
 *   defaults: 480 (one working day); 25% when the budget is under 960 (two working days).
 * Instants are compared, never dates: exactly at due is on time, one millisecond later is late.
 *
 * The dossier's lateness is judged against its reference due: the Form 01 appointment moved by the
 * pause rules only (a Form 04 extension is the apology for being late, not a new chance: "late, with
 * apology"), or, where a locality counts so (form04Counting = new_appointment), the extended appointment.
 *
 * KPI view (Decision 766, indicator 2.1): the same rules against the KPI due (committed due plus
 * subtracted supplement waiting time, extensions ignored); more than one supplement request
 * makes the dossier late (finished) or overdue (open).
 */
import type { ClassifierSettings } from '../../contracts/deadline-ledger.contract';
import { toWorkingMinutes } from '../../contracts/duration.contract';
import { DomainError } from '../domain-error';
import { localDayNumber } from '../calendar/local-time';
import { addWorkingTime, workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';
import {
  activePause,
  form01Due,
  getStep,
  isClockStopped,
  openSteps,
  type DeadlineLedger,
} from './deadline-ledger';

export type FinishedStatus = 'early' | 'on_time' | 'late';
export type OpenStatus = 'within' | 'due_soon' | 'overdue';
export type DeadlineStatus = FinishedStatus | OpenStatus;
export type KpiStatus = FinishedStatus | 'within' | 'overdue';

export type { ClassifierSettings };

export const DEFAULT_CLASSIFIER_SETTINGS: Readonly<ClassifierSettings> = Object.freeze({
  dueSoonWorkingMinutes: 480,
  shortBudgetWorkingMinutes: 960,
  shortBudgetDueSoonFraction: 0.25,
  form04LeadWorkingMinutes: 480,
  utcOffsetMinutes: 420,
  form04Counting: 'late_with_apology',
});

// settings objects come from pinned dossier inputs and are never changed: merge each once
const merged = new WeakMap<object, ClassifierSettings>();

let lastGiven: object | undefined;
let lastFull: ClassifierSettings = DEFAULT_CLASSIFIER_SETTINGS;

function settingsOf(s?: Partial<ClassifierSettings>): ClassifierSettings {
  if (s === undefined) return DEFAULT_CLASSIFIER_SETTINGS;
  if (s === lastGiven) return lastFull;
  let full = merged.get(s);
  if (!full) {
    const given = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Partial<ClassifierSettings>;
    full = { ...DEFAULT_CLASSIFIER_SETTINGS, ...given };
    merged.set(s, full);
  }
  lastGiven = s;
  lastFull = full;
  return full;
}

/**
 * The instant a dossier's lateness is judged against: the Form 01 appointment moved by pauses only,
 * or the current (extended) appointment where the settings count Form 04 so.
 */
export function referenceDueMs(ledger: DeadlineLedger, settings?: Partial<ClassifierSettings>): number {
  return referenceDue(ledger, settingsOf(settings));
}

function referenceDue(ledger: DeadlineLedger, s: ClassifierSettings): number {
  return s.form04Counting === 'new_appointment' ? ledger.committedDueMs : form01Due(ledger);
}

/** early | on_time | late of a finished dossier or step. */
export function classifyFinished(finishedAt: number, dueMs: number, settings?: Partial<ClassifierSettings>): FinishedStatus {
  const s = settingsOf(settings);
  if (finishedAt > dueMs) return 'late';
  return localDayNumber(finishedAt, s.utcOffsetMinutes) < localDayNumber(dueMs, s.utcOffsetMinutes) ? 'early' : 'on_time';
}

/** Working minutes of remaining time at or under which a budget is due_soon. */
export function dueSoonThresholdMinutes(budgetWorkingMinutes: number | undefined, settings?: Partial<ClassifierSettings>): number {
  const s = settingsOf(settings);
  if (budgetWorkingMinutes !== undefined && budgetWorkingMinutes < s.shortBudgetWorkingMinutes) {
    return budgetWorkingMinutes * s.shortBudgetDueSoonFraction;
  }
  return s.dueSoonWorkingMinutes;
}

/** within | due_soon | overdue of an open dossier or step at `now`. */
export function classifyOpen(
  now: number,
  dueMs: number,
  budgetWorkingMinutes: number | undefined,
  cal: WorkingCalendar,
  settings?: Partial<ClassifierSettings>,
): OpenStatus {
  if (now > dueMs) return 'overdue';
  const remaining = workingTimeBetween(now, dueMs, cal);
  return remaining <= dueSoonThresholdMinutes(budgetWorkingMinutes, settings) ? 'due_soon' : 'within';
}

/** The instant that stands for `now` in the ledger: the pause's start while the clock is stopped. */
export function clockInstant(ledger: DeadlineLedger, now: number): number {
  const p = activePause(ledger);
  return p !== undefined && isClockStopped(ledger) ? Math.min(now, p.fromMs) : now;
}

export interface ClassifyDossierOptions {
  /** The committed due (appointment, default) or the legal due. */
  against?: 'committed' | 'legal';
  settings?: Partial<ClassifierSettings>;
}

/** Status of the whole dossier: finished once the ledger is closed. */
export function classifyDossier(ledger: DeadlineLedger, now: number, cal: WorkingCalendar, opts: ClassifyDossierOptions = {}): DeadlineStatus {
  const legal = opts.against === 'legal';
  const due = legal ? ledger.legalDueMs : referenceDueMs(ledger, opts.settings);
  if (ledger.closedAt !== undefined) return classifyFinished(ledger.closedAt, due, opts.settings);
  const budget = toWorkingMinutes(legal ? ledger.legalBudget : ledger.committedBudget);
  return classifyOpen(clockInstant(ledger, now), due, budget, cal, opts.settings);
}

/** Status of one step against its own due (Form 06: one result per hand-off). */
export function classifyStep(
  ledger: DeadlineLedger,
  stepId: string,
  now: number,
  cal: WorkingCalendar,
  settings?: Partial<ClassifierSettings>,
): DeadlineStatus {
  const step = getStep(ledger, stepId);
  if (step.finishedAt !== undefined) return classifyFinished(step.finishedAt, step.dueMs, settings);
  return classifyOpen(clockInstant(ledger, now), step.dueMs, toWorkingMinutes(step.allotment), cal, settings);
}

/**
 * Decision 766 indicator 2.1 view at `at`: against the KPI due (supplement waiting subtracted,
 * extensions ignored); while any pause is active the KPI clock stands at the pause's start;
 * more than one supplement request ⇒ late / overdue. Open dossiers are within or overdue.
 */
export function classifyForKpi(ledger: DeadlineLedger, at: number, settings?: Partial<ClassifierSettings>): KpiStatus {
  const tooManyRequests = ledger.supplementRequestCount > 1;
  if (ledger.closedAt !== undefined) {
    return tooManyRequests ? 'late' : classifyFinished(ledger.closedAt, ledger.kpiDueMs, settings);
  }
  if (tooManyRequests) return 'overdue';
  const p = activePause(ledger);
  const clock = p !== undefined ? Math.min(at, p.fromMs) : at;
  return clock > ledger.kpiDueMs ? 'overdue' : 'within';
}

// ---------------------------------------------------------------------------------------------
// Timers

export type TimerKind = 'form04_draft' | 'warning' | 'breach';

export interface TimerPlanItem {
  /** The instant at which the status changes (breach: due + 1 ms, the first overdue instant). */
  at: number;
  kind: TimerKind;
  scope: 'dossier' | 'step';
  stepId?: string;
  dueMs: number;
}

const KIND_ORDER: Record<TimerKind, number> = { form04_draft: 0, warning: 1, breach: 2 };

/**
 * The future instants (strictly after `now`) at which the status of the dossier or of an open
 * step changes, earliest first: `warning` when it becomes due_soon, `breach` when it becomes
 * overdue (due + 1 ms, since exactly at due is still on time), and for the dossier
 * `form04_draft` when one working day (form04LeadWorkingMinutes) remains. The dossier's warning,
 * draft and breach watch the current appointment; an extended dossier breaches at its reference
 * due (the Form 01 appointment) too, since that is when it became late. Nothing while the
 * clock is stopped by a pause (resuming recomputes the plan) or after closing. Ties are ordered
 * form04_draft, warning, breach, then dossier before steps, then by step id.
 */
export function timerPlan(
  ledger: DeadlineLedger,
  now: number,
  cal: WorkingCalendar,
  settings?: Partial<ClassifierSettings>,
): TimerPlanItem[] {
  const items: TimerPlanItem[] = [];
  planTimers(ledger, now, cal, settings, {
    add(at, kind, stepId, dueMs) {
      items.push(stepId === undefined ? { at, kind, scope: 'dossier', dueMs } : { at, kind, scope: 'step', stepId, dueMs });
    },
  });
  return items.sort(
    (a, b) =>
      a.at - b.at ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.scope === b.scope ? 0 : a.scope === 'dossier' ? -1 : 1) ||
      cmp(a.stepId ?? '', b.stepId ?? ''),
  );
}

/** The instant of the first item of timerPlan (what a timer is armed for), without building the plan. */
export function firstTimerAt(
  ledger: DeadlineLedger,
  now: number,
  cal: WorkingCalendar,
  settings?: Partial<ClassifierSettings>,
): number | undefined {
  const earliest = new Earliest();
  planTimers(ledger, now, cal, settings, earliest);
  return earliest.first;
}

/** Where planTimers hands its items: an item of the dossier has no step id. */
interface TimerSink {
  add(at: number, kind: TimerKind, stepId: string | undefined, dueMs: number): void;
}

class Earliest implements TimerSink {
  first: number | undefined = undefined;
  add(at: number): void {
    if (this.first === undefined || at < this.first) this.first = at;
  }
}

// planTimers and its helpers are top-level functions, not closures made at each call: the decider
// plans after every decision, and a closure per call (with tsx, also a __name call) is what cost most

function planTimers(ledger: DeadlineLedger, now: number, cal: WorkingCalendar, settings: Partial<ClassifierSettings> | undefined, sink: TimerSink): void {
  if (ledger.closedAt !== undefined || isClockStopped(ledger)) return;
  if (cal.version !== ledger.calendarVersion) {
    throw new DomainError('CALENDAR_VERSION_MISMATCH', `ledger uses calendar ${ledger.calendarVersion}, got ${cal.version}`, {
      expected: ledger.calendarVersion,
      actual: cal.version,
    });
  }
  const s = settingsOf(settings);
  planDue(sink, now, cal, s, ledger.committedDueMs, toWorkingMinutes(ledger.committedBudget), undefined, true);
  const reference = referenceDue(ledger, s);
  if (reference < ledger.committedDueMs && now <= reference) sink.add(reference + 1, 'breach', undefined, reference);
  for (const step of openSteps(ledger)) planDue(sink, now, cal, s, step.dueMs, toWorkingMinutes(step.allotment), step.stepId, false);
}

/** The changes of one due (the dossier's, or an open step's) after `now`. */
function planDue(sink: TimerSink, now: number, cal: WorkingCalendar, s: ClassifierSettings, dueMs: number, budget: number | undefined, stepId: string | undefined, form04: boolean): void {
  if (now > dueMs) return;
  const remaining = workingTimeBetween(now, dueMs, cal);
  if (form04) {
    const t = instantBefore(now, remaining, s.form04LeadWorkingMinutes, cal);
    if (t !== undefined && t > now) sink.add(t, 'form04_draft', stepId, dueMs);
  }
  const w = instantBefore(now, remaining, dueSoonThresholdMinutes(budget, s), cal);
  if (w !== undefined && w > now) sink.add(w, 'warning', stepId, dueMs);
  sink.add(dueMs + 1, 'breach', stepId, dueMs);
}

/** The instant `lead` working minutes before a due `remaining` working minutes after `now`, if it lies ahead. */
function instantBefore(now: number, remaining: number, lead: number, cal: WorkingCalendar): number | undefined {
  return remaining > lead ? addWorkingTime(now, remaining - lead, cal) : undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
