import type { Command } from 'commander';
import { Pool } from 'pg';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { formatLocalIso, parseIsoInstant } from '../../domain/calendar/local-time';
import { isDomainError } from '../../domain/domain-error';
import { createKafkajsPublisher } from '../../infra/kafka/kafkajs-publisher';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { topics } from '../../infra/topics';
import { computeForecast, DEFAULT_FORECAST_OPTIONS, forecastAndStore, type ForecastRound } from '../../simulation/forecast-round';
import { CliError } from '../program';

const number = (name: string, v: string, min: number, max: number, integer = false): number => {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max || (integer && !Number.isInteger(n))) throw new CliError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${v}`);
  return n;
};

/** `motcua forecast`: the breach forecast over the live workload in PostgreSQL, as JSON lines. */
export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('forecast which open dossiers will breach their appointment (Monte-Carlo runs of the simulation over the read models), JSON lines')
    .option('--runs <n>', 'simulation runs', String(DEFAULT_FORECAST_OPTIONS.runs))
    .option('--horizon-hours <h>', 'working hours ahead', String(DEFAULT_FORECAST_OPTIONS.horizonWorkingMinutes / 60))
    .option('--history-days <d>', 'working days of completed tasks to measure each unit on', String(DEFAULT_FORECAST_OPTIONS.historyWorkingMinutes / 480))
    .option('--threshold <p>', 'probability from which a dossier is alerted', String(DEFAULT_FORECAST_OPTIONS.threshold))
    .option('--at <instant>', 'forecast as of this ISO instant (default now)')
    .option('--all', 'print every open dossier, not only those with a chance of breaching')
    .option('--write', 'store the forecast in breach_forecast (what the forecaster process does every round)')
    .option('--publish', 'with --write: send sla.breach_predicted alerts to the SLA-alert topic')
    .action(async (o: { runs: string; horizonHours: string; historyDays: string; threshold: string; at?: string; all?: boolean; write?: boolean; publish?: boolean }) => {
      const options = {
        runs: number('--runs', o.runs, 1, 1000, true),
        horizonWorkingMinutes: number('--horizon-hours', o.horizonHours, 0.1, 400) * 60,
        historyWorkingMinutes: number('--history-days', o.historyDays, 0.1, 250) * 480,
        threshold: number('--threshold', o.threshold, 0, 1),
        seed: 1,
      };
      let now = Date.now();
      if (o.at) {
        try {
          now = parseIsoInstant(o.at);
        } catch (e) {
          throw new CliError((e as Error).message);
        }
      }
      if (o.publish && !o.write) throw new CliError('--publish needs --write (alerts follow the stored crossings)');
      const env = { ...stackEnv(stackContext()), ...process.env };
      if (!env.DATABASE_URL) throw new CliError('DATABASE_URL unset and no local stack is running (start one with `motcua stack up`)', 1);
      const pool = new Pool({ connectionString: env.DATABASE_URL, max: 3 });
      const publisher = o.publish ? await createKafkajsPublisher((env.KAFKA_BROKERS ?? '').split(',').filter(Boolean), 'motcua-forecast-cli') : undefined;
      try {
        let round: (ForecastRound & { alerts?: unknown[] }) | undefined;
        try {
          round = o.write
            ? await forecastAndStore(pool, loadShippedCatalog(), now, options, publisher ? { publisher, topic: topics(env).slaAlerts.name } : undefined)
            : await computeForecast(pool, loadShippedCatalog(), now, options);
        } catch (e) {
          if (isDomainError(e)) throw new CliError(e.message, 1);
          throw e;
        }
        if (!round) throw new CliError('another forecaster is writing a round; try again', 1);
        const shown = round.dossiers.filter((d) => o.all || d.probability > 0).sort((a, b) => b.probability - a.probability || a.appointmentAt - b.appointmentAt);
        for (const d of shown) {
          process.stdout.write(
            `${JSON.stringify({ dossierCode: d.dossierCode, unitId: d.unitId, procedureCode: d.procedureCode, appointmentAt: formatLocalIso(d.appointmentAt), probability: d.probability, status: d.status, medianEndAt: d.medianEndAt === null ? null : formatLocalIso(d.medianEndAt) })}\n`,
          );
        }
        process.stdout.write(
          `${JSON.stringify({ summary: true, at: formatLocalIso(now), horizonEnd: formatLocalIso(round.horizonEnd), openDossiers: round.dossiers.length, atRisk: round.dossiers.filter((d) => d.status === 'at_risk' && d.probability >= options.threshold).length, unreconstructed: round.unreconstructed.length, runs: round.runs, durationMs: round.durationMs, ...(round.alerts ? { alerts: round.alerts.length } : {}) })}\n`,
        );
      } finally {
        await publisher?.close();
        await pool.end();
      }
    });
}
