import { z } from 'zod';
import { Channel, DossierCode, Instant } from '../dossier.contract';

/** Free text from a person: trimmed, bounded (strings are NFC-normalised by the API before validation). */
export const Text = (max: number) => z.string().trim().min(1).max(max);
/** A count the read models store in an `integer` column, bounded far below its range. */
export const Count = (max = 10_000) => z.number().int().min(0).max(max);
/** An amount in đồng: whole, non-negative, below what a `bigint` column or a JS number holds exactly. */
export const AmountVnd = z.number().int().min(0).max(1_000_000_000_000);

export const Applicant = z
  .object({
    idNumber: z.string().regex(/^(\d{12}|\d{9})$/, 'a 12-digit citizen ID number (or a 9-digit old ID)'),
    fullName: Text(200),
    phone: z.string().regex(/^\+?\d{9,15}$/, 'digits, optionally with a leading +').optional(),
    address: Text(500).optional(),
    email: z.email().max(254).optional(),
  })
  .strict()
  .meta({ id: 'Applicant', description: 'Personal data: stored encrypted, shown only to reception, the officers handling the dossier and admins.' });
export type Applicant = z.infer<typeof Applicant>;

/** The desk's decision at reception: Form 01 accept (default), Form 02 supplement, Form 03 refuse. */
export const ReceptionDecision = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('accept') }).strict(),
    z
      .object({
        outcome: z.literal('supplement'),
        reason: Text(2000),
        missing: z.array(Text(500)).min(1).max(50),
        applicantDeadlineAt: Instant,
      })
      .strict(),
    z.object({ outcome: z.literal('refuse'), reason: Text(2000) }).strict(),
  ])
  .meta({ id: 'ReceptionDecision' });
export type ReceptionDecision = z.infer<typeof ReceptionDecision>;

/** What the reception desk or the online portal submits. */
export const SubmitDossierRequest = z
  .object({
    procedureCode: z.string().min(1).max(64),
    receivingUnitId: z.string().min(1).max(128),
    channel: Channel,
    applicant: Applicant,
    reception: ReceptionDecision.default({ outcome: 'accept' }),
    /** Defaults to the time the API received the request; older than the configured window needs the backfill role. */
    receivedAt: Instant.optional(),
    components: z
      .object({ total: Count(1000), digitised: Count(1000), reused: Count(1000) })
      .strict()
      .refine((c) => c.digitised <= c.total && c.reused <= c.total, { message: 'digitised and reused cannot exceed total' })
      .optional(),
  })
  .strict()
  .meta({ id: 'SubmitDossierRequest' });
export type SubmitDossierRequest = z.infer<typeof SubmitDossierRequest>;

export const UnitRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'UnitRef' });

/**
 * The receipt (Form 01 data when accepted; Form 02 or 03 data when the desk decided so), answered
 * in the same request as the submission. `citizenToken` is printed on the receipt: with it the
 * applicant supplements and rates online; the lookup needs only the code and the ID's last 4 digits.
 */
export const SubmitDossierResponse = z
  .object({
    dossierCode: DossierCode,
    outcome: z.enum(['accepted', 'supplement_requested', 'refused']),
    statusCode: z.number().int(),
    procedure: z.object({ code: z.string(), name: z.string(), version: z.string() }),
    receivingUnit: UnitRef,
    channel: Channel,
    receivedAt: Instant,
    /** When counting starts (the next working opening after a cut-off or outside service hours). */
    clockStartAt: Instant.nullable(),
    appointmentAt: Instant.nullable(),
    legalDueAt: Instant.nullable(),
    supplement: z.object({ reason: z.string(), missing: z.array(z.string()), applicantDeadlineAt: Instant }).nullable(),
    refusal: z.object({ reason: z.string() }).nullable(),
    calendarVersion: z.string(),
    citizenToken: z.string(),
    /** Whether this answer repeats an earlier submission with the same Idempotency-Key. */
    replayed: z.boolean(),
    links: z.object({ self: z.string(), receipt: z.string() }),
  })
  .meta({ id: 'SubmitDossierResponse' });
export type SubmitDossierResponse = z.infer<typeof SubmitDossierResponse>;

export const DossierCodeParams = z.object({ code: DossierCode }).strict();
