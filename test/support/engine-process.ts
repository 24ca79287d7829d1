import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { ensureDatabase, withDatabase } from '../../infra/db/migrate';
import { AN } from './applicants';
import { freshDatabase, freshNamespace, freshTopics, requireStackEnv, uniqueName } from './stack-env';
import { waitUntil } from './wait-until';
import { freeLoopbackPort } from '../../infra/observability/metrics';

/** A process of the engine started as a user would, with its output collected for assertions. */
export interface Spawned {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, what: string, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCollected(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Spawned {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return {
    child,
    output: () => out,
    waitFor: (pattern, what, timeoutMs = 90_000) =>
      waitUntil(async () => {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}:\n${out}`);
        return pattern.test(out) ? true : undefined;
      }, what, timeoutMs).then(
        () => undefined,
        (err: Error) => {
          throw new Error(`${err.message}\n--- output so far ---\n${out.slice(-4000)}`);
        },
      ),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
}

/** A database with no tables yet (what a first deployment finds). */
async function emptyDatabase(databaseUrl: string): Promise<{ url: string; name: string }> {
  const name = uniqueName('motcua_test');
  await ensureDatabase(withDatabase(databaseUrl, 'postgres'), name);
  return { url: withDatabase(databaseUrl, name), name };
}

/**
 * The environment of an engine of its own against the stack `npm test` brought up: a fresh
 * database, topics, namespace, task queue and consumer groups, a data folder of its own (so its
 * `stack up` never rewrites the developer's stack files) and free ports.
 */
export async function isolatedEngineEnv(opts: { migrated?: boolean } = {}): Promise<{ env: NodeJS.ProcessEnv; apiUrl: string; namespace: string; dbName: string; dataDir: string }> {
  const stack = requireStackEnv();
  const db = opts.migrated === false ? await emptyDatabase(stack.databaseUrl) : await freshDatabase(stack.databaseUrl);
  const { prefix } = await freshTopics(stack.brokers);
  const namespace = await freshNamespace(stack.temporalAddress);
  const apiPort = await freeLoopbackPort();
  const metricsPort = await freeLoopbackPort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-engine-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    KAFKA_BROKERS: stack.brokers.join(','),
    DATABASE_URL: db.url,
    MOTCUA_TOPIC_PREFIX: prefix,
    MOTCUA_CONSUMER_GROUP_PREFIX: `${uniqueName('g')}.`,
    MOTCUA_TASK_QUEUE: uniqueName('q'),
    MOTCUA_API_HOST: '127.0.0.1',
    MOTCUA_API_PORT: String(apiPort),
    MOTCUA_METRICS_PORT: String(metricsPort),
    MOTCUA_DATA_DIR: dataDir,
  };
  return { env, apiUrl: `http://127.0.0.1:${apiPort}`, namespace, dbName: db.name, dataDir };
}

/**
 * Submits a dossier through the API and plays its officers over HTTP (every open task approved),
 * with development tokens from the engine's data folder, until the API shows it finished (status 9).
 */
export async function submitAndFinish(apiUrl: string, dataDir: string): Promise<string> {
  const token = await issueDevToken(dataDir, {
    roles: ['reception', 'officer'],
    units: ['pt.p-phuc-yen.ttphcc', 'pt.p-phuc-yen.vh-xh', 'pt.p-phuc-yen'],
    subject: 'officer-1',
    ttlSeconds: 3600,
    audience: 'motcua',
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const res = await fetch(`${apiUrl}/dossiers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ procedureCode: '1.001193', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', applicant: AN }),
  });
  if (res.status !== 201) throw new Error(`POST /dossiers: ${res.status} ${await res.text()}`);
  const { dossierCode } = (await res.json()) as { dossierCode: string };
  await waitUntil(async () => {
    const view = (await (await fetch(`${apiUrl}/dossiers/${dossierCode}`, { headers })).json()) as { statusCode?: number; source?: string; openTasks?: Array<{ taskId: string; taskVersion: number }> };
    if (view.source === 'read-model' && (view.statusCode ?? 0) >= 9) return true;
    for (const t of view.openTasks ?? []) {
      await fetch(`${apiUrl}/dossiers/${dossierCode}/tasks/${encodeURIComponent(t.taskId)}/complete`, { method: 'POST', headers, body: JSON.stringify({ taskVersion: t.taskVersion }) });
    }
    return undefined;
  }, `the officers finishing ${dossierCode}`, 60_000);
  return dossierCode;
}
