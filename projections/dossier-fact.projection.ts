import { toWorkingMinutes, type Duration } from '../contracts/duration.contract';
import type { DossierEvent } from '../contracts/events';
import { comparableWorkingMinutes } from '../domain/procedure/comparable-duration';
import type { Projection } from './projection';

/** A `dossier_fact` row (column names), as JSON: instants are ISO strings. */
export interface FactRow {
  dossier_code: string;
  procedure_code: string;
  unit_id: string;
  channel: string | null;
  registered_at: string;
  received_at: string | null;
  appointment_at: string | null;
  legal_due_at: string | null;
  committed_budget_minutes: number | null;
  legal_budget_minutes: number | null;
  finished_at: string | null;
  end_kind: 'result_ready' | 'stopped' | 'withdrawn' | 'refused' | 'not_received' | null;
  classification: string | null;
  classification_legal: string | null;
  classification_kpi: string | null;
  processing_minutes: number | null;
  kpi_waiting_minutes: number | null;
  supplement_requested_at: string[];
  reception_supplement_at: string | null;
  overdue_since: string | null;
  paid_online: boolean | null;
  payments_recorded: number;
  first_paid_at: string | null;
  electronic_result: boolean | null;
  components_total: number;
  components_digitised: number;
  components_reused: number;
  rating_score: string | null;
  rated_at: string | null;
  complaint_count: number;
  first_complaint_at: string | null;
  returned_at: string | null;
  consumed_by_unit: Record<string, number> | null;
  last_sequence: number;
  /** Form 04 extensions issued (dossier.extended). */
  extensions: number;
}

/** Working minutes of a budget; calendar days count by their comparable working time (5 of 7 days). */
function budgetMinutes(d: Duration): number {
  return toWorkingMinutes(d) ?? comparableWorkingMinutes(d);
}

export function emptyFact(e: DossierEvent): FactRow {
  return {
    dossier_code: e.dossierCode,
    procedure_code: e.procedureCode,
    unit_id: e.unitId,
    channel: null,
    registered_at: e.occurredAt,
    received_at: null,
    appointment_at: null,
    legal_due_at: null,
    committed_budget_minutes: null,
    legal_budget_minutes: null,
    finished_at: null,
    end_kind: null,
    classification: null,
    classification_legal: null,
    classification_kpi: null,
    processing_minutes: null,
    kpi_waiting_minutes: null,
    supplement_requested_at: [],
    reception_supplement_at: null,
    overdue_since: null,
    paid_online: null,
    payments_recorded: 0,
    first_paid_at: null,
    electronic_result: null,
    components_total: 0,
    components_digitised: 0,
    components_reused: 0,
    rating_score: null,
    rated_at: null,
    complaint_count: 0,
    first_complaint_at: null,
    returned_at: null,
    consumed_by_unit: null,
    last_sequence: 0,
    extensions: 0,
  };
}

/** The first end only: a later closing fact (a tick after a withdrawal, say) never moves it. */
function end(f: FactRow, at: string, kind: NonNullable<FactRow['end_kind']>, classification: string | null): void {
  if (f.finished_at !== null) return;
  f.finished_at = at;
  f.end_kind = kind;
  f.classification = classification;
}

/**
 * Folds one event into a dossier's fact row (pure; the row is copied). Every value comes from the
 * events, so replaying a dossier's events from the start rebuilds exactly the same row.
 */
export function foldFact(row: FactRow | undefined, e: DossierEvent): FactRow {
  return foldFactInto(row ? { ...row, supplement_requested_at: [...row.supplement_requested_at] } : emptyFact(e), e);
}

/** The same fold, changing `f` in place: for a caller that owns the row (the simulator folds millions of events). */
export function foldFactInto(f: FactRow, e: DossierEvent): FactRow {
  f.last_sequence = Math.max(f.last_sequence, e.sequence);
  f.procedure_code = e.procedureCode;
  switch (e.type) {
    case 'dossier.received': {
      const p = e.payload;
      f.unit_id = e.unitId;
      f.channel = p.channel;
      f.received_at = p.receivedAt;
      f.appointment_at = p.appointmentAt;
      f.legal_due_at = p.legalDueAt;
      f.committed_budget_minutes = budgetMinutes(p.committedBudget);
      f.legal_budget_minutes = budgetMinutes(p.legalBudget);
      f.components_total = p.componentsTotal;
      f.components_digitised = p.componentsDigitised;
      f.components_reused = p.componentsReused;
      break;
    }
    case 'dossier.reception_supplement_requested':
      f.reception_supplement_at ??= e.payload.requestedAt;
      break;
    case 'dossier.refused':
      end(f, e.payload.refusedAt, 'refused', null);
      break;
    case 'dossier.not_received':
      end(f, e.payload.closedAt, 'not_received', null);
      break;
    case 'dossier.supplement_requested':
      f.supplement_requested_at.push(e.payload.requestedAt);
      break;
    case 'dossier.supplement_received':
      f.appointment_at = e.payload.appointmentAt;
      f.legal_due_at = e.payload.legalDueAt;
      f.components_digitised = Math.min(f.components_total, f.components_digitised + e.payload.componentsDigitised);
      break;
    case 'dossier.payment_recorded':
      f.payments_recorded += 1;
      f.paid_online = (f.paid_online ?? false) || e.payload.paidOnline;
      f.first_paid_at ??= e.payload.recordedAt;
      f.appointment_at = e.payload.appointmentAt;
      f.legal_due_at = e.payload.legalDueAt;
      break;
    case 'dossier.extended':
      f.appointment_at = e.payload.appointmentAt;
      f.extensions = Math.max(f.extensions ?? 0, e.payload.extensionNumber);
      break;
    case 'dossier.withdrawn':
      end(f, e.payload.withdrawnAt, 'withdrawn', e.payload.classification);
      break;
    case 'dossier.stopped':
      end(f, e.payload.stoppedAt, 'stopped', e.payload.classification);
      break;
    case 'dossier.result_ready': {
      const p = e.payload;
      if (f.finished_at === null) {
        end(f, p.finishedAt, 'result_ready', p.classification);
        f.classification_legal = p.classificationLegal;
        f.classification_kpi = p.classificationKpi;
        f.processing_minutes = p.processingWorkingMinutes;
        f.kpi_waiting_minutes = p.kpiWaitingWorkingMinutes;
        f.consumed_by_unit = p.consumedByUnit;
        f.appointment_at = p.appointmentAt;
        f.legal_due_at = p.legalDueAt;
      }
      f.electronic_result = p.electronicResult;
      break;
    }
    case 'dossier.result_returned':
      // the hand-over's `electronic` is how the result was delivered; 4.1 counts how it was issued (result_ready)
      f.returned_at ??= e.payload.returnedAt;
      break;
    case 'dossier.rated':
      f.rating_score = e.payload.score;
      f.rated_at = e.payload.ratedAt;
      break;
    case 'dossier.complaint_filed':
      f.complaint_count += 1;
      f.first_complaint_at ??= e.payload.filedAt;
      break;
    case 'sla.breached':
      if (e.payload.scope === 'dossier') f.overdue_since ??= e.payload.dueAt;
      break;
    default:
      break;
  }
  return f;
}

/**
 * `dossier_fact`: one row per dossier for statistics and Decision 766 indicators. Per batch: one
 * statement reads the rows of the batch's dossiers, the events are folded in memory, one statement
 * writes every changed row back.
 */
export const dossierFactProjection: Projection = {
  name: 'dossier-fact',
  tables: ['dossier_fact'],
  async apply(db, events) {
    if (events.length === 0) return;
    const codes = [...new Set(events.map((e) => e.dossierCode))];
    const { rows } = await db.query<{ j: FactRow }>('SELECT to_jsonb(f) AS j FROM dossier_fact f WHERE dossier_code = ANY($1) FOR UPDATE', [codes]);
    const facts = new Map<string, FactRow>(
      rows.map((r) => [r.j.dossier_code, { ...r.j, processing_minutes: num(r.j.processing_minutes), kpi_waiting_minutes: num(r.j.kpi_waiting_minutes), extensions: r.j.extensions ?? 0 }]),
    );
    for (const e of events) facts.set(e.dossierCode, foldFact(facts.get(e.dossierCode), e));
    const changed = codes.map((c) => facts.get(c)!);
    const columns = Object.keys(changed[0]!);
    await db.query(
      `INSERT INTO dossier_fact SELECT * FROM jsonb_populate_recordset(NULL::dossier_fact, $1::jsonb)
       ON CONFLICT (dossier_code) DO UPDATE SET ${columns
         .filter((c) => c !== 'dossier_code')
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}`,
      [JSON.stringify(changed)],
    );
  },
};

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
