import type { Pool } from 'pg';

/** One row of Form 07 (Sổ theo dõi hồ sơ), as the register projection keeps it. */
export interface RegisterRow {
  dossierCode: string;
  procedureCode: string;
  procedureVersion: string | null;
  receivingUnitId: string;
  channel: string | null;
  statusCode: number;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  legalDueAt: Date | null;
  supplementCount: number;
  kpiOverdue: boolean;
  paymentCount: number;
  paidOnline: boolean | null;
  extensionCount: number;
  pausedReason: string | null;
  finishedAt: Date | null;
  resultOutcome: string | null;
  electronicResult: boolean | null;
  classification: string | null;
  classificationLegal: string | null;
  classificationKpi: string | null;
  processingWorkingMinutes: number | null;
  returnedAt: Date | null;
  returnMethod: string | null;
  closedReason: string | null;
  closedAt: Date | null;
  complaintCount: number;
  rating: string | null;
  updatedAt: Date;
}

export interface RegisterQuery {
  unitIds: string[];
  procedureCode?: string;
  /** Received in [from, to) (epoch ms). */
  from?: number;
  to?: number;
  statusCode?: number;
  limit: number;
  /** Newest first: resume before this row. */
  before?: { receivedAt: number; dossierCode: string };
}

const COLUMNS = `dossier_code, procedure_code, procedure_version, receiving_unit_id, channel, status_code, received_at, appointment_at, legal_due_at,
  supplement_count, kpi_overdue, payment_count, paid_online, extension_count, paused_reason, finished_at, result_outcome, electronic_result,
  classification, classification_legal, classification_kpi, processing_working_minutes::float8 AS processing_working_minutes, returned_at, return_method,
  closed_reason, closed_at, complaint_count, rating, updated_at`;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function toRow(r: Record<string, unknown>): RegisterRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[camel(k)] = v;
  return out as unknown as RegisterRow;
}

/** Form 07, newest reception first (dossiers refused at the desk sort by their first fact). */
export async function registerPage(pool: Pool, q: RegisterQuery): Promise<{ rows: RegisterRow[]; next?: RegisterQuery['before'] }> {
  const params: unknown[] = [q.unitIds];
  const where = ['receiving_unit_id = ANY($1)'];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    where.push(sql(params.length));
  };
  if (q.procedureCode !== undefined) add((n) => `procedure_code = $${n}`, q.procedureCode);
  if (q.statusCode !== undefined) add((n) => `status_code = $${n}`, q.statusCode);
  if (q.from !== undefined) add((n) => `coalesce(received_at, updated_at) >= $${n}`, new Date(q.from));
  if (q.to !== undefined) add((n) => `coalesce(received_at, updated_at) < $${n}`, new Date(q.to));
  if (q.before) {
    params.push(new Date(q.before.receivedAt), q.before.dossierCode);
    where.push(`(coalesce(received_at, updated_at), dossier_code) < ($${params.length - 1}, $${params.length})`);
  }
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${COLUMNS}, coalesce(received_at, updated_at) AS sort_at FROM dossier_register WHERE ${where.join(' AND ')}
      ORDER BY coalesce(received_at, updated_at) DESC, dossier_code DESC LIMIT ${q.limit + 1}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1) : undefined;
  return {
    rows: page.map(({ sort_at: _, ...r }) => toRow(r)),
    ...(last ? { next: { receivedAt: (last.sort_at as Date).getTime(), dossierCode: last.dossier_code as string } } : {}),
  };
}

export async function registerRow(pool: Pool, dossierCode: string): Promise<RegisterRow | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM dossier_register WHERE dossier_code = $1`, [dossierCode]);
  return rows[0] ? toRow(rows[0]) : undefined;
}
