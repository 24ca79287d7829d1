import type { CalendarVersionInput } from '../../../contracts/calendar.contract';
import { VN_DECISIONS_2024, VN_DECISIONS_2024_R2, VN_DECISIONS_2025, VN_DECISIONS_2025_R2, VN_DECISIONS_2026, VN_DECISIONS_2026_R2 } from './vn-decisions';
import { VN_STATUTORY_2015_2020 } from './vn-statutory-2015';
import { VN_FIXED_HOLIDAYS, VN_LUNAR_HOLIDAYS, VN_SERVICE_HOURS, VN_WEEKLY_REST_DAYS } from './vn-holiday-rules';

const common = {
  schemaVersion: 1,
  timeZone: 'Asia/Ho_Chi_Minh',
  utcOffsetMinutes: 420,
  serviceHours: VN_SERVICE_HOURS,
  weeklyRestDays: VN_WEEKLY_REST_DAYS,
  lunarHolidays: VN_LUNAR_HOLIDAYS,
  fixedHolidays: VN_FIXED_HOLIDAYS,
  compensateWeekendHolidays: true,
} as const;

/** As known at the end of 2024: decisions for 2024 and 2025, rules alone after. */
export const VN_2025_1: CalendarVersionInput = {
  ...common,
  version: 'vn-2025.1',
  description: 'Việt Nam, cán bộ công chức: quyết định 2024–2025, quy tắc đến 2035',
  years: [
    { year: 2024, entries: VN_DECISIONS_2024 },
    { year: 2025, entries: VN_DECISIONS_2025 },
  ],
  range: { fromYear: 2024, toYear: 2035 },
};

/** Adds 2026 (Tết Dương lịch swap of 25/12/2025, Tết, Hùng Kings on a Sunday, National Day swap). */
export const VN_2026_1: CalendarVersionInput = {
  ...common,
  version: 'vn-2026.1',
  description: 'Việt Nam, cán bộ công chức: quyết định 2024–2026, quy tắc đến 2036',
  years: [
    { year: 2024, entries: VN_DECISIONS_2024 },
    { year: 2025, entries: VN_DECISIONS_2025 },
    { year: 2026, entries: VN_DECISIONS_2026 },
  ],
  range: { fromYear: 2024, toYear: 2036 },
};

/**
 * vn-2026.1 reaching back to 2015, for history and the simulator (ten years of the three-tier era
 * before July 2025): 2015–2020 follow the 2012 Labour Code (National Day one day), 2021–2023 the
 * 2019 Code's rules alone; Tết and the other holidays of 2015–2023 are the statutory days, not the
 * arrangements published each year, which this version does not record.
 */
export const VN_2026_1_FROM_2015: CalendarVersionInput = {
  ...VN_2026_1,
  version: 'vn-2026.1-from-2015',
  description: 'Việt Nam, cán bộ công chức, 2015–2036: quyết định 2024–2026; 2015–2023 theo Bộ luật Lao động (2012, 2019), không có quyết định từng năm',
  years: [...VN_STATUTORY_2015_2020, ...VN_2026_1.years],
  range: { fromYear: 2015, toYear: 2036 },
};

/** vn-2026.1's days with the decision numbers checked against public sources; the arithmetic is the same. */
export const VN_2026_2: CalendarVersionInput = {
  ...common,
  version: 'vn-2026.2',
  description: 'Việt Nam, cán bộ công chức: quyết định 2024–2026 (số hiệu đã kiểm chứng), quy tắc đến 2036',
  years: [
    { year: 2024, entries: VN_DECISIONS_2024_R2 },
    { year: 2025, entries: VN_DECISIONS_2025_R2 },
    { year: 2026, entries: VN_DECISIONS_2026_R2 },
  ],
  range: { fromYear: 2024, toYear: 2036 },
};

/** Open around the clock, so that demo deadlines in working minutes fire in real time. */
export const DEMO_24X7: CalendarVersionInput = {
  schemaVersion: 1,
  version: 'demo-24x7',
  description: 'Demo: every minute of every day is working time',
  timeZone: 'Asia/Ho_Chi_Minh',
  utcOffsetMinutes: 420,
  serviceHours: [{ start: '00:00', end: '24:00' }],
  weeklyRestDays: [],
  lunarHolidays: [],
  fixedHolidays: [],
  compensateWeekendHolidays: false,
  years: [],
  range: { fromYear: 2020, toYear: 2040 },
};
