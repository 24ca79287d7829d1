import { z } from 'zod';
import type { IndicatorsReport, StatisticsRow } from '../contracts/api/statistics.contract';
import type { RegisterRow as RegisterRowView } from '../contracts/api/reads.contract';
import { localMidnight } from '../projections/queries/statistics.query';
import { indicators } from '../projections/queries/indicators.query';
import { statistics } from '../projections/queries/statistics.query';
import { registerPage, type RegisterRow } from '../projections/queries/register.query';
import { slaBoardByUnit, slaBoardPage, type SlaBoardItem } from '../projections/queries/sla-board.query';
import type { AppDeps } from './app-deps';
import { decodeCursor, encodeCursor } from './cursor';
import { AppError } from './errors';
import { isoOf, isoOrNull } from './iso';
import { toCsv } from './csv';

const BoardCursor = z.object({ dueAt: z.number().int(), dossierCode: z.string(), scope: z.string(), taskId: z.string() }).strict();
const RegisterCursor = z.object({ receivedAt: z.number(), dossierCode: z.string() }).strict();

function boardItemView(i: SlaBoardItem) {
  return {
    ...i,
    dueAt: isoOf(i.dueAt),
    warnedAt: isoOrNull(i.warnedAt),
    breachedAt: isoOrNull(i.breachedAt),
    escalatedAt: isoOrNull(i.escalatedAt),
    form04DraftedAt: isoOrNull(i.form04DraftedAt),
  };
}

/** The SLA board over the given units (the caller's, or the one they filtered to). */
export async function slaBoard(deps: AppDeps, unitIds: string[], q: { status?: 'due_soon' | 'overdue'; scope?: 'dossier' | 'step'; limit: number; cursor?: string }) {
  const after = decodeCursor(BoardCursor, q.cursor);
  const page = await slaBoardPage(deps.pool, { unitIds, ...(q.status ? { status: q.status } : {}), ...(q.scope ? { scope: q.scope } : {}), limit: q.limit, ...(after ? { after } : {}) }, deps.now());
  return { items: page.items.map(boardItemView), nextCursor: page.next ? encodeCursor(page.next) : null, nextStepDueAt: isoOrNull(page.nextStepDueAt) };
}

export async function slaBoardUnits(deps: AppDeps, unitIds: string[]) {
  return { units: await slaBoardByUnit(deps.pool, unitIds, deps.now()) };
}

export function registerRowView(r: RegisterRow): RegisterRowView {
  return {
    ...r,
    receivedAt: isoOrNull(r.receivedAt),
    appointmentAt: isoOrNull(r.appointmentAt),
    legalDueAt: isoOrNull(r.legalDueAt),
    finishedAt: isoOrNull(r.finishedAt),
    returnedAt: isoOrNull(r.returnedAt),
    closedAt: isoOrNull(r.closedAt),
    updatedAt: isoOf(r.updatedAt),
    processingWorkingMinutes: r.processingWorkingMinutes === null ? null : Number(r.processingWorkingMinutes),
  };
}

/** A local date's first instant, and the instant after the last local date of an inclusive range. */
function dayRange(from?: string, to?: string): { from?: number; to?: number } {
  try {
    const f = from !== undefined ? localMidnight(from) : undefined;
    const t = to !== undefined ? localMidnight(to) + 86_400_000 : undefined;
    if (f !== undefined && t !== undefined && !(f < t)) throw new AppError('PERIOD_INVALID', `from (${from}) must not be after to (${to})`);
    return { ...(f !== undefined ? { from: f } : {}), ...(t !== undefined ? { to: t } : {}) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('PERIOD_INVALID', (err as Error).message);
  }
}

export interface RegisterRequest {
  procedureCode?: string;
  from?: string;
  to?: string;
  statusCode?: number;
  limit: number;
  cursor?: string;
}

export async function register(deps: AppDeps, unitIds: string[], q: RegisterRequest) {
  const before = decodeCursor(RegisterCursor, q.cursor);
  const page = await registerPage(deps.pool, {
    unitIds,
    ...(q.procedureCode !== undefined ? { procedureCode: q.procedureCode } : {}),
    ...(q.statusCode !== undefined ? { statusCode: q.statusCode } : {}),
    ...dayRange(q.from, q.to),
    limit: q.limit,
    ...(before ? { before } : {}),
  });
  return { rows: page.rows.map(registerRowView), nextCursor: page.next ? encodeCursor(page.next) : null };
}

/** The register as CSV: every matching row (up to `max`), in the JSON's order and columns. */
export async function registerCsv(deps: AppDeps, unitIds: string[], q: Omit<RegisterRequest, 'limit' | 'cursor'>, max = 100_000): Promise<string> {
  const rows: RegisterRowView[] = [];
  let cursor: string | undefined;
  do {
    const page = await register(deps, unitIds, { ...q, limit: 200, ...(cursor ? { cursor } : {}) });
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < max);
  const header = rows[0] ? Object.keys(rows[0]) : ['dossierCode'];
  return toCsv(header, rows.map((r) => header.map((h) => (r as Record<string, unknown>)[h])));
}

export interface ReportRequest {
  from: string;
  to: string;
}

/** The statistics `motcua report statistics` prints, over the caller's units (local dates, both included). */
export async function statisticsReport(deps: AppDeps, unitIds: string[], q: ReportRequest & { by: 'total' | 'unit' | 'procedure' | 'unit,procedure'; period: 'day' | 'month' | 'year' }): Promise<StatisticsRow[]> {
  dayRange(q.from, q.to);
  return statistics(deps.pool, { from: q.from, to: q.to, by: q.by, period: q.period, unitIds });
}

export async function indicatorsReport(deps: AppDeps, unitIds: string[], q: ReportRequest): Promise<IndicatorsReport> {
  dayRange(q.from, q.to);
  return indicators(deps.pool, { from: q.from, to: q.to, unitIds });
}

export function statisticsCsv(rows: StatisticsRow[]): string {
  const header = ['period', 'unitId', 'procedureCode', 'carriedOver', 'new', 'newDirect', 'newOnline', 'newPost', 'finished', 'early', 'onTime', 'late', 'stopped', 'inProgress', 'inProgressWithin', 'inProgressOverdue', 'refused', 'withdrawn', 'supplementExpired', 'completionRatePercent', 'onTimeRatePercent'];
  return toCsv(
    header,
    rows.map((r) => [
      r.period,
      r.unitId,
      r.procedureCode,
      r.received.carriedOver,
      r.received.new,
      r.received.byChannel.direct,
      r.received.byChannel.online,
      r.received.byChannel.post,
      r.finished.total,
      r.finished.early,
      r.finished.onTime,
      r.finished.late,
      r.finished.stopped,
      r.inProgress.total,
      r.inProgress.within,
      r.inProgress.overdue,
      r.refused,
      r.withdrawn,
      r.supplementExpired,
      r.completionRate.percent,
      r.onTimeRate.percent,
    ]),
  );
}
