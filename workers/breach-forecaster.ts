import { Pool } from 'pg';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { createKafkajsPublisher } from '../infra/kafka/kafkajs-publisher';
import { topics } from '../infra/topics';
import { forecastAndStore } from '../simulation/forecast-round';
import { ForecasterConfig, readConfig } from './config';
import { runMain } from './run-main';

/**
 * Breach forecaster: every interval, forecasts the open dossiers from the read models into
 * `breach_forecast` and sends an sla.breach_predicted alert for each that crossed the threshold.
 * No consumer group: a timer loop; several instances take turns through a PostgreSQL lock.
 */
runMain('breach-forecaster', async (onStop) => {
  const config = readConfig(ForecasterConfig);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 3 });
  const publisher = await createKafkajsPublisher(config.KAFKA_BROKERS.split(','), 'motcua-breach-forecaster');
  const catalog = loadShippedCatalog();
  const options = {
    runs: config.MOTCUA_FORECAST_RUNS,
    horizonWorkingMinutes: config.MOTCUA_FORECAST_HORIZON_WORKING_HOURS * 60,
    historyWorkingMinutes: config.MOTCUA_FORECAST_HISTORY_WORKING_DAYS * 480,
    threshold: config.MOTCUA_FORECAST_ALERT_THRESHOLD,
    seed: 1,
  };
  const alerts = { publisher, topic: topics(process.env).slaAlerts.name };
  let stopped = false;
  let wake: () => void = () => undefined;
  onStop(() => {
    stopped = true;
    wake();
  });
  process.stderr.write(`breach-forecaster: a round every ${config.MOTCUA_FORECAST_INTERVAL_SECONDS} s, ${options.runs} runs, alerts at ${options.threshold}\n`);
  try {
    while (!stopped) {
      try {
        const round = await forecastAndStore(pool, catalog, Date.now(), options, alerts);
        if (round) process.stderr.write(`breach-forecaster: ${round.dossiers.length} open dossiers in ${round.durationMs} ms, ${round.alerts.length} alert(s)${round.unreconstructed.length ? `, ${round.unreconstructed.length} not rebuilt` : ''}\n`);
      } catch (err) {
        // a failed round (database or broker away) is retried at the next interval
        process.stderr.write(`breach-forecaster: round failed: ${(err as Error).message}\n`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, config.MOTCUA_FORECAST_INTERVAL_SECONDS * 1000);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  } finally {
    await publisher.close();
    await pool.end();
  }
});
