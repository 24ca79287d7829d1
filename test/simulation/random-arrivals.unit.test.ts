import { Seasonality } from '../../contracts/simulation/simulation-profile.contract';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { localDayNumber, parseLocalDate } from '../../domain/calendar/local-time';
import { tetDayNumber } from '../../domain/calendar/vietnamese-lunar';
import { isWorkingInstant } from '../../domain/calendar/working-calendar';
import { ArrivalSchedule, type ArrivalSource } from '../../domain/simulation/arrivals';
import { EventQueue } from '../../domain/simulation/event-queue';
import { deriveSeed, meanOf, poisson, sample, seeded } from '../../domain/simulation/random';

describe('random draws', () => {
  it('a seed gives the same sequence; derived seeds do not depend on creation order', () => {
    const a = seeded(42);
    const b = seeded(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(deriveSeed(1, 'C01', 'dossier', 7)).toBe(deriveSeed(1, 'C01', 'dossier', 7));
    expect(deriveSeed(1, 'C01', 'dossier', 7)).not.toBe(deriveSeed(1, 'C01', 'dossier', 8));
    expect(deriveSeed(1, 'C0', '1')).not.toBe(deriveSeed(1, 'C01', ''));
  });

  it('distributions have their stated medians and means', () => {
    const rnd = seeded(7);
    const n = 40_000;
    const logn = Array.from({ length: n }, () => sample({ kind: 'lognormal', median: 30, p90: 90 }, rnd)).sort((x, y) => x - y);
    expect(logn[n / 2]! / 30).toBeCloseTo(1, 1);
    expect(logn[Math.floor(n * 0.9)]! / 90).toBeCloseTo(1, 1);
    const expo = Array.from({ length: n }, () => sample({ kind: 'exponential', mean: 12 }, rnd));
    expect(expo.reduce((s, x) => s + x, 0) / n / 12).toBeCloseTo(1, 1);
    expect(meanOf({ kind: 'uniform', min: 2, max: 6 })).toBe(4);
    for (const mean of [0.3, 4, 80]) {
      const xs = Array.from({ length: 20_000 }, () => poisson(mean, rnd));
      expect(xs.reduce((s, x) => s + x, 0) / xs.length / mean).toBeCloseTo(1, 1);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
  });
});

describe('event queue', () => {
  it('pops by instant, and items of the same instant in the order they were scheduled', () => {
    const q = new EventQueue<{ at: number; seq: number; name: string }>();
    const rnd = seeded(3);
    const items = Array.from({ length: 500 }, (_, i) => ({ at: Math.floor(rnd() * 20), name: `x${i}` }));
    for (const it of items) q.push(it);
    const out: Array<{ at: number; seq: number; name: string }> = [];
    for (let it = q.pop(); it; it = q.pop()) out.push(it);
    expect(out).toHaveLength(500);
    for (let i = 1; i < out.length; i++) expect(out[i]!.at > out[i - 1]!.at || (out[i]!.at === out[i - 1]!.at && out[i]!.seq > out[i - 1]!.seq)).toBe(true);
  });
});

describe('arrivals', () => {
  const cal = getCalendar('vn-2026.1');
  const source: ArrivalSource = { id: 0, procedureCode: 'P', receivingUnitId: 'U', perYear: 2500, channels: { direct: 0.6, online: 0.4, post: 0 }, onlineGrowthPerYear: 0.1, growthPerYear: 0.2 };
  const tet = Seasonality.parse({ tet: { daysBefore: 10, factorBefore: 2, daysAfter: 10, factorAfter: 0.5 } });
  const schedule = new ArrivalSchedule(cal, tet, 2026);
  const dayIndex = (date: string) => parseLocalDate(date) - cal.firstDay;

  it('a year expects exactly its rate (seasonality only moves dossiers between days), growing each year', () => {
    const sum = (year: number) => {
      let s = 0;
      for (let i = dayIndex(`${year}-01-01`); i < dayIndex(`${year + 1}-01-01`); i++) s += schedule.expected(source, i);
      return s;
    };
    expect(sum(2026)).toBeCloseTo(2500, 6);
    expect(sum(2027)).toBeCloseTo(3000, 6);
    expect(schedule.expected(source, dayIndex('2026-03-01'))).toBe(0); // a Sunday
  });

  it('more dossiers in the days before Tết, fewer after', () => {
    const t = tetDayNumber(2026) - cal.firstDay;
    const before = schedule.expected(source, t - 6); // Wednesday 11 February (Tết 2026 is Tuesday 17 February, the holiday 14–22 February)
    const after = schedule.expected(source, t + 9);
    const plain = schedule.expected(source, dayIndex('2026-04-15'));
    expect(before / plain).toBeCloseTo(2, 6);
    expect(after / plain).toBeCloseTo(0.5, 6);
  });

  it('desk dossiers arrive within service hours; online ones at any hour since the last working day closed', () => {
    const rnd = seeded(9);
    const all = [];
    for (let i = dayIndex('2026-03-02'); i < dayIndex('2026-06-01'); i++) all.push(...schedule.arrivalsOn(i, [source], rnd));
    expect(all.length).toBeGreaterThan(400);
    const direct = all.filter((a) => a.channel === 'direct');
    const online = all.filter((a) => a.channel === 'online');
    expect(direct.every((a) => isWorkingInstant(a.at, cal))).toBe(true);
    expect(online.some((a) => !isWorkingInstant(a.at, cal))).toBe(true);
    expect(online.length / all.length).toBeCloseTo(0.4, 1);
    for (const a of all) expect(localDayNumber(a.at)).toBeGreaterThanOrEqual(parseLocalDate('2026-02-27'));
  });
});
