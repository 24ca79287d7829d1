import type { Pool, PoolClient } from 'pg';
import type { SlaAlertMessage } from '../contracts/api/reads.contract';
import { SLA_ALERT_CHANNEL } from '../projections/sla-alert-log.projection';
import { isoOf } from '../app/iso';

type Listener = (alerts: SlaAlertMessage[]) => void;

interface AlertRow {
  id: string;
  event_id: string;
  dossier_code: string;
  procedure_code: string;
  kind: string;
  scope: 'dossier' | 'step';
  task_id: string | null;
  unit_id: string;
  supervisor_unit_id: string | null;
  due_at: Date;
  raised_at: Date;
  remaining_working_minutes: number;
}

const toMessage = (r: AlertRow): SlaAlertMessage => ({
  id: Number(r.id),
  eventId: r.event_id,
  dossierCode: r.dossier_code,
  procedureCode: r.procedure_code,
  kind: r.kind,
  scope: r.scope,
  taskId: r.task_id,
  unitId: r.unit_id,
  supervisorUnitId: r.supervisor_unit_id,
  dueAt: isoOf(r.due_at),
  raisedAt: isoOf(r.raised_at),
  remainingWorkingMinutes: Number(r.remaining_working_minutes),
});

const SELECT = `SELECT id, event_id, dossier_code, procedure_code, kind, scope, task_id, unit_id, supervisor_unit_id, due_at, raised_at,
                       remaining_working_minutes::float8 AS remaining_working_minutes FROM sla_alert`;

/**
 * One LISTEN connection per API process fans the projection's notifications out to every open
 * alert stream; each stream filters by its caller's units. A lost connection is re-opened, and
 * what arrived meanwhile is read by id, so a stream misses nothing.
 */
export interface SlaAlertHub {
  /** Alerts after `afterId` in the units (what a resuming client missed), oldest first. */
  backlog(afterId: number, unitIds: string[], limit?: number): Promise<SlaAlertMessage[]>;
  latestId(): Promise<number>;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

export function createSlaAlertHub(pool: Pool, log: (msg: string) => void = () => undefined): SlaAlertHub {
  const listeners = new Set<Listener>();
  let client: PoolClient | undefined;
  let lastId = -1;
  let closed = false;
  let reading = Promise.resolve();

  const readNew = () => {
    reading = reading.then(async () => {
      if (lastId < 0) lastId = await latestId();
      const { rows } = await pool.query<AlertRow>(`${SELECT} WHERE id > $1 ORDER BY id LIMIT 1000`, [lastId]);
      if (rows.length === 0) return;
      lastId = Number(rows.at(-1)!.id);
      const msgs = rows.map(toMessage);
      for (const l of listeners) l(msgs);
    }).catch((err: unknown) => log(`sla alerts: ${(err as Error).message}`));
  };

  async function latestId(): Promise<number> {
    const { rows } = await pool.query<{ id: string | null }>('SELECT max(id) AS id FROM sla_alert');
    return Number(rows[0]?.id ?? 0);
  }

  async function connect(): Promise<void> {
    if (closed || client) return;
    try {
      const c = await pool.connect();
      client = c;
      c.on('notification', readNew);
      c.on('error', () => {
        client = undefined;
        c.release(true);
        if (!closed) setTimeout(() => void connect(), 1000).unref();
      });
      await c.query(`LISTEN ${SLA_ALERT_CHANNEL}`);
      readNew();
    } catch (err) {
      client = undefined;
      log(`sla alerts: LISTEN failed (${(err as Error).message}); retrying`);
      if (!closed) setTimeout(() => void connect(), 1000).unref();
    }
  }

  return {
    async backlog(afterId, unitIds, limit = 1000) {
      const { rows } = await pool.query<AlertRow>(`${SELECT} WHERE id > $1 AND (unit_id = ANY($2) OR supervisor_unit_id = ANY($2)) ORDER BY id LIMIT $3`, [afterId, unitIds, limit]);
      return rows.map(toMessage);
    },
    latestId,
    subscribe(listener) {
      listeners.add(listener);
      if (!client) void connect();
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      const c = client;
      client = undefined;
      if (c) {
        await c.query(`UNLISTEN ${SLA_ALERT_CHANNEL}`).catch(() => undefined);
        c.release();
      }
    },
  };
}
