import { z } from 'zod';
import { ApplicantKey, Channel, DossierCode, Instant } from '../dossier.contract';
import { Duration } from '../duration.contract';

/**
 * What the reception desk hands the dossier workflow: procedure and calendar versions are pinned
 * here, so later catalogue or calendar changes never move this dossier's dates.
 */
export const StartDossierInput = z
  .object({
    schemaVersion: z.literal(1),
    dossierCode: DossierCode,
    procedureCode: z.string().min(1),
    procedureVersion: z.string().min(1),
    unitId: z.string().min(1),
    channel: Channel,
    applicantKey: ApplicantKey,
    receivedAt: Instant,
    calendarVersion: z.string().min(1),
    legalBudget: Duration,
    committedBudget: Duration,
    cutoff: z.string().regex(/^\d{2}:\d{2}$/).optional(),
    componentsTotal: z.number().int().nonnegative(),
    componentsDigitised: z.number().int().nonnegative(),
    componentsReused: z.number().int().nonnegative(),
  })
  .strict();
export type StartDossierInput = z.infer<typeof StartDossierInput>;
