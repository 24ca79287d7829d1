import { isDomainError } from '../domain/domain-error';

/** A failure the caller can act on, with a stable code; the edge maps the code to its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface ErrorSpec {
  status: number;
  title: string;
}

const e = (status: number, title: string): ErrorSpec => ({ status, title });

/**
 * Every code the application and the domain reject with, and its HTTP status: the one table the
 * API, the CLI and the tests read. A code missing here is a bug (the API answers 500 and logs it).
 */
export const ERROR_CODES = {
  // the request itself
  VALIDATION_FAILED: e(400, 'The request is not valid'),
  COMMAND_INVALID: e(400, 'The command is not valid'),
  BAD_REQUEST: e(400, 'The request could not be read'),
  CURSOR_INVALID: e(400, 'The page cursor is not valid'),
  UNIT_REQUIRED: e(400, 'Name the unit you act for'),
  PERIOD_INVALID: e(400, 'The period is not valid'),
  ROUTE_NOT_FOUND: e(404, 'No such route'),
  PAYLOAD_TOO_LARGE: e(413, 'The request body is too large'),
  UNSUPPORTED_MEDIA_TYPE: e(415, 'Send application/json'),

  // who is calling
  TOKEN_MISSING: e(401, 'A bearer token is required'),
  TOKEN_INVALID: e(401, 'The bearer token is not valid'),
  TOKEN_EXPIRED: e(401, 'The bearer token has expired'),
  TOKEN_CLAIMS_INVALID: e(401, 'The bearer token lacks motcua claims'),
  ROLE_NOT_ALLOWED: e(403, 'Your role may not do this'),
  UNIT_NOT_COVERED: e(403, 'This unit is outside your units'),
  DOSSIER_NOT_COVERED: e(403, 'This dossier is outside your units'),
  BACKFILL_NOT_ALLOWED: e(403, 'Only the backfill role may enter a dossier received this long ago'),
  CITIZEN_TOKEN_INVALID: e(403, 'The receipt token does not match this dossier'),
  RATE_LIMITED: e(429, 'Too many requests'),

  // things that are not there
  DOSSIER_NOT_FOUND: e(404, 'No such dossier'),
  LOOKUP_NOT_FOUND: e(404, 'No dossier matches this code and these digits'),
  FORM_NOT_AVAILABLE: e(404, 'The dossier has no such form'),
  APPLICANT_NOT_FOUND: e(404, 'No applicant data is kept for this dossier'),
  LEDGER_NOT_AVAILABLE: e(404, 'The dossier has no deadline ledger (not received)'),

  // reception
  PROCEDURE_UNKNOWN: e(422, 'Unknown procedure'),
  PROCEDURE_NOT_IN_FORCE: e(422, 'The procedure is not in force on that date'),
  UNIT_UNKNOWN: e(422, 'Unknown unit'),
  UNIT_NOT_EFFECTIVE: e(422, 'The unit does not exist on that date'),
  UNIT_NOT_YET_EFFECTIVE: e(422, 'The unit does not exist yet on that date'),
  UNIT_DISSOLVED_WITHOUT_SUCCESSOR: e(422, 'The unit was dissolved and names no successor'),
  UNIT_NOT_RESOLVED: e(422, 'No unit serves this step for the receiving locality'),
  UNIT_NOT_A_DESK: e(422, 'Dossiers are received at a one-stop desk'),
  RECEIVED_AT_IN_FUTURE: e(422, 'The reception instant lies in the future'),
  INSTANT_OUTSIDE_CALENDAR: e(422, 'An instant lies outside the working calendar'),
  CALENDAR_RANGE_EXCEEDED: e(422, 'A date lies outside the working calendar'),
  CALENDAR_VERSION_UNKNOWN: e(422, 'Unknown calendar version'),
  IDEMPOTENCY_KEY_REUSED: e(422, 'This Idempotency-Key was used for another request'),
  IDEMPOTENCY_KEY_INVALID: e(400, 'The Idempotency-Key header is not valid'),
  CATALOG_INVALID: e(422, 'The catalogue does not validate'),

  // the dossier's state (the decider's rejections)
  DOSSIER_CLOSED: e(409, 'The dossier is closed'),
  DOSSIER_ALREADY_STARTED: e(409, 'The dossier has already started'),
  DOSSIER_PAUSED: e(409, 'The dossier waits for the applicant'),
  NOT_RECEIVED: e(409, 'The dossier has not been received'),
  TASK_UNKNOWN: e(404, 'No such task in this dossier'),
  TASK_NOT_ASSIGNED_TO_UNIT: e(403, 'The task is at another unit'),
  TASK_VERSION_STALE: e(409, 'Someone acted on this task first: reload it'),
  TASK_NOT_OPEN: e(409, 'The task is no longer open'),
  TASK_CLAIMED_BY_OTHER: e(409, 'A colleague has claimed this task'),
  TRANSFER_TO_SAME_UNIT: e(422, 'The task is already at that unit'),
  RETURN_NOT_ALLOWED: e(409, 'The dossier cannot send work back now'),
  RETURN_FROM_FIRST_STEP: e(422, 'The first step has nothing to return to'),
  RETURN_TARGET_NOT_PREVIOUS: e(422, 'Work can only go back to an earlier step'),
  STEP_NOT_FOUND: e(422, 'No such step in the procedure'),
  STEP_NOT_ROUTED: e(422, 'The step has no unit in this dossier'),
  SUPPLEMENT_NOT_ALLOWED: e(409, 'The dossier cannot ask for a supplement now'),
  SUPPLEMENT_DEADLINE_IN_PAST: e(422, 'The applicant must be given time to supplement'),
  NOT_AWAITING_SUPPLEMENT: e(409, 'No supplement was requested'),
  PAYMENT_NOT_ALLOWED: e(409, 'The dossier cannot wait for a payment now'),
  PAYMENT_NOT_APPLICABLE: e(422, 'The procedure has no financial obligation'),
  NOT_AWAITING_PAYMENT: e(409, 'No financial obligation is pending'),
  EXTENSION_NOT_ALLOWED: e(409, 'The dossier cannot be extended now'),
  EXTENSION_AFTER_DUE: e(409, 'Form 04 must be issued before the appointment'),
  EXTENSION_NOT_LATER: e(422, 'The new appointment must be later than the current one'),
  UNIT_NOT_RESPONSIBLE: e(403, 'Your unit holds no open task of this dossier'),
  UNIT_HAS_NO_OPEN_TASKS: e(409, 'The unit holds no open or future task of this dossier'),
  WITHDRAW_NOT_ALLOWED: e(409, 'The dossier cannot be withdrawn now'),
  STOP_NOT_ALLOWED: e(409, 'The dossier cannot be stopped now'),
  RESULT_NOT_READY: e(409, 'The result is not ready'),
  RESULT_RETURNED_BY_TASK: e(409, 'This procedure returns the result through its hand-over task'),
  RESULT_NOT_RETURNED: e(409, 'The result has not been returned yet'),
  RESULT_NOT_ELECTRONIC: e(422, 'A result issued on paper cannot be delivered electronically'),
  INSTANT_INVALID: e(422, 'An instant is not valid'),
  DURATION_INVALID: e(422, 'A duration is not valid'),

  // invariants the decider and the ledger keep: a command that would break one is refused, nothing changes
  LEDGER_CLOSED: e(409, 'The deadline ledger is closed'),
  LEDGER_ALREADY_PAUSED: e(409, 'The clock is already stopped'),
  LEDGER_NOT_PAUSED: e(409, 'The clock is not stopped'),
  LEDGER_TIME_REVERSED: e(409, 'The change would go back in time'),
  STEP_ALREADY_STARTED: e(409, 'The step has already started'),
  STEP_NOT_OPEN: e(409, 'The step is not open'),
  STEP_ALREADY_AT_UNIT: e(409, 'The step is already at that unit'),
  EFFECTIVE_START_BEFORE_RECEPTION: e(422, 'Counting cannot start before reception'),
  CALENDAR_VERSION_MISMATCH: e(422, 'The dossier uses another calendar version'),
  // catalogue and calendar data the loader validates
  CALENDAR_DATA_INVALID: e(422, 'The calendar data is not valid'),
  LOCAL_DATE_INVALID: e(422, 'A local date is not valid'),
  LOCAL_TIME_INVALID: e(422, 'A local time is not valid'),
  WORKING_TIME_INVALID: e(422, 'A working-time amount is not valid'),
  FEE_TIERS_INVALID: e(422, 'The fee tiers are not valid'),
  FEE_UNITS_INVALID: e(422, 'The fee units are not valid'),
  UNIT_SUCCESSOR_CYCLE: e(422, 'The units’ successors form a cycle'),
  STEP_GRAPH_CYCLE: e(422, 'The procedure’s steps form a cycle'),
  // the simulator's profiles and policies (domain/simulation)
  SIMULATION_PROFILE_INVALID: e(422, 'The simulation profile is not valid'),
  SIMULATION_POLICY_INVALID: e(422, 'The simulation policy is not valid'),

  // the platform
  TEMPORAL_UNAVAILABLE: e(503, 'The workflow service is unavailable'),
  DATABASE_UNAVAILABLE: e(503, 'The database is unavailable'),
  KAFKA_UNAVAILABLE: e(503, 'The event broker is unavailable'),
  COMMAND_TIMED_OUT: e(503, 'The dossier did not answer in time; the command may still apply'),
  NOT_READY: e(503, 'A dependency is unavailable'),
  INTERNAL: e(500, 'Internal error'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function errorSpec(code: string): ErrorSpec {
  return (ERROR_CODES as Record<string, ErrorSpec>)[code] ?? ERROR_CODES.INTERNAL;
}

export function isKnownCode(code: string): code is ErrorCode {
  return code in ERROR_CODES;
}

/** A domain rejection becomes an application error with the same code. */
export function fromDomain(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDomainError(err)) return new AppError(err.code, err.message, err.details as Record<string, unknown>);
  return undefined;
}
