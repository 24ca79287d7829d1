import { z } from 'zod';
import { Instant } from '../dossier.contract';

/**
 * Officer and applicant commands to a running dossier. Officer commands name the task and the task
 * version they saw, so a stale screen (someone else acted first) is rejected, not applied twice.
 */
const Officer = { unitId: z.string().min(1), officerId: z.string().min(1) };
/**
 * When the caller issued the command (the API stamps its clock): the instant the workflow decides it
 * at, so a workflow task retried after its events were published (a worker killed mid-task) decides
 * the same events again, not copies with a later `occurredAt`. Without it the decision takes the
 * workflow task's clock.
 */
const Issued = { issuedAt: Instant.optional() };
const TaskRef = { taskId: z.string().regex(/^[a-z0-9][a-z0-9_-]*#\d+$/), taskVersion: z.number().int().nonnegative() };

export const ClaimTask = z.object({ ...Issued, type: z.literal('task.claim'), ...TaskRef, ...Officer }).strict();
export const CompleteTask = z
  .object({ ...Issued, type: z.literal('task.complete'), ...TaskRef, ...Officer, outcome: z.enum(['approved', 'denied']).default('approved'), note: z.string().max(2000).optional() })
  .strict();
export const ReturnTask = z
  .object({ ...Issued, type: z.literal('task.return'), ...TaskRef, ...Officer, reason: z.string().min(1).max(2000), toStepId: z.string().optional() })
  .strict();
export const TransferTask = z.object({ ...Issued, type: z.literal('task.transfer'), ...TaskRef, ...Officer, toUnitId: z.string().min(1), reason: z.string().min(1).max(2000) }).strict();
export const ReassignTask = z.object({ ...Issued, type: z.literal('task.reassign'), ...TaskRef, ...Officer, toOfficerId: z.string().min(1) }).strict();
export const RequestSupplement = z
  .object({
    ...Issued, type: z.literal('supplement.request'),
    ...TaskRef,
    ...Officer,
    reason: z.string().min(1).max(2000),
    missing: z.array(z.string().min(1)).min(1),
    /** When the applicant's time runs out; defaults to the procedure setting. */
    applicantDeadlineAt: Instant.optional(),
  })
  .strict();
export const ResubmitSupplement = z.object({ ...Issued, type: z.literal('supplement.resubmit'), componentsDigitised: z.number().int().nonnegative().default(0) }).strict();
export const RequestPayment = z
  .object({ ...Issued, type: z.literal('payment.request'), ...TaskRef, ...Officer, kind: z.enum(['fee', 'land_levy', 'tax', 'other']), amountVnd: z.number().int().nonnegative() })
  .strict();
export const RecordPayment = z
  .object({
    ...Issued, type: z.literal('payment.record'),
    source: z.enum(['applicant_payment', 'tax_notice']),
    paidOnline: z.boolean(),
    amountVnd: z.number().int().nonnegative(),
    reference: z.string().min(1).max(200),
  })
  .strict();
export const ExtendDossier = z
  .object({ ...Issued, type: z.literal('dossier.extend'), ...Officer, reason: z.string().min(1).max(2000), newAppointmentAt: Instant })
  .strict();
export const WithdrawDossier = z.object({ ...Issued, type: z.literal('dossier.withdraw'), reason: z.string().min(1).max(2000) }).strict();
export const StopDossier = z.object({ ...Issued, type: z.literal('dossier.stop'), ...Officer, reason: z.string().min(1).max(2000) }).strict();
export const ReturnResult = z
  .object({ ...Issued, type: z.literal('result.return'), ...Officer, method: z.enum(['desk', 'online', 'post']), electronic: z.boolean() })
  .strict();
export const RateDossier = z.object({ ...Issued, type: z.literal('dossier.rate'), score: z.enum(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied']) }).strict();
export const FileComplaint = z
  .object({ ...Issued, type: z.literal('dossier.complain'), category: z.enum(['delay', 'attitude', 'documents', 'fees', 'result', 'other']), reference: z.string().min(1).max(200) })
  .strict();
/** Reorganisation (domain.md §1): the open tasks of a dissolved unit continue at its successor, clocks untouched. */
export const ReorganiseUnit = z.object({ ...Issued, type: z.literal('dossier.reorganise'), fromUnitId: z.string().min(1), toUnitId: z.string().min(1), reason: z.string().min(1) }).strict();

export const DossierCommand = z.discriminatedUnion('type', [
  ClaimTask,
  CompleteTask,
  ReturnTask,
  TransferTask,
  ReassignTask,
  RequestSupplement,
  ResubmitSupplement,
  RequestPayment,
  RecordPayment,
  ExtendDossier,
  WithdrawDossier,
  StopDossier,
  ReturnResult,
  RateDossier,
  FileComplaint,
  ReorganiseUnit,
]);
export type DossierCommand = z.infer<typeof DossierCommand>;
export type DossierCommandInput = z.input<typeof DossierCommand>;
