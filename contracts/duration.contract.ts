import { z } from 'zod';

/**
 * A time budget as the law or the locality states it. Working minutes exist for demo and test
 * procedures (same code paths, deadlines that fire within a minute).
 */
export const DurationUnit = z.enum(['working_days', 'working_hours', 'working_minutes', 'calendar_days']);
export type DurationUnit = z.infer<typeof DurationUnit>;

export const Duration = z
  .object({
    amount: z.number().nonnegative().finite(),
    unit: DurationUnit,
  })
  .strict();
export type Duration = z.infer<typeof Duration>;

/** 1 working day = 8 working hours, the model Vietnamese one-stop systems use. */
export const WORKING_MINUTES_PER_DAY = 8 * 60;

/**
 * Working minutes of a working-time duration, exact (the demo's steps last fractions of a minute);
 * undefined for calendar days, which are not working time.
 */
export function toWorkingMinutes(d: Duration): number | undefined {
  switch (d.unit) {
    case 'working_days':
      return d.amount * WORKING_MINUTES_PER_DAY;
    case 'working_hours':
      return d.amount * 60;
    case 'working_minutes':
      return d.amount;
    case 'calendar_days':
      return undefined;
  }
}
