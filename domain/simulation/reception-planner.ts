import type { Catalog } from '../../contracts/catalog.contract';
import type { Channel } from '../../contracts/dossier.contract';
import { formatLocalDate, localDayNumber } from '../calendar/local-time';
import { nextIsoDate } from '../organisation/effective-dating';
import { planReception, type ReceptionPlan } from '../reception/plan-reception';

/**
 * planReception (the API's own reception rule) with its answers kept: a plan changes only on the
 * dates where a unit or a procedure version starts or ends, so one plan serves every dossier of a
 * desk and procedure between two such dates.
 */
export class ReceptionPlanner {
  /** Local dates (YYYY-MM-DD) on which some plan may change, sorted. */
  private readonly boundaries: string[];
  private readonly cache = new Map<string, ReceptionPlan | Error>();
  readonly procedures: Catalog['procedures'];

  constructor(private readonly catalog: Pick<Catalog, 'units' | 'procedures'>) {
    this.procedures = catalog.procedures;
    const dates = new Set<string>();
    for (const u of catalog.units) {
      dates.add(u.validFrom);
      if (u.validTo) dates.add(nextIsoDate(u.validTo));
    }
    for (const p of catalog.procedures)
      for (const v of p.versions) {
        dates.add(v.validFrom);
        if (v.validTo) dates.add(nextIsoDate(v.validTo));
      }
    this.boundaries = [...dates].sort();
  }

  /** Index of the period between boundaries that holds `date`. */
  private epochOf(date: string): number {
    let lo = 0;
    let hi = this.boundaries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.boundaries[mid]! <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The plan of a dossier received at `atMs`; throws the DomainError planReception throws (cached too). */
  plan(procedureCode: string, receivingUnitId: string, atMs: number, channel: Channel = 'direct'): ReceptionPlan {
    const date = formatLocalDate(localDayNumber(atMs));
    const key = `${procedureCode}|${receivingUnitId}|${this.epochOf(date)}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      try {
        hit = planReception(this.catalog, { procedureCode, receivingUnitId, channel, receivedAtMs: atMs });
      } catch (e) {
        hit = e as Error;
      }
      this.cache.set(key, hit);
    }
    if (hit instanceof Error) throw hit;
    return hit;
  }

  /** One local date in each period between boundaries that overlaps [fromDate, toDate] (where plans can differ). */
  epochDates(fromDate: string, toDate: string): string[] {
    const out = [fromDate];
    for (const b of this.boundaries) if (b > fromDate && b <= toDate) out.push(b);
    return out;
  }
}
