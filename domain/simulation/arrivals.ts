import type { Channel } from '../../contracts/dossier.contract';
import type { Seasonality } from '../../contracts/simulation/simulation-profile.contract';
import { civilFromDays } from '../calendar/local-time';
import { tetDayNumber } from '../calendar/vietnamese-lunar';
import { dayStartOfIndex, isWorkingDayIndex, type WorkingCalendar } from '../calendar/working-calendar';
import { pickWeighted, poisson, type Rng } from './random';

/** Dossiers of one procedure arriving at one desk. */
export interface ArrivalSource {
  /** Stable index in the run (seeds and dossier codes derive from it). */
  id: number;
  procedureCode: string;
  receivingUnitId: string;
  perYear: number;
  channels: { direct: number; online: number; post: number };
  onlineGrowthPerYear: number;
  growthPerYear: number;
}

export interface Arrival {
  at: number;
  source: ArrivalSource;
  channel: Channel;
}

/**
 * When dossiers arrive: a Poisson count per working day and source, with the day's share of its
 * year set by the month and the days around Tết; desk and post dossiers arrive within service
 * hours, online ones at any hour since the previous working day's close.
 */
export class ArrivalSchedule {
  private readonly weight: Float64Array;
  private readonly yearTotal = new Map<number, number>();
  private readonly openMs: number;
  private readonly closeMs: number;
  private readonly workMs: number;

  constructor(
    private readonly cal: WorkingCalendar,
    seasonality: Seasonality,
    private readonly startYear: number,
  ) {
    this.weight = new Float64Array(cal.dayCount);
    const tets = new Map<number, number>();
    const tet = (y: number) => tets.get(y) ?? (tets.set(y, tetDayNumber(y)), tets.get(y)!);
    for (let i = 0; i < cal.dayCount; i++) {
      if (!isWorkingDayIndex(i, cal)) continue;
      const dayNumber = cal.firstDay + i;
      const { year, month } = civilFromDays(dayNumber);
      let w = seasonality.monthFactors[month - 1] ?? 1;
      const t = seasonality.tet;
      if (t) {
        for (const y of [year, year + 1]) {
          const d = tet(y);
          if (dayNumber < d && dayNumber >= d - t.daysBefore) w *= t.factorBefore;
          else if (dayNumber > d && dayNumber <= d + t.daysAfter) w *= t.factorAfter;
        }
      }
      this.weight[i] = w;
      this.yearTotal.set(year, (this.yearTotal.get(year) ?? 0) + w);
    }
    this.openMs = cal.intervals[0]?.[0] ?? 0;
    this.closeMs = cal.intervals[cal.intervals.length - 1]?.[1] ?? 0;
    this.workMs = cal.intervals.reduce((s, [a, b]) => s + b - a, 0);
  }

  /** Expected dossiers of `source` on calendar day index `i` (0 on days off). */
  expected(source: ArrivalSource, i: number): number {
    const w = this.weight[i] ?? 0;
    if (w === 0) return 0;
    const year = civilFromDays(this.cal.firstDay + i).year;
    const total = this.yearTotal.get(year) ?? 0;
    return total > 0 ? (source.perYear * Math.pow(1 + source.growthPerYear, year - this.startYear) * w) / total : 0;
  }

  /** The day's arrivals of the sources, each source drawing from `rnd` in turn. */
  arrivalsOn(i: number, sources: readonly ArrivalSource[], rnd: Rng, out: Arrival[] = []): Arrival[] {
    if (!isWorkingDayIndex(i, this.cal)) return out;
    const dayStart = dayStartOfIndex(i, this.cal);
    let prev = i - 1;
    while (prev >= 0 && !isWorkingDayIndex(prev, this.cal)) prev--;
    const onlineFrom = prev >= 0 ? dayStartOfIndex(prev, this.cal) + this.closeMs : dayStart;
    const onlineTo = dayStart + this.closeMs;
    const year = civilFromDays(this.cal.firstDay + i).year;
    for (const s of sources) {
      const n = poisson(this.expected(s, i), rnd);
      if (n === 0) continue;
      const weights = channelWeights(s, year - this.startYear);
      for (let k = 0; k < n; k++) {
        const channel = CHANNELS[pickWeighted(weights, rnd)]!;
        const at = channel === 'online' ? Math.floor(onlineFrom + rnd() * (onlineTo - onlineFrom)) : dayStart + this.inServiceHours(rnd());
        out.push({ at, source: s, channel });
      }
    }
    return out;
  }

  /** Milliseconds after local midnight at a uniform share `u` of the day's working time. */
  private inServiceHours(u: number): number {
    let rem = Math.floor(u * this.workMs);
    for (const [a, b] of this.cal.intervals) {
      if (rem < b - a) return a + rem;
      rem -= b - a;
    }
    return this.openMs;
  }
}

const CHANNELS: readonly Channel[] = ['direct', 'online', 'post'];

function channelWeights(s: ArrivalSource, yearsIn: number): number[] {
  const total = s.channels.direct + s.channels.online + s.channels.post;
  const online = Math.min(1, s.channels.online / total + s.onlineGrowthPerYear * Math.max(0, yearsIn));
  const rest = s.channels.direct + s.channels.post;
  if (rest === 0) return [0, 1, 0];
  return [((1 - online) * s.channels.direct) / rest, online, ((1 - online) * s.channels.post) / rest];
}
