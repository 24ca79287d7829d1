import type { Pool } from 'pg';

export interface UnitConsumptionRow {
  unitId: string;
  dossiers: number;
  tasksFinished: number;
  consumedWorkingMinutes: number;
}

/**
 * Working minutes each handling unit consumed on the dossiers whose processing ended in [from, to)
 * (epoch ms), from the SLA board's per-unit consumption (settled from the ledger at the result).
 */
export async function unitConsumption(pool: Pool, q: { from: number; to: number; unitIds: string[] }): Promise<UnitConsumptionRow[]> {
  const { rows } = await pool.query<{ unit_id: string; dossiers: number; tasks: number; consumed: number }>(
    `SELECT c.unit_id, count(DISTINCT c.dossier_code)::int AS dossiers, sum(c.tasks_finished)::int AS tasks, sum(c.consumed_working_minutes)::float8 AS consumed
       FROM sla_unit_consumption c JOIN dossier_fact f ON f.dossier_code = c.dossier_code
      WHERE f.finished_at >= $1 AND f.finished_at < $2 AND c.unit_id = ANY($3)
      GROUP BY c.unit_id ORDER BY c.unit_id`,
    [new Date(q.from), new Date(q.to), q.unitIds],
  );
  return rows.map((r) => ({ unitId: r.unit_id, dossiers: r.dossiers, tasksFinished: r.tasks, consumedWorkingMinutes: r.consumed }));
}
