import { z } from 'zod';
import { Instant, NationalStatusCode } from '../dossier.contract';
import { SupplementClockPolicy } from '../procedure.contract';
import { eventEnvelope } from './event-envelope';

/** Open tasks' due instants after the clock resumed, as the deadline ledger moved them (consumers need no copy of the rule). */
const TaskDues = z.array(z.object({ taskId: z.string(), dueAt: Instant }).strict());

/** Form 02 during processing. `kpiOverdue` marks a dossier the national KPI now counts as overdue. */
export const SupplementRequested = eventEnvelope(
  'dossier.supplement_requested',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      taskId: z.string(),
      unitId: z.string(),
      officerId: z.string(),
      reason: z.string().min(1),
      missing: z.array(z.string().min(1)).min(1),
      requestedAt: Instant,
      applicantDeadlineAt: Instant,
      requestsByUnit: z.number().int().positive(),
      requestsTotal: z.number().int().positive(),
      repeatedInUnit: z.boolean(),
      kpiOverdue: z.boolean(),
      policy: SupplementClockPolicy,
    })
    .strict(),
);

export const SupplementReceived = eventEnvelope(
  'dossier.supplement_received',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      receivedAt: Instant,
      waitingWorkingMinutes: z.number().nonnegative(),
      policy: SupplementClockPolicy,
      appointmentAt: Instant,
      legalDueAt: Instant,
      taskDues: TaskDues,
      componentsDigitised: z.number().int().nonnegative(),
    })
    .strict(),
);

/** Status 6: the clock stops until payment or the tax office's notice. */
export const PaymentRequested = eventEnvelope(
  'dossier.payment_requested',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      taskId: z.string(),
      unitId: z.string(),
      kind: z.enum(['fee', 'land_levy', 'tax', 'other']),
      amountVnd: z.number().int().nonnegative(),
      requestedAt: Instant,
    })
    .strict(),
);

export const PaymentRecorded = eventEnvelope(
  'dossier.payment_recorded',
  1,
  z
    .object({
      statusCode: NationalStatusCode,
      recordedAt: Instant,
      source: z.enum(['applicant_payment', 'tax_notice']),
      paidOnline: z.boolean(),
      amountVnd: z.number().int().nonnegative(),
      reference: z.string().min(1),
      waitingWorkingMinutes: z.number().nonnegative(),
      appointmentAt: Instant,
      legalDueAt: Instant,
      taskDues: TaskDues,
    })
    .strict(),
);

/** Form 04: apology and new appointment, issued by the responsible unit before the due instant. */
export const DossierExtended = eventEnvelope(
  'dossier.extended',
  1,
  z
    .object({
      unitId: z.string(),
      officerId: z.string(),
      reason: z.string().min(1),
      extendedAt: Instant,
      previousAppointmentAt: Instant,
      appointmentAt: Instant,
      extensionNumber: z.number().int().positive(),
    })
    .strict(),
);
