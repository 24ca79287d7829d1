import type { DossierEvent, EventOf } from '../contracts/events';
import type { Projection } from './projection';
import { insertRows, ms, type TableSpec } from './row-batches';

export const SLA_ALERT: TableSpec = {
  name: 'sla_alert',
  columns: {
    event_id: 'text',
    dossier_code: 'text',
    procedure_code: 'text',
    kind: 'text',
    scope: 'text',
    task_id: 'text',
    unit_id: 'text',
    supervisor_unit_id: 'text',
    due_at: 'ts',
    raised_at: 'ts',
    remaining_working_minutes: 'num',
  },
};

/** Channel the live alert stream listens on; the payload is the highest new alert id. */
export const SLA_ALERT_CHANNEL = 'motcua_sla_alert';

type SlaEvent = EventOf<'sla.warning' | 'sla.breached' | 'sla.escalated' | 'sla.form04_drafted'>;
const isSla = (e: DossierEvent): e is SlaEvent => e.type.startsWith('sla.');

/** SLA facts in the order they arrived, with a serial id the live stream resumes from. */
export const slaAlertLogProjection: Projection = {
  name: 'sla-alert-log',
  tables: ['sla_alert'],
  async apply(db, events: DossierEvent[]) {
    const rows = events.filter(isSla).map((e) => {
      const p = e.payload;
      return {
        event_id: e.id,
        dossier_code: e.dossierCode,
        procedure_code: e.procedureCode,
        kind: e.type.slice('sla.'.length),
        scope: p.scope,
        task_id: p.scope === 'step' ? (p.taskId ?? null) : null,
        unit_id: p.unitId,
        supervisor_unit_id: e.type === 'sla.escalated' ? e.payload.supervisorUnitId : null,
        due_at: ms(p.dueAt),
        raised_at: ms(p.raisedAt),
        remaining_working_minutes: p.remainingWorkingMinutes,
      };
    });
    if (rows.length === 0) return;
    await insertRows(db, SLA_ALERT, rows, 'ON CONFLICT (event_id) DO NOTHING');
    // delivered when the consumer's transaction commits, never for a batch that rolls back
    await db.query('SELECT pg_notify($1, (SELECT max(id)::text FROM sla_alert))', [SLA_ALERT_CHANNEL]);
  },
};
