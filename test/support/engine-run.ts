import path from 'node:path';
import { Pool } from 'pg';
import { createDossierDriver, type DossierDriver } from '../../cli/demo/dossier-driver';
import { ensureTopicSet } from '../../infra/stack/kafka.service';
import { planFleet, startFleet, stopFleet, waitFleetReady, type Fleet, type FleetShape } from '../../infra/stack/engine-fleet';
import { stackPaths, type StackProfile } from '../../infra/stack/stack-config';
import { PROJECTION_GROUPS } from '../../projections/groups';
import { dropDatabase, freshDatabase, freshNamespace, uniqueName } from './stack-env';
import { waitUntil } from './wait-until';

/**
 * The engine's processes, as a deployment runs them, against one stack but on data of their own:
 * a scratch database, topics under a fresh prefix, a fresh namespace, task queue and consumer
 * groups. Used by the cluster tier and the cluster benchmark to run one scenario on two stacks.
 */
export interface EngineRun {
  name: string;
  env: Record<string, string>;
  fleet: Fleet;
  driver: DossierDriver;
  pool: Pool;
  database: { url: string; name: string };
  namespace: string;
}

export async function startEngineRun(opts: { name: string; profile: StackProfile; stackEnv: Record<string, string>; shape: FleetShape; dataDir: string; apiPort: number }): Promise<EngineRun> {
  const s = opts.stackEnv;
  const database = await freshDatabase(s.DATABASE_URL!);
  const prefix = `${uniqueName(opts.name)}.`;
  await ensureTopicSet(s.KAFKA_BROKERS!.split(','), prefix, s);
  const namespace = await freshNamespace(s.TEMPORAL_ADDRESS!);
  const env: Record<string, string> = {
    ...s,
    DATABASE_URL: database.url,
    MOTCUA_TOPIC_PREFIX: prefix,
    MOTCUA_CONSUMER_GROUP_PREFIX: prefix,
    TEMPORAL_NAMESPACE: namespace,
    MOTCUA_TASK_QUEUE: `${prefix}dossiers`,
    // the APIs trust the development signing key of this profile's data folder, which the driver signs with
    MOTCUA_STACK_PROFILE: opts.profile,
    MOTCUA_API_LOG_LEVEL: 'error',
  };
  const fleet = await planFleet(path.join(opts.dataDir, 'runs', prefix.replace(/\.$/, '')), opts.shape, env, { apiPort: opts.apiPort, takenPorts: new Set() });
  startFleet(fleet);
  try {
    await waitFleetReady(fleet, env);
  } catch (err) {
    await stopFleet(fleet);
    throw err;
  }
  const driver = await createDossierDriver({
    apiUrls: fleet.apiUrls,
    temporalAddress: env.TEMPORAL_ADDRESS!,
    namespace,
    ...(env.MOTCUA_ENCRYPTION_KEYS ? { encryptionKeys: env.MOTCUA_ENCRYPTION_KEYS } : {}),
    devKeyDataDir: stackPaths(env).dataDir,
  });
  const pool = new Pool({ connectionString: database.url, max: 4 });
  // an idle client's error (the scratch database dropped WITH (FORCE) while a client still closes) must not end the process
  pool.on('error', () => undefined);
  return { name: opts.name, env, fleet, driver, pool, database, namespace };
}

/** Every projection's checkpoint of every dossier at the dossier's last sequence: the read models hold every event. */
export async function readModelsCaughtUp(run: EngineRun, codes: string[], lastSequences: number[], timeoutMs = 180_000): Promise<void> {
  const names = PROJECTION_GROUPS.flatMap((g) => g.projections.map((p) => p.name));
  const want = new Map(codes.map((c, i) => [c, lastSequences[i]!]));
  await waitUntil(
    async () => {
      const { rows } = await run.pool.query<{ projection: string; dossier_code: string; last_sequence: string }>('SELECT projection, dossier_code, last_sequence FROM projection_checkpoint');
      const have = new Map(rows.map((r) => [`${r.projection}|${r.dossier_code}`, Number(r.last_sequence)]));
      const behind = names.flatMap((n) => codes.filter((c) => have.get(`${n}|${c}`) !== want.get(c)).map((c) => `${n}:${c}`));
      if (behind.length === 0) return true;
      throw new Error(`${behind.length} projection checkpoints behind, e.g. ${behind.slice(0, 3).join(', ')}`);
    },
    `${run.name}: read models of ${codes.length} dossiers`,
    timeoutMs,
  );
}

export async function stopEngineRun(run: EngineRun): Promise<void> {
  await run.driver.close().catch(() => undefined);
  await stopFleet(run.fleet);
  await run.pool.end();
  await dropDatabase(run.database.url, run.database.name);
}
