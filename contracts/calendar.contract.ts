import { z } from 'zod';

/** A civil date in the calendar's time zone. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

/** A wall-clock time; '24:00' closes a day that is open until midnight. */
export const LocalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM');
export type LocalTime = z.infer<typeof LocalTime>;

export const ServiceInterval = z.object({ start: LocalTime, end: LocalTime }).strict();
export type ServiceInterval = z.infer<typeof ServiceInterval>;

/** 0 = Sunday … 6 = Saturday, as in the ISO weekday modulo 7. */
export const Weekday = z.number().int().min(0).max(6);

const RuleBase = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  /** The legal text that makes the day a holiday, shown in explanations. */
  legalBasis: z.string().min(1),
};

/**
 * A holiday anchored on a lunar date; `fromOffsetDays`/`lengthDays` place a multi-day holiday
 * (Tết: the last day of the old year and the first four of the new one by default).
 */
export const LunarHolidayRule = z
  .object({
    ...RuleBase,
    kind: z.literal('lunar'),
    lunarMonth: z.number().int().min(1).max(12),
    lunarDay: z.number().int().min(1).max(30),
    fromOffsetDays: z.number().int().default(0),
    lengthDays: z.number().int().min(1).default(1),
  })
  .strict();

/**
 * A holiday on a Gregorian date. `adjacentDayOffsetByWeekday` (indexed by the weekday of the
 * date, Sunday first) adds the "plus one adjacent day" of National Day in years without a decision.
 */
export const FixedHolidayRule = z
  .object({
    ...RuleBase,
    kind: z.literal('fixed'),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    adjacentDayOffsetByWeekday: z.array(z.union([z.literal(-1), z.literal(1)])).length(7).optional(),
  })
  .strict();

export const HolidayRule = z.discriminatedUnion('kind', [LunarHolidayRule, FixedHolidayRule]);
export type HolidayRule = z.infer<typeof HolidayRule>;

const EntryBase = {
  /** The holiday rule this entry arranges; a year's `holiday` entries for a rule replace the rule's default days. */
  ruleId: z.string().optional(),
  name: z.string().min(1),
  /** e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025". */
  decision: z.string().min(1),
};

export const DecisionEntry = z.discriminatedUnion('kind', [
  z.object({ ...EntryBase, kind: z.literal('holiday'), date: LocalDate }).strict(),
  z.object({ ...EntryBase, kind: z.literal('compensatory_day_off'), date: LocalDate, forDate: LocalDate }).strict(),
  z.object({ ...EntryBase, kind: z.literal('makeup_working_day'), date: LocalDate }).strict(),
  /** A working day moved onto a weekly rest day: `dayOff` is rested, `workingDay` is worked. */
  z.object({ ...EntryBase, kind: z.literal('swap'), dayOff: LocalDate, workingDay: LocalDate }).strict(),
]);
export type DecisionEntry = z.infer<typeof DecisionEntry>;

export const YearDecisions = z
  .object({
    year: z.number().int(),
    entries: z.array(DecisionEntry),
  })
  .strict();
export type YearDecisions = z.infer<typeof YearDecisions>;

export const CalendarVersion = z
  .object({
    schemaVersion: z.literal(1),
    /** Immutable once published: a new decision is a new version. */
    version: z.string().regex(/^[a-z0-9][a-z0-9.\-]*$/),
    description: z.string(),
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    /** Vietnam has had no DST since 1975, so a fixed offset is exact and needs no Intl. */
    utcOffsetMinutes: z.literal(420),
    serviceHours: z.array(ServiceInterval).min(1),
    weeklyRestDays: z.array(Weekday),
    lunarHolidays: z.array(LunarHolidayRule),
    fixedHolidays: z.array(FixedHolidayRule),
    /** Weekly rest days that coincide with a holiday give a day off on the next working day. */
    compensateWeekendHolidays: z.boolean(),
    years: z.array(YearDecisions),
    /** Compiled range; years in it without an entry in `years` use the rules alone. */
    range: z.object({ fromYear: z.number().int(), toYear: z.number().int() }).strict(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.range.toYear < v.range.fromYear) ctx.addIssue({ code: 'custom', message: 'range.toYear < range.fromYear' });
    for (const y of v.years) {
      if (y.year < v.range.fromYear || y.year > v.range.toYear)
        ctx.addIssue({ code: 'custom', message: `decisions for ${y.year} lie outside the range` });
    }
  });
export type CalendarVersion = z.infer<typeof CalendarVersion>;
export type CalendarVersionInput = z.input<typeof CalendarVersion>;
