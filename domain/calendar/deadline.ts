import { Duration, DurationUnit, toWorkingMinutes } from '../../contracts/duration.contract';
import { DomainError } from '../domain-error';
import { civilFromDays, formatLocalDate, formatLocalIso, MS_PER_DAY, MS_PER_MINUTE, parseLocalTime } from './local-time';
import {
  addWorkingTime,
  dayIndexOf,
  dayKindOf,
  dayStartOfIndex,
  isWorkingDayIndex,
  isWorkingInstant,
  nextWorkingDayOpening,
  nextWorkingInstant,
  type DayKind,
  type WorkingCalendar,
} from './working-calendar';

export interface DeadlineRuleApplied {
  rule: string;
  at: number;
  detail: string;
  decision?: string;
}

export interface DeadlineResult {
  dueMs: number;
  effectiveStartMs: number;
  calendarVersion: string;
  workingMinutes?: number;
  applied: DeadlineRuleApplied[];
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const hhmm = (msInDay: number): string => {
  const m = Math.round(msInDay / MS_PER_MINUTE);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

const serviceHoursTexts = new WeakMap<WorkingCalendar, string>();

function serviceHoursText(cal: WorkingCalendar): string {
  let text = serviceHoursTexts.get(cal);
  if (text === undefined) {
    text = cal.intervals.map(([s, e]) => `${hhmm(s)}–${hhmm(e)}`).join(', ');
    serviceHoursTexts.set(cal, text);
  }
  return text;
}

/** Ledger entries for the days in [fromDay, toDay] that are not plain working days. O(log n + special days). */
function explainDays(cal: WorkingCalendar, fromDay: number, toDay: number, out: DeadlineRuleApplied[]): void {
  if (toDay < fromDay) return;
  let lo = 0;
  let hi = cal.specialDays.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cal.specialDays[mid] ?? 0) < fromDay) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < cal.specialDays.length; k++) {
    const d = cal.specialDays[k] ?? 0;
    if (d > toDay) break;
    const kind: DayKind = dayKindOf(d, cal);
    const note = cal.notes.get(d);
    out.push({
      rule: kind,
      at: dayStartOfIndex(d, cal),
      detail: `${formatLocalDate(cal.firstDay + d)}: ${note?.name ?? kind}`,
      ...(note?.decision ? { decision: note.decision } : {}),
    });
  }
  const rests = (cal.restPrefix[toDay + 1] ?? 0) - (cal.restPrefix[fromDay] ?? 0);
  if (rests > 0) {
    // the first plain rest day in the span, by binary search on the prefix counts
    const before = cal.restPrefix[fromDay] ?? 0;
    let a = fromDay;
    let b = toDay;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((cal.restPrefix[mid + 1] ?? 0) > before) b = mid;
      else a = mid + 1;
    }
    const names = cal.weeklyRestDays.map((w) => WEEKDAY_NAMES[w]).join(', ');
    out.push({ rule: 'weekly_rest_day', at: dayStartOfIndex(a, cal), detail: `${rests} weekly rest day(s) (${names}) without working time` });
  }
  for (let y = Math.max(cal.fromYear, civilYear(cal, fromDay)); y <= civilYear(cal, toDay); y++) {
    if (!cal.officialYears.has(y))
      out.push({
        rule: 'no_official_decision_data',
        at: dayStartOfIndex(Math.max(fromDay, yearStartIndex(cal, y)), cal),
        detail: `${y}: no official decision in calendar ${cal.version}; holidays follow the statutory rules and may move when the year's decision is published`,
      });
  }
}

function civilYear(cal: WorkingCalendar, dayIndex: number): number {
  return civilFromDays(cal.firstDay + dayIndex).year;
}

function yearStartIndex(cal: WorkingCalendar, year: number): number {
  let lo = 0;
  let hi = cal.dayCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (civilYear(cal, mid) < year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function effectiveStart(startMs: number, cal: WorkingCalendar, cutoff: string | undefined, applied: DeadlineRuleApplied[] | undefined): number {
  const day = dayIndexOf(startMs, cal);
  const inDay = startMs - dayStartOfIndex(day, cal);
  if (cutoff !== undefined && isWorkingDayIndex(day, cal)) {
    const cutoffMs = parseLocalTime(cutoff) * MS_PER_MINUTE;
    if (inDay > cutoffMs) {
      const eff = nextWorkingDayOpening(startMs, cal);
      applied?.push({
        rule: 'reception_after_cutoff',
        at: startMs,
        detail: `received at ${hhmm(inDay)}, after the ${cutoff} cut-off: counting starts at the next working day's opening, ${formatLocalIso(eff, cal.utcOffsetMinutes)}`,
      });
      return eff;
    }
  }
  if (isWorkingInstant(startMs, cal)) return startMs;
  const eff = nextWorkingInstant(startMs, cal);
  if (!applied) return eff;
  const first = cal.intervals[0]?.[0] ?? 0;
  const last = cal.intervals[cal.intervals.length - 1]?.[1] ?? MS_PER_DAY;
  const inBreak = isWorkingDayIndex(day, cal) && inDay > first && inDay < last;
  applied.push({
    rule: inBreak ? 'lunch_break' : 'start_outside_service_hours',
    at: startMs,
    detail: `received at ${formatLocalIso(startMs, cal.utcOffsetMinutes)}, outside service hours (${serviceHoursText(cal)}): counting starts at ${formatLocalIso(eff, cal.utcOffsetMinutes)}`,
  });
  return eff;
}

const UNITS: ReadonlySet<string> = new Set(DurationUnit.options);

/** The budget as the contract accepts it; the schema only runs (for its message) when the quick check fails. */
function checkedDuration(budget: Duration): Duration {
  const b = budget as unknown as Record<string, unknown> | null;
  if (b !== null && typeof b === 'object' && typeof b.amount === 'number' && b.amount >= 0 && Number.isFinite(b.amount) && typeof b.unit === 'string' && UNITS.has(b.unit) && Object.keys(b).length === 2) return budget;
  const parsed = Duration.safeParse(budget);
  if (!parsed.success) throw new DomainError('DURATION_INVALID', parsed.error.message);
  return parsed.data;
}

/** The due instant, and with `applied` the rules that moved it (one computation for both, so they cannot disagree). */
function dueOf(startMs: number, d: Duration, cal: WorkingCalendar, cutoff: string | undefined, applied: DeadlineRuleApplied[] | undefined): { dueMs: number; eff: number; workingMinutes: number | undefined } {
  const eff = effectiveStart(startMs, cal, cutoff, applied);
  const startDay = dayIndexOf(startMs, cal);
  const workingMinutes = toWorkingMinutes(d);
  let dueMs: number;
  if (workingMinutes !== undefined) {
    dueMs = addWorkingTime(eff, workingMinutes, cal);
    if (applied) {
      applied.push({
        rule: 'working_time',
        at: eff,
        detail: `${workingMinutes} working minutes (${d.amount} ${d.unit}; 1 working day = 8 working hours) accrue only within ${serviceHoursText(cal)} on working days`,
      });
      const dueDay = dayIndexOf(dueMs, cal);
      explainDays(cal, startDay, dueDay, applied);
      const dueInDay = dueMs - dayStartOfIndex(dueDay, cal);
      if (workingMinutes > 0 && cal.intervals.slice(0, -1).some(([, e]) => e === dueInDay))
        applied.push({
          rule: 'lunch_break',
          at: dueMs,
          detail: `the budget runs out at ${hhmm(dueInDay)}, the end of a session: the break adds no working time, so this is the earliest due instant`,
        });
    }
  } else {
    if (!Number.isInteger(d.amount)) throw new DomainError('DURATION_INVALID', `calendar days must be whole: ${d.amount}`);
    const landed = eff + d.amount * MS_PER_DAY;
    if (applied) {
      explainDays(cal, startDay, dayIndexOf(eff, cal) - 1, applied);
      applied.push({ rule: 'calendar_days', at: eff, detail: `${d.amount} calendar day(s) added: ${formatLocalIso(landed, cal.utcOffsetMinutes)}` });
    }
    dueMs = nextWorkingInstant(landed, cal);
    if (dueMs !== landed && applied) {
      applied.push({
        rule: 'calendar_days_landed_outside_working_time',
        at: landed,
        detail: `${formatLocalIso(landed, cal.utcOffsetMinutes)} is outside working time: moved to the next working instant, ${formatLocalIso(dueMs, cal.utcOffsetMinutes)}`,
      });
      explainDays(cal, dayIndexOf(landed, cal), dayIndexOf(dueMs, cal), applied);
    }
  }
  return { dueMs, eff, workingMinutes };
}

/**
 * The due instant of a time budget received at `startMs`, with the ledger of every rule that
 * moved it. Reception outside service hours (or after the cut-off) is deemed to happen at the
 * next opening, for calendar-day budgets too, so that all units count from the same instant.
 */
export function computeDeadline(
  startMs: number,
  budget: Duration,
  cal: WorkingCalendar,
  opts: { cutoff?: string } = {},
): DeadlineResult {
  const applied: DeadlineRuleApplied[] = [];
  const { dueMs, eff, workingMinutes } = dueOf(startMs, checkedDuration(budget), cal, opts.cutoff, applied);
  applied.sort((a, b) => a.at - b.at);
  return {
    dueMs,
    effectiveStartMs: eff,
    calendarVersion: cal.version,
    ...(workingMinutes !== undefined ? { workingMinutes } : {}),
    applied,
  };
}

export interface DueInstants {
  dueMs: number;
  effectiveStartMs: number;
  /** Working minutes of the budget; undefined for calendar days. */
  workingMinutes: number | undefined;
}

// The decider computes a task's due to state it in task.assigned, then evolve computes the same
// due again as the ledger starts the step: the last answer is kept (by value, so it cannot go stale).
let lastDue: { startMs: number; amount: number; unit: string; cal: WorkingCalendar; cutoff: string | undefined; due: { dueMs: number; eff: number; workingMinutes: number | undefined } } | undefined;

/** computeDeadline's instants without its explanation, for the many callers that record none. */
export function computeDue(startMs: number, budget: Duration, cal: WorkingCalendar, opts: { cutoff?: string } = {}): DueInstants {
  const d = checkedDuration(budget);
  const cutoff = opts.cutoff;
  const last = lastDue;
  let due: { dueMs: number; eff: number; workingMinutes: number | undefined };
  if (last !== undefined && last.startMs === startMs && last.amount === d.amount && last.unit === d.unit && last.cal === cal && last.cutoff === cutoff) due = last.due;
  else {
    due = dueOf(startMs, d, cal, cutoff, undefined);
    lastDue = { startMs, amount: d.amount, unit: d.unit, cal, cutoff, due };
  }
  return { dueMs: due.dueMs, effectiveStartMs: due.eff, workingMinutes: due.workingMinutes };
}
