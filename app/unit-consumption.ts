import type { UnitConsumptionResponse } from '../contracts/api/pages.contract';
import { findUnit } from '../domain/organisation/unit-directory';
import { localMidnight } from '../projections/queries/statistics.query';
import { unitConsumption } from '../projections/queries/unit-consumption.query';
import type { AppDeps } from './app-deps';
import { AppError } from './errors';

/** Time consumed per handling unit over an inclusive range of local dates, within the caller's units. */
export async function unitConsumptionReport(deps: AppDeps, unitIds: string[], q: { from: string; to: string }): Promise<UnitConsumptionResponse> {
  let from: number;
  let to: number;
  try {
    from = localMidnight(q.from);
    to = localMidnight(q.to) + 86_400_000;
  } catch (err) {
    throw new AppError('PERIOD_INVALID', (err as Error).message);
  }
  if (!(from < to)) throw new AppError('PERIOD_INVALID', `from (${q.from}) must not be after to (${q.to})`);
  const catalog = deps.catalog();
  const rows = await unitConsumption(deps.pool, { from, to, unitIds });
  return {
    from: q.from,
    to: q.to,
    units: rows.map((r) => ({
      ...r,
      unitName: findUnit(catalog, r.unitId)?.name ?? null,
      averageWorkingMinutesPerDossier: r.dossiers > 0 ? Math.round((r.consumedWorkingMinutes / r.dossiers) * 10) / 10 : null,
    })),
  };
}
