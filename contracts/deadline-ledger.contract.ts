import { z } from 'zod';
import { Duration } from './duration.contract';
import { SupplementClockPolicy } from './procedure.contract';

/**
 * The deadline ledger of one dossier: budgets, due instants, steps, pauses and an append-only
 * list of entries, each naming the rule that caused the change and the calendar version used.
 * A plain JSON value: it lives in workflow state, answers queries and travels in events.
 * Instants are epoch milliseconds; working time is in working minutes.
 */

const Instant = z.number().int();
/** Working minutes; fractional when instants are not on whole minutes (kept exact, never rounded). */
const WorkingMinutes = z.number().finite();

/** How a supplement request (Form 02) affects the clock: the procedure version's setting. */
export const SupplementPolicy = SupplementClockPolicy;
export type SupplementPolicy = z.infer<typeof SupplementPolicy>;

export const PauseReason = z.enum(['supplement', 'financial_obligation']);
export type PauseReason = z.infer<typeof PauseReason>;

/** What a pause does to the due instants when it ends. */
export const PauseEffect = z.enum(['shift', 'restart', 'kpi-subtract']);
export type PauseEffect = z.infer<typeof PauseEffect>;

export const LedgerEntryKind = z.enum([
  'opened',
  'calendar_rule',
  'budget_set',
  'step_started',
  'step_finished',
  'paused',
  'resumed',
  'due_shifted',
  'due_recounted',
  'kpi_waiting_subtracted',
  'extended',
  'step_transferred',
  'step_reassigned',
  'closed',
]);
export type LedgerEntryKind = z.infer<typeof LedgerEntryKind>;

export const LedgerEntry = z
  .object({
    seq: z.number().int().positive(),
    at: Instant,
    kind: LedgerEntryKind,
    rule: z.string().min(1),
    calendarVersion: z.string().min(1),
    stepId: z.string().min(1).optional(),
    unitId: z.string().min(1).optional(),
    deltaWorkingMinutes: WorkingMinutes.optional(),
    dueBefore: Instant.optional(),
    dueAfter: Instant.optional(),
    detail: z.string(),
  })
  .strict();
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** A stretch of a step held by one unit; closed segments carry the working minutes consumed. */
export const StepSegment = z
  .object({
    unitId: z.string().min(1),
    fromMs: Instant,
    toMs: Instant.optional(),
    consumedWorkingMinutes: WorkingMinutes.nonnegative().optional(),
  })
  .strict();
export type StepSegment = z.infer<typeof StepSegment>;

export const LedgerStep = z
  .object({
    stepId: z.string().min(1),
    unitId: z.string().min(1),
    allotment: Duration,
    startedAt: Instant,
    dueMs: Instant,
    finishedAt: Instant.optional(),
    consumedWorkingMinutes: WorkingMinutes.nonnegative().optional(),
    segments: z.array(StepSegment).min(1),
  })
  .strict();
export type LedgerStep = z.infer<typeof LedgerStep>;

export const LedgerPause = z
  .object({
    reason: PauseReason,
    rule: z.string().min(1),
    effect: PauseEffect,
    fromMs: Instant,
    toMs: Instant.optional(),
    workingMinutes: WorkingMinutes.nonnegative().optional(),
  })
  .strict();
export type LedgerPause = z.infer<typeof LedgerPause>;

export const DeadlineLedger = z
  .object({
    schemaVersion: z.literal(1),
    calendarVersion: z.string().min(1),
    supplementPolicy: SupplementPolicy,
    cutoff: z.string().optional(),
    receivedAt: Instant,
    effectiveStartMs: Instant,
    legalBudget: Duration,
    committedBudget: Duration,
    /** Legal deadline (national procedure database), moved by pauses, never by extensions. */
    legalDueMs: Instant,
    /** Appointment instant (Form 01), moved by pauses and by Form 04 extensions: what the citizen holds now. */
    committedDueMs: Instant,
    /**
     * The Form 01 appointment moved only by the pause rules (supplement policy, financial obligation),
     * never by Form 04: what lateness is judged against (a Form 04 is the apology for being late).
     * Absent in ledgers written before it existed; read it with `form01Due()`.
     */
    form01DueMs: Instant.optional(),
    /** Due instant of the Decision 766 view: committed due, supplement waiting added, extensions ignored. */
    kpiDueMs: Instant,
    supplementRequestCount: z.number().int().nonnegative(),
    kpiWaitingMinutes: WorkingMinutes.nonnegative(),
    steps: z.array(LedgerStep),
    pauses: z.array(LedgerPause),
    closedAt: Instant.optional(),
    entries: z.array(LedgerEntry),
    /**
     * false: the ledger records no entries (they stay empty). A simulation opens its ledgers so, as it
     * reads no explanation; every instant and figure is the same as in a ledger that explains itself.
     * Without entries the ledger cannot refuse a change dated before its last one
     * (LEDGER_TIME_REVERSED): the simulator's clock only moves forward.
     */
    explain: z.literal(false).optional(),
  })
  .strict();
export type DeadlineLedger = z.infer<typeof DeadlineLedger>;

export const Form04Counting = z.enum(['late_with_apology', 'new_appointment']);
export type Form04Counting = z.infer<typeof Form04Counting>;

/**
 * Settings of the canonical status classifier (domain/deadline/status-classifier.ts); a
 * per-locality or per-procedure setting, all in working minutes except the fraction.
 */
export const ClassifierSettings = z
  .object({
    /** due_soon when at most this many working minutes remain (default 480, one working day). */
    dueSoonWorkingMinutes: z.number().nonnegative().finite(),
    /** Budgets strictly under this use the fraction rule (default 960, two working days). */
    shortBudgetWorkingMinutes: z.number().nonnegative().finite(),
    /** Fraction of a short budget that, remaining, makes it due_soon (default 0.25). */
    shortBudgetDueSoonFraction: z.number().min(0).max(1),
    /** Form 04 is drafted this many working minutes before the dossier's due (default 480). */
    form04LeadWorkingMinutes: z.number().nonnegative().finite(),
    /** Local offset for the same-day test (Asia/Ho_Chi_Minh: 420, no DST). */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    /**
     * What a Form 04 extension does to the classification: `late_with_apology` (default, domain.md §3:
     * judged against the Form 01 appointment, shown as "late, with apology"), or `new_appointment` for a
     * locality that judges against the extended appointment (and what dossiers started before this
     * setting existed replay with).
     */
    form04Counting: Form04Counting,
  })
  .strict();
export type ClassifierSettings = z.infer<typeof ClassifierSettings>;
