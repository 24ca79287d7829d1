import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';

/** The citizen's lookup: the code on the receipt and the last 4 digits of the ID number given at the desk. */
export const LookupRequest = z.object({ dossierCode: DossierCode, idLast4: z.string().regex(/^\d{4}$/, 'the last 4 digits of the ID number') }).strict().meta({ id: 'LookupRequest' });
export type LookupRequest = z.infer<typeof LookupRequest>;

const Words = z.object({ vi: z.string(), en: z.string() });

/** The status in plain words, the steps done and the appointment. No personal data, no officers. */
export const LookupResponse = z
  .object({
    dossierCode: DossierCode,
    procedureName: z.string(),
    statusCode: z.number().int(),
    status: Words,
    receivedAt: Instant.nullable(),
    appointmentAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
    stepsDone: z.array(z.object({ step: z.string(), finishedAt: Instant })),
    inProgress: z.array(z.object({ step: z.string(), since: Instant })),
    /** What the applicant must bring or send (a supplement request), and by when. */
    supplement: z.object({ missing: z.array(z.string()), reason: z.string(), deadlineAt: Instant }).nullable(),
    /** The appointment was moved with an apology (Form 04). */
    extended: z.object({ reason: z.string(), appointmentAt: Instant }).nullable(),
    canRate: z.boolean(),
  })
  .meta({ id: 'LookupResponse' });
export type LookupResponse = z.infer<typeof LookupResponse>;
