import { daysFromCivil, formatLocalDate, weekdayOfDayNumber } from '../../domain/calendar/local-time';
import { isWorkingDayIndex } from '../../domain/calendar/working-calendar';
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
