import type { OrgUnit } from '../../contracts/org-unit.contract';
import { dayIndexOf, dayKindOf, isWorkingInstant, type WorkingCalendar } from '../calendar/working-calendar';
import { dayStartMs, localDayNumber, MS_PER_MINUTE, parseLocalTime, weekdayOfDayNumber } from '../calendar/local-time';

/** Why a unit's service hours are malformed, or undefined. */
export function serviceHoursProblem(unit: OrgUnit): string | undefined {
  for (const [i, h] of (unit.serviceHours ?? []).entries()) {
    if (!(parseLocalTime(h.start) < parseLocalTime(h.end))) return `serviceHours[${i}]: ${h.start}–${h.end} is empty or inverted`;
  }
  return undefined;
}

/**
 * Whether the unit receives the public at `ms`. Without hours of its own: the calendar's service hours
 * on its working days. With them: those hours on their weekdays, except on the calendar's holidays,
 * days off in lieu and swapped days off (a weekly rest day the unit serves on stays open to it).
 */
export function unitServesAt(unit: OrgUnit, ms: number, cal: WorkingCalendar): boolean {
  if (!unit.serviceHours) return isWorkingInstant(ms, cal);
  const kind = dayKindOf(dayIndexOf(ms, cal), cal);
  if (kind === 'holiday' || kind === 'compensatory_day_off' || kind === 'swapped_day_off') return false;
  const day = localDayNumber(ms, cal.utcOffsetMinutes);
  const minute = (ms - dayStartMs(day, cal.utcOffsetMinutes)) / MS_PER_MINUTE;
  const weekday = weekdayOfDayNumber(day);
  return unit.serviceHours.some((h) => h.days.includes(weekday) && minute >= parseLocalTime(h.start) && minute < parseLocalTime(h.end));
}
