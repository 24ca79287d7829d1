import { Command } from 'commander';
import { Pool } from 'pg';
import { PeriodGranularity, StatisticsGrouping } from '../../contracts/api/statistics.contract';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { indicators } from '../../projections/queries/indicators.query';
import { reportRange, statistics } from '../../projections/queries/statistics.query';
import { CliError } from '../program';

/** DATABASE_URL, or the local stack's when the environment names none. */
function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? stackEnv(stackContext()).DATABASE_URL;
  if (!url) throw new CliError('DATABASE_URL unset and no local stack is running (start one with `motcua stack up`)', 1);
  return url;
}

function range(o: { from?: string; to?: string }): { from: string; to: string } {
  if (!o.from || !o.to) throw new CliError('--from and --to are required (local dates YYYY-MM-DD, both included)');
  try {
    reportRange(o.from, o.to);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  return { from: o.from, to: o.to };
}

async function withPool<T>(f: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: databaseUrl(), max: 1 });
  try {
    return await f(pool);
  } finally {
    await pool.end();
  }
}

/** `motcua report statistics|indicators`: JSON lines on stdout, read from the statistics read model. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('statistics and Decision 766 indicators from the read models (JSON lines)');
  report
    .command('statistics')
    .description('received / finished / in progress per period and group')
    .option('--from <date>', 'first local date (YYYY-MM-DD), inclusive')
    .option('--to <date>', 'last local date (YYYY-MM-DD), included')
    .option('--by <grouping>', 'unit | procedure | unit,procedure (default: total)')
    .option('--period <granularity>', 'day | month | year', 'month')
    .action(async (o: { from?: string; to?: string; by?: string; period: string }) => {
      const r = range(o);
      const by = StatisticsGrouping.safeParse(o.by ?? 'total');
      if (!by.success) throw new CliError(`--by must be unit, procedure or unit,procedure (got '${o.by}')`);
      const period = PeriodGranularity.safeParse(o.period);
      if (!period.success) throw new CliError(`--period must be day, month or year (got '${o.period}')`);
      const rows = await withPool((pool) => statistics(pool, { ...r, by: by.data, period: period.data }));
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    });
  report
    .command('indicators')
    .description('Decision 766 indicators (2.1, 2.2, 3.3, 3.6, 4.1–4.3, 5.4) with points')
    .option('--from <date>', 'first local date (YYYY-MM-DD), inclusive')
    .option('--to <date>', 'last local date (YYYY-MM-DD), included')
    .option('--unit <id>', 'only dossiers received by this unit')
    .option('--sync-rate <rate>', "share (0–1) of dossiers synced to the National Public Service Portal, 3.3's factor (not recorded by the engine)", '1')
    .action(async (o: { from?: string; to?: string; unit?: string; syncRate: string }) => {
      const r = range(o);
      const syncRate = Number(o.syncRate);
      if (!(o.syncRate.trim() !== '' && syncRate >= 0 && syncRate <= 1)) throw new CliError(`--sync-rate must be a number from 0 to 1 (got '${o.syncRate}')`);
      const result = await withPool((pool) => indicators(pool, { ...r, syncRate, ...(o.unit ? { unitId: o.unit } : {}) }));
      const head = { from: result.from, to: result.to, unitId: result.unitId };
      for (const row of result.indicators) process.stdout.write(`${JSON.stringify({ ...head, ...row })}\n`);
      for (const g of result.groups) process.stdout.write(`${JSON.stringify({ ...head, ...g, group: g.group, kind: 'group' })}\n`);
      process.stdout.write(`${JSON.stringify({ ...head, total: true, syncRate: result.syncRate, points: result.points, maxPoints: result.maxPoints, ofPoints: 100 })}\n`);
    });
}
