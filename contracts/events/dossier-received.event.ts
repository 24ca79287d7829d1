import { z } from 'zod';
import { Duration } from '../duration.contract';
import { ApplicantKey, Channel, Instant } from '../dossier.contract';
import { eventEnvelope } from './event-envelope';

/** Accepted at the desk or online: Form 01 (receipt and appointment) is issued with `appointmentAt`. */
export const DossierReceivedPayload = z
  .object({
    channel: Channel,
    applicantKey: ApplicantKey,
    procedureVersion: z.string().min(1),
    receivedAt: Instant,
    /** When the clock starts: the next service instant, or the next working day after the cut-off. */
    clockStartAt: Instant,
    appointmentAt: Instant,
    legalDueAt: Instant,
    committedBudget: Duration,
    legalBudget: Duration,
    /** Paper components digitised at reception (indicator 4.2) and reused from the data warehouse (4.3). */
    componentsTotal: z.number().int().nonnegative(),
    componentsDigitised: z.number().int().nonnegative(),
    componentsReused: z.number().int().nonnegative(),
  })
  .strict();

export const DossierReceived = eventEnvelope('dossier.received', 1, DossierReceivedPayload);
export type DossierReceived = z.infer<typeof DossierReceived>;
