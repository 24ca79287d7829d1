import { Duration, toWorkingMinutes, WORKING_MINUTES_PER_DAY } from '../../contracts/duration.contract';

/**
 * Working minutes a duration can be relied on to contain, for comparing budgets without a
 * calendar. A calendar-day span is counted as its full weeks' share of five working days, rounded
 * down: validation stays pure, and the real calendar decides actual dates at run time.
 */
export function comparableWorkingMinutes(d: Duration): number {
  const minutes = toWorkingMinutes(d);
  if (minutes !== undefined) return minutes;
  return Math.floor((d.amount * 5) / 7) * WORKING_MINUTES_PER_DAY;
}

export function formatDuration(d: Duration): string {
  const unit = { working_days: 'wd', working_hours: 'wh', working_minutes: 'wmin', calendar_days: 'cd' }[d.unit];
  return `${d.amount} ${unit}`;
}
