import fc from 'fast-check';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { addWorkingTime, isWorkingInstant, nextWorkingInstant, workingTimeBetween } from '../../domain/calendar/working-calendar';
import { t, vn } from './helpers';

const instant = fc.integer({ min: t('2024-01-01T00:00'), max: t('2034-12-31T00:00') });
const budget = fc.integer({ min: 0, max: 250 * 480 });
const calendars = fc.constantFrom(vn, getCalendar('vn-2025.1'), getCalendar('demo-24x7'));

describe('working-time arithmetic properties', () => {
  it('workingTimeBetween(a, addWorkingTime(a, d)) = d', () => {
    fc.assert(fc.property(calendars, instant, budget, (cal, a, d) => workingTimeBetween(a, addWorkingTime(a, d, cal), cal) === d));
  });

  it('the due instant is the earliest: a millisecond before it, the budget is not yet used up', () => {
    fc.assert(
      fc.property(calendars, instant, budget.filter((d) => d > 0), (cal, a, d) => {
        const due = addWorkingTime(a, d, cal);
        return workingTimeBetween(a, due - 1, cal) < d;
      }),
    );
  });

  it('is monotonic in the budget and in the start', () => {
    fc.assert(
      fc.property(calendars, instant, instant, budget, budget, (cal, a1, a2, d1, d2) => {
        const [a, b] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const [x, y] = d1 <= d2 ? [d1, d2] : [d2, d1];
        return addWorkingTime(a, x, cal) <= addWorkingTime(a, y, cal) && addWorkingTime(a, x, cal) <= addWorkingTime(b, x, cal);
      }),
    );
  });

  it('working time is additive and antisymmetric', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const ab = workingTimeBetween(a, b, vn);
        return Math.abs(ab + workingTimeBetween(b, c, vn) - workingTimeBetween(a, c, vn)) < 1e-9 && ab === -workingTimeBetween(b, a, vn);
      }),
    );
  });

  it('nextWorkingInstant is a working instant with no working time before it', () => {
    fc.assert(
      fc.property(instant, (a) => {
        const n = nextWorkingInstant(a, vn);
        return n >= a && isWorkingInstant(n, vn) && workingTimeBetween(a, n, vn) === 0;
      }),
    );
  });
});
