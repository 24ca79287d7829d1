/**
 * One dossier as statistics and Decision 766 indicators see it: the `dossier_fact` row with its
 * instants as epoch milliseconds. The reporting queries read these from PostgreSQL; the simulator
 * folds them from the decider's events with the same projection fold. Null = not (yet) happened.
 */
export interface DossierFact {
  /** The receiving unit. */
  unitId: string;
  procedureCode: string;
  channel: string | null;
  receivedAt: number | null;
  /** The first of result_ready / stopped / withdrawn / refused / not_received. */
  finishedAt: number | null;
  endKind: 'result_ready' | 'stopped' | 'withdrawn' | 'refused' | 'not_received' | null;
  classification: string | null;
  classificationKpi: string | null;
  processingMinutes: number | null;
  committedBudgetMinutes: number | null;
  legalBudgetMinutes: number | null;
  /** Supplement requests during processing (Form 02), in order. */
  supplementRequestedAt: number[];
  receptionSupplementAt: number | null;
  /** Due instant of the first dossier-scope breach. */
  overdueSince: number | null;
  paidOnline: boolean | null;
  firstPaidAt: number | null;
  electronicResult: boolean | null;
  componentsTotal: number;
  componentsDigitised: number;
  componentsReused: number;
  ratingScore: string | null;
  ratedAt: number | null;
  complaintCount: number;
  firstComplaintAt: number | null;
  /** Form 04 extensions issued: a late dossier with one is "late, with apology". */
  extensions: number;
}

/** The earliest instant at which the fact can count in any period (a period ending at or before it sees nothing of it). */
export function firstInstantOf(f: DossierFact): number {
  let m = Number.POSITIVE_INFINITY;
  if (f.receivedAt !== null && f.receivedAt < m) m = f.receivedAt;
  if (f.receptionSupplementAt !== null && f.receptionSupplementAt < m) m = f.receptionSupplementAt;
  if (f.finishedAt !== null && f.finishedAt < m) m = f.finishedAt;
  if (f.firstPaidAt !== null && f.firstPaidAt < m) m = f.firstPaidAt;
  for (const s of f.supplementRequestedAt) if (s < m) m = s;
  return m;
}

/** Index of the first period whose end is after `at` (periods sorted, disjoint), or periods.length. */
export function firstPeriodEndingAfter(ends: readonly number[], at: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ends[mid] as number) > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
