import { lunarToSolar, tetDayNumber } from '../../domain/calendar/vietnamese-lunar';
import { formatLocalDate } from '../../domain/calendar/local-time';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [1985, '1985-01-21'], // China (UTC+8) has 20 February
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(formatLocalDate(tetDayNumber(year))).toBe(date);
  });

  it.each([
    [2024, { year: 2024, month: 4, day: 18 }],
    [2025, { year: 2025, month: 4, day: 7 }],
    [2026, { year: 2026, month: 4, day: 26 }],
  ])("Hùng Kings' day (10/3 lunar) %i", (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toEqual(date);
  });

  it('knows leap months: 2023 had a leap 2nd month, 2025 a leap 6th', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toEqual({ year: 2023, month: 3, day: 22 });
    expect(lunarToSolar(2025, 6, 1, true)).toEqual({ year: 2025, month: 7, day: 25 });
    expect(lunarToSolar(2024, 6, 1, true)).toBeUndefined();
  });
});
