import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';

/**
 * One open dossier's breach forecast (table `breach_forecast`, written by the breach forecaster):
 * the probability that the decider declares its appointment breached before the horizon, from
 * Monte-Carlo runs of the simulation over the live workload with each unit's measured service.
 */
export const BreachForecastStatus = z.enum(['breached', 'at_risk', 'beyond_horizon']);
export type BreachForecastStatus = z.infer<typeof BreachForecastStatus>;

export const BreachForecastRow = z
  .object({
    dossierCode: DossierCode,
    procedureCode: z.string().min(1),
    receivingUnitId: z.string().min(1),
    /** The unit holding the dossier's earliest-due open task. */
    unitId: z.string().min(1),
    appointmentAt: Instant,
    /** 0..1; 1 for a dossier already past its appointment ('breached'), 0 when the appointment lies after the horizon. */
    probability: z.number().min(0).max(1),
    status: BreachForecastStatus,
    /** Median instant processing ended in the runs where it ended before the horizon. */
    medianEndAt: Instant.nullable(),
    horizonEnd: Instant,
    runs: z.number().int().positive(),
    forecastAt: Instant,
    /** When an sla.breach_predicted alert went out for the current crossing of the threshold. */
    alertedAt: Instant.nullable(),
  })
  .strict();
export type BreachForecastRow = z.infer<typeof BreachForecastRow>;
