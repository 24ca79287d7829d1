import { Client } from 'pg';
import { ensureDatabase, migrate, withDatabase } from './migrate';

/** A fresh, migrated database beside the engine's (tests and benchmarks never touch the engine's rows). */
export async function createScratchDatabase(databaseUrl: string, name: string): Promise<string> {
  await ensureDatabase(withDatabase(databaseUrl, 'postgres'), name);
  const url = withDatabase(databaseUrl, name);
  await migrate(url);
  return url;
}

export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  const c = new Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
