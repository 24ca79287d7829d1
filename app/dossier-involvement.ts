import type { DossierInvolvement } from './access/unit-scope';
import type { AppDeps } from './app-deps';
import { dossierStateQuery } from '../workflows/messages';
import { temporalCall } from './temporal-errors';
import { AppError } from './errors';

/**
 * Which units a dossier involves (its desk, and every unit that holds or held a task), from the read
 * models and the route the API kept at reception (desk and first tasks, there before the projections
 * catch up with a fresh dossier); for a dossier the API did not receive, the workflow answers.
 */
export async function dossierInvolvement(deps: AppDeps, dossierCode: string): Promise<DossierInvolvement> {
  const { rows } = await deps.pool.query<{ receiving: string | null; units: string[] | null }>(
    `SELECT COALESCE((SELECT receiving_unit_id FROM dossier_register WHERE dossier_code = $1),
                     (SELECT receiving_unit_id FROM dossier_route WHERE dossier_code = $1)) AS receiving,
            (SELECT array_agg(DISTINCT unit_id) FROM (
               SELECT unit_id FROM process_slip_task WHERE dossier_code = $1
               UNION SELECT unit_id FROM task_inbox WHERE dossier_code = $1
               UNION SELECT unnest(first_task_unit_ids) FROM dossier_route WHERE dossier_code = $1) u) AS units`,
    [dossierCode],
  );
  const r = rows[0];
  if (r?.receiving) return { receivingUnitId: r.receiving, taskUnitIds: r.units ?? [] };
  const state = await temporalCall(() => deps.temporal.workflow.getHandle(dossierCode).query(dossierStateQuery)).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'DOSSIER_NOT_FOUND') throw new AppError('DOSSIER_NOT_FOUND', `no dossier ${dossierCode}`);
    throw err;
  });
  return { receivingUnitId: state.input.unitId, taskUnitIds: [...new Set(state.tasks.map((t) => t.unitId))] };
}
