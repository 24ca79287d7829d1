import { z } from 'zod';

/**
 * An exact fraction; `percent` is numerator ÷ denominator × 100 rounded to one decimal, null when the
 * denominator is 0. `basis` says in words what is counted over what, so two rates are never read as one.
 */
export const Rate = z
  .object({ numerator: z.number().int().nonnegative(), denominator: z.number().int().nonnegative(), percent: z.number().nullable(), basis: z.string() })
  .strict();
export type Rate = z.infer<typeof Rate>;

export const StatisticsGrouping = z.enum(['total', 'unit', 'procedure', 'unit,procedure']);
export type StatisticsGrouping = z.infer<typeof StatisticsGrouping>;
export const PeriodGranularity = z.enum(['day', 'month', 'year']);
export type PeriodGranularity = z.infer<typeof PeriodGranularity>;

const count = z.number().int().nonnegative();

/**
 * One row of the statistics report: one period (local time UTC+7, `periodEnd` exclusive: a report
 * asked --to 2026-12-31 ends at 1 January 00:00) and one group. Identity:
 * received.total = finished.total + withdrawn + supplementExpired + inProgress.total.
 */
export const StatisticsRow = z
  .object({
    /** '2026', '2026-03' or '2026-03-05'. */
    period: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    unitId: z.string().nullable(),
    procedureCode: z.string().nullable(),
    received: z
      .object({ carriedOver: count, new: count, total: count, byChannel: z.object({ direct: count, online: count, post: count }).strict() })
      .strict(),
    /**
     * Ended in the period with a result (status 9) or stopped (status 8), by the decider's classification
     * against the Form 01 appointment (moved by pauses only). `lateWithApology` ⊆ `late`: late after a Form 04.
     */
    finished: z.object({ total: count, early: count, onTime: count, late: count, lateWithApology: count, stopped: count }).strict(),
    /**
     * Received before the period's end and not ended by then; overdue once the Form 01 appointment passed
     * (the dossier's first breach) or after a second supplement request. `overdueWithApology` ⊆ `overdue`.
     */
    inProgress: z.object({ total: count, within: count, overdue: count, overdueWithApology: count }).strict(),
    /** Received dossiers with at least one supplement request (Form 02, during processing) made in the period. */
    supplementRequested: count,
    /** Form 02 at the desk (before reception) in the period. */
    receptionSupplementRequested: count,
    /** Refused at reception (Form 03) in the period. */
    refused: count,
    /** Received dossiers withdrawn in the period. */
    withdrawn: count,
    /** Received dossiers closed as not received in the period because the supplement deadline passed. */
    supplementExpired: count,
    /** Over the dossiers with a result in the period (stopped ones have no processing time). */
    processing: z
      .object({
        count,
        averageWorkingMinutes: z.number().nullable(),
        averageLegalBudgetMinutes: z.number().nullable(),
        averageCommittedBudgetMinutes: z.number().nullable(),
      })
      .strict(),
    /** finished ÷ (carried over + new): the article's "94.9% resolved". */
    completionRate: Rate,
    /**
     * (early + on time) ÷ finished, against the Form 01 appointment: the article's "100% on time". Not
     * indicator 2.1, which counts over finished + still open and applies the national KPI rules.
     */
    onTimeRate: Rate,
  })
  .strict()
  .meta({ id: 'StatisticsRow' });
export type StatisticsRow = z.infer<typeof StatisticsRow>;

export const IndicatorCode = z.enum(['2.1', '2.2', '3.3', '3.6', '4.1', '4.2', '4.3', '5.4']);
export type IndicatorCode = z.infer<typeof IndicatorCode>;

/** One Decision 766 indicator. Rates: `value` is a percentage; 2.2: average working minutes. */
export const IndicatorRow = z
  .object({
    code: IndicatorCode,
    /** The dashboard group (1–5) whose weight the indicator's points count towards. */
    group: z.number().int().min(1).max(5),
    name: z.string(),
    /** Set on the per-procedure rows of 2.2. */
    procedureCode: z.string().nullable(),
    unit: z.enum(['percent', 'working_minutes']),
    value: z.number().nullable(),
    numerator: z.number().nonnegative(),
    denominator: z.number().nonnegative(),
    points: z.number().nullable(),
    maxPoints: z.number().nonnegative(),
    /** What is counted over what (the population, the rules), so 2.1 is never read as the statistics' on-time rate. */
    basis: z.string(),
    /** False when the maximum or the threshold could not be checked against a source (verified-facts.md §3). */
    verified: z.boolean(),
  })
  .strict();
export type IndicatorRow = z.infer<typeof IndicatorRow>;

/** A dashboard group: its weight of the 100 points, and what the computed indicators earn of it. */
export const IndicatorGroupRow = z
  .object({ group: z.number().int().min(1).max(5), name: z.string(), weight: z.number(), points: z.number(), maxPoints: z.number(), indicators: z.array(IndicatorCode) })
  .strict();
export type IndicatorGroupRow = z.infer<typeof IndicatorGroupRow>;

export const IndicatorsReport = z
  .object({
    /** Local dates, both inclusive. */
    from: z.string(),
    to: z.string(),
    unitId: z.string().nullable(),
    /** Share of dossiers synced to the National Public Service Portal, the factor of 3.3 (1 unless measured). */
    syncRate: z.number().min(0).max(1),
    indicators: z.array(IndicatorRow),
    groups: z.array(IndicatorGroupRow),
    points: z.number(),
    maxPoints: z.number(),
  })
  .strict()
  .meta({ id: 'IndicatorsReport' });
export type IndicatorsReport = z.infer<typeof IndicatorsReport>;
