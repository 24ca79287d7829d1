import type { DossierInvolvement } from './access/unit-scope';
import type { AppDeps } from './app-deps';
import { dossierStateQuery } from '../workflows/messages';
import { temporalCall } from './temporal-errors';
import { AppError } from './errors';

/**
 * Which units a dossier involves (its desk, and every unit that holds or held a task), from the read
 * models; for a moment after the submission the projections lag, and the workflow answers instead.
 */
export async function dossierInvolvement(deps: AppDeps, dossierCode: string): Promise<DossierInvolvement> {
  const { rows } = await deps.pool.query<{ receiving: string | null; units: string[] | null }>(
    `SELECT (SELECT receiving_unit_id FROM dossier_register WHERE dossier_code = $1) AS receiving,
            (SELECT array_agg(DISTINCT unit_id) FROM (
               SELECT unit_id FROM process_slip_task WHERE dossier_code = $1
               UNION SELECT unit_id FROM task_inbox WHERE dossier_code = $1) u) AS units`,
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
