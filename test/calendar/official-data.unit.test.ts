import { DEFAULT_CALENDAR_VERSION, getCalendar } from '../../domain/calendar/calendar-registry';
import { daysFromCivil, formatLocalDate, parseLocalDate, weekdayOfDayNumber } from '../../domain/calendar/local-time';
import { dayKindOf, isWorkingDayIndex } from '../../domain/calendar/working-calendar';
import { vn } from './helpers';

/** Weekdays off and weekend days worked in a year: the whole of a year's arrangement. */
function exceptions(year: number): { weekdaysOff: string[]; weekendsWorked: string[] } {
  const weekdaysOff: string[] = [];
  const weekendsWorked: string[] = [];
  for (let d = daysFromCivil(year, 1, 1); d <= daysFromCivil(year, 12, 31); d++) {
    const weekend = [0, 6].includes(weekdayOfDayNumber(d));
    const works = isWorkingDayIndex(d - vn.firstDay, vn);
    if (!weekend && !works) weekdaysOff.push(formatLocalDate(d).slice(5));
    if (weekend && works) weekendsWorked.push(formatLocalDate(d).slice(5));
  }
  return { weekdaysOff, weekendsWorked };
}

describe('official arrangements for civil servants in vn-2026.1', () => {
  it('2024', () => {
    expect(exceptions(2024)).toEqual({
      weekdaysOff: ['01-01', '02-08', '02-09', '02-12', '02-13', '02-14', '04-18', '04-29', '04-30', '05-01', '09-02', '09-03'],
      weekendsWorked: ['05-04'],
    });
  });

  it('2025', () => {
    expect(exceptions(2025)).toEqual({
      weekdaysOff: ['01-01', '01-27', '01-28', '01-29', '01-30', '01-31', '04-07', '04-30', '05-01', '05-02', '09-01', '09-02'],
      weekendsWorked: ['04-26'],
    });
  });

  it('2026', () => {
    expect(exceptions(2026)).toEqual({
      weekdaysOff: ['01-01', '01-02', '02-16', '02-17', '02-18', '02-19', '02-20', '04-27', '04-30', '05-01', '08-31', '09-01', '09-02'],
      weekendsWorked: ['01-10', '08-22'],
    });
  });

  it('computed years keep the statutory 11 holiday days on weekdays, weekend holidays compensated', () => {
    for (let year = 2027; year <= 2036; year++) {
      const { weekdaysOff, weekendsWorked } = exceptions(year);
      expect(weekendsWorked).toEqual([]);
      expect(weekdaysOff).toHaveLength(11);
    }
  });

  it('24 November (Vietnamese Culture Day) is not yet a holiday', () => {
    expect(isWorkingDayIndex(daysFromCivil(2026, 11, 24) - vn.firstDay, vn)).toBe(true);
  });
});

describe('vn-2026.2: vn-2026.1 with the decision numbers checked against public sources', () => {
  const v1 = getCalendar('vn-2026.1');
  const v2 = getCalendar('vn-2026.2');

  it('is the default for new dossiers and keeps every working day of vn-2026.1', () => {
    expect(DEFAULT_CALENDAR_VERSION).toBe('vn-2026.2');
    expect(Array.from(v2.cum)).toEqual(Array.from(v1.cum));
  });

  it('cites the decisions by number (verified-facts.md §1)', () => {
    const note = (date: string) => v2.notes.get(parseLocalDate(date) - v2.firstDay);
    expect(note('2024-02-08')?.decision).toMatch(/8662\/VPCP-KGVX.*5015\/TB-LĐTBXH/);
    expect(note('2024-09-03')?.decision).toMatch(/5015\/TB-LĐTBXH/);
    expect(note('2025-01-28')?.decision).toMatch(/6150\/TB-BLĐTBXH ngày 03\/12\/2024/);
    expect(note('2026-02-16')?.decision).toMatch(/9441\/TB-BNV ngày 16\/10\/2025/);
    expect(dayKindOf(parseLocalDate('2024-02-13') - v2.firstDay, v2)).toBe('compensatory_day_off');
    expect(JSON.stringify([...v2.notes.values()])).not.toMatch(/chưa xác minh/);
  });
});
