import type { Pool, PoolClient } from 'pg';
import type { Channel } from '../../contracts/dossier.contract';
import type { StepKind } from '../../contracts/procedure.contract';
import type { CompletedTask, LiveDossier, LiveTask, LiveTaskStatus } from '../../domain/simulation/live-state';

type Db = Pool | PoolClient;

const ms = (col: string, as = col.split('.').at(-1)!) => `(extract(epoch FROM ${col}) * 1000)::float8 AS ${as}`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The open dossiers (received, processing not ended, not closed) as the read models hold them:
 * the register's appointment, pause and pinned versions; every task from the Form 06 task rows,
 * with the inbox's assignment instant for the open ones.
 */
export async function readLiveDossiers(db: Db): Promise<LiveDossier[]> {
  const { rows: dossiers } = await db.query<Record<string, unknown>>(
    `SELECT r.dossier_code, r.procedure_code, r.procedure_version, r.receiving_unit_id, r.channel, r.calendar_version,
            ${ms('r.received_at')}, ${ms('r.appointment_at')}, r.paused_reason
       FROM dossier_register r
      WHERE r.received_at IS NOT NULL AND r.finished_at IS NULL AND r.closed_reason IS NULL AND r.appointment_at IS NOT NULL
      ORDER BY r.dossier_code`,
  );
  if (dossiers.length === 0) return [];
  const { rows: tasks } = await db.query<Record<string, unknown>>(
    `SELECT t.dossier_code, t.task_id, t.step_id, t.step_kind, t.unit_id, t.status, t.finished_seq,
            ${ms('t.due_at')}, ${ms('t.finished_at')}, ${ms('i.assigned_at')}, ${ms('coalesce(i.paused_at, t.paused_at)', 'paused_at')}
       FROM process_slip_task t LEFT JOIN task_inbox i ON i.dossier_code = t.dossier_code AND i.task_id = t.task_id
      WHERE t.dossier_code = ANY($1)
      ORDER BY t.dossier_code, t.task_id`,
    [dossiers.map((d) => d.dossier_code)],
  );
  const byDossier = new Map<string, Array<LiveTask & { pausedAt: number | null }>>();
  for (const t of tasks) {
    const list = byDossier.get(String(t.dossier_code)) ?? [];
    list.push({
      taskId: String(t.task_id),
      stepId: String(t.step_id),
      stepKind: String(t.step_kind) as StepKind,
      unitId: String(t.unit_id),
      status: String(t.status) as LiveTaskStatus,
      dueAt: Number(t.due_at),
      assignedAt: num(t.assigned_at),
      finishedAt: num(t.finished_at),
      finishedSeq: num(t.finished_seq),
      pausedAt: num(t.paused_at),
    });
    byDossier.set(String(t.dossier_code), list);
  }
  return dossiers.map((d) => {
    const list = byDossier.get(String(d.dossier_code)) ?? [];
    const pausedReason = d.paused_reason === 'supplement' || d.paused_reason === 'payment' ? d.paused_reason : null;
    const pausedAt = pausedReason ? (list.map((t) => t.pausedAt).filter((x): x is number => x !== null).sort((a, b) => b - a)[0] ?? null) : null;
    return {
      dossierCode: String(d.dossier_code),
      procedureCode: String(d.procedure_code),
      procedureVersion: Number(d.procedure_version),
      receivingUnitId: String(d.receiving_unit_id),
      channel: (d.channel ?? 'direct') as Channel,
      calendarVersion: String(d.calendar_version),
      receivedAt: Number(d.received_at),
      appointmentAt: Number(d.appointment_at),
      pausedReason,
      pausedAt,
      tasks: list.map(({ pausedAt: _p, ...t }) => t),
    };
  });
}

/** Tasks finished in [from, to) (result hand-overs aside: they wait for the applicant, not for the unit). */
export async function readCompletedTasks(db: Db, from: number, to: number): Promise<CompletedTask[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT t.unit_id, t.officer_id, ${ms('t.finished_at')}, t.consumed_working_minutes::float8 AS consumed
       FROM process_slip_task t
      WHERE t.status = 'done' AND t.step_kind <> 'result_return' AND t.finished_at >= $1 AND t.finished_at < $2
      ORDER BY t.finished_at, t.dossier_code, t.task_id`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows.map((r) => ({ unitId: String(r.unit_id), officerId: r.officer_id === null ? null : String(r.officer_id), finishedAt: Number(r.finished_at), consumedWorkingMinutes: Number(r.consumed ?? 0) }));
}
