import { DEMO_CALENDAR_VERSION, getCalendar, listCalendarVersions } from '../../domain/calendar/calendar-registry';
import {
  addWorkingTime,
  isWorkingInstant,
  nextWorkingInstant,
  workingTimeBetween,
} from '../../domain/calendar/working-calendar';
import { iso, t, vn } from './helpers';

const add = (local: string, minutes: number, cal = vn): string => iso(addWorkingTime(t(local), minutes, cal));
const H = 60;
const DAY = 8 * H;

describe('addWorkingTime: the due instant is the earliest one at which the budget is used up', () => {
  it('8 working hours from 09:00 Monday is 09:00 Tuesday; from 07:00 it is 17:00 the same day', () => {
    expect(add('2025-04-14T09:00', DAY)).toBe('2025-04-15T09:00:00+07:00');
    expect(add('2025-04-14T07:00', DAY)).toBe('2025-04-14T17:00:00+07:00');
  });

  it('skips the lunch break', () => {
    expect(add('2025-04-14T09:00', 4 * H)).toBe('2025-04-14T15:00:00+07:00');
    expect(add('2025-04-14T11:00', H)).toBe('2025-04-14T14:00:00+07:00');
    // the budget runs out at the end of the morning: 11:30, not 13:30
    expect(add('2025-04-14T09:00', 150)).toBe('2025-04-14T11:30:00+07:00');
  });

  it('a start in the lunch break counts from 13:30', () => {
    expect(add('2025-04-14T12:00', H)).toBe('2025-04-14T14:30:00+07:00');
  });

  it('a start after closing counts from the next opening, over a weekend', () => {
    expect(add('2025-04-14T18:00', H)).toBe('2025-04-15T08:00:00+07:00');
    expect(add('2025-04-18T17:30', H)).toBe('2025-04-21T08:00:00+07:00');
    expect(add('2025-04-19T10:00', H)).toBe('2025-04-21T08:00:00+07:00');
    expect(add('2025-04-14T05:00', H)).toBe('2025-04-14T08:00:00+07:00');
  });

  it('a zero budget is due at once', () => {
    expect(add('2025-04-14T09:10', 0)).toBe('2025-04-14T09:10:00+07:00');
  });

  it('make-up Saturdays are working days (26 April 2025, 4 May 2024, 10 January and 22 August 2026)', () => {
    expect(add('2025-04-25T09:00', DAY)).toBe('2025-04-26T09:00:00+07:00');
    expect(add('2024-05-03T16:00', 2 * H)).toBe('2024-05-04T08:00:00+07:00');
    expect(add('2026-01-09T16:00', 2 * H)).toBe('2026-01-10T08:00:00+07:00');
    expect(add('2026-08-21T16:00', 2 * H)).toBe('2026-08-22T08:00:00+07:00');
  });

  it('30 April – 4 May 2025: holidays and the swapped Friday', () => {
    expect(add('2025-04-29T09:00', DAY)).toBe('2025-05-05T09:00:00+07:00');
  });

  it('Tết 2025 (25 Jan – 2 Feb) and Tết 2026 (14–22 Feb)', () => {
    expect(add('2025-01-24T09:00', DAY)).toBe('2025-02-03T09:00:00+07:00');
    expect(workingTimeBetween(t('2025-01-24T17:00'), t('2025-02-03T07:00'), vn)).toBe(0);
    expect(add('2026-02-13T09:00', DAY)).toBe('2026-02-23T09:00:00+07:00');
    expect(workingTimeBetween(t('2026-02-13T00:00'), t('2026-02-24T00:00'), vn)).toBe(2 * DAY);
  });

  it("a holiday on a weekend gives a day off on the next working day (Hùng Kings' day, Sunday 26 April 2026)", () => {
    expect(add('2026-04-24T09:00', DAY)).toBe('2026-04-28T09:00:00+07:00');
    // a computed year: 1 May 2027 is a Saturday, so Monday 3 May is off
    expect(add('2027-04-29T09:00', DAY)).toBe('2027-05-04T09:00:00+07:00');
  });

  it("Hùng Kings' day 2025 (Monday 7 April) and National Day 2025 (30 Aug – 2 Sep) and 2026 (29 Aug – 2 Sep)", () => {
    expect(add('2025-04-04T09:00', DAY)).toBe('2025-04-08T09:00:00+07:00');
    expect(add('2025-08-29T09:00', DAY)).toBe('2025-09-03T09:00:00+07:00');
    expect(add('2026-08-28T09:00', DAY)).toBe('2026-09-03T09:00:00+07:00');
  });

  it('a calendar version keeps its own decisions: the 2 January 2026 swap exists only from vn-2026.1', () => {
    expect(add('2025-12-31T09:00', DAY, getCalendar('vn-2025.1'))).toBe('2026-01-02T09:00:00+07:00');
    expect(add('2025-12-31T09:00', DAY)).toBe('2026-01-05T09:00:00+07:00');
  });

  it('long budgets cross years', () => {
    // 261 weekdays, 12 of them off (1/1, 5 of Tết, 7/4, 30/4, 1/5, 2/5, 1/9, 2/9), plus Saturday 26/4
    expect(workingTimeBetween(t('2025-01-01T00:00'), t('2026-01-01T00:00'), vn)).toBe(250 * DAY);
  });
});

describe('workingTimeBetween', () => {
  it('counts minutes inside service hours, negative when reversed, fractional off the minute', () => {
    expect(workingTimeBetween(t('2025-04-14T07:00'), t('2025-04-15T07:00'), vn)).toBe(DAY);
    expect(workingTimeBetween(t('2025-04-14T11:00'), t('2025-04-14T14:00'), vn)).toBe(H);
    expect(workingTimeBetween(t('2025-04-15T07:00'), t('2025-04-14T07:00'), vn)).toBe(-DAY);
    expect(workingTimeBetween(t('2025-04-14T07:00') + 30_000, t('2025-04-14T07:02'), vn)).toBe(1.5);
  });
});

describe('isWorkingInstant and nextWorkingInstant', () => {
  it('service intervals are closed at the start and open at the end', () => {
    expect(isWorkingInstant(t('2025-04-14T07:00'), vn)).toBe(true);
    expect(isWorkingInstant(t('2025-04-14T11:30'), vn)).toBe(false);
    expect(isWorkingInstant(t('2025-04-14T13:30'), vn)).toBe(true);
    expect(isWorkingInstant(t('2025-04-14T17:00'), vn)).toBe(false);
    expect(isWorkingInstant(t('2025-04-30T09:00'), vn)).toBe(false);
  });

  it('moves to the next service instant, or stays', () => {
    expect(iso(nextWorkingInstant(t('2025-04-14T09:00'), vn))).toBe('2025-04-14T09:00:00+07:00');
    expect(iso(nextWorkingInstant(t('2025-04-14T11:30'), vn))).toBe('2025-04-14T13:30:00+07:00');
    expect(iso(nextWorkingInstant(t('2025-04-29T17:00'), vn))).toBe('2025-05-05T07:00:00+07:00');
  });
});

describe('registry and range', () => {
  it('lists the bundled versions and refuses unknown ones', () => {
    expect(listCalendarVersions()).toEqual(expect.arrayContaining(['vn-2025.1', 'vn-2026.1', 'demo-24x7']));
    expect(() => getCalendar('vn-1999.1')).toThrow(expect.objectContaining({ code: 'CALENDAR_VERSION_UNKNOWN' }));
    expect(getCalendar('vn-2026.1')).toBe(vn);
  });

  it('refuses instants and budgets outside the compiled range', () => {
    expect(() => addWorkingTime(t('2023-12-31T09:00'), 1, vn)).toThrow(expect.objectContaining({ code: 'CALENDAR_RANGE_EXCEEDED' }));
    expect(() => addWorkingTime(t('2036-12-30T09:00'), 3 * DAY, vn)).toThrow(expect.objectContaining({ code: 'CALENDAR_RANGE_EXCEEDED' }));
    expect(() => addWorkingTime(t('2025-04-14T09:00'), -1, vn)).toThrow(expect.objectContaining({ code: 'WORKING_TIME_INVALID' }));
  });

  it('the demo calendar is open around the clock', () => {
    const demo = getCalendar(DEMO_CALENDAR_VERSION);
    const sunday3am = t('2026-02-15T03:00');
    expect(addWorkingTime(sunday3am, 5, demo)).toBe(sunday3am + 5 * 60_000);
    expect(workingTimeBetween(t('2026-02-14T00:00'), t('2026-02-15T00:00'), demo)).toBe(24 * H);
  });
});
