/**
 * The deadline ledger: a dossier's deadlines as an explainable, immutable value.
 *
 * Every function is pure and returns a new ledger; nothing is mutated. Every change appends an
 * entry naming the rule that caused it and the calendar version used, so a reader can replay why
 * the appointment moved. Functions that compute working time take the calendar and refuse one of
 * another version than the ledger was opened with (the dossier keeps its calendar version).
 */
import type { Duration } from '../../contracts/duration.contract';
import type {
  DeadlineLedger,
  LedgerEntry,
  LedgerPause,
  LedgerStep,
  PauseEffect,
  PauseReason,
  StepSegment,
  SupplementPolicy,
} from '../../contracts/deadline-ledger.contract';
import { DomainError } from '../domain-error';
import { computeDeadline, computeDue } from '../calendar/deadline';
import { iso } from '../calendar/local-time';
import { addWorkingTime, workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';

export type { DeadlineLedger, LedgerPause, LedgerStep, PauseEffect, PauseReason, SupplementPolicy };

/** Default rule names written in entries when the caller does not name a more specific one. */
export const RULES = {
  reception: 'reception',
  legalBudget: 'legal-budget',
  committedBudget: 'committed-budget',
  stepAllotment: 'step-allotment',
  stepFinished: 'step-finished',
  supplementPause: 'supplement-pause',
  supplementRestart: 'supplement-restart',
  supplementKpiSubtract: 'supplement-kpi-subtract',
  financialObligation: 'financial-obligation-excluded',
  extension: 'form-04-extension',
  transfer: 'step-transfer',
  reassignment: 'unit-reassignment',
  closed: 'dossier-closed',
} as const;

// ---------------------------------------------------------------------------------------------
// Opening

export interface OpenLedgerArgs {
  receivedAt: number;
  /** Where counting starts (defaults to receivedAt); the calendar may move it (cut-off, closed hours). */
  effectiveStart?: number;
  legalBudget: Duration;
  committedBudget: Duration;
  calendarVersion: string;
  cutoff?: string;
  supplementPolicy: SupplementPolicy;
  /** false: record no entries (see the contract's `explain`). */
  explain?: false;
}

export function openLedger(args: OpenLedgerArgs, cal: WorkingCalendar): DeadlineLedger {
  if (cal.version !== args.calendarVersion) {
    throw new DomainError('CALENDAR_VERSION_MISMATCH', `ledger needs calendar ${args.calendarVersion}, got ${cal.version}`, {
      expected: args.calendarVersion,
      actual: cal.version,
    });
  }
  const start = args.effectiveStart ?? args.receivedAt;
  if (start < args.receivedAt) {
    throw new DomainError('EFFECTIVE_START_BEFORE_RECEPTION', 'counting cannot start before reception', {
      receivedAt: args.receivedAt,
      effectiveStart: start,
    });
  }
  const opts = args.cutoff !== undefined ? { cutoff: args.cutoff } : undefined;
  const explain = args.explain !== false;
  // the same instants either way: computeDeadline is computeDue with the rules that moved them
  const legal = explain ? computeDeadline(start, args.legalBudget, cal, opts) : { ...computeDue(start, args.legalBudget, cal, opts), applied: [] };
  const committed = explain ? computeDeadline(start, args.committedBudget, cal, opts) : { ...computeDue(start, args.committedBudget, cal, opts), applied: [] };
  const at = args.receivedAt;
  const ledger = copyLedger({
    schemaVersion: 1,
    calendarVersion: args.calendarVersion,
    supplementPolicy: args.supplementPolicy,
    cutoff: args.cutoff,
    receivedAt: args.receivedAt,
    effectiveStartMs: committed.effectiveStartMs,
    legalBudget: args.legalBudget,
    committedBudget: args.committedBudget,
    legalDueMs: legal.dueMs,
    committedDueMs: committed.dueMs,
    form01DueMs: committed.dueMs,
    kpiDueMs: committed.dueMs,
    supplementRequestCount: 0,
    kpiWaitingMinutes: 0,
    steps: [],
    pauses: [],
    closedAt: undefined,
    entries: [],
    explain: args.explain,
  });
  if (!explain) return ledger;
  const drafts: EntryDraft[] = [
    {
      at,
      kind: 'opened',
      rule: RULES.reception,
      dueAfter: committed.dueMs,
      detail: `received; supplement policy ${args.supplementPolicy}${args.cutoff !== undefined ? `; cut-off ${args.cutoff}` : ''}`,
    },
  ];
  for (const [label, result] of [['committed', committed], ['legal', legal]] as const) {
    for (const a of result.applied) {
      drafts.push({
        at,
        kind: 'calendar_rule',
        rule: a.rule,
        detail: `${label}: ${a.detail} (at ${iso(a.at)}${a.decision !== undefined ? `; ${a.decision}` : ''})`,
      });
    }
  }
  drafts.push(
    budgetEntry(at, RULES.legalBudget, args.legalBudget, legal.dueMs, legal.workingMinutes, 'legal'),
    budgetEntry(at, RULES.committedBudget, args.committedBudget, committed.dueMs, committed.workingMinutes, 'committed'),
  );
  return append(ledger, () => drafts);
}

function budgetEntry(at: number, rule: string, budget: Duration, dueMs: number, minutes: number | undefined, label: string): EntryDraft {
  return {
    at,
    kind: 'budget_set',
    rule,
    dueAfter: dueMs,
    ...(minutes !== undefined ? { deltaWorkingMinutes: minutes } : {}),
    detail: `${label} budget ${budget.amount} ${budget.unit}, due ${iso(dueMs)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Steps

export interface StartStepArgs {
  stepId: string;
  unitId: string;
  at: number;
  allotment: Duration;
  rule?: string;
}

export function startStep(ledger: DeadlineLedger, args: StartStepArgs, cal: WorkingCalendar): DeadlineLedger {
  guard(ledger, args.at, cal);
  if (ledger.steps.some((s) => s.stepId === args.stepId)) {
    throw new DomainError('STEP_ALREADY_STARTED', `step ${args.stepId} was already started`, { stepId: args.stepId });
  }
  const due = computeDue(args.at, args.allotment, cal);
  const step = shapedStep(args.stepId, args.unitId, args.allotment, args.at, due.dueMs, undefined, undefined, [segment(args.unitId, args.at, undefined, undefined)]);
  const next = copyLedger(ledger);
  next.steps = [...ledger.steps, step];
  return append(next, () => [
    {
      at: args.at,
      kind: 'step_started',
      rule: args.rule ?? RULES.stepAllotment,
      stepId: args.stepId,
      unitId: args.unitId,
      dueAfter: due.dueMs,
      ...(due.workingMinutes !== undefined ? { deltaWorkingMinutes: due.workingMinutes } : {}),
      detail: `allotment ${args.allotment.amount} ${args.allotment.unit}, due ${iso(due.dueMs)}`,
    },
  ]);
}

export interface FinishStepArgs {
  stepId: string;
  at: number;
  rule?: string;
}

/** Ends a step; the working minutes of its last segment (pauses excluded) go to the unit holding it. */
export function finishStep(ledger: DeadlineLedger, args: FinishStepArgs, cal: WorkingCalendar): DeadlineLedger {
  guard(ledger, args.at, cal);
  const step = openStepOrThrow(ledger, args.stepId);
  const { segments, consumed } = closeSegment(ledger, step, args.at, cal);
  const total = sumConsumed(segments);
  const finished = changedStep(step, { segments, finishedAt: args.at, consumedWorkingMinutes: total });
  return append(replaceStep(ledger, finished), () => [
    {
      at: args.at,
      kind: 'step_finished',
      rule: args.rule ?? RULES.stepFinished,
      stepId: step.stepId,
      unitId: step.unitId,
      deltaWorkingMinutes: consumed,
      dueBefore: step.dueMs,
      detail: `consumed ${consumed} working minutes by ${step.unitId}; step total ${total}`,
    },
  ]);
}

export interface ReassignStepArgs {
  stepId: string;
  toUnitId: string;
  at: number;
  rule?: string;
  detail?: string;
}

/**
 * A step moves to another unit (a hand-off inside the step, or a reorganisation successor taking
 * over) without resetting any clock: the step keeps its due instant, and the working time
 * consumed so far stays attributed to the unit that held it up to the move.
 */
export function transferStep(ledger: DeadlineLedger, args: ReassignStepArgs, cal: WorkingCalendar): DeadlineLedger {
  return moveStep(ledger, args, cal, 'step_transferred', RULES.transfer);
}

/** Same as transferStep, recorded as a reassignment (e.g. Resolution 190/2025: the successor continues). */
export function reassignStepUnit(ledger: DeadlineLedger, args: ReassignStepArgs, cal: WorkingCalendar): DeadlineLedger {
  return moveStep(ledger, args, cal, 'step_reassigned', RULES.reassignment);
}

function moveStep(
  ledger: DeadlineLedger,
  args: ReassignStepArgs,
  cal: WorkingCalendar,
  kind: 'step_transferred' | 'step_reassigned',
  defaultRule: string,
): DeadlineLedger {
  guard(ledger, args.at, cal);
  const step = openStepOrThrow(ledger, args.stepId);
  if (step.unitId === args.toUnitId) {
    throw new DomainError('STEP_ALREADY_AT_UNIT', `step ${args.stepId} is already held by ${args.toUnitId}`, {
      stepId: args.stepId,
      unitId: args.toUnitId,
    });
  }
  const { segments, consumed } = closeSegment(ledger, step, args.at, cal);
  const moved = changedStep(step, { unitId: args.toUnitId, segments: [...segments, segment(args.toUnitId, args.at, undefined, undefined)] });
  return append(replaceStep(ledger, moved), () => [
    {
      at: args.at,
      kind,
      rule: args.rule ?? defaultRule,
      stepId: step.stepId,
      unitId: step.unitId,
      deltaWorkingMinutes: consumed,
      dueBefore: step.dueMs,
      dueAfter: step.dueMs,
      detail: `${step.unitId} -> ${args.toUnitId}; ${consumed} working minutes stay with ${step.unitId}${args.detail !== undefined ? `; ${args.detail}` : ''}`,
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Pauses

export interface PauseArgs {
  reason: PauseReason;
  at: number;
  /** The legal basis, e.g. 'Decree 118/2025 Art. 16' or 'Decree 101/2024 Art. 22'. */
  rule: string;
}

/** What a pause of this reason does under a supplement policy: the rule, for the ledger and for readers of events. */
export function pauseEffectFor(reason: PauseReason, policy: SupplementPolicy): PauseEffect {
  if (reason === 'financial_obligation') return 'shift'; // the law excludes the applicant's payment time
  switch (policy) {
    case 'pause':
      return 'shift';
    case 'restart':
      return 'restart';
    case 'kpi-subtract':
      return 'kpi-subtract';
  }
}

/** What a pause of this reason does under the ledger's supplement policy. */
export function pauseEffect(ledger: DeadlineLedger, reason: PauseReason): PauseEffect {
  return pauseEffectFor(reason, ledger.supplementPolicy);
}

/** Whether a pause of this effect stops the appointment clock (kpi-subtract stops only the KPI clock). */
export function effectStopsClock(effect: PauseEffect): boolean {
  return effect !== 'kpi-subtract';
}

export function pause(ledger: DeadlineLedger, args: PauseArgs, cal: WorkingCalendar): DeadlineLedger {
  guard(ledger, args.at, cal);
  const active = activePause(ledger);
  if (active) {
    throw new DomainError('LEDGER_ALREADY_PAUSED', `the dossier is already paused (${active.reason})`, { reason: active.reason });
  }
  const effect = pauseEffect(ledger, args.reason);
  const p: LedgerPause = { reason: args.reason, rule: args.rule, effect, fromMs: args.at };
  const count = ledger.supplementRequestCount + (args.reason === 'supplement' ? 1 : 0);
  const next = copyLedger(ledger);
  next.pauses = [...ledger.pauses, p];
  next.supplementRequestCount = count;
  return append(next, () => [
    {
      at: args.at,
      kind: 'paused',
      rule: args.rule,
      dueBefore: ledger.committedDueMs,
      detail: `${args.reason} (effect ${effect})${args.reason === 'supplement' ? `; supplement request #${count}` : ''}`,
    },
  ]);
}

export interface ResumeArgs {
  at: number;
}

/**
 * Ends the active pause. `shift`: every due instant (legal, committed, KPI, open steps) moves by
 * the working time paused (by elapsed time for calendar-day budgets). `restart`: legal and
 * committed budgets and open steps' allotments are counted afresh from the resubmission.
 * `kpi-subtract`: the appointment stays; the waiting time is added to the KPI due only.
 */
export function resume(ledger: DeadlineLedger, args: ResumeArgs, cal: WorkingCalendar): DeadlineLedger {
  return endPause(ledger, args.at, cal, undefined);
}

function endPause(ledger: DeadlineLedger, at: number, cal: WorkingCalendar, effectOverride: PauseEffect | undefined): DeadlineLedger {
  guard(ledger, at, cal);
  const active = activePause(ledger);
  if (!active) throw new DomainError('LEDGER_NOT_PAUSED', 'the dossier is not paused');
  const paused = workingTimeBetween(active.fromMs, at, cal);
  const closed: LedgerPause = { ...active, toMs: at, workingMinutes: paused };
  const pauses = [...ledger.pauses.slice(0, -1), closed];
  const rule = active.rule;
  const drafts: EntryDraft[] = [
    { at, kind: 'resumed', rule, deltaWorkingMinutes: paused, detail: `${active.reason} pause ended after ${paused} working minutes` },
  ];
  const next = copyLedger(ledger);
  next.pauses = pauses;

  switch (effectOverride ?? active.effect) {
    case 'shift': {
      const shift = (due: number, unit: Duration['unit']): number => shiftDue(due, closed, unit, cal);
      const legalDueMs = shift(ledger.legalDueMs, ledger.legalBudget.unit);
      const committedDueMs = shift(ledger.committedDueMs, ledger.committedBudget.unit);
      const form01DueMs = shift(form01Due(ledger), ledger.committedBudget.unit);
      const kpiDueMs = shift(ledger.kpiDueMs, ledger.committedBudget.unit);
      drafts.push(
        dueEntry(at, 'due_shifted', rule, paused, ledger.committedDueMs, committedDueMs, 'committed (appointment)'),
        ...(form01DueMs !== committedDueMs ? [dueEntry(at, 'due_shifted', rule, paused, form01Due(ledger), form01DueMs, 'Form 01 appointment (lateness)')] : []),
        dueEntry(at, 'due_shifted', rule, paused, ledger.legalDueMs, legalDueMs, 'legal'),
        dueEntry(at, 'due_shifted', rule, paused, ledger.kpiDueMs, kpiDueMs, 'KPI'),
      );
      const steps = ledger.steps.map((s) => {
        if (s.finishedAt !== undefined) return s;
        const dueMs = shift(s.dueMs, s.allotment.unit);
        drafts.push({ ...dueEntry(at, 'due_shifted', rule, paused, s.dueMs, dueMs, `step ${s.stepId}`), stepId: s.stepId, unitId: s.unitId });
        return changedStep(s, { dueMs });
      });
      Object.assign(next, { legalDueMs, committedDueMs, form01DueMs, kpiDueMs, steps });
      break;
    }
    case 'restart': {
      const opts = ledger.cutoff !== undefined ? { cutoff: ledger.cutoff } : undefined;
      const legal = computeDue(at, ledger.legalBudget, cal, opts);
      const committed = computeDue(at, ledger.committedBudget, cal, opts);
      drafts.push(
        dueEntry(at, 'due_recounted', rule, committed.workingMinutes, ledger.committedDueMs, committed.dueMs, 'committed (appointment): full budget from resubmission'),
        dueEntry(at, 'due_recounted', rule, legal.workingMinutes, ledger.legalDueMs, legal.dueMs, 'legal: full budget from resubmission'),
        dueEntry(at, 'due_recounted', rule, committed.workingMinutes, ledger.kpiDueMs, committed.dueMs, 'KPI: full budget from resubmission'),
      );
      const steps = ledger.steps.map((s) => {
        if (s.finishedAt !== undefined) return s;
        const r = computeDue(at, s.allotment, cal);
        drafts.push({
          ...dueEntry(at, 'due_recounted', rule, r.workingMinutes, s.dueMs, r.dueMs, `step ${s.stepId}: full allotment from resubmission`),
          stepId: s.stepId,
          unitId: s.unitId,
        });
        return changedStep(s, { dueMs: r.dueMs });
      });
      Object.assign(next, { legalDueMs: legal.dueMs, committedDueMs: committed.dueMs, form01DueMs: committed.dueMs, kpiDueMs: committed.dueMs, steps });
      break;
    }
    case 'kpi-subtract': {
      const kpiDueMs = shiftDue(ledger.kpiDueMs, closed, ledger.committedBudget.unit, cal);
      drafts.push({
        ...dueEntry(at, 'kpi_waiting_subtracted', rule, paused, ledger.kpiDueMs, kpiDueMs, 'KPI only; the appointment is unchanged'),
      });
      next.kpiDueMs = kpiDueMs;
      next.kpiWaitingMinutes = ledger.kpiWaitingMinutes + paused;
      break;
    }
  }
  return append(next, () => drafts);
}

function shiftDue(due: number, p: LedgerPause, unit: Duration['unit'], cal: WorkingCalendar): number {
  const to = p.toMs ?? p.fromMs;
  if (unit === 'calendar_days') return due + (to - p.fromMs);
  const m = p.workingMinutes ?? 0;
  return m > 0 ? addWorkingTime(due, m, cal) : due;
}

function dueEntry(
  at: number,
  kind: 'due_shifted' | 'due_recounted' | 'kpi_waiting_subtracted',
  rule: string,
  delta: number | undefined,
  before: number,
  after: number,
  what: string,
): EntryDraft {
  return {
    at,
    kind,
    rule,
    ...(delta !== undefined ? { deltaWorkingMinutes: delta } : {}),
    dueBefore: before,
    dueAfter: after,
    detail: `${what}: ${iso(before)} -> ${iso(after)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Extension (Form 04)

export interface ExtendArgs {
  newDueMs: number;
  reason: string;
  at: number;
  byUnitId: string;
  rule?: string;
}

/**
 * Whether a Form 04 may set `newDueMs` at `at`: only strictly before the current appointment
 * (EXTENSION_AFTER_DUE) and only to a later instant (EXTENSION_NOT_LATER). The one check, used by
 * the decider before it emits and by `extend` when it applies.
 */
export function assertExtensionAllowed(ledger: DeadlineLedger, at: number, newDueMs: number): void {
  const before = ledger.committedDueMs;
  if (!(at < before)) {
    throw new DomainError('EXTENSION_AFTER_DUE', 'Form 04 must be issued before the appointment', { at, dueMs: before, dueAt: iso(before) });
  }
  if (!(newDueMs > before)) {
    throw new DomainError('EXTENSION_NOT_LATER', 'the new appointment must be later than the current one', { newDueMs, dueMs: before, dueAt: iso(before) });
  }
}

/**
 * Form 04 apology and new appointment (see assertExtensionAllowed). Moves the committed due only:
 * the legal due is the law's, lateness is still judged against the Form 01 appointment
 * (form01DueMs), and the KPI view does not forgive a late dossier.
 */
export function extend(ledger: DeadlineLedger, args: ExtendArgs, cal: WorkingCalendar): DeadlineLedger {
  guard(ledger, args.at, cal);
  assertExtensionAllowed(ledger, args.at, args.newDueMs);
  const before = ledger.committedDueMs;
  const delta = workingTimeBetween(before, args.newDueMs, cal);
  const next = copyLedger(ledger);
  next.committedDueMs = args.newDueMs;
  return append(next, () => [
    {
      at: args.at,
      kind: 'extended',
      rule: args.rule ?? RULES.extension,
      unitId: args.byUnitId,
      deltaWorkingMinutes: delta,
      dueBefore: before,
      dueAfter: args.newDueMs,
      detail: `by ${args.byUnitId}: ${args.reason}; lateness is still judged against the Form 01 appointment ${iso(form01Due(ledger))}`,
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Closing

export interface CloseLedgerArgs {
  at: number;
  rule?: string;
  detail?: string;
}

/**
 * The dossier's processing ended (processed, returned, stopped, withdrawn). An active pause ends
 * at the same instant (its waiting time is excluded: a restart pause shifts, since nothing was
 * resubmitted to recount from) and open steps are finished; no change is accepted afterwards.
 */
export function closeLedger(ledger: DeadlineLedger, args: CloseLedgerArgs, cal: WorkingCalendar): DeadlineLedger {
  guard(ledger, args.at, cal);
  const l = endedForClosing(ledger, args.at, args.rule ?? RULES.closed, cal);
  const closed = copyLedger(l);
  closed.closedAt = args.at;
  return append(closed, () => [
    {
      at: args.at,
      kind: 'closed',
      rule: args.rule ?? RULES.closed,
      dueBefore: l.committedDueMs,
      detail: args.detail ?? 'processing ended',
    },
  ]);
}

// The decider closes a dossier's ledger to state the result's figures, then evolve closes the same
// ledger at the same instant to keep it (with its own detail): the second closing reuses the first's
// pause and step endings. Ledgers never change once built, so the same object gives the same answer.
let lastClosing: { ledger: DeadlineLedger; at: number; rule: string; cal: WorkingCalendar; ended: DeadlineLedger } | undefined;

/** The ledger with its active pause ended and its open steps finished at `at`, as closing records them. */
function endedForClosing(ledger: DeadlineLedger, at: number, rule: string, cal: WorkingCalendar): DeadlineLedger {
  const c = lastClosing;
  if (c !== undefined && c.ledger === ledger && c.at === at && c.rule === rule && c.cal === cal) return c.ended;
  const active = activePause(ledger);
  let l = active ? endPause(ledger, at, cal, active.effect === 'restart' ? 'shift' : active.effect) : ledger;
  for (const s of l.steps) {
    if (s.finishedAt === undefined) l = finishStep(l, { stepId: s.stepId, at, rule }, cal);
  }
  lastClosing = { ledger, at, rule, cal, ended: l };
  return l;
}

// ---------------------------------------------------------------------------------------------
// Derived reads

/** The appointment (Form 01, moved by pauses and Form 04), what the citizen is told. */
export function currentDue(ledger: DeadlineLedger): number {
  return ledger.committedDueMs;
}

/** The Form 01 appointment moved by pauses only, never by Form 04 (ledgers from before the field: the appointment). */
export function form01Due(ledger: DeadlineLedger): number {
  return ledger.form01DueMs ?? ledger.committedDueMs;
}

export function legalDue(ledger: DeadlineLedger): number {
  return ledger.legalDueMs;
}

export function kpiDue(ledger: DeadlineLedger): number {
  return ledger.kpiDueMs;
}

export function activePause(ledger: DeadlineLedger): LedgerPause | undefined {
  const last = ledger.pauses[ledger.pauses.length - 1];
  return last !== undefined && last.toMs === undefined ? last : undefined;
}

export function isPaused(ledger: DeadlineLedger): boolean {
  return activePause(ledger) !== undefined;
}

/**
 * True while the appointment clock stands still: a pause is active whose time will be given
 * back (shift) or recounted (restart). Under kpi-subtract a supplement wait does not stop the
 * appointment clock (only the KPI clock).
 */
export function isClockStopped(ledger: DeadlineLedger): boolean {
  const p = activePause(ledger);
  return p !== undefined && effectStopsClock(p.effect);
}

/** Working minutes of supplement waiting subtracted in the KPI view (kpi-subtract policy only). */
export function kpiWaitingMinutes(ledger: DeadlineLedger): number {
  return ledger.kpiWaitingMinutes;
}

export function supplementRequestCount(ledger: DeadlineLedger): number {
  return ledger.supplementRequestCount;
}

export function getStep(ledger: DeadlineLedger, stepId: string): LedgerStep {
  const s = ledger.steps.find((x) => x.stepId === stepId);
  if (!s) throw new DomainError('STEP_NOT_FOUND', `no step ${stepId} in the ledger`, { stepId });
  return s;
}

export function stepDue(ledger: DeadlineLedger, stepId: string): number {
  return getStep(ledger, stepId).dueMs;
}

export function openSteps(ledger: DeadlineLedger): LedgerStep[] {
  return ledger.steps.filter((s) => s.finishedAt === undefined);
}

/** Working minutes consumed per step (pauses excluded); open steps count up to `now`. */
export function consumedByStep(ledger: DeadlineLedger, now: number, cal: WorkingCalendar): Record<string, number> {
  assertCalendar(ledger, cal);
  const out: Record<string, number> = {};
  for (const s of ledger.steps) out[s.stepId] = stepConsumed(ledger, s, now, cal);
  return out;
}

/** consumedByStep's figure for one step of the ledger (the decider needs the one it hands off). */
export function consumedByStepOf(ledger: DeadlineLedger, stepId: string, now: number, cal: WorkingCalendar): number {
  assertCalendar(ledger, cal);
  return stepConsumed(ledger, getStep(ledger, stepId), now, cal);
}

function stepConsumed(ledger: DeadlineLedger, s: LedgerStep, now: number, cal: WorkingCalendar): number {
  return s.segments.reduce((acc, seg) => acc + segmentConsumed(ledger, seg, now, cal), 0);
}

/** Working minutes consumed per unit across all steps (pauses excluded); open steps count up to `now`. */
export function consumedByUnit(ledger: DeadlineLedger, now: number, cal: WorkingCalendar): Record<string, number> {
  assertCalendar(ledger, cal);
  const out: Record<string, number> = {};
  for (const s of ledger.steps) {
    for (const seg of s.segments) out[seg.unitId] = (out[seg.unitId] ?? 0) + segmentConsumed(ledger, seg, now, cal);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Internals

type EntryDraft = Omit<LedgerEntry, 'seq' | 'calendarVersion'>;

/**
 * Adds the entries to a ledger the caller has just built (every caller passes a fresh copy, so it is
 * completed in place). They are drafted only for a ledger that explains itself: their texts were a
 * large share of a simulation's time, which reads none of them.
 */
function append(ledger: DeadlineLedger, draft: () => EntryDraft[]): DeadlineLedger {
  if (ledger.explain === false) return ledger;
  const drafts = draft();
  const base = ledger.entries.length;
  const entries = ledger.entries.slice();
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    entries.push({
      seq: base + i + 1,
      at: d.at,
      kind: d.kind,
      rule: d.rule,
      calendarVersion: ledger.calendarVersion,
      stepId: d.stepId,
      unitId: d.unitId,
      deltaWorkingMinutes: d.deltaWorkingMinutes,
      dueBefore: d.dueBefore,
      dueAfter: d.dueAfter,
      detail: d.detail,
    });
  }
  ledger.entries = entries;
  return ledger;
}

function assertCalendar(ledger: DeadlineLedger, cal: WorkingCalendar): void {
  if (cal.version !== ledger.calendarVersion) {
    throw new DomainError('CALENDAR_VERSION_MISMATCH', `ledger uses calendar ${ledger.calendarVersion}, got ${cal.version}`, {
      expected: ledger.calendarVersion,
      actual: cal.version,
    });
  }
}

function guard(ledger: DeadlineLedger, at: number, cal: WorkingCalendar): void {
  assertCalendar(ledger, cal);
  if (ledger.closedAt !== undefined) {
    throw new DomainError('LEDGER_CLOSED', 'the dossier is closed; its deadlines no longer change', { closedAt: ledger.closedAt });
  }
  const last = ledger.entries[ledger.entries.length - 1];
  if (last !== undefined && at < last.at) {
    throw new DomainError('LEDGER_TIME_REVERSED', 'ledger changes must come in time order', { at, lastAt: last.at });
  }
}

function openStepOrThrow(ledger: DeadlineLedger, stepId: string): LedgerStep {
  const s = getStep(ledger, stepId);
  if (s.finishedAt !== undefined) {
    throw new DomainError('STEP_NOT_OPEN', `step ${stepId} is already finished`, { stepId, finishedAt: s.finishedAt });
  }
  return s;
}

function replaceStep(ledger: DeadlineLedger, step: LedgerStep): DeadlineLedger {
  const next = copyLedger(ledger);
  next.steps = ledger.steps.map((s) => (s.stepId === step.stepId ? step : s));
  return next;
}

/** The step's segments with the last one closed at `at`, and the working minutes it consumed. */
function closeSegment(ledger: DeadlineLedger, step: LedgerStep, at: number, cal: WorkingCalendar): { segments: StepSegment[]; consumed: number } {
  const last = step.segments[step.segments.length - 1];
  if (last === undefined || last.toMs !== undefined) throw new Error(`invariant: step ${step.stepId} has no open segment`);
  const consumed = segmentConsumed(ledger, last, at, cal);
  const closed = segment(last.unitId, last.fromMs, at, consumed);
  const segments = step.segments.slice();
  segments[segments.length - 1] = closed;
  return { segments, consumed };
}

function sumConsumed(segments: StepSegment[]): number {
  return segments.reduce((acc, s) => acc + (s.consumedWorkingMinutes ?? 0), 0);
}

/** Recorded minutes for a closed segment; for an open one, working time up to `now` minus pauses. */
function segmentConsumed(ledger: DeadlineLedger, seg: StepSegment, now: number, cal: WorkingCalendar): number {
  if (seg.toMs !== undefined && seg.consumedWorkingMinutes !== undefined) return seg.consumedWorkingMinutes;
  const to = Math.min(seg.toMs ?? now, ledger.closedAt ?? Number.POSITIVE_INFINITY);
  if (to <= seg.fromMs) return 0;
  let total = workingTimeBetween(seg.fromMs, to, cal);
  for (const p of ledger.pauses) {
    const a = Math.max(seg.fromMs, p.fromMs);
    const b = Math.min(to, p.toMs ?? to);
    if (b > a) total -= workingTimeBetween(a, b, cal);
  }
  return Math.max(0, total);
}

// Ledgers, steps and segments are built by these with every field present, in one order, so the
// engine keeps each in one shape and a copy is a fixed allocation (a spread of values of varying
// shapes took the slow path). Absent fields are `undefined`, which JSON and every reader treat as missing.

function copyLedger(l: DeadlineLedger): DeadlineLedger {
  return {
    schemaVersion: l.schemaVersion,
    calendarVersion: l.calendarVersion,
    supplementPolicy: l.supplementPolicy,
    cutoff: l.cutoff,
    receivedAt: l.receivedAt,
    effectiveStartMs: l.effectiveStartMs,
    legalBudget: l.legalBudget,
    committedBudget: l.committedBudget,
    legalDueMs: l.legalDueMs,
    committedDueMs: l.committedDueMs,
    form01DueMs: l.form01DueMs,
    kpiDueMs: l.kpiDueMs,
    supplementRequestCount: l.supplementRequestCount,
    kpiWaitingMinutes: l.kpiWaitingMinutes,
    steps: l.steps,
    pauses: l.pauses,
    closedAt: l.closedAt,
    entries: l.entries,
    explain: l.explain,
  };
}

function shapedStep(
  stepId: string,
  unitId: string,
  allotment: Duration,
  startedAt: number,
  dueMs: number,
  finishedAt: number | undefined,
  consumedWorkingMinutes: number | undefined,
  segments: StepSegment[],
): LedgerStep {
  return { stepId, unitId, allotment, startedAt, dueMs, finishedAt, consumedWorkingMinutes, segments };
}

/** A step as it changes (a due moved, a segment closed or opened, the step finished), in the one shape. */
function changedStep(s: LedgerStep, c: { unitId?: string; dueMs?: number; finishedAt?: number; consumedWorkingMinutes?: number; segments?: StepSegment[] }): LedgerStep {
  return shapedStep(s.stepId, c.unitId ?? s.unitId, s.allotment, s.startedAt, c.dueMs ?? s.dueMs, c.finishedAt ?? s.finishedAt, c.consumedWorkingMinutes ?? s.consumedWorkingMinutes, c.segments ?? s.segments);
}

function segment(unitId: string, fromMs: number, toMs: number | undefined, consumedWorkingMinutes: number | undefined): StepSegment {
  return { unitId, fromMs, toMs, consumedWorkingMinutes };
}
