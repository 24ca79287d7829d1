import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from './errors';

// gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html)
const NOT_FOUND = 5;
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;
const FAILED_PRECONDITION = 9;

/**
 * Runs a Temporal call and turns what can go wrong into application errors: a rejected command
 * keeps the decider's code, a missing workflow is DOSSIER_NOT_FOUND, a closed one DOSSIER_CLOSED,
 * an unreachable server TEMPORAL_UNAVAILABLE. Anything else is left to surface as a bug.
 */
export async function temporalCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw toAppError(err) ?? err;
  }
}

export const closed = () => new AppError('DOSSIER_CLOSED', 'the dossier is closed: its workflow has ended');

export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type) return new AppError(cause.type, cause.message, (cause.details?.[0] as Record<string, unknown>) ?? {});
    return new AppError('COMMAND_INVALID', cause?.message ?? err.message);
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new AppError('COMMAND_TIMED_OUT', 'the dossier did not answer in time; the command may still apply: reload before retrying');
  // an update to a workflow that has run to its end is refused as "not found" by the server
  const ended = (m: string | undefined) => /already completed|has completed|execution completed/i.test(m ?? '');
  if (err instanceof WorkflowNotFoundError) return ended(err.message) ? closed() : new AppError('DOSSIER_NOT_FOUND', err.message);
  if (isGrpcServiceError(err)) {
    const code = err.code as number;
    if (code === NOT_FOUND) return ended(err.details ?? err.message) ? closed() : new AppError('DOSSIER_NOT_FOUND', err.details ?? err.message);
    if (code === FAILED_PRECONDITION && /completed|closed/i.test(err.details ?? err.message)) return closed();
    if (code === UNAVAILABLE || code === DEADLINE_EXCEEDED) return new AppError('TEMPORAL_UNAVAILABLE', err.details ?? err.message);
  }
  const inner = (err as { cause?: unknown })?.cause;
  if (inner && inner !== err && isGrpcServiceError(inner)) return toAppError(inner);
  return undefined;
}
