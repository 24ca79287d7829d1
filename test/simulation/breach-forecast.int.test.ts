import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Pool } from 'pg';
import type { DossierEvent } from '../../contracts/events';
import { SlaAlert } from '../../contracts/events/sla-alert.contract';
import { BreachForecastRow } from '../../contracts/forecast/breach-forecast.contract';
import { formatLocalDate, localDayNumber } from '../../domain/calendar/local-time';
import { liveDossierFromState, reconstructState } from '../../domain/simulation/live-state';
import { compileProfile, componentEngine } from '../../domain/simulation/world';
import { createKafkajsPublisher } from '../../infra/kafka/kafkajs-publisher';
import { OPERATIONAL_PROJECTIONS } from '../../projections';
import { applyBatch } from '../../projections/projection-consumer';
import { breachForecasts, latestForecastRound } from '../../projections/queries/breach-forecast.query';
import { readLiveDossiers } from '../../projections/queries/live-workload.query';
import { slaBoardPage } from '../../projections/queries/sla-board.query';
import { computeForecast, forecastAndStore, predictionAlertId, type ForecastRoundOptions } from '../../simulation/forecast-round';
import { parseProfile } from '../../simulation/load-profile';
import { dropDatabase, freshDatabase, freshTopics, requireStackEnv, uniqueName } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

const env = requireStackEnv();
const ROOT = path.join(__dirname, '..', '..');
const OPTIONS: ForecastRoundOptions = { runs: 10, horizonWorkingMinutes: 480, historyWorkingMinutes: 10 * 480, threshold: 0.5, seed: 1 };

// The test desk of small-profile.json, its culture-social office overloaded, simulated up to this
// very moment: the read models then hold today's live workload, as in production.
const NOW = Date.now();
function simulatedWorkload() {
  const json = JSON.parse(readFileSync(path.join(__dirname, 'small-profile.json'), 'utf8'));
  json.start = formatLocalDate(localDayNumber(NOW) - 75);
  json.units[1].hoursPerDay = 1.5;
  json.behaviour.form04Rate = 0;
  const { profile, catalog } = parseProfile(json);
  const c = compileProfile(profile, catalog);
  const events: DossierEvent[] = [];
  const engine = componentEngine(c, c.components[0]!, { seed: 11, sink: { events: (_d, e) => void events.push(...e), ended() {} } });
  engine.run(NOW);
  return { catalog, events, open: [...engine.liveDossiers()].map((d) => d.state) };
}

let pool: Pool;
let db: { url: string; name: string };
let topics: Awaited<ReturnType<typeof freshTopics>>;
const w = simulatedWorkload();

beforeAll(async () => {
  db = await freshDatabase(env.databaseUrl);
  pool = new Pool({ connectionString: db.url, max: 4 });
  topics = await freshTopics(env.brokers);
  for (let i = 0; i < w.events.length; i += 2000) await applyBatch(pool, OPERATIONAL_PROJECTIONS, w.events.slice(i, i + 2000));
}, 120_000);
afterAll(async () => {
  await pool?.end();
  if (db) await dropDatabase(env.databaseUrl, db.name);
});

async function readAlerts(expected: number): Promise<SlaAlert[]> {
  const consumer: Consumer = new Kafka({ clientId: 'forecast-tap', brokers: env.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('forecast-tap') });
  const got: Array<{ alert: SlaAlert; type: string }> = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: topics.defs.slaAlerts.name, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void got.push({ alert: SlaAlert.parse(JSON.parse(message.value!.toString())), type: message.headers!['event-type']!.toString() }) });
    await waitUntil(async () => (got.length >= expected ? true : undefined), `${expected} alerts`, 30_000);
  } finally {
    await consumer.disconnect();
  }
  for (const g of got) expect(g.type).toBe('sla-alert.breach_predicted');
  return got.map((g) => g.alert);
}

describe('breach forecast over the read models of a simulated workload', () => {
  it('the read models give back the live state the decider holds, and it rebuilds', async () => {
    const fromDb = await readLiveDossiers(pool);
    const expected = w.open.map(liveDossierFromState).filter((x) => x !== undefined);
    expect(expected.length).toBeGreaterThan(10);
    const view = (l: NonNullable<(typeof expected)[number]>) => ({ ...l, tasks: l.tasks.map(({ finishedSeq: _s, ...t }) => t).sort((a, b) => (a.taskId < b.taskId ? -1 : 1)) });
    expect(fromDb.map(view)).toEqual(expected.sort((a, b) => (a.dossierCode < b.dossierCode ? -1 : 1)).map(view));
    for (const l of fromDb) expect(reconstructState(l, w.catalog).ok).toBe(true);
  });

  it('a round stores one row per open dossier, alerts those that crossed the threshold once, and answers the board’s query', async () => {
    const publisher = await createKafkajsPublisher(env.brokers, 'forecast-test');
    try {
      const round = await forecastAndStore(pool, w.catalog, NOW, OPTIONS, { publisher, topic: topics.defs.slaAlerts.name });
      expect(round).toBeDefined();
      expect(round!.unreconstructed).toEqual([]);
      const rows = await breachForecasts(pool);
      expect(rows).toHaveLength(round!.dossiers.length);
      for (const r of rows) expect(BreachForecastRow.safeParse(r).success).toBe(true);
      expect(rows.map((r) => r.probability)).toEqual([...rows.map((r) => r.probability)].sort((a, b) => b - a));
      const crossing = round!.dossiers.filter((d) => d.status === 'at_risk' && d.probability >= OPTIONS.threshold);
      expect(crossing.length).toBeGreaterThan(0);
      expect(round!.alerts.map((a) => a.dossierCode).sort()).toEqual(crossing.map((d) => d.dossierCode).sort());
      const alerts = await readAlerts(crossing.length);
      expect(alerts.map((a) => a.id).sort()).toEqual(crossing.map((d) => predictionAlertId(d.dossierCode, d.appointmentAt, 1)).sort());
      expect(alerts.every((a) => a.kind === 'breach_predicted' && a.probability! >= 0.5)).toBe(true);
      expect(rows.filter((r) => r.alertedAt !== null).map((r) => r.dossierCode).sort()).toEqual(crossing.map((d) => d.dossierCode).sort());

      // the next round: the same crossings are not alerted again
      const again = await forecastAndStore(pool, w.catalog, NOW + 1000, OPTIONS, { publisher, topic: topics.defs.slaAlerts.name });
      expect(again!.alerts).toEqual([]);
      expect((await latestForecastRound(pool))!.dossiers).toBe(rows.length);
      // the second round's rows: in working hours its horizon and median ends lie a second later than the first's
      const rowsAgain = await breachForecasts(pool);
      expect(rowsAgain.map((r) => r.dossierCode).sort()).toEqual(rows.map((r) => r.dossierCode).sort());
      expect(await breachForecasts(pool, { unitId: rows[0]!.unitId, minProbability: 0.5 })).toEqual(rowsAgain.filter((r) => r.unitId === rows[0]!.unitId && r.probability >= 0.5));

      // the SLA board shows each row's dossier with the probability of its latest forecast
      const units = [...new Set((await pool.query<{ unit_id: string }>('SELECT DISTINCT unit_id FROM sla_board')).rows.map((r) => r.unit_id))];
      const board = await slaBoardPage(pool, { unitIds: units, limit: 10_000 }, NOW);
      expect(board.items.length).toBeGreaterThan(0);
      const latest = new Map((await breachForecasts(pool)).map((r) => [r.dossierCode, r.probability]));
      for (const item of board.items) expect([item.dossierCode, item.breachProbability]).toEqual([item.dossierCode, latest.get(item.dossierCode) ?? null]);
      expect(board.items.some((i) => typeof i.breachProbability === 'number' && i.breachProbability > 0)).toBe(true);
    } finally {
      await publisher.close();
    }
  }, 120_000);

  it('one forecaster writes at a time: a round finds the lock held and leaves the table alone', async () => {
    const holder = await pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(727030)');
      expect(await forecastAndStore(pool, w.catalog, NOW + 2000, OPTIONS)).toBeUndefined();
    } finally {
      await holder.query('SELECT pg_advisory_unlock(727030)');
      holder.release();
    }
    const plain = await computeForecast(pool, w.catalog, NOW, OPTIONS);
    expect(plain.dossiers.length).toBeGreaterThan(0);
  });

  it('the breach-forecaster process runs rounds on its own and stops on SIGTERM', async () => {
    await pool.query('TRUNCATE breach_forecast, breach_forecast_round');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'workers', 'breach-forecaster.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: env.brokers.join(','), MOTCUA_TOPIC_PREFIX: topics.prefix, MOTCUA_FORECAST_INTERVAL_SECONDS: '1', MOTCUA_FORECAST_RUNS: '5' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += String(b)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntil(async () => ((await pool.query('SELECT count(*)::int AS n FROM breach_forecast_round')).rows[0].n >= 2 ? true : undefined), `two rounds (stderr: ${stderr})`, 90_000);
      expect((await breachForecasts(pool)).length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/open dossiers in \d+ ms/);
  }, 120_000);
});
