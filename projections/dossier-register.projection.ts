import type { DossierEvent } from '../contracts/events';
import { statusCodeAfter } from '../domain/dossier/event-effects';
import type { Projection } from './projection';
import { byDossier, dossierCodes, flatten, loadRows, ms, replaceRows, type Row, type TableSpec } from './row-batches';

export const DOSSIER_REGISTER: TableSpec = {
  name: 'dossier_register',
  columns: {
    dossier_code: 'text',
    procedure_code: 'text',
    procedure_version: 'text',
    receiving_unit_id: 'text',
    channel: 'text',
    applicant_key: 'text',
    calendar_version: 'text',
    received_at: 'ts',
    appointment_at: 'ts',
    legal_due_at: 'ts',
    status_code: 'int',
    reception_supplement_at: 'ts',
    supplement_count: 'int',
    kpi_overdue: 'bool',
    payment_count: 'int',
    paid_online: 'bool',
    extension_count: 'int',
    paused_reason: 'text',
    finished_at: 'ts',
    result_outcome: 'text',
    electronic_result: 'bool',
    classification: 'text',
    classification_legal: 'text',
    classification_kpi: 'text',
    processing_working_minutes: 'num',
    returned_at: 'ts',
    return_method: 'text',
    closed_reason: 'text',
    closed_at: 'ts',
    complaint_count: 'int',
    rating: 'text',
    last_sequence: 'int',
    updated_at: 'ts',
  },
};

/** The row a dossier's first fact opens (received, refused or sent back for a supplement at the desk). */
function newRow(e: DossierEvent): Row {
  return {
    dossier_code: e.dossierCode,
    procedure_code: e.procedureCode,
    procedure_version: null,
    receiving_unit_id: e.unitId,
    channel: null,
    applicant_key: null,
    calendar_version: e.calendarVersion,
    received_at: null,
    appointment_at: null,
    legal_due_at: null,
    status_code: 1,
    reception_supplement_at: null,
    supplement_count: 0,
    kpi_overdue: false,
    payment_count: 0,
    paid_online: null,
    extension_count: 0,
    paused_reason: null,
    finished_at: null,
    result_outcome: null,
    electronic_result: null,
    classification: null,
    classification_legal: null,
    classification_kpi: null,
    processing_working_minutes: null,
    returned_at: null,
    return_method: null,
    closed_reason: null,
    closed_at: null,
    complaint_count: 0,
    rating: null,
    last_sequence: 0,
    updated_at: ms(e.occurredAt),
  };
}

function applyRegister(r: Row, e: DossierEvent): void {
  r.last_sequence = e.sequence;
  r.updated_at = ms(e.occurredAt);
  r.status_code = statusCodeAfter(r.status_code as number, e);
  switch (e.type) {
    case 'dossier.received': {
      const q = e.payload;
      Object.assign(r, {
        receiving_unit_id: e.unitId,
        procedure_version: q.procedureVersion,
        channel: q.channel,
        applicant_key: q.applicantKey,
        received_at: ms(q.receivedAt),
        appointment_at: ms(q.appointmentAt),
        legal_due_at: ms(q.legalDueAt),
      });
      return;
    }
    case 'dossier.reception_supplement_requested':
      r.reception_supplement_at = ms(e.payload.requestedAt);
      return;
    case 'dossier.refused':
      Object.assign(r, { closed_reason: 'refused', closed_at: ms(e.payload.refusedAt) });
      return;
    case 'dossier.not_received':
      Object.assign(r, { closed_reason: 'not_received', closed_at: ms(e.payload.closedAt), paused_reason: null });
      return;
    case 'dossier.supplement_requested':
      Object.assign(r, { supplement_count: e.payload.requestsTotal, kpi_overdue: (r.kpi_overdue as boolean) || e.payload.kpiOverdue, paused_reason: 'supplement' });
      return;
    case 'dossier.payment_requested':
      Object.assign(r, { payment_count: (r.payment_count as number) + 1, paused_reason: 'payment' });
      return;
    case 'dossier.supplement_received':
      Object.assign(r, { appointment_at: ms(e.payload.appointmentAt), legal_due_at: ms(e.payload.legalDueAt), paused_reason: null });
      return;
    case 'dossier.payment_recorded':
      Object.assign(r, { appointment_at: ms(e.payload.appointmentAt), legal_due_at: ms(e.payload.legalDueAt), paused_reason: null, paid_online: e.payload.paidOnline });
      return;
    case 'dossier.extended':
      Object.assign(r, { appointment_at: ms(e.payload.appointmentAt), extension_count: e.payload.extensionNumber });
      return;
    case 'dossier.withdrawn':
      Object.assign(r, {
        closed_reason: 'withdrawn',
        closed_at: ms(e.payload.withdrawnAt),
        paused_reason: null,
        ...(r.received_at !== null ? { finished_at: ms(e.payload.withdrawnAt), classification: e.payload.classification } : {}),
      });
      return;
    case 'dossier.stopped':
      Object.assign(r, { closed_reason: 'stopped', closed_at: ms(e.payload.stoppedAt), finished_at: ms(e.payload.stoppedAt), classification: e.payload.classification, paused_reason: null });
      return;
    case 'dossier.result_ready': {
      const q = e.payload;
      Object.assign(r, {
        finished_at: ms(q.finishedAt),
        result_outcome: q.outcome,
        electronic_result: q.electronicResult,
        appointment_at: ms(q.appointmentAt),
        legal_due_at: ms(q.legalDueAt),
        classification: q.classification,
        classification_legal: q.classificationLegal,
        classification_kpi: q.classificationKpi,
        processing_working_minutes: q.processingWorkingMinutes,
        supplement_count: q.supplementRequests,
      });
      return;
    }
    case 'dossier.result_returned':
      Object.assign(r, { returned_at: ms(e.payload.returnedAt), return_method: e.payload.method });
      return;
    case 'dossier.rated':
      Object.assign(r, { rating: e.payload.score, closed_reason: 'finished', closed_at: ms(e.payload.ratedAt) });
      return;
    case 'dossier.complaint_filed':
      r.complaint_count = (r.complaint_count as number) + 1;
      return;
    default:
      return;
  }
}

/** Form 07, Sổ theo dõi hồ sơ: one row per dossier, from its first fact to its closing. */
export const dossierRegisterProjection: Projection = {
  name: 'dossier-register',
  tables: ['dossier_register'],
  async apply(db, events) {
    const codes = dossierCodes(events);
    const state = byDossier(await loadRows(db, DOSSIER_REGISTER, codes), () => '');
    for (const e of events) {
      if (!state.has(e.dossierCode)) state.set(e.dossierCode, new Map([['', newRow(e)]]));
      applyRegister(state.get(e.dossierCode)!.get('')!, e);
    }
    await replaceRows(db, DOSSIER_REGISTER, codes, flatten(state));
  },
};
