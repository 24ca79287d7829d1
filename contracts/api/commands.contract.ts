import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';
import { AmountVnd, Count, Text } from './dossiers.contract';

/**
 * Bodies of the officers', the desk's and the citizens' commands over HTTP. The acting officer
 * and unit come from the bearer token; `unitId` only chooses among the caller's own units.
 * Officer commands carry the task version the caller saw, so a stale screen is refused.
 */
const ActingUnit = { unitId: z.string().min(1).max(128).optional() };
const TaskVersion = { taskVersion: z.number().int().min(0).max(1_000_000) };

export const TaskParams = z.object({ code: DossierCode, taskId: z.string().regex(/^[a-z0-9][a-z0-9_-]*#\d{1,6}$/, 'a task id like tiep-nhan#1 (URL-encode the #: tiep-nhan%231)') }).strict();

export const ClaimTaskBody = z.object({ ...TaskVersion, ...ActingUnit }).strict().meta({ id: 'ClaimTaskBody' });
export const CompleteTaskBody = z
  .object({ ...TaskVersion, ...ActingUnit, outcome: z.enum(['approved', 'denied']).default('approved'), note: Text(2000).optional() })
  .strict()
  .meta({ id: 'CompleteTaskBody' });
export const ReturnTaskBody = z
  .object({ ...TaskVersion, ...ActingUnit, reason: Text(2000), toStepId: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).max(64).optional() })
  .strict()
  .meta({ id: 'ReturnTaskBody' });
export const TransferTaskBody = z.object({ ...TaskVersion, ...ActingUnit, toUnitId: z.string().min(1).max(128), reason: Text(2000) }).strict().meta({ id: 'TransferTaskBody' });
export const ReassignTaskBody = z.object({ ...TaskVersion, ...ActingUnit, toOfficerId: z.string().min(1).max(128) }).strict().meta({ id: 'ReassignTaskBody' });
export const RequestSupplementBody = z
  .object({ ...TaskVersion, ...ActingUnit, reason: Text(2000), missing: z.array(Text(500)).min(1).max(50), applicantDeadlineAt: Instant.optional() })
  .strict()
  .meta({ id: 'RequestSupplementBody' });
export const RequestPaymentBody = z
  .object({ ...TaskVersion, ...ActingUnit, kind: z.enum(['fee', 'land_levy', 'tax', 'other']), amountVnd: AmountVnd })
  .strict()
  .meta({ id: 'RequestPaymentBody' });
export const ExtendDossierBody = z.object({ ...ActingUnit, reason: Text(2000), newAppointmentAt: Instant }).strict().meta({ id: 'ExtendDossierBody' });
export const StopDossierBody = z.object({ ...ActingUnit, reason: Text(2000) }).strict().meta({ id: 'StopDossierBody' });

export const RecordPaymentBody = z
  .object({ source: z.enum(['applicant_payment', 'tax_notice']), paidOnline: z.boolean(), amountVnd: AmountVnd, reference: Text(200) })
  .strict()
  .meta({ id: 'RecordPaymentBody' });
export const ReturnResultBody = z.object({ ...ActingUnit, method: z.enum(['desk', 'online', 'post']), electronic: z.boolean() }).strict().meta({ id: 'ReturnResultBody' });
export const ResubmitSupplementBody = z.object({ componentsDigitised: Count(1000).default(0) }).strict().meta({ id: 'ResubmitSupplementBody' });
export const WithdrawDossierBody = z.object({ reason: Text(2000) }).strict().meta({ id: 'WithdrawDossierBody' });

export const CitizenRatingBody = z.object({ score: z.enum(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied']) }).strict().meta({ id: 'CitizenRatingBody' });
export const CitizenComplaintBody = z
  .object({ category: z.enum(['delay', 'attitude', 'documents', 'fees', 'result', 'other']), reference: Text(200) })
  .strict()
  .meta({ id: 'CitizenComplaintBody' });
export const CitizenSupplementBody = ResubmitSupplementBody;
export const CitizenTokenHeaders = z.object({ 'x-dossier-token': z.string().min(16).max(64) }).loose();

/** What an accepted command produced: its events, in order, already on the topic. */
export const CommandResponse = z
  .object({
    dossierCode: DossierCode,
    sequence: z.number().int(),
    statusCode: z.number().int(),
    phase: z.string(),
    events: z.array(z.object({ id: z.string(), type: z.string() })),
  })
  .meta({ id: 'CommandResponse' });
export type CommandResponse = z.infer<typeof CommandResponse>;
