import { z } from 'zod';
import { Instant, NationalStatusCode } from '../dossier.contract';
import { eventEnvelope } from './event-envelope';

/** Incomplete at the desk: Form 02 is issued and the dossier waits for the applicant (not yet received). */
export const ReceptionSupplementRequested = eventEnvelope(
  'dossier.reception_supplement_requested',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      requestedAt: Instant,
      reason: z.string().min(1),
      missing: z.array(z.string().min(1)).min(1),
      applicantDeadlineAt: Instant,
    })
    .strict(),
);

/** Not eligible: Form 03, the dossier ends. */
export const DossierRefused = eventEnvelope(
  'dossier.refused',
  1,
  z.object({ statusCode: NationalStatusCode, refusedAt: Instant, reason: z.string().min(1) }).strict(),
);

/** The applicant's supplement deadline passed: the dossier is closed as not received. */
export const DossierNotReceived = eventEnvelope(
  'dossier.not_received',
  1,
  z.object({ statusCode: NationalStatusCode, closedAt: Instant, reason: z.enum(['supplement_deadline_expired']) }).strict(),
);
