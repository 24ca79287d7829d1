import { CalendarVersion, type DecisionEntry, type HolidayRule } from '../../contracts/calendar.contract';
import { DomainError } from '../domain-error';
import { daysFromCivil, formatLocalDate, MS_PER_MINUTE, parseLocalDate, parseLocalTime, weekdayOfDayNumber } from './local-time';
import { lunarToDayNumber } from './vietnamese-lunar';
import { DAY_KINDS, type DayKind, type DayNote, type WorkingCalendar } from './working-calendar';

const KIND_INDEX = new Map<DayKind, number>(DAY_KINDS.map((k, i) => [k, i]));

function invalid(version: string, message: string): DomainError {
  return new DomainError('CALENDAR_DATA_INVALID', `calendar ${version}: ${message}`, { calendarVersion: version });
}

/** The days a rule makes holidays in a Gregorian year when no decision arranges them. */
function ruleDays(rule: HolidayRule, year: number): number[] {
  if (rule.kind === 'lunar') {
    const anchor = lunarToDayNumber(year, rule.lunarMonth, rule.lunarDay);
    if (anchor === undefined) return [];
    return Array.from({ length: rule.lengthDays }, (_, k) => anchor + rule.fromOffsetDays + k);
  }
  const day = daysFromCivil(year, rule.month, rule.day);
  const adjacent = rule.adjacentDayOffsetByWeekday?.[weekdayOfDayNumber(day)];
  return adjacent === undefined ? [day] : [day, day + adjacent].sort((a, b) => a - b);
}

export function compileCalendar(input: unknown): WorkingCalendar {
  const parsed = CalendarVersion.safeParse(input);
  if (!parsed.success) throw new DomainError('CALENDAR_DATA_INVALID', parsed.error.message);
  const v = parsed.data;
  const firstDay = daysFromCivil(v.range.fromYear, 1, 1);
  const dayCount = daysFromCivil(v.range.toYear, 12, 31) - firstDay + 1;

  const intervals = v.serviceHours.map((h) => [parseLocalTime(h.start) * MS_PER_MINUTE, parseLocalTime(h.end) * MS_PER_MINUTE] as const);
  intervals.forEach(([s, e], k) => {
    const prevEnd = k === 0 ? 0 : (intervals[k - 1]?.[1] ?? 0);
    if (e <= s || s < prevEnd) throw invalid(v.version, 'service hours must be sorted, disjoint and non-empty');
  });
  const msPerWorkingDay = intervals.reduce((sum, [s, e]) => sum + e - s, 0);

  const kinds = new Uint8Array(dayCount);
  const notes = new Map<number, DayNote>();
  const rest = new Set(v.weeklyRestDays);
  for (let i = 0; i < dayCount; i++) {
    kinds[i] = KIND_INDEX.get(rest.has(weekdayOfDayNumber(firstDay + i)) ? 'weekly_rest_day' : 'working') ?? 0;
  }
  const kindAt = (i: number): DayKind => DAY_KINDS[kinds[i] ?? 0] ?? 'working';
  const mark = (dayNumber: number, kind: DayKind, note: DayNote): void => {
    const i = dayNumber - firstDay;
    if (i < 0 || i >= dayCount) throw invalid(v.version, `${formatLocalDate(dayNumber)} lies outside the range`);
    kinds[i] = KIND_INDEX.get(kind) ?? 0;
    notes.set(i, note);
  };
  const isPlainRest = (dayNumber: number): boolean => rest.has(weekdayOfDayNumber(dayNumber));

  const decided = new Map(v.years.map((y) => [y.year, y.entries] as const));
  const rules: HolidayRule[] = [...v.lunarHolidays, ...v.fixedHolidays];
  for (let year = v.range.fromYear; year <= v.range.toYear; year++) {
    const entries: DecisionEntry[] = decided.get(year) ?? [];
    const arranged = new Set(entries.flatMap((e) => (e.kind === 'holiday' && e.ruleId !== undefined ? [e.ruleId] : [])));
    const toCompensate: { day: number; name: string }[] = [];
    for (const rule of rules) {
      if (arranged.has(rule.id)) continue;
      for (const day of ruleDays(rule, year)) {
        mark(day, 'holiday', { name: rule.name, decision: rule.legalBasis });
        if (v.compensateWeekendHolidays && isPlainRest(day)) toCompensate.push({ day, name: rule.name });
      }
    }
    // after all holidays are placed, so that a day off in lieu never lands on another holiday
    for (const { day, name } of toCompensate.sort((a, b) => a.day - b.day)) {
      let d = day + 1;
      while (d - firstDay < dayCount && kindAt(d - firstDay) !== 'working') d++;
      mark(d, 'compensatory_day_off', {
        name: `Nghỉ bù ${name} (${formatLocalDate(day)})`,
        decision: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
      });
    }
    for (const e of entries) {
      const note = { name: e.name, decision: e.decision };
      switch (e.kind) {
        case 'holiday':
          mark(parseLocalDate(e.date), 'holiday', note);
          break;
        case 'compensatory_day_off':
          mark(parseLocalDate(e.date), 'compensatory_day_off', note);
          break;
        case 'makeup_working_day':
          mark(parseLocalDate(e.date), 'makeup_working_day', note);
          break;
        case 'swap':
          mark(parseLocalDate(e.dayOff), 'swapped_day_off', { ...note, name: `${e.name}: làm bù ngày ${e.workingDay}` });
          mark(parseLocalDate(e.workingDay), 'makeup_working_day', { ...note, name: `${e.name}: làm bù cho ngày ${e.dayOff}` });
          break;
      }
    }
  }

  const cum = new Float64Array(dayCount + 1);
  const restPrefix = new Int32Array(dayCount + 1);
  const special: number[] = [];
  for (let i = 0; i < dayCount; i++) {
    const k = kindAt(i);
    const works = k === 'working' || k === 'makeup_working_day';
    cum[i + 1] = (cum[i] ?? 0) + (works ? msPerWorkingDay : 0);
    restPrefix[i + 1] = (restPrefix[i] ?? 0) + (k === 'weekly_rest_day' ? 1 : 0);
    if (k !== 'working' && k !== 'weekly_rest_day') special.push(i);
  }

  return {
    version: v.version,
    utcOffsetMinutes: v.utcOffsetMinutes,
    fromYear: v.range.fromYear,
    toYear: v.range.toYear,
    firstDay,
    dayCount,
    intervals,
    cum,
    kinds,
    notes,
    specialDays: Int32Array.from(special),
    restPrefix,
    officialYears: new Set(v.years.map((y) => y.year)),
    weeklyRestDays: [...v.weeklyRestDays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)),
  };
}
