import { z } from 'zod';
import { Instant } from '../dossier.contract';
import { Duration } from '../duration.contract';
import { StepKind } from '../procedure.contract';
import { eventEnvelope } from './event-envelope';

const FinishedClass = z.enum(['early', 'on_time', 'late']);
/** A task is one attempt at a step: `<stepId>#<attempt>`, so a step returned and reopened keeps both records. */
export const TaskId = z.string().regex(/^[a-z0-9][a-z0-9_-]*#\d+$/);

/** A step's task lands in a unit's inbox (a hand-off when `fromTaskIds` is non-empty). */
export const TaskAssigned = eventEnvelope(
  'task.assigned',
  1,
  z
    .object({
      taskId: TaskId,
      stepId: z.string(),
      stepName: z.string(),
      stepKind: StepKind,
      unitId: z.string(),
      assignedAt: Instant,
      dueAt: Instant,
      allotment: Duration,
      fromTaskIds: z.array(TaskId),
      fromUnitIds: z.array(z.string()),
      taskVersion: z.number().int().nonnegative(),
    })
    .strict(),
);

export const TaskClaimed = eventEnvelope(
  'task.claimed',
  1,
  z.object({ taskId: TaskId, unitId: z.string(), officerId: z.string(), claimedAt: Instant, taskVersion: z.number().int() }).strict(),
);

/** Form 06 row: the giver's side of a hand-off, with the canonical classification of the step. */
export const TaskCompleted = eventEnvelope(
  'task.completed',
  1,
  z
    .object({
      taskId: TaskId,
      stepId: z.string(),
      unitId: z.string(),
      officerId: z.string(),
      outcome: z.enum(['approved', 'denied']),
      note: z.string().optional(),
      completedAt: Instant,
      dueAt: Instant,
      consumedWorkingMinutes: z.number().nonnegative(),
      classification: FinishedClass,
      taskVersion: z.number().int(),
    })
    .strict(),
);

export const TaskReturned = eventEnvelope(
  'task.returned',
  1,
  z
    .object({
      taskId: TaskId,
      stepId: z.string(),
      unitId: z.string(),
      officerId: z.string(),
      reason: z.string().min(1),
      returnedAt: Instant,
      toStepIds: z.array(z.string()).min(1),
      consumedWorkingMinutes: z.number().nonnegative(),
      taskVersion: z.number().int(),
      /** The returning unit's hand-off against the step's due (Form 06), with the dossier's pinned settings (absent before 2026-12). */
      classification: z.enum(['early', 'on_time', 'late']).optional(),
    })
    .strict(),
);

/** The task moves to another unit; its clock keeps running (a transfer or a reorganisation successor). */
export const TaskTransferred = eventEnvelope(
  'task.transferred',
  1,
  z
    .object({
      taskId: TaskId,
      fromUnitId: z.string(),
      toUnitId: z.string(),
      reason: z.string().min(1),
      cause: z.enum(['transfer', 'reorganisation']),
      transferredAt: Instant,
      dueAt: Instant,
      taskVersion: z.number().int(),
      /** The giving unit's hand-off against the step's due (Form 06), with the dossier's pinned settings (absent before 2026-12). */
      classification: z.enum(['early', 'on_time', 'late']).optional(),
    })
    .strict(),
);

export const TaskReassigned = eventEnvelope(
  'task.reassigned',
  1,
  z
    .object({
      taskId: TaskId,
      unitId: z.string(),
      fromOfficerId: z.string().optional(),
      toOfficerId: z.string(),
      reassignedAt: Instant,
      taskVersion: z.number().int(),
    })
    .strict(),
);

/** Reorganisation: steps not started yet that were routed to a dissolved unit will go to its successor. */
export const DossierRerouted = eventEnvelope(
  'dossier.rerouted',
  1,
  z
    .object({
      fromUnitId: z.string(),
      toUnitId: z.string(),
      stepIds: z.array(z.string()).min(1),
      reason: z.string().min(1),
      reroutedAt: Instant,
    })
    .strict(),
);
