import { IsoDate } from '../../contracts/org-unit.contract';

/** Anything valid over a closed range of local dates; validTo absent = still in force. */
export interface EffectiveDated {
  readonly validFrom: IsoDate;
  readonly validTo?: IsoDate | undefined;
}

export function isEffectiveAt(item: EffectiveDated, at: IsoDate): boolean {
  return item.validFrom <= at && (item.validTo === undefined || at <= item.validTo);
}

export function rangesOverlap(a: EffectiveDated, b: EffectiveDated): boolean {
  const aEndsBeforeB = a.validTo !== undefined && a.validTo < b.validFrom;
  const bEndsBeforeA = b.validTo !== undefined && b.validTo < a.validFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** The local date after an ISO date, computed in UTC so the host's time zone cannot shift it. */
export function nextIsoDate(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
