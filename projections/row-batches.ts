import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';

// ---------------------------------------------------------------------------------------------
// Load, fold, flush: the operational projections read the rows of the batch's dossiers once, fold
// the events over them in memory (in topic order), and write them back with one DELETE and one
// INSERT ... SELECT FROM jsonb_to_recordset per table and batch. Instants are epoch ms in memory.

export type ColumnType = 'text' | 'ts' | 'num' | 'int' | 'bool' | 'text[]' | 'json';
export type Value = string | number | boolean | string[] | { [key: string]: unknown } | null;
export type Row = Record<string, Value>;

export interface TableSpec {
  name: string;
  columns: Record<string, ColumnType>;
}

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', ts: 'timestamptz', num: 'numeric', int: 'bigint', bool: 'boolean', 'text[]': 'text[]', json: 'jsonb' };

function selectExpr(col: string, type: ColumnType): string {
  switch (type) {
    case 'ts':
      return `(extract(epoch FROM ${col}) * 1000)::float8 AS ${col}`;
    case 'num':
    case 'int':
      return `${col}::float8 AS ${col}`;
    default:
      return col;
  }
}

/** The rows of these dossiers, instants as epoch ms, numbers as numbers. */
export async function loadRows(db: PoolClient, spec: TableSpec, codes: string[]): Promise<Row[]> {
  const cols = Object.entries(spec.columns).map(([c, t]) => selectExpr(c, t));
  const { rows } = await db.query<Row>(`SELECT ${cols.join(', ')} FROM ${spec.name} WHERE dossier_code = ANY($1::text[])`, [codes]);
  return rows;
}

/** Replaces the rows of these dossiers with `rows` (two statements, whatever the batch size). */
export async function replaceRows(db: PoolClient, spec: TableSpec, codes: string[], rows: Row[]): Promise<void> {
  if (codes.length === 0) return;
  await db.query(`DELETE FROM ${spec.name} WHERE dossier_code = ANY($1::text[])`, [codes]);
  await insertRows(db, spec, rows);
}

/** One INSERT ... SELECT FROM jsonb_to_recordset for all `rows`; `onConflict` e.g. 'ON CONFLICT DO NOTHING'. */
export async function insertRows(db: PoolClient, spec: TableSpec, rows: Row[], onConflict = ''): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(spec.columns);
  const json = rows.map((r) => Object.fromEntries(cols.map((c) => [c, spec.columns[c] === 'ts' && r[c] !== null && r[c] !== undefined ? new Date(r[c] as number).toISOString() : (r[c] ?? null)])));
  await db.query(
    `INSERT INTO ${spec.name} (${cols.join(', ')})
     SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${cols.map((c) => `${c} ${SQL_TYPE[spec.columns[c]!]}`).join(', ')})
     ${onConflict}`,
    [JSON.stringify(json)],
  );
}

export const ms = (iso: string): number => Date.parse(iso);
export const dossierCodes = (events: readonly DossierEvent[]): string[] => [...new Set(events.map((e) => e.dossierCode))];

/** Rows grouped per dossier code, keyed by `key(row)` within a dossier. */
export function byDossier(rows: Row[], key: (r: Row) => string): Map<string, Map<string, Row>> {
  const out = new Map<string, Map<string, Row>>();
  for (const r of rows) {
    const code = r.dossier_code as string;
    if (!out.has(code)) out.set(code, new Map());
    out.get(code)!.set(key(r), r);
  }
  return out;
}

/** Rows in a stable order (dossier, then key), so the INSERT order never depends on history. */
export function flatten(m: Map<string, Map<string, Row>>): Row[] {
  return [...m.keys()].sort().flatMap((code) => {
    const inner = m.get(code)!;
    return [...inner.keys()].sort().map((k) => inner.get(k)!);
  });
}
