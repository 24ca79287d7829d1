import { z } from 'zod';
import { ReceptionOutcome } from '../commands/start-dossier.contract';
import { Channel, DossierCode, Instant } from '../dossier.contract';

/** What the reception desk or the online portal submits. Personal data stops at the API. */
export const SubmitDossierRequest = z
  .object({
    procedureCode: z.string().min(1).max(64),
    receivingUnitId: z.string().min(1).max(128),
    channel: Channel,
    applicant: z
      .object({
        idNumber: z.string().regex(/^\d{9}(\d{3})?$/, 'a 12-digit citizen ID number (or a 9-digit old ID)'),
        fullName: z.string().min(1).max(200),
      })
      .strict(),
    /** The desk's decision (Form 01 accept, Form 02 supplement, Form 03 refuse); default accept. */
    reception: ReceptionOutcome.default({ outcome: 'accept' }),
    /** Defaults to the time the API received the request. */
    receivedAt: Instant.optional(),
    components: z
      .object({
        total: z.number().int().nonnegative(),
        digitised: z.number().int().nonnegative(),
        reused: z.number().int().nonnegative(),
      })
      .strict()
      .refine((c) => c.digitised <= c.total && c.reused <= c.total, { message: 'digitised and reused cannot exceed total' })
      .optional(),
  })
  .strict()
  .meta({ id: 'SubmitDossierRequest' });
export type SubmitDossierRequest = z.infer<typeof SubmitDossierRequest>;

export const SubmitDossierResponse = z
  .object({
    dossierCode: DossierCode,
    procedureVersion: z.string(),
    calendarVersion: z.string(),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'SubmitDossierResponse' });
export type SubmitDossierResponse = z.infer<typeof SubmitDossierResponse>;

export const DossierCodeParams = z.object({ code: DossierCode }).strict();

/** The dossier as the read model has it (`source: read-model`), or, before the projection caught up, as its workflow reports it. */
export const DossierSummaryResponse = z
  .object({
    dossierCode: DossierCode,
    procedureCode: z.string(),
    unitId: z.string(),
    channel: Channel,
    statusCode: z.number().int(),
    receivedAt: Instant,
    appointmentAt: Instant.nullable(),
    calendarVersion: z.string(),
    lastEventId: z.string(),
    lastEventType: z.string(),
    updatedAt: Instant,
    source: z.enum(['read-model', 'workflow']),
  })
  .meta({ id: 'DossierSummary' });
export type DossierSummaryResponse = z.infer<typeof DossierSummaryResponse>;
