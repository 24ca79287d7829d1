import { z } from 'zod';
import { Instant } from '../dossier.contract';
import { eventEnvelope } from './event-envelope';

const SlaPayload = z
  .object({
    scope: z.enum(['dossier', 'step']),
    taskId: z.string().optional(),
    unitId: z.string(),
    dueAt: Instant,
    raisedAt: Instant,
    remainingWorkingMinutes: z.number(),
  })
  .strict();

/** Due soon (one working day before, or 25% of a short budget). */
export const SlaWarning = eventEnvelope('sla.warning', 1, SlaPayload);
/** The due instant passed with the work open. */
export const SlaBreached = eventEnvelope('sla.breached', 1, SlaPayload);
/** A breach raised to the supervisor of the responsible unit. */
export const SlaEscalated = eventEnvelope('sla.escalated', 1, SlaPayload.extend({ supervisorUnitId: z.string() }).strict());
/** One working day before the dossier's due, with work left that cannot finish in time: a Form 04 draft for the responsible unit. */
export const Form04Drafted = eventEnvelope('sla.form04_drafted', 1, SlaPayload.extend({ remainingAllotmentWorkingMinutes: z.number().nonnegative() }).strict());
