import type { Pool, PoolClient } from 'pg';
import { formatLocalDate, localDayNumber } from '../../domain/calendar/local-time';

/** Local (UTC+7) date parts of an instant: dossier codes count per unit and local day. */
function localDay(ms: number): { iso: string; yymmdd: string } {
  const iso = formatLocalDate(localDayNumber(ms));
  return { iso, yymmdd: iso.slice(2).replace(/-/g, '') };
}

export function unitCodeOf(unitId: string): string {
  return unitId.toUpperCase().replace(/[^A-Z0-9]+/g, '.').replace(/^\.+|\.+$/g, '');
}

/** Allocates `<UNIT>-<yymmdd>-<nnnn>` atomically, so two desks never hand out the same code. */
export async function allocateDossierCode(pool: Pool | PoolClient, unitId: string, receivedMs: number): Promise<string> {
  const unit = unitCodeOf(unitId);
  const day = localDay(receivedMs);
  const { rows } = await pool.query<{ last_value: number }>(
    `INSERT INTO dossier_code_counter (unit_code, local_day, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (unit_code, local_day) DO UPDATE SET last_value = dossier_code_counter.last_value + 1
     RETURNING last_value`,
    [unit, day.iso],
  );
  const n = rows[0]?.last_value ?? 1;
  return `${unit}-${day.yymmdd}-${String(n).padStart(4, '0')}`;
}
