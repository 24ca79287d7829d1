import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';
import { statusCodeAfter } from '../domain/dossier/event-effects';
import type { Projection } from './projection';

interface SummaryRow {
  dossier_code: string;
  procedure_code: string;
  unit_id: string;
  channel: string;
  status_code: number;
  applicant_key: string;
  received_at: string;
  due_at: string | null;
  calendar_version: string;
  last_event_id: string;
  last_event_type: string;
  updated_at: string;
}

/** Folds one event into the row: reception creates it, every later fact moves its status, appointment and last event. */
export function foldSummary(row: SummaryRow | undefined, e: DossierEvent): SummaryRow | undefined {
  if (e.type === 'dossier.received') {
    return {
      dossier_code: e.dossierCode,
      procedure_code: e.procedureCode,
      unit_id: e.unitId,
      channel: e.payload.channel,
      status_code: statusCodeAfter(1, e),
      applicant_key: e.payload.applicantKey,
      received_at: e.payload.receivedAt,
      due_at: e.payload.appointmentAt,
      calendar_version: e.calendarVersion,
      last_event_id: e.id,
      last_event_type: e.type,
      updated_at: e.occurredAt,
    };
  }
  // facts before reception (a desk supplement request, a refusal) leave no summary row
  if (!row) return undefined;
  const p = e.payload as { appointmentAt?: string };
  return {
    ...row,
    status_code: statusCodeAfter(row.status_code, e),
    due_at: p.appointmentAt ?? row.due_at,
    last_event_id: e.id,
    last_event_type: e.type,
    updated_at: e.occurredAt,
  };
}

/** One row per dossier: what `GET /dossiers/:code` and the citizen lookup read. One read and one upsert per batch. */
export const dossierSummaryProjection: Projection = {
  name: 'dossier-summary',
  tables: ['dossier_summary'],
  async apply(db: PoolClient, events: DossierEvent[]) {
    const codes = [...new Set(events.map((e) => e.dossierCode))];
    const { rows } = await db.query<SummaryRow>(
      `SELECT dossier_code, procedure_code, unit_id, channel, status_code, applicant_key, received_at, due_at, calendar_version,
              last_event_id, last_event_type, updated_at
         FROM dossier_summary WHERE dossier_code = ANY($1) FOR UPDATE`,
      [codes],
    );
    const byCode = new Map<string, SummaryRow | undefined>(rows.map((r) => [r.dossier_code, r]));
    for (const e of events) byCode.set(e.dossierCode, foldSummary(byCode.get(e.dossierCode), e));
    const changed = [...byCode.values()].filter((r): r is SummaryRow => r !== undefined);
    if (changed.length === 0) return;
    await db.query(
      `INSERT INTO dossier_summary
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(dossier_code text, procedure_code text, unit_id text, channel text, status_code smallint,
              applicant_key text, received_at timestamptz, due_at timestamptz, calendar_version text, last_event_id text, last_event_type text,
              updated_at timestamptz)
       ON CONFLICT (dossier_code) DO UPDATE SET
         procedure_code = EXCLUDED.procedure_code, unit_id = EXCLUDED.unit_id, channel = EXCLUDED.channel, status_code = EXCLUDED.status_code,
         applicant_key = EXCLUDED.applicant_key, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
         calendar_version = EXCLUDED.calendar_version, last_event_id = EXCLUDED.last_event_id, last_event_type = EXCLUDED.last_event_type,
         updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(changed)],
    );
  },
};
