import type { Pool } from 'pg';

export interface TimelineEvent {
  sequence: number;
  eventId: string;
  type: string;
  occurredAt: Date;
  unitId: string;
  payload: Record<string, unknown>;
}

/** The dossier's events in order (the page's timeline); `types` narrows them (the forms' facts). */
export async function dossierEvents(pool: Pool, dossierCode: string, opts: { types?: string[]; afterSequence?: number; limit?: number } = {}): Promise<TimelineEvent[]> {
  const { rows } = await pool.query<{ sequence: string; event_id: string; type: string; occurred_at: Date; unit_id: string; payload: Record<string, unknown> }>(
    `SELECT sequence, event_id, type, occurred_at, unit_id, payload FROM dossier_event
      WHERE dossier_code = $1 AND ($2::text[] IS NULL OR type = ANY($2)) AND sequence > $3
      ORDER BY sequence LIMIT $4`,
    [dossierCode, opts.types ?? null, opts.afterSequence ?? 0, opts.limit ?? 10_000],
  );
  return rows.map((r) => ({ sequence: Number(r.sequence), eventId: r.event_id, type: r.type, occurredAt: r.occurred_at, unitId: r.unit_id, payload: r.payload }));
}

export interface SlipRow {
  seq: number;
  kind: string;
  fromTaskId: string;
  fromStepId: string;
  fromUnitId: string;
  fromOfficerId: string | null;
  toTaskId: string;
  toStepId: string;
  toUnitId: string;
  handedAt: Date;
  fromDueAt: Date;
  fromFinishedAt: Date;
  classification: string;
  consumedWorkingMinutes: number | null;
  toDueAt: Date;
  reason: string | null;
}

/** Form 06: one row per hand-off, in order. */
export async function processSlip(pool: Pool, dossierCode: string): Promise<SlipRow[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT seq, kind, from_task_id, from_step_id, from_unit_id, from_officer_id, to_task_id, to_step_id, to_unit_id, handed_at, from_due_at,
            from_finished_at, classification, consumed_working_minutes::float8 AS consumed_working_minutes, to_due_at, reason
       FROM process_control_slip WHERE dossier_code = $1 ORDER BY seq, from_task_id`,
    [dossierCode],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind as string,
    fromTaskId: r.from_task_id as string,
    fromStepId: r.from_step_id as string,
    fromUnitId: r.from_unit_id as string,
    fromOfficerId: (r.from_officer_id as string | null) ?? null,
    toTaskId: r.to_task_id as string,
    toStepId: r.to_step_id as string,
    toUnitId: r.to_unit_id as string,
    handedAt: r.handed_at as Date,
    fromDueAt: r.from_due_at as Date,
    fromFinishedAt: r.from_finished_at as Date,
    classification: r.classification as string,
    consumedWorkingMinutes: r.consumed_working_minutes === null ? null : Number(r.consumed_working_minutes),
    toDueAt: r.to_due_at as Date,
    reason: (r.reason as string | null) ?? null,
  }));
}

/** Working minutes each unit consumed on the dossier, as the SLA board's projection sums them. */
export async function unitConsumption(pool: Pool, dossierCode: string): Promise<Array<{ unitId: string; consumedWorkingMinutes: number; tasksFinished: number; settled: boolean }>> {
  const { rows } = await pool.query<{ unit_id: string; consumed: number; tasks_finished: string; settled_at: Date | null }>(
    `SELECT unit_id, consumed_working_minutes::float8 AS consumed, tasks_finished, settled_at FROM sla_unit_consumption WHERE dossier_code = $1 ORDER BY unit_id`,
    [dossierCode],
  );
  return rows.map((r) => ({ unitId: r.unit_id, consumedWorkingMinutes: Number(r.consumed), tasksFinished: Number(r.tasks_finished), settled: r.settled_at !== null }));
}
