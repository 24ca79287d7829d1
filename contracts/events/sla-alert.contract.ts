import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';

/**
 * What the alert is about: a warning before a due time, a breach at it, an escalation to the
 * supervisor, a draft Form 04 (apology letter), or a forecast that the appointment will be breached
 * (`breach_predicted`, from the breach forecaster rather than a dossier event).
 */
export const SlaAlertKind = z.enum(['warning', 'breach', 'escalation', 'form04_draft', 'breach_predicted']);
export type SlaAlertKind = z.infer<typeof SlaAlertKind>;

/** The deadline concerned: the dossier's overall due time, or one step's. */
export const SlaAlertScope = z.enum(['dossier', 'step']);
export type SlaAlertScope = z.infer<typeof SlaAlertScope>;

/**
 * One message on the SLA-alert topic (keyed by dossier code), for supervisors' tools. A step alert
 * names its step; `supervisorUnitId` is the unit an escalation goes to.
 */
export const SlaAlert = z
  .object({
    id: z.string().min(1),
    kind: SlaAlertKind,
    scope: SlaAlertScope,
    dossierCode: DossierCode,
    stepId: z.string().min(1).optional(),
    unitId: z.string().min(1),
    supervisorUnitId: z.string().min(1).optional(),
    dueAt: Instant,
    raisedAt: Instant,
    procedureCode: z.string().min(1),
    calendarVersion: z.string().min(1),
    /** breach_predicted: the forecast probability (0..1) that crossed the forecaster's threshold. */
    probability: z.number().min(0).max(1).optional(),
    schemaVersion: z.literal(1),
  })
  .strict()
  .refine((a) => a.scope !== 'step' || a.stepId !== undefined, { message: 'a step alert names its step', path: ['stepId'] });
export type SlaAlert = z.infer<typeof SlaAlert>;
