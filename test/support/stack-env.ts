import crypto from 'node:crypto';
import Long from 'long';
import { createScratchDatabase, dropDatabase as dropScratchDatabase } from '../../infra/db/scratch-database';
import { ensureTopicSet } from '../../infra/stack/kafka.service';

/** The stack `npm test` brought up; a test run outside it fails with a message saying how to run it. */
export function requireStackEnv() {
  const missing = ['TEMPORAL_ADDRESS', 'KAFKA_BROKERS', 'DATABASE_URL'].filter((k) => !process.env[k]);
  if (missing.length > 0) throw new Error(`${missing.join(', ')} unset: run the tests with \`npm test\` (it brings the stack up)`);
  return {
    temporalAddress: process.env.TEMPORAL_ADDRESS as string,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    brokers: (process.env.KAFKA_BROKERS as string).split(','),
    databaseUrl: process.env.DATABASE_URL as string,
  };
}

export function testServerPath(): string {
  const p = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!p) throw new Error('TEMPORAL_TEST_SERVER_PATH unset: run the tests with `npm test` (it installs the time-skipping test server)');
  return p;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
}

/** A fresh, migrated database per test file, so tests never see the engine's or each other's rows. */
export async function freshDatabase(databaseUrl: string): Promise<{ url: string; name: string }> {
  const name = uniqueName('motcua_test');
  return { url: await createScratchDatabase(databaseUrl, name), name };
}

/**
 * Drops a test's database, unless the whole suite is running: the privacy scan that runs after it
 * searches every table the suite wrote for personal data in clear, then drops them itself.
 */
export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  if (process.env.MOTCUA_KEEP_TEST_DATABASES === '1') return;
  await dropScratchDatabase(databaseUrl, name);
}

/** Topics of their own per test file (same definitions, another prefix). */
export async function freshTopics(brokers: string[]) {
  const prefix = `test.${uniqueName('t')}.`;
  return { prefix, defs: await ensureTopicSet(brokers, prefix) };
}

/**
 * A namespace of its own per test file: workflow ids are dossier codes, and codes restart with each
 * fresh database, so tests must not meet workflows that earlier runs left on the dev server.
 */
export async function freshNamespace(temporalAddress: string): Promise<string> {
  const { Connection } = await import('@temporalio/client');
  const { registerSearchAttributes } = await import('../../infra/stack/temporal.service');
  const namespace = uniqueName('test');
  const conn = await Connection.connect({ address: temporalAddress });
  try {
    await conn.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(24 * 3600) } });
    const { waitUntil } = await import('./wait-until');
    await waitUntil(async () => ((await conn.workflowService.describeNamespace({ namespace })).namespaceInfo ? true : undefined), `namespace ${namespace}`);
  } finally {
    await conn.close();
  }
  await registerSearchAttributes(temporalAddress, namespace);
  return namespace;
}
