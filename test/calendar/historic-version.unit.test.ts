import { getCalendar } from '../../domain/calendar/calendar-registry';
import { parseLocalDate } from '../../domain/calendar/local-time';
import { dayKindOf, type WorkingCalendar } from '../../domain/calendar/working-calendar';

const hist = getCalendar('vn-2026.1-from-2015');
const current = getCalendar('vn-2026.1');
const kind = (cal: WorkingCalendar, date: string) => dayKindOf(parseLocalDate(date) - cal.firstDay, cal);

describe('vn-2026.1-from-2015: the current version reaching back to 2015', () => {
  it('agrees with vn-2026.1 on every day from 2024', () => {
    for (let i = 0; i < current.dayCount; i++) expect(dayKindOf(i + current.firstDay - hist.firstDay, hist)).toBe(dayKindOf(i, current));
  });

  it('2015–2020 follow the 2012 Labour Code: National Day is 2 September alone, made up on Monday when it fell on a weekend', () => {
    expect(['2015-09-01', '2015-09-02', '2015-09-03'].map((d) => kind(hist, d))).toEqual(['working', 'holiday', 'working']);
    expect(['2017-09-01', '2017-09-02', '2017-09-04'].map((d) => kind(hist, d))).toEqual(['working', 'holiday', 'compensatory_day_off']);
    expect(['2018-09-02', '2018-09-03', '2018-09-04'].map((d) => kind(hist, d))).toEqual(['holiday', 'compensatory_day_off', 'working']);
    // 2021 on: the 2019 Code's adjacent day (2 Sep 2021 a Thursday: Friday 3 Sep joins the weekend)
    expect(['2021-09-02', '2021-09-03'].map((d) => kind(hist, d))).toEqual(['holiday', 'holiday']);
  });

  it('Tết by the lunar calendar (UTC+7): 2016 Lunar New Year on Monday 8 February', () => {
    expect(['2016-02-05', '2016-02-07', '2016-02-08', '2016-02-11', '2016-02-12'].map((d) => kind(hist, d))).toEqual(['working', 'holiday', 'holiday', 'holiday', 'compensatory_day_off']);
  });
});
