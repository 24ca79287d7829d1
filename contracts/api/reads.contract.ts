import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';
import { DeadlineLedger } from '../deadline-ledger.contract';

const Page = { nextCursor: z.string().nullable() };
const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = z.string().max(512).optional();

// ---------------------------------------------------------------------------------------------
// Department inbox

export const InboxView = z.enum(['all', 'mine', 'unassigned', 'due_soon', 'overdue']);
export const InboxQuery = z
  .object({ view: InboxView.default('all'), procedureCode: z.string().max(64).optional(), status: z.enum(['open', 'claimed']).optional(), limit, cursor })
  .strict();
export const UnitParams = z.object({ unitId: z.string().min(1).max(128) }).strict();

export const InboxItem = z
  .object({
    dossierCode: DossierCode,
    taskId: z.string(),
    stepId: z.string(),
    stepName: z.string(),
    stepKind: z.string(),
    unitId: z.string(),
    procedureCode: z.string(),
    assignedAt: Instant,
    dueAt: Instant,
    allotmentWorkingMinutes: z.number().nullable(),
    status: z.enum(['open', 'claimed']),
    claimedBy: z.string().nullable(),
    taskVersion: z.number().int(),
    paused: z.boolean(),
    pausedReason: z.enum(['supplement', 'payment']).nullable(),
    remainingWorkingMinutes: z.number(),
    deadlineStatus: z.enum(['within', 'due_soon', 'overdue']),
  })
  .meta({ id: 'InboxItem' });
export const InboxResponse = z
  .object({
    unitId: z.string(),
    view: InboxView,
    items: z.array(InboxItem),
    counts: z.object({ all: z.number().int(), mine: z.number().int(), unassigned: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() }),
    ...Page,
  })
  .meta({ id: 'InboxResponse' });
export type InboxResponse = z.infer<typeof InboxResponse>;

// ---------------------------------------------------------------------------------------------
// SLA board

export const SlaBoardQuery = z
  .object({ unitId: z.string().min(1).max(128).optional(), status: z.enum(['due_soon', 'overdue']).optional(), scope: z.enum(['dossier', 'step']).optional(), limit, cursor })
  .strict();
export const SlaBoardItem = z
  .object({
    dossierCode: DossierCode,
    scope: z.enum(['dossier', 'step']),
    taskId: z.string().nullable(),
    procedureCode: z.string(),
    unitId: z.string(),
    supervisorUnitId: z.string().nullable(),
    status: z.enum(['due_soon', 'overdue']),
    dueAt: Instant,
    warnedAt: Instant.nullable(),
    breachedAt: Instant.nullable(),
    escalatedAt: Instant.nullable(),
    form04DraftedAt: Instant.nullable(),
    paused: z.boolean(),
    remainingWorkingMinutes: z.number(),
    alertPending: z
      .boolean()
      .describe('Overdue at the time of reading (the step\'s due has passed) while its breach alert has not come yet: its workflow\'s timer is queued behind others, as when many deadlines coincide'),
    breachProbability: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('The latest breach forecast: the probability (0–1) that the dossier misses its appointment; null until a forecast round has covered it'),
  })
  .meta({ id: 'SlaBoardItem' });
export const SlaBoardResponse = z
  .object({
    items: z.array(SlaBoardItem),
    ...Page,
    nextStepDueAt: Instant.nullable().describe('The earliest due still ahead of an open step in these units: the board changes then, whether or not an alert arrives in time'),
  })
  .meta({ id: 'SlaBoardResponse' });
export const SlaBoardUnitsQuery = z.object({ unitId: z.string().min(1).max(128).optional() }).strict();
export const SlaBoardUnitsResponse = z
  .object({
    units: z.array(
      z.object({
        unitId: z.string(),
        dueSoon: z.number().int(),
        overdue: z.number().int(),
        dossiersOverdue: z.number().int(),
        alertsPending: z.number().int().describe('Of the overdue: steps whose breach alert has not come yet'),
      }),
    ),
  })
  .meta({ id: 'SlaBoardUnitsResponse' });
export const SlaAlertsQuery = z.object({ unitId: z.string().min(1).max(128).optional() }).strict();
export const SlaAlertMessage = z
  .object({
    id: z.number().int(),
    eventId: z.string(),
    dossierCode: DossierCode,
    procedureCode: z.string(),
    kind: z.string(),
    scope: z.enum(['dossier', 'step']),
    taskId: z.string().nullable(),
    unitId: z.string(),
    supervisorUnitId: z.string().nullable(),
    dueAt: Instant,
    raisedAt: Instant,
    remainingWorkingMinutes: z.number(),
  })
  .meta({ id: 'SlaAlertMessage', description: 'One server-sent event `sla-alert` of /sla-alerts/stream (its SSE id is `id`).' });
export type SlaAlertMessage = z.infer<typeof SlaAlertMessage>;

// ---------------------------------------------------------------------------------------------
// Form 07 register

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
export const RegisterQuery = z
  .object({
    unitId: z.string().min(1).max(128).optional(),
    procedureCode: z.string().max(64).optional(),
    /** Received from this local date (inclusive)… */
    from: LocalDate.optional(),
    /** …to this local date (inclusive). */
    to: LocalDate.optional(),
    statusCode: z.coerce.number().int().min(1).max(10).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit,
    cursor,
  })
  .strict();
export const RegisterRow = z
  .object({
    dossierCode: DossierCode,
    procedureCode: z.string(),
    procedureVersion: z.string().nullable(),
    receivingUnitId: z.string(),
    channel: z.string().nullable(),
    statusCode: z.number().int(),
    receivedAt: Instant.nullable(),
    appointmentAt: Instant.nullable(),
    legalDueAt: Instant.nullable(),
    supplementCount: z.number().int(),
    kpiOverdue: z.boolean(),
    paymentCount: z.number().int(),
    paidOnline: z.boolean().nullable(),
    extensionCount: z.number().int(),
    pausedReason: z.string().nullable(),
    finishedAt: Instant.nullable(),
    resultOutcome: z.string().nullable(),
    electronicResult: z.boolean().nullable(),
    classification: z.string().nullable(),
    classificationLegal: z.string().nullable(),
    classificationKpi: z.string().nullable(),
    processingWorkingMinutes: z.number().nullable(),
    returnedAt: Instant.nullable(),
    returnMethod: z.string().nullable(),
    closedReason: z.string().nullable(),
    closedAt: Instant.nullable(),
    complaintCount: z.number().int(),
    rating: z.string().nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'RegisterRow', description: 'One row of Form 07 (Sổ theo dõi hồ sơ). No personal data.' });
export type RegisterRow = z.infer<typeof RegisterRow>;
export const RegisterResponse = z.object({ rows: z.array(RegisterRow), ...Page }).meta({ id: 'RegisterResponse' });

// ---------------------------------------------------------------------------------------------
// The dossier page

export const EventsQuery = z.object({ afterSequence: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }).strict();
export const TimelineEvent = z
  .object({ sequence: z.number().int(), eventId: z.string(), type: z.string(), occurredAt: Instant, unitId: z.string(), payload: z.record(z.string(), z.unknown()) })
  .meta({ id: 'TimelineEvent' });
export const EventsResponse = z.object({ dossierCode: DossierCode, events: z.array(TimelineEvent) }).meta({ id: 'EventsResponse' });

export const SlipRow = z
  .object({
    seq: z.number().int(),
    kind: z.string(),
    fromTaskId: z.string(),
    fromStepId: z.string(),
    fromUnitId: z.string(),
    fromOfficerId: z.string().nullable(),
    toTaskId: z.string(),
    toStepId: z.string(),
    toUnitId: z.string(),
    handedAt: Instant,
    fromDueAt: Instant,
    fromFinishedAt: Instant,
    classification: z.string(),
    consumedWorkingMinutes: z.number().nullable(),
    toDueAt: Instant,
    reason: z.string().nullable(),
  })
  .meta({ id: 'SlipRow', description: 'One hand-off of Form 06 (Phiếu kiểm soát quá trình giải quyết hồ sơ).' });
export const SlipResponse = z.object({ dossierCode: DossierCode, rows: z.array(SlipRow) }).meta({ id: 'SlipResponse' });

export const LedgerResponse = z
  .object({
    dossierCode: DossierCode,
    calendarVersion: z.string(),
    ledger: DeadlineLedger,
    /** The ledger's entries with instants as local ISO times, for people. */
    entries: z.array(
      z.object({
        seq: z.number().int(),
        at: Instant,
        kind: z.string(),
        rule: z.string(),
        calendarVersion: z.string(),
        stepId: z.string().nullable(),
        unitId: z.string().nullable(),
        deltaWorkingMinutes: z.number().nullable(),
        dueBefore: Instant.nullable(),
        dueAfter: Instant.nullable(),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: 'LedgerResponse' });

export const ConsumptionResponse = z
  .object({
    dossierCode: DossierCode,
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string().nullable(),
        allottedWorkingMinutes: z.number(),
        consumedWorkingMinutes: z.number(),
        tasksFinished: z.number().int(),
        /** consumed ÷ allotted × 100, one decimal; null without an allotment. */
        percentOfAllotment: z.number().nullable(),
      }),
    ),
    /** Settled from the ledger at the result (before it, sums of the finished tasks). */
    settled: z.boolean(),
  })
  .meta({ id: 'ConsumptionResponse' });

export const DossierView = z
  .object({
    dossierCode: DossierCode,
    procedureCode: z.string(),
    procedureName: z.string().nullable(),
    receivingUnitId: z.string(),
    channel: z.string().nullable(),
    statusCode: z.number().int(),
    statusText: z.object({ vi: z.string(), en: z.string() }),
    receivedAt: Instant.nullable(),
    appointmentAt: Instant.nullable(),
    legalDueAt: Instant.nullable(),
    calendarVersion: z.string().nullable(),
    classification: z.string().nullable(),
    openTasks: z.array(InboxItem),
    register: RegisterRow.nullable(),
    source: z.enum(['read-model', 'workflow']),
    links: z.record(z.string(), z.string()),
  })
  .meta({ id: 'DossierView' });
export type DossierView = z.infer<typeof DossierView>;

export type EventsResponse = z.infer<typeof EventsResponse>;
export type SlipResponse = z.infer<typeof SlipResponse>;
export type LedgerResponse = z.infer<typeof LedgerResponse>;
export type ConsumptionResponse = z.infer<typeof ConsumptionResponse>;
export type SlaBoardResponse = z.infer<typeof SlaBoardResponse>;
export type RegisterResponse = z.infer<typeof RegisterResponse>;
