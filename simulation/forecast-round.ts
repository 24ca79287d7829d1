import type { Pool } from 'pg';
import type { EventPublisher } from '../activities/ports/event-publisher';
import { toAlertMessage } from '../activities/publish-events.activity';
import type { Catalog } from '../contracts/catalog.contract';
import type { SlaAlert } from '../contracts/events/sla-alert.contract';
import { getCalendar } from '../domain/calendar/calendar-registry';
import { formatLocalIso } from '../domain/calendar/local-time';
import { workingTimeBefore } from '../domain/simulation/backtest';
import type { DossierForecast } from '../domain/simulation/forecast';
import { measureServiceRates, type LiveDossier, type UnitServiceRate } from '../domain/simulation/live-state';
import { forecastLive } from './forecast-parallel';
import { readCompletedTasks, readLiveDossiers } from '../projections/queries/live-workload.query';

export interface ForecastRoundOptions {
  runs: number;
  horizonWorkingMinutes: number;
  historyWorkingMinutes: number;
  /** Probability at or above which an sla.breach_predicted alert goes out. */
  threshold: number;
  seed: number;
  /** Worker threads for the runs (default: one per core once there are enough dossiers). */
  threads?: number;
}

export const DEFAULT_FORECAST_OPTIONS: ForecastRoundOptions = { runs: 20, horizonWorkingMinutes: 480, historyWorkingMinutes: 10 * 480, threshold: 0.5, seed: 1 };

export interface ForecastedDossier extends DossierForecast {
  procedureCode: string;
  receivingUnitId: string;
  calendarVersion: string;
  horizonEnd: number;
}

export interface ForecastRound {
  now: number;
  dossiers: ForecastedDossier[];
  /** Open dossiers the decider could not rebuild from the read models (left out, with why). */
  unreconstructed: Array<{ dossierCode: string; reason: string }>;
  rates: UnitServiceRate[];
  runs: number;
  horizonEnd: number;
  durationMs: number;
}

/** Reads the live workload, rebuilds it, measures the units and forecasts (no write). */
export async function computeForecast(db: Pool, catalog: Catalog, now: number, o: ForecastRoundOptions): Promise<ForecastRound> {
  const t0 = performance.now();
  const live = await readLiveDossiers(db);
  const byCalendar = new Map<string, LiveDossier[]>();
  for (const d of live) byCalendar.set(d.calendarVersion, [...(byCalendar.get(d.calendarVersion) ?? []), d]);
  const dossiers: ForecastedDossier[] = [];
  const unreconstructed: ForecastRound['unreconstructed'] = [];
  const rates: UnitServiceRate[] = [];
  let horizonEnd = now;
  for (const [version, group] of [...byCalendar.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cal = getCalendar(version);
    const completions = await readCompletedTasks(db, workingTimeBefore(now, o.historyWorkingMinutes, cal), now);
    const measured = measureServiceRates(completions, cal);
    rates.push(...measured.values());
    const liveOf = new Map(group.map((d) => [d.dossierCode, d]));
    const { forecast: f, failed } = await forecastLive(group, catalog, measured, { now, calendarVersion: version, horizonWorkingMinutes: o.horizonWorkingMinutes, runs: o.runs, seed: o.seed, ...(o.threads ? { threads: o.threads } : {}) });
    unreconstructed.push(...failed);
    horizonEnd = Math.max(horizonEnd, f.horizonEnd);
    for (const x of f.dossiers) {
      const l = liveOf.get(x.dossierCode)!;
      dossiers.push({ ...x, procedureCode: l.procedureCode, receivingUnitId: l.receivingUnitId, calendarVersion: version, horizonEnd: f.horizonEnd });
    }
  }
  return { now, dossiers, unreconstructed, rates, runs: o.runs, horizonEnd, durationMs: Math.round(performance.now() - t0) };
}

/** Id of the alert of a dossier's n-th crossing for an appointment: a re-sent alert is recognisably the same. */
export const predictionAlertId = (dossierCode: string, appointmentAt: number, crossing: number): string => `${dossierCode}:breach_predicted:${appointmentAt}:${crossing}`;

/** Arbitrary constant: one forecaster writes a round at a time, however many run. */
const ROUND_LOCK = 727_030;

export interface StoredRound extends ForecastRound {
  alerts: SlaAlert[];
}

/**
 * One round of the breach forecaster: forecast, then in one transaction replace the table's rows
 * and record the round; an alert goes out for each dossier whose probability crossed the
 * threshold for its current appointment (published before the commit: a retry re-sends the same
 * ids, never a different fact). Returns undefined when another forecaster holds the round.
 */
export async function forecastAndStore(db: Pool, catalog: Catalog, now: number, o: ForecastRoundOptions, alerts?: { publisher: EventPublisher; topic: string }): Promise<StoredRound | undefined> {
  const client = await db.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [ROUND_LOCK]);
    if (!lock[0]?.ok) return undefined;
    try {
      const round = await computeForecast(db, catalog, now, o);
      await client.query('BEGIN');
      const { rows: previous } = await client.query<{ dossier_code: string; alerted_at: Date | null; alerted_appointment_at: Date | null; alerts: number }>(
        'SELECT dossier_code, alerted_at, alerted_appointment_at, alerts FROM breach_forecast FOR UPDATE',
      );
      const before = new Map(previous.map((p) => [p.dossier_code, p]));
      const sent: SlaAlert[] = [];
      const rows = round.dossiers.map((d) => {
        const p = before.get(d.dossierCode);
        const alertedFor = p?.alerted_appointment_at?.getTime();
        const above = d.status === 'at_risk' && d.probability >= o.threshold;
        let alertedAt = above && p?.alerted_at && alertedFor === d.appointmentAt ? p.alerted_at.getTime() : null;
        let count = p?.alerts ?? 0;
        if (above && alertedAt === null) {
          count += 1;
          alertedAt = now;
          sent.push({
            id: predictionAlertId(d.dossierCode, d.appointmentAt, count),
            kind: 'breach_predicted',
            scope: 'dossier',
            dossierCode: d.dossierCode,
            unitId: d.unitId,
            dueAt: formatLocalIso(d.appointmentAt),
            raisedAt: formatLocalIso(now),
            procedureCode: d.procedureCode,
            calendarVersion: d.calendarVersion,
            probability: d.probability,
            schemaVersion: 1,
          });
        }
        return {
          dossier_code: d.dossierCode,
          procedure_code: d.procedureCode,
          receiving_unit_id: d.receivingUnitId,
          unit_id: d.unitId,
          appointment_at: new Date(d.appointmentAt).toISOString(),
          probability: d.probability,
          status: d.status,
          median_end_at: d.medianEndAt === null ? null : new Date(d.medianEndAt).toISOString(),
          horizon_end: new Date(d.horizonEnd).toISOString(),
          runs: round.runs,
          forecast_at: new Date(now).toISOString(),
          alerted_at: alertedAt === null ? null : new Date(alertedAt).toISOString(),
          alerted_appointment_at: alertedAt === null ? null : new Date(d.appointmentAt).toISOString(),
          alerts: count,
        };
      });
      await client.query('DELETE FROM breach_forecast WHERE NOT (dossier_code = ANY($1))', [rows.map((r) => r.dossier_code)]);
      if (rows.length > 0) {
        await client.query(
          `INSERT INTO breach_forecast SELECT * FROM jsonb_populate_recordset(NULL::breach_forecast, $1::jsonb)
           ON CONFLICT (dossier_code) DO UPDATE SET procedure_code = EXCLUDED.procedure_code, receiving_unit_id = EXCLUDED.receiving_unit_id,
             unit_id = EXCLUDED.unit_id, appointment_at = EXCLUDED.appointment_at, probability = EXCLUDED.probability, status = EXCLUDED.status,
             median_end_at = EXCLUDED.median_end_at, horizon_end = EXCLUDED.horizon_end, runs = EXCLUDED.runs, forecast_at = EXCLUDED.forecast_at,
             alerted_at = EXCLUDED.alerted_at, alerted_appointment_at = EXCLUDED.alerted_appointment_at, alerts = EXCLUDED.alerts`,
          [JSON.stringify(rows)],
        );
      }
      await client.query(
        `INSERT INTO breach_forecast_round (forecast_at, dossiers, unreconstructed, runs, horizon_end, duration_ms, rates) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (forecast_at) DO UPDATE SET dossiers = EXCLUDED.dossiers, unreconstructed = EXCLUDED.unreconstructed, runs = EXCLUDED.runs,
           horizon_end = EXCLUDED.horizon_end, duration_ms = EXCLUDED.duration_ms, rates = EXCLUDED.rates`,
        [new Date(now).toISOString(), rows.length, round.unreconstructed.length, round.runs, new Date(round.horizonEnd).toISOString(), round.durationMs, JSON.stringify(round.rates.map((r) => ({ unitId: r.unitId, officers: r.officers, samples: r.samples.length })))],
      );
      await client.query("DELETE FROM breach_forecast_round WHERE forecast_at < $1::timestamptz - interval '7 days'", [new Date(now).toISOString()]);
      if (alerts && sent.length > 0) await alerts.publisher.publish(alerts.topic, sent.map(toAlertMessage));
      await client.query('COMMIT');
      return { ...round, alerts: sent };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ROUND_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

