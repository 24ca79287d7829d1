import type { CalendarVersionInput } from '../../../contracts/calendar.contract';

/** Bộ luật Lao động 2019, Điều 112 khoản 1: the 11 holiday days. */
export const LABOUR_CODE_112 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';

export const VN_SERVICE_HOURS: CalendarVersionInput['serviceHours'] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

/** Saturday and Sunday (Nghị định 101/CP 1995 and Quyết định 188/1999/QĐ-TTg: the 40-hour week). */
export const VN_WEEKLY_REST_DAYS = [6, 0];

export const VN_LUNAR_HOLIDAYS: CalendarVersionInput['lunarHolidays'] = [
  {
    id: 'tet',
    kind: 'lunar',
    name: 'Tết Nguyên đán',
    legalBasis: LABOUR_CODE_112,
    lunarMonth: 1,
    lunarDay: 1,
    // the law fixes five days, not which: the last day of the old year and mùng 1–4 is the usual pattern
    fromOffsetDays: -1,
    lengthDays: 5,
  },
  { id: 'hung_kings', kind: 'lunar', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', legalBasis: LABOUR_CODE_112, lunarMonth: 3, lunarDay: 10 },
];

export const VN_FIXED_HOLIDAYS: CalendarVersionInput['fixedHolidays'] = [
  { id: 'new_year', kind: 'fixed', name: 'Tết Dương lịch', legalBasis: LABOUR_CODE_112, month: 1, day: 1 },
  { id: 'reunification', kind: 'fixed', name: 'Ngày Chiến thắng (30/4)', legalBasis: LABOUR_CODE_112, month: 4, day: 30 },
  { id: 'labour_day', kind: 'fixed', name: 'Ngày Quốc tế Lao động (1/5)', legalBasis: LABOUR_CODE_112, month: 5, day: 1 },
  {
    id: 'national_day',
    kind: 'fixed',
    name: 'Quốc khánh (2/9 và 1 ngày liền kề)',
    legalBasis: LABOUR_CODE_112,
    month: 9,
    day: 2,
    // which adjacent day, by weekday of 2/9 (Sun..Sat): the one that joins the weekend, as 2022–2026 did
    adjacentDayOffsetByWeekday: [1, 1, -1, -1, 1, -1, -1],
  },
];
