import fc from 'fast-check';
import { formatLocalIso, ms } from '../../domain/calendar/local-time';

// `ms` reads the instants events carry without Date.parse when they have formatLocalIso's shape:
// it must give exactly what Date.parse gives, for every such text and for every other one
describe('ms: an instant a contract carries, in milliseconds', () => {
  const same = (text: string) => {
    const expected = Date.parse(text);
    const got = ms(text);
    if (Number.isNaN(expected)) expect(got).toBeNaN();
    else expect(got).toBe(expected);
  };

  it('reads what formatLocalIso writes, with and without milliseconds, at any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000_000_000_000, max: 8_000_000_000_000 }), fc.constantFrom(420, 0, -300, 345, 840, -720), fc.boolean(), (t, offset, whole) => {
        const instant = whole ? t - (t % 1000) : t;
        const text = formatLocalIso(instant, offset);
        expect(ms(text)).toBe(instant);
        same(text);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    '2024-02-29T09:00:00+07:00',
    '2025-02-29T09:00:00+07:00',
    '2025-04-31T09:00:00+07:00',
    '2025-12-31T23:59:59.999+07:00',
    '2025-13-01T09:00:00+07:00',
    '2025-00-10T09:00:00+07:00',
    '2025-04-07T24:00:00+07:00',
    '2025-04-07T09:60:00+07:00',
    '2025-04-07T09:00:60+07:00',
    '2025-04-07T09:00:00Z',
    '2025-04-07T09:00:00.5+07:00',
    '2025-04-07T09:00:00.12a+07:00',
    '2025-04-07T09:00:00+0700',
    '2025-04-07T09:00:00+24:00',
    '2025-04-07T09:00:00+07:60',
    '2025-04-07 09:00:00+07:00',
    'x025-04-07T09:00:00+07:00',
    '2025-04-07T09:00:00-03:30',
    '1900-02-29T09:00:00+07:00',
    '2000-02-29T09:00:00+07:00',
  ])('gives what Date.parse gives for %s', (text) => same(text));
});
