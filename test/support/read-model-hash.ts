import type { Pool } from 'pg';
import type { ProjectionGroup } from '../../projections/groups';

/** Columns that record arrival order, not facts: the live alert stream's serial id differs between two consumptions of the same events. */
const ARRIVAL_ORDER: Record<string, string[]> = { sla_alert: ['id'] };

/** One digest per read-model table (rows in a canonical order), to compare two databases row for row. */
export async function readModelDigest(pool: Pool, groups: ProjectionGroup[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of groups.flatMap((g) => g.projections.flatMap((p) => p.tables))) {
    const row = (ARRIVAL_ORDER[table] ?? []).reduce((expr, col) => `(${expr} - '${col}')`, 'to_jsonb(t)');
    const { rows } = await pool.query<{ digest: string; n: string }>(`SELECT md5(coalesce(string_agg(${row}::text, '|' ORDER BY ${row}::text), '')) AS digest, count(*) AS n FROM "${table}" t`);
    out[table] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  const { rows } = await pool.query<{ digest: string }>(
    `SELECT md5(coalesce(string_agg(projection || ':' || dossier_code || ':' || last_sequence, '|' ORDER BY projection, dossier_code), '')) AS digest FROM projection_checkpoint`,
  );
  out['projection_checkpoint'] = rows[0]?.digest ?? '';
  return out;
}
