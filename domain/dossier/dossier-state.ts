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
}

export function initialState(input: StartDossierInput): DossierState {
  return {
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
  };
}

export const isFinal = (s: DossierState): boolean => s.phase === 'closed';
export const openTasks = (s: DossierState): TaskState[] => s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
export const findTask = (s: DossierState, taskId: string): TaskState | undefined => s.tasks.find((t) => t.taskId === taskId);
