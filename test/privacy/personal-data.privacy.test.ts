import fs from 'node:fs';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { withDatabase } from '../../infra/db/migrate';
import { dropDatabase } from '../../infra/db/scratch-database';
import { kafkaClient } from '../../infra/stack/kafka.service';
import { stackContext } from '../../infra/stack/stack';
import { readState } from '../../infra/stack/state-file';
import { APPLICANTS } from '../support/applicants';
import { requireStackEnv, uniqueName } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(300_000);

/**
 * Runs after the rest of the suite (`npm test` keeps the suite's databases for it): searches
 * everything the suite wrote — Temporal's database file, Kafka's log segments, every table of every
 * PostgreSQL database, the stack's log files — for the test applicants' ID numbers, names, phones,
 * addresses and e-mails in clear. A canary written to each store first proves the search finds what is there.
 */
const env = requireStackEnv();
const ctx = stackContext(process.env, () => undefined);
const canary = `canary-${uniqueName('pii')}`;

const needles: Array<{ what: string; bytes: Buffer }> = APPLICANTS.flatMap((a) =>
  Object.entries(a).flatMap(([field, value]) => {
    const forms = new Set([value.normalize('NFC'), value.normalize('NFD')]);
    return [...forms].map((v) => ({ what: `${a.fullName}: ${field}`, bytes: Buffer.from(v, 'utf8') }));
  }),
);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function findIn(buf: Buffer, list: Array<{ what: string; bytes: Buffer }>): string[] {
  return list.filter((n) => buf.includes(n.bytes)).map((n) => n.what);
}

function scanFiles(files: string[], list = needles): string[] {
  const found: string[] = [];
  for (const f of files) {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(f);
    } catch {
      continue; // a segment deleted by retention meanwhile
    }
    for (const w of findIn(buf, list)) found.push(`${path.relative(ctx.dataDir, f)}: ${w}`);
  }
  return found;
}

async function databases(): Promise<string[]> {
  const c = new Client({ connectionString: withDatabase(env.databaseUrl, 'postgres') });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname");
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

async function scanDatabase(name: string, list = needles): Promise<string[]> {
  const c = new Client({ connectionString: withDatabase(env.databaseUrl, name) });
  await c.connect();
  const found: string[] = [];
  try {
    const { rows: tables } = await c.query<{ s: string; t: string }>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    for (const { s, t } of tables) {
      const q = `${c.escapeIdentifier(s)}.${c.escapeIdentifier(t)}`;
      const { rows } = await c.query<{ text: string }>(`SELECT string_agg(x::text, E'\\n') AS text FROM ${q} x`);
      const buf = Buffer.from(rows[0]?.text ?? '', 'utf8');
      for (const w of findIn(buf, list)) found.push(`${name}.${s}.${t}: ${w}`);
    }
  } finally {
    await c.end();
  }
  return found;
}

describe('no personal data in clear anywhere the suite wrote', () => {
  const temporal = readState(ctx, 'temporal');
  const kafka = readState(ctx, 'kafka');
  const canaryNeedle = [{ what: 'canary', bytes: Buffer.from(canary) }];

  afterAll(async () => {
    // the suite's databases were kept for this scan
    for (const name of await databases()) if (name.startsWith('motcua_test_')) await dropDatabase(env.databaseUrl, name);
  });

  it('the search finds a canary written to each store (so an empty result means something)', async () => {
    const conn = await Connection.connect({ address: env.temporalAddress });
    try {
      // a workflow nobody runs, started without the codec: its input lands in the history in clear
      await new TemporalClient({ connection: conn, namespace: env.namespace }).workflow.start('privacyCanary', { taskQueue: uniqueName('nobody'), workflowId: uniqueName('canary'), args: [canary] });
    } finally {
      await conn.close();
    }
    const producer = kafkaClient(env.brokers, 'privacy-canary').producer();
    await producer.connect();
    const admin = kafkaClient(env.brokers, 'privacy-canary').admin();
    await admin.connect();
    const topic = uniqueName('privacy-canary');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
    await producer.send({ topic, messages: [{ value: canary }] });
    await producer.disconnect();
    await admin.disconnect();
    const db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query('CREATE TABLE IF NOT EXISTS privacy_canary (v text)');
    await db.query('INSERT INTO privacy_canary VALUES ($1)', [canary]);
    await db.end();
    const logs = path.join(ctx.logDir, 'privacy-canary.log');
    fs.writeFileSync(logs, `${canary}\n`);

    if (temporal?.source === 'local') {
      const dbFile = temporal.info.database!;
      await waitUntil(async () => (scanFiles([dbFile, `${dbFile}-wal`], canaryNeedle).length > 0 ? true : undefined), 'the canary in the Temporal database file');
    }
    if (kafka?.source === 'local') {
      const segments = () => filesUnder(kafka.info.dataDir!).filter((f) => f.includes(`${path.sep}${topic}-0${path.sep}`));
      await waitUntil(async () => (scanFiles(segments(), canaryNeedle).length > 0 ? true : undefined), 'the canary in a Kafka segment');
    }
    expect((await scanDatabase(new URL(env.databaseUrl).pathname.slice(1), canaryNeedle)).length).toBe(1);
    expect(scanFiles([logs], canaryNeedle)).toHaveLength(1);
    fs.rmSync(logs);
    const cleanup = new Client({ connectionString: env.databaseUrl });
    await cleanup.connect();
    await cleanup.query('DROP TABLE privacy_canary');
    await cleanup.end();
  });

  it('Temporal’s database holds no applicant’s data in clear (workflow payloads are encrypted)', () => {
    if (temporal?.source !== 'local') return console.warn('Temporal is configured elsewhere: its database is not scanned here');
    const dbFile = temporal.info.database!;
    expect(scanFiles([dbFile, `${dbFile}-wal`, `${dbFile}-shm`])).toEqual([]);
  });

  it('no Kafka topic holds an applicant’s data (events carry the pseudonymous key)', () => {
    if (kafka?.source !== 'local') return console.warn('Kafka is configured elsewhere: its segments are not scanned here');
    const files = filesUnder(kafka.info.dataDir!);
    expect(files.length).toBeGreaterThan(0);
    expect(scanFiles(files)).toEqual([]);
  });

  it('no PostgreSQL table of any database holds an applicant’s data in clear (the applicant columns are encrypted)', async () => {
    const names = await databases();
    // after the whole suite (npm test) its databases are here to scan
    if (process.env.MOTCUA_KEEP_TEST_DATABASES === '1') expect(names.filter((n) => n.startsWith('motcua_test_')).length).toBeGreaterThan(3);
    const found: string[] = [];
    for (const name of names) found.push(...(await scanDatabase(name)));
    expect(found).toEqual([]);
  });

  it('no log file of the stack holds an applicant’s data', () => {
    expect(scanFiles(filesUnder(ctx.logDir))).toEqual([]);
  });
});
