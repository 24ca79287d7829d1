import { z } from 'zod';
import { Instant, NationalStatusCode } from '../dossier.contract';
import { eventEnvelope } from './event-envelope';

const Finished = z.enum(['early', 'on_time', 'late']);

/** Status 7: the applicant withdrew; processing ends. `classification` is null when it was never received. */
export const DossierWithdrawn = eventEnvelope(
  'dossier.withdrawn',
  1,
  z.object({ statusCode: NationalStatusCode, withdrawnAt: Instant, reason: z.string().min(1), classification: Finished.nullable() }).strict(),
);

/** Status 8, Form 05: the competent unit stops processing. */
export const DossierStopped = eventEnvelope(
  'dossier.stopped',
  1,
  z.object({ statusCode: NationalStatusCode, stoppedAt: Instant, unitId: z.string(), officerId: z.string(), reason: z.string().min(1), classification: Finished.nullable() }).strict(),
);

/**
 * Status 9: processing ended. Carries what the statistics and Decision 766 indicators need: the
 * classification against the appointment, the legal deadline and the KPI view, and who used the time.
 */
export const ResultReady = eventEnvelope(
  'dossier.result_ready',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      finishedAt: Instant,
      outcome: z.enum(['granted', 'denied']),
      /** The result was issued as an electronic document (Decision 766 indicator 4.1 counts this, and only this). */
      electronicResult: z.boolean(),
      /** The appointment the citizen holds at the end (moved by pauses and Form 04). */
      appointmentAt: Instant,
      /** The Form 01 appointment moved by pauses only: what a Form 04 does not move (absent before 2026-12). */
      form01AppointmentAt: Instant.optional(),
      /** Form 04 extensions issued; with classification `late` they make the "late, with apology" sub-bucket. */
      extensions: z.number().int().nonnegative().optional(),
      legalDueAt: Instant,
      /** Against the dossier's reference due: the Form 01 appointment (default) or, where a locality counts Form 04 so, the extended one. */
      classification: Finished,
      classificationLegal: Finished,
      classificationKpi: Finished,
      processingWorkingMinutes: z.number().nonnegative(),
      kpiWaitingWorkingMinutes: z.number().nonnegative(),
      supplementRequests: z.number().int().nonnegative(),
      consumedByUnit: z.record(z.string(), z.number().nonnegative()),
    })
    .strict(),
);

/**
 * Status 10: the result was handed over. `electronic` says how it was delivered (online, e-mail): it
 * implies result_ready.electronicResult, never the reverse (an electronic result may be handed over at
 * the desk). Indicator 4.1 reads result_ready, not this.
 */
export const ResultReturned = eventEnvelope(
  'dossier.result_returned',
  1,
  z.object({ statusCode: NationalStatusCode, returnedAt: Instant, unitId: z.string(), method: z.enum(['desk', 'online', 'post']), electronic: z.boolean() }).strict(),
);

export const DossierRated = eventEnvelope(
  'dossier.rated',
  1,
  z.object({ ratedAt: Instant, score: z.enum(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied']) }).strict(),
);

/** A complaint or feedback; its text stays in the complaint system, the event carries the category. */
export const ComplaintFiled = eventEnvelope(
  'dossier.complaint_filed',
  1,
  z.object({ filedAt: Instant, category: z.enum(['delay', 'attitude', 'documents', 'fees', 'result', 'other']), reference: z.string().min(1) }).strict(),
);
