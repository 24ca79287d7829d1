import type { Pool, PoolClient } from 'pg';
import type { DossierFact } from '../../domain/indicators/dossier-fact';
import type { FactRow } from '../dossier-fact.projection';

type Db = Pool | PoolClient;

const ms = (col: string) => `(extract(epoch FROM f.${col}) * 1000)::float8 AS ${col}`;

// instants as epoch ms straight from SQL: no Date objects for hundreds of thousands of rows
const COLUMNS = [
  'f.dossier_code',
  'f.unit_id',
  'f.procedure_code',
  'f.channel',
  ms('received_at'),
  ms('finished_at'),
  'f.end_kind',
  'f.classification',
  'f.classification_kpi',
  'f.processing_minutes::float8 AS processing_minutes',
  'f.committed_budget_minutes::float8 AS committed_budget_minutes',
  'f.legal_budget_minutes::float8 AS legal_budget_minutes',
  'ARRAY(SELECT (extract(epoch FROM t) * 1000)::float8 FROM unnest(f.supplement_requested_at) t) AS supplement_requested_at',
  ms('reception_supplement_at'),
  ms('overdue_since'),
  'f.paid_online',
  ms('first_paid_at'),
  'f.electronic_result',
  'f.components_total',
  'f.components_digitised',
  'f.components_reused',
  'f.rating_score',
  ms('rated_at'),
  'f.complaint_count',
  ms('first_complaint_at'),
  'f.extensions',
].join(', ');

type Row = Record<string, unknown>;
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const b = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));

function fromSql(r: Row): DossierFact {
  return {
    unitId: String(r.unit_id),
    procedureCode: String(r.procedure_code),
    channel: s(r.channel),
    receivedAt: n(r.received_at),
    finishedAt: n(r.finished_at),
    endKind: s(r.end_kind) as DossierFact['endKind'],
    classification: s(r.classification),
    classificationKpi: s(r.classification_kpi),
    processingMinutes: n(r.processing_minutes),
    committedBudgetMinutes: n(r.committed_budget_minutes),
    legalBudgetMinutes: n(r.legal_budget_minutes),
    supplementRequestedAt: ((r.supplement_requested_at as unknown[] | null) ?? []).map(Number),
    receptionSupplementAt: n(r.reception_supplement_at),
    overdueSince: n(r.overdue_since),
    paidOnline: b(r.paid_online),
    firstPaidAt: n(r.first_paid_at),
    electronicResult: b(r.electronic_result),
    componentsTotal: Number(r.components_total),
    componentsDigitised: Number(r.components_digitised),
    componentsReused: Number(r.components_reused),
    ratingScore: s(r.rating_score),
    ratedAt: n(r.rated_at),
    complaintCount: Number(r.complaint_count),
    firstComplaintAt: n(r.first_complaint_at),
    extensions: Number(r.extensions ?? 0),
  };
}

export interface FactFilter {
  /** Only facts that can count in a period starting here: ended at or after it, or not ended. */
  notEndedBefore: string;
  /** Only this receiving unit. */
  unitId?: string;
  /** Only these receiving units (what the caller of the API covers). */
  unitIds?: string[];
}

/**
 * Streams the `dossier_fact` rows a report over [from, …) can count, a page at a time (keyset on
 * the dossier code, so memory stays flat however many dossiers there are).
 */
export async function forEachFact(db: Db, filter: FactFilter, onFact: (f: DossierFact) => void, pageSize = 5000): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await db.query<Row>(
      `SELECT ${COLUMNS} FROM dossier_fact f
        WHERE f.dossier_code > $1 AND (f.finished_at IS NULL OR f.finished_at >= $2) AND ($3::text IS NULL OR f.unit_id = $3)
          AND ($5::text[] IS NULL OR f.unit_id = ANY($5))
        ORDER BY f.dossier_code LIMIT $4`,
      [after, filter.notEndedBefore, filter.unitId ?? null, pageSize, filter.unitIds ?? null],
    );
    for (const r of rows) onFact(fromSql(r));
    if (rows.length < pageSize) return;
    after = String(rows[rows.length - 1]!.dossier_code);
  }
}

const at = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The same fact from a row folded in memory (the simulator's path: events → foldFact → here). */
export function factOfRow(r: FactRow): DossierFact {
  return {
    unitId: r.unit_id,
    procedureCode: r.procedure_code,
    channel: r.channel,
    receivedAt: at(r.received_at),
    finishedAt: at(r.finished_at),
    endKind: r.end_kind,
    classification: r.classification,
    classificationKpi: r.classification_kpi,
    processingMinutes: r.processing_minutes,
    committedBudgetMinutes: r.committed_budget_minutes,
    legalBudgetMinutes: r.legal_budget_minutes,
    supplementRequestedAt: r.supplement_requested_at.map((t) => Date.parse(t)),
    receptionSupplementAt: at(r.reception_supplement_at),
    overdueSince: at(r.overdue_since),
    paidOnline: r.paid_online,
    firstPaidAt: at(r.first_paid_at),
    electronicResult: r.electronic_result,
    componentsTotal: r.components_total,
    componentsDigitised: r.components_digitised,
    componentsReused: r.components_reused,
    ratingScore: r.rating_score,
    ratedAt: at(r.rated_at),
    complaintCount: r.complaint_count,
    firstComplaintAt: at(r.first_complaint_at),
    extensions: r.extensions,
  };
}
