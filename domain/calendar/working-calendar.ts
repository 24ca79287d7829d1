import { DomainError } from '../domain-error';
import { dayStartMs, localDayNumber, MS_PER_MINUTE } from './local-time';

/** Why a day is or is not a working day, as the ledger names it. */
export type DayKind =
  | 'working'
  | 'makeup_working_day'
  | 'weekly_rest_day'
  | 'holiday'
  | 'compensatory_day_off'
  | 'swapped_day_off';

export const DAY_KINDS: readonly DayKind[] = [
  'working',
  'makeup_working_day',
  'weekly_rest_day',
  'holiday',
  'compensatory_day_off',
  'swapped_day_off',
];

export interface DayNote {
  readonly name: string;
  readonly decision?: string;
}

/**
 * A calendar version compiled for arithmetic: per-day working milliseconds accumulated from the
 * first day of the range, so that any instant maps to accrued working time in O(1) and back in
 * O(log n) by binary search.
 */
export interface WorkingCalendar {
  readonly version: string;
  readonly utcOffsetMinutes: number;
  readonly fromYear: number;
  readonly toYear: number;
  /** Day number (days since 1970-01-01, local) of the first day of the range. */
  readonly firstDay: number;
  readonly dayCount: number;
  /** Service intervals of a working day, in ms after local midnight, sorted and disjoint. */
  readonly intervals: ReadonlyArray<readonly [number, number]>;
  /** cum[i] = working ms from the start of the range to the start of day i; length dayCount + 1. */
  readonly cum: Float64Array;
  /** Index into DAY_KINDS per day. */
  readonly kinds: Uint8Array;
  /** Notes for days whose status comes from a rule or a decision. */
  readonly notes: ReadonlyMap<number, DayNote>;
  /** Sorted indices of days that are neither plain working days nor plain weekly rest days. */
  readonly specialDays: Int32Array;
  /** restPrefix[i] = plain weekly rest days before day i; length dayCount + 1. */
  readonly restPrefix: Int32Array;
  /** Years whose arrangement comes from official decisions rather than the rules alone. */
  readonly officialYears: ReadonlySet<number>;
  readonly weeklyRestDays: readonly number[];
}

export function rangeExceeded(cal: WorkingCalendar, what: string): DomainError {
  return new DomainError(
    'CALENDAR_RANGE_EXCEEDED',
    `${what} lies outside calendar ${cal.version} (${cal.fromYear}–${cal.toYear})`,
    { calendarVersion: cal.version, fromYear: cal.fromYear, toYear: cal.toYear },
  );
}

/**
 * Rejects an instant a dossier names (reception, a new appointment, an applicant deadline) that its
 * calendar cannot count: INSTANT_OUTSIDE_CALENDAR, a domain error the caller can answer with.
 */
export function assertInstantInCalendar(ms: number, cal: WorkingCalendar, what: string): void {
  if (!Number.isFinite(ms)) throw new DomainError('INSTANT_INVALID', `${what} is not a finite instant`, { what });
  const i = localDayNumber(ms, cal.utcOffsetMinutes) - cal.firstDay;
  if (i < 0 || i >= cal.dayCount) {
    throw new DomainError('INSTANT_OUTSIDE_CALENDAR', `${what} ${new Date(ms).toISOString()} lies outside calendar ${cal.version} (${cal.fromYear}–${cal.toYear})`, {
      what,
      calendarVersion: cal.version,
      fromYear: cal.fromYear,
      toYear: cal.toYear,
    });
  }
}

export function dayIndexOf(ms: number, cal: WorkingCalendar): number {
  if (!Number.isFinite(ms)) throw new DomainError('INSTANT_INVALID', `not a finite instant: ${ms}`);
  const i = localDayNumber(ms, cal.utcOffsetMinutes) - cal.firstDay;
  if (i < 0 || i >= cal.dayCount) throw rangeExceeded(cal, `instant ${ms}`);
  return i;
}

export function dayStartOfIndex(i: number, cal: WorkingCalendar): number {
  return dayStartMs(cal.firstDay + i, cal.utcOffsetMinutes);
}

export function dayKindOf(i: number, cal: WorkingCalendar): DayKind {
  return DAY_KINDS[cal.kinds[i] ?? 0] ?? 'working';
}

export function isWorkingDayIndex(i: number, cal: WorkingCalendar): boolean {
  return (cal.cum[i + 1] ?? 0) > (cal.cum[i] ?? 0);
}

const at = (a: Float64Array, i: number): number => a[i] as number;

/** Working ms accrued from the start of the range up to `ms`. */
export function accruedAt(ms: number, cal: WorkingCalendar): number {
  const i = dayIndexOf(ms, cal);
  const base = at(cal.cum, i);
  if (at(cal.cum, i + 1) === base) return base;
  const t = ms - dayStartOfIndex(i, cal);
  let acc = 0;
  // index loops over the intervals, here and below: the hottest code of every deadline
  const iv = cal.intervals;
  for (let k = 0; k < iv.length; k++) {
    const s = iv[k]![0];
    const e = iv[k]![1];
    if (t <= s) break;
    acc += Math.min(t, e) - s;
  }
  return base + acc;
}

/** Smallest day index d in [lo, dayCount) with cum[d + 1] > threshold (or >= when `inclusive`), else -1. */
function firstDayReaching(cal: WorkingCalendar, lo: number, threshold: number, inclusive: boolean): number {
  let hi = cal.dayCount; // exclusive
  let l = lo;
  while (l < hi) {
    const mid = (l + hi) >>> 1;
    const v = at(cal.cum, mid + 1);
    if (inclusive ? v >= threshold : v > threshold) hi = mid;
    else l = mid + 1;
  }
  return l < cal.dayCount ? l : -1;
}

export function addWorkingTime(startMs: number, workingMinutes: number, cal: WorkingCalendar): number {
  if (!Number.isFinite(workingMinutes) || workingMinutes < 0)
    throw new DomainError('WORKING_TIME_INVALID', `working time must be a non-negative number of minutes: ${workingMinutes}`);
  const startAccrued = accruedAt(startMs, cal);
  if (workingMinutes === 0) return startMs;
  const target = startAccrued + Math.round(workingMinutes * MS_PER_MINUTE);
  const d = firstDayReaching(cal, dayIndexOf(startMs, cal), target, true);
  if (d < 0) throw rangeExceeded(cal, `the instant ${workingMinutes} working minutes after ${startMs}`);
  let rem = target - at(cal.cum, d);
  const dayStart = dayStartOfIndex(d, cal);
  const iv = cal.intervals;
  for (let k = 0; k < iv.length; k++) {
    const s = iv[k]![0];
    const e = iv[k]![1];
    if (rem <= e - s) return dayStart + s + rem;
    rem -= e - s;
  }
  /* istanbul ignore next: cum[d + 1] >= target guarantees an interval above */
  throw new Error('unreachable: working calendar index is inconsistent');
}

export function workingTimeBetween(aMs: number, bMs: number, cal: WorkingCalendar): number {
  return (accruedAt(bMs, cal) - accruedAt(aMs, cal)) / MS_PER_MINUTE;
}

export function isWorkingInstant(ms: number, cal: WorkingCalendar): boolean {
  const i = dayIndexOf(ms, cal);
  if (!isWorkingDayIndex(i, cal)) return false;
  const t = ms - dayStartOfIndex(i, cal);
  const iv = cal.intervals;
  for (let k = 0; k < iv.length; k++) {
    const s = iv[k]![0];
    const e = iv[k]![1];
    if (t >= s && t < e) return true;
  }
  return false;
}

/** Opening of the first working day after the local day of `ms`. */
export function nextWorkingDayOpening(ms: number, cal: WorkingCalendar): number {
  const i = dayIndexOf(ms, cal);
  const d = firstDayReaching(cal, i + 1, at(cal.cum, i + 1), false);
  if (d < 0) throw rangeExceeded(cal, `the working day after ${ms}`);
  return dayStartOfIndex(d, cal) + (cal.intervals[0]?.[0] ?? 0);
}

export function nextWorkingInstant(ms: number, cal: WorkingCalendar): number {
  const i = dayIndexOf(ms, cal);
  if (isWorkingDayIndex(i, cal)) {
    const dayStart = dayStartOfIndex(i, cal);
    const t = ms - dayStart;
    const iv = cal.intervals;
    for (let k = 0; k < iv.length; k++) {
      const s = iv[k]![0];
      const e = iv[k]![1];
      if (t < e) return t >= s ? ms : dayStart + s;
    }
  }
  return nextWorkingDayOpening(ms, cal);
}
