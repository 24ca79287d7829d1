import type { Pool, PoolClient } from 'pg';
import { BreachForecastRow } from '../../contracts/forecast/breach-forecast.contract';
import { formatLocalIso } from '../../domain/calendar/local-time';

type Db = Pool | PoolClient;

export interface BreachForecastQuery {
  /** Only dossiers whose earliest-due open task is at this unit. */
  unitId?: string;
  dossierCodes?: string[];
  /** Only rows at or above this probability. */
  minProbability?: number;
  limit?: number;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : formatLocalIso((v as Date).getTime()));

function toRow(r: Record<string, unknown>): BreachForecastRow {
  return BreachForecastRow.parse({
    dossierCode: r.dossier_code,
    procedureCode: r.procedure_code,
    receivingUnitId: r.receiving_unit_id,
    unitId: r.unit_id,
    appointmentAt: iso(r.appointment_at),
    probability: Number(r.probability),
    status: r.status,
    medianEndAt: iso(r.median_end_at),
    horizonEnd: iso(r.horizon_end),
    runs: Number(r.runs),
    forecastAt: iso(r.forecast_at),
    alertedAt: iso(r.alerted_at),
  });
}

/** The latest forecast of open dossiers, most likely breaches first (what the SLA board shows beside each dossier). */
export async function breachForecasts(db: Db, q: BreachForecastQuery = {}): Promise<BreachForecastRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM breach_forecast
      WHERE ($1::text IS NULL OR unit_id = $1) AND ($2::text[] IS NULL OR dossier_code = ANY($2)) AND probability >= $3
      ORDER BY probability DESC, appointment_at, dossier_code
      LIMIT $4`,
    [q.unitId ?? null, q.dossierCodes ?? null, q.minProbability ?? 0, q.limit ?? 10_000],
  );
  return rows.map(toRow);
}

/** The last forecast round: when it ran, over how many dossiers, how long it took. */
export async function latestForecastRound(db: Db): Promise<{ forecastAt: string; dossiers: number; unreconstructed: number; runs: number; horizonEnd: string; durationMs: number } | null> {
  const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM breach_forecast_round ORDER BY forecast_at DESC LIMIT 1');
  const r = rows[0];
  if (!r) return null;
  return { forecastAt: iso(r.forecast_at)!, dossiers: Number(r.dossiers), unreconstructed: Number(r.unreconstructed), runs: Number(r.runs), horizonEnd: iso(r.horizon_end)!, durationMs: Number(r.duration_ms) };
}
