import { z } from 'zod';
import { ApplicantKey, Channel, DossierCode, Instant } from '../dossier.contract';
import { ClassifierSettings } from '../deadline-ledger.contract';
import { ProcedureVersion } from '../procedure.contract';

/** What the desk decided at reception (Forms 01, 02, 03). */
export const ReceptionOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accept') }).strict(),
  z
    .object({ outcome: z.literal('supplement'), reason: z.string().min(1), missing: z.array(z.string().min(1)).min(1), applicantDeadlineAt: Instant })
    .strict(),
  z.object({ outcome: z.literal('refuse'), reason: z.string().min(1) }).strict(),
]);
export type ReceptionOutcome = z.infer<typeof ReceptionOutcome>;

/** Settings of a dossier's timers; the demo shortens them, production keeps the defaults. */
export const DossierSettings = z
  .object({
    classifier: ClassifierSettings.partial().default({}),
    /** Applicant's time to supplement when a command names none, in calendar minutes (default 30 days). */
    supplementWindowMinutes: z.number().int().positive().default(30 * 24 * 60),
    /** How long the dossier waits for a rating after the result is returned (default 30 days). */
    ratingWindowMinutes: z.number().int().positive().default(30 * 24 * 60),
    /** Continue-as-new once history passes this many events (Temporal's hard limit is 51,200). */
    historyEventsLimit: z.number().int().positive().default(10_000),
  })
  .strict();
export type DossierSettings = z.infer<typeof DossierSettings>;

/**
 * What reception hands the dossier workflow. The procedure version and the calendar version are
 * pinned here, and every step's unit is resolved at reception, so later catalogue or calendar
 * changes never move this dossier's dates unless a command says so.
 */
export const StartDossierInput = z
  .object({
    schemaVersion: z.literal(1),
    dossierCode: DossierCode,
    procedureCode: z.string().min(1),
    procedureName: z.string().min(1),
    procedure: ProcedureVersion,
    unitId: z.string().min(1),
    channel: Channel,
    applicantKey: ApplicantKey,
    receivedAt: Instant,
    calendarVersion: z.string().min(1),
    /** stepId → the unit that handles it for this dossier. */
    routing: z.record(z.string(), z.string()),
    /** unitId → the unit a breach there escalates to. */
    supervisors: z.record(z.string(), z.string()),
    reception: ReceptionOutcome,
    componentsTotal: z.number().int().nonnegative(),
    componentsDigitised: z.number().int().nonnegative(),
    componentsReused: z.number().int().nonnegative(),
    settings: DossierSettings.default(DossierSettings.parse({})),
  })
  .strict();
export type StartDossierInput = z.infer<typeof StartDossierInput>;
