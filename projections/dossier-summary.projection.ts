import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';
import type { Projection } from './projection';

/** One row per dossier: what `GET /dossiers/:code` and the citizen lookup read. */
export const dossierSummaryProjection: Projection = {
  name: 'dossier-summary',
  tables: ['dossier_summary'],
  async apply(db, events) {
    for (const event of events) await applyOne(db, event);
  },
};

async function applyOne(db: PoolClient, event: DossierEvent): Promise<void> {
  switch (event.type) {
    case 'dossier.received':
      await db.query(
        `INSERT INTO dossier_summary (dossier_code, procedure_code, unit_id, channel, status_code, applicant_key, received_at, due_at,
                                      calendar_version, last_event_id, last_event_type, updated_at)
         VALUES ($1, $2, $3, $4, 2, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (dossier_code) DO UPDATE SET
           procedure_code = EXCLUDED.procedure_code, unit_id = EXCLUDED.unit_id, channel = EXCLUDED.channel,
           status_code = EXCLUDED.status_code, applicant_key = EXCLUDED.applicant_key, received_at = EXCLUDED.received_at,
           due_at = EXCLUDED.due_at, calendar_version = EXCLUDED.calendar_version, last_event_id = EXCLUDED.last_event_id,
           last_event_type = EXCLUDED.last_event_type, updated_at = EXCLUDED.updated_at`,
        [
          event.dossierCode,
          event.procedureCode,
          event.unitId,
          event.payload.channel,
          event.payload.applicantKey,
          event.payload.receivedAt,
          event.payload.appointmentAt,
          event.calendarVersion,
          event.id,
          event.type,
          event.occurredAt,
        ],
      );
      return;
    default: {
      // every later fact moves the row on: its status when the fact changes it, the appointment when it moves
      const p = event.payload as { statusCode?: number; appointmentAt?: string };
      await db.query(
        `UPDATE dossier_summary SET status_code = coalesce($2, status_code), due_at = coalesce($3, due_at),
                last_event_id = $4, last_event_type = $5, updated_at = $6
          WHERE dossier_code = $1`,
        [event.dossierCode, p.statusCode ?? (event.type === 'task.assigned' ? 4 : null), p.appointmentAt ?? null, event.id, event.type, event.occurredAt],
      );
    }
  }
}
