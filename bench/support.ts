import crypto from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Pool } from 'pg';
import type { DossierEvent } from '../contracts/events';
import { seeded, simulateDossier } from '../domain/simulation/synthetic-dossiers';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { planReception } from '../domain/reception/plan-reception';
import { startInputFor } from '../domain/reception/start-input';
import { createScratchDatabase, dropDatabase } from '../infra/db/scratch-database';
import { ensureTopicSet } from '../infra/stack/kafka.service';
import { stackContext, stackEnv } from '../infra/stack/stack';

/** The running local stack (benchmarks do not start one: `npx motcua stack up` first). */
export function benchEnv() {
  const env = { ...stackEnv(stackContext()), ...process.env };
  if (!env.KAFKA_BROKERS || !env.DATABASE_URL) {
    process.stderr.write('benchmarks need the stack: run `npx motcua stack up` first\n');
    process.exit(2);
  }
  return { brokers: env.KAFKA_BROKERS.split(','), databaseUrl: env.DATABASE_URL };
}

export const runId = () => crypto.randomBytes(3).toString('hex');

export const freshTopicSet = (brokers: string[]) => ensureTopicSet(brokers, `bench.${runId()}.`);

export async function freshDb(databaseUrl: string): Promise<{ pool: Pool; name: string; drop: () => Promise<void> }> {
  const name = `motcua_bench_${runId()}`;
  const pool = new Pool({ connectionString: await createScratchDatabase(databaseUrl, name), max: 8 });
  return {
    pool,
    name,
    drop: async () => {
      await pool.end();
      await dropDatabase(databaseUrl, name);
    },
  };
}

const PROCEDURES = ['DEMO.01', 'DEMO.02', 'DEMO.03', '2.002621', '1.004222', '1.013831', '1.001193', '1.001612'];

/** Decision batches of simulated dossiers (the decider's own output), as workflows would publish them. */
export function simulatedDecisions(dossiers: number, seed = 11): DossierEvent[][][] {
  const rnd = seeded(seed);
  const catalog = loadShippedCatalog();
  const out: DossierEvent[][][] = [];
  for (let i = 0; i < dossiers; i++) {
    const code = PROCEDURES[i % PROCEDURES.length]!;
    const receivedAtMs = Date.parse('2026-03-02T08:00:00+07:00') + i * 60_000;
    const plan = planReception(catalog, { procedureCode: code, receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', receivedAtMs });
    const input = startInputFor(plan, {
      dossierCode: `BENCH-260302-${String(i + 1).padStart(6, '0')}`,
      channel: 'direct',
      applicantKey: 'ak_benchmarkapplicant01',
      receivedAtMs,
      reception: { outcome: 'accept' },
      components: undefined,
      defaultCalendarVersion: 'vn-2026.1',
    });
    const events = simulateDossier(input, rnd);
    // one decision = the events sharing an instant, published by one activity call
    const decisions: DossierEvent[][] = [];
    for (const e of events) {
      const last = decisions.at(-1);
      if (last && last[0]!.occurredAt === e.occurredAt) last.push(e);
      else decisions.push([e]);
    }
    out.push(decisions);
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** What a benchmark script prints: figures as JSON lines on stdout, progress on stderr, and its flags read as positive numbers (a bad one exits 2). */
function parsed<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean>(name: string, options: O, allowPositionals: P) {
  try {
    return parseArgs({ options, strict: true, allowPositionals });
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}

export function benchOutput(name: string) {
  return {
    /** The command line's flags, or one line and exit 2 for an unknown flag or a missing value (`--open -1`). */
    flags<O extends NonNullable<ParseArgsConfig['options']>>(options: O) {
      return parsed(name, options, false).values;
    },
    /** The same, for a bench that also takes positional arguments. */
    commandLine<O extends NonNullable<ParseArgsConfig['options']>>(options: O) {
      return parsed(name, options, true);
    },
    num(flag: string, v: string | undefined): number {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) {
        process.stderr.write(`${name}: --${flag} must be a positive number, got ${v}\n`);
        process.exit(2);
      }
      return n;
    },
    emit: (figure: string, data: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ figure, ...data })}\n`),
    say: (line: string) => process.stderr.write(`${name}: ${line}\n`),
  };
}
