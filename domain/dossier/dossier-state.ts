import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import type { DeadlineLedger } from '../../contracts/deadline-ledger.contract';

export type TaskStatus = 'open' | 'claimed' | 'done' | 'returned' | 'cancelled';

/** One attempt at a step in one unit's inbox. `version` grows with every change, for stale-command checks. */
export interface TaskState {
  taskId: string;
  stepId: string;
  unitId: string;
  status: TaskStatus;
  version: number;
  claimedBy?: string;
  assignedAt: number;
  dueMs: number;
  /** Whether the deadline ledger tracks it (result hand-over happens after processing closed the ledger). */
  inLedger: boolean;
}

export type DossierPhase =
  | 'awaiting_reception_supplement'
  | 'processing'
  | 'supplement'
  | 'payment'
  | 'result_ready'
  | 'returned'
  | 'closed';

export interface DossierState {
  input: StartDossierInput;
  phase: DossierPhase;
  /** National status code (1–10) as synced with the National Public Service Portal. */
  statusCode: number;
  /** Sequence of the last event; the next event is `sequence + 1`. */
  sequence: number;
  lastEventType?: string;
  lastEventAt?: number;
  ledger?: DeadlineLedger;
  tasks: TaskState[];
  /** stepId → attempts so far (task ids are `<stepId>#<attempt>`). */
  attempts: Record<string, number>;
  /** Steps whose latest attempt completed. */
  doneSteps: string[];
  supplementsByUnit: Record<string, number>;
  supplementsTotal: number;
  /** While waiting for the applicant: when their time runs out. */
  applicantDeadlineMs?: number;
  extensions: number;
  outcome?: 'granted' | 'denied';
  resultReadyAt?: number;
  /** The result was issued as an electronic document (indicator 4.1), as result_ready said. */
  electronicResult?: boolean;
  returnedAt?: number;
  rated: boolean;
  complaints: number;
  /** SLA facts raised so far, by kind (what a supervisor's query and the demo summary read). */
  slaRaised: Partial<Record<'warning' | 'breached' | 'escalated' | 'form04_drafted', number>>;
  /** The SLA timers are planned from here: instants at or before it were handled. */
  timersCheckedAt: number;
  closedReason?: 'refused' | 'not_received' | 'withdrawn' | 'stopped' | 'finished';
  /** false: the deadline ledger records no entries (a simulation's dossiers: see the ledger contract's `explain`). */
  explainLedger?: false;
}

export function initialState(input: StartDossierInput, options: { explainLedger?: false } = {}): DossierState {
  return copyState({
    input,
    phase: 'processing',
    statusCode: 1,
    sequence: 0,
    tasks: [],
    attempts: {},
    doneSteps: [],
    supplementsByUnit: {},
    supplementsTotal: 0,
    extensions: 0,
    rated: false,
    complaints: 0,
    slaRaised: {},
    timersCheckedAt: Date.parse(input.receivedAt),
    explainLedger: options.explainLedger,
  });
}

/**
 * A copy of the state for the next event. Every state is built here with every field present, in one
 * order, so the engine keeps them in one shape: copying one then costs a fixed allocation, where a
 * spread of states of varying shapes (optional fields set or not) took the slow path. Absent fields
 * are `undefined`, which JSON and the decider treat as missing.
 */
export function copyState(s: DossierState): DossierState {
  return {
    input: s.input,
    phase: s.phase,
    statusCode: s.statusCode,
    sequence: s.sequence,
    lastEventType: s.lastEventType,
    lastEventAt: s.lastEventAt,
    ledger: s.ledger,
    tasks: s.tasks,
    attempts: s.attempts,
    doneSteps: s.doneSteps,
    supplementsByUnit: s.supplementsByUnit,
    supplementsTotal: s.supplementsTotal,
    applicantDeadlineMs: s.applicantDeadlineMs,
    extensions: s.extensions,
    outcome: s.outcome,
    resultReadyAt: s.resultReadyAt,
    electronicResult: s.electronicResult,
    returnedAt: s.returnedAt,
    rated: s.rated,
    complaints: s.complaints,
    slaRaised: s.slaRaised,
    timersCheckedAt: s.timersCheckedAt,
    closedReason: s.closedReason,
    explainLedger: s.explainLedger,
  };
}

/** What changes in a task; `claimedBy: null` clears the claim. */
export interface TaskChange {
  status?: TaskStatus;
  version?: number;
  unitId?: string;
  claimedBy?: string | null;
  dueMs?: number;
}

/** A task as it changes: built with every field present, in one order, like the state (see copyState). */
export function changedTask(t: TaskState, c: TaskChange): TaskState {
  return {
    taskId: t.taskId,
    stepId: t.stepId,
    unitId: c.unitId ?? t.unitId,
    status: c.status ?? t.status,
    version: c.version ?? t.version,
    claimedBy: c.claimedBy === undefined ? t.claimedBy : (c.claimedBy ?? undefined),
    assignedAt: t.assignedAt,
    dueMs: c.dueMs ?? t.dueMs,
    inLedger: t.inLedger,
  };
}

export const openTasks = (s: DossierState): TaskState[] => s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
export const findTask = (s: DossierState, taskId: string): TaskState | undefined => s.tasks.find((t) => t.taskId === taskId);
