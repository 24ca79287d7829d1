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

/**
 * Columns measured on the clock of the run that built them: working minutes between instants a
 * command ran at, and a step's early / on_time classification (finished on an earlier local date
 * than its due, which was set from the moment the step was assigned). Together with every
 * timestamptz column they are what two runs of one scripted scenario may differ in.
 */
const CLOCK_MEASURES: Record<string, string[]> = {
  dossier_register: ['processing_working_minutes'],
  process_control_slip: ['classification', 'consumed_working_minutes'],
  process_slip_task: ['classification', 'consumed_working_minutes'],
  sla_board: ['remaining_working_minutes'],
  sla_unit_consumption: ['consumed_working_minutes'],
  dossier_fact: ['processing_minutes', 'kpi_waiting_minutes', 'consumed_by_unit'],
  // the event as published: its instants and measured minutes are inside; its id, sequence and type stay compared
  dossier_event: ['payload'],
  sla_alert: ['remaining_working_minutes', ...(ARRIVAL_ORDER.sla_alert ?? [])],
};

/**
 * One digest per read-model table over everything but the run's clock (instants and the measures
 * above), to compare the read models of the same scripted scenario run on two stacks, or twice.
 */
export async function clockFreeDigest(pool: Pool, groups: ProjectionGroup[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of groups.flatMap((g) => g.projections.flatMap((p) => p.tables))) {
    const { rows: cols } = await pool.query<{ column_name: string; udt_name: string }>(
      "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
      [table],
    );
    const kept = cols.filter((c) => c.udt_name !== 'timestamptz' && c.udt_name !== '_timestamptz' && !(CLOCK_MEASURES[table] ?? []).includes(c.column_name)).map((c) => `"${c.column_name}"`);
    if (kept.length === 0) throw new Error(`table ${table}: no column left to compare`);
    const row = `row(${kept.join(', ')})::text`;
    const { rows } = await pool.query<{ digest: string; n: string }>(`SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS digest, count(*) AS n FROM "${table}"`);
    out[table] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  const { rows } = await pool.query<{ digest: string }>(
    `SELECT md5(coalesce(string_agg(projection || ':' || dossier_code || ':' || last_sequence, '|' ORDER BY projection, dossier_code), '')) AS digest FROM projection_checkpoint`,
  );
  out['projection_checkpoint'] = rows[0]?.digest ?? '';
  return out;
}
