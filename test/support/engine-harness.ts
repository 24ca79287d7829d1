import { NativeConnection, Worker } from '@temporalio/worker';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Pool } from 'pg';
import { createActivities } from '../../activities';
import { createApi, type ApiRuntime } from '../../api/create-api';
import { generateKeySpec } from '../../infra/crypto/keyring';
import { engineKeyring } from '../../infra/crypto/engine-keyring';
import { createKafkajsPublisher } from '../../infra/kafka/kafkajs-publisher';
import { engineDataConverter } from '../../infra/temporal/data-converter';
import { PROJECTION_GROUPS } from '../../projections/groups';
import { createProjectionConsumer, type ProjectionConsumer } from '../../projections/projection-consumer';
import { ApiConfig } from '../../workers/config';
import { WORKFLOW_PRELOAD_MODULES } from '../../workers/workflow-source';
import type { EventPublisher } from '../../activities/ports/event-publisher';
import type { Role } from '../../contracts/api/principal.contract';
import { dropDatabase, freshDatabase, freshNamespace, freshTopics, requireStackEnv, uniqueName } from './stack-env';

type SignKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenSpec {
  roles: Role[];
  units: string[];
  sub?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the API does not trust. */
  wrongKey?: boolean;
  /** Claims to send instead of roles and units (a token from a provider not set up for motcua). */
  claims?: Record<string, unknown>;
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/**
 * The whole engine in this test process against the real stack: a fresh database, topics and
 * Temporal namespace; a worker with the payload codec; one consumer per projection group; the API
 * built by the same createApi the process runs, trusting a test signing key.
 */
export class EngineHarness {
  base = '';
  api!: ApiRuntime;
  pool!: Pool;
  namespace = '';
  readonly taskQueue = uniqueName('api');
  encryptionKeys = `${generateKeySpec('test-1')}`;
  private db!: { url: string; name: string };
  private worker!: Worker;
  private workerRun!: Promise<void>;
  private workerConn!: NativeConnection;
  private publisher!: EventPublisher;
  private consumers: ProjectionConsumer[] = [];
  private signKey!: SignKey;
  private otherKey!: SignKey;
  readonly env = requireStackEnv();

  static async start(overrides: Record<string, string> = {}, opts: { now?: () => number } = {}): Promise<EngineHarness> {
    const h = new EngineHarness();
    await h.boot(overrides, opts);
    return h;
  }

  private async boot(overrides: Record<string, string>, opts: { now?: () => number }) {
    this.db = await freshDatabase(this.env.databaseUrl);
    this.pool = new Pool({ connectionString: this.db.url, max: 4 });
    const topics = await freshTopics(this.env.brokers);
    this.namespace = await freshNamespace(this.env.temporalAddress);
    const keyring = engineKeyring(this.encryptionKeys);

    this.publisher = await createKafkajsPublisher(this.env.brokers, 'api-test');
    this.workerConn = await NativeConnection.connect({ address: this.env.temporalAddress });
    this.worker = await Worker.create({
      connection: this.workerConn,
      namespace: this.namespace,
      taskQueue: this.taskQueue,
      dataConverter: engineDataConverter(overrides.MOTCUA_PAYLOAD_ENCRYPTION === 'off' ? undefined : keyring),
      workflowsPath: require.resolve('../../workflows'),
      bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES },
      activities: createActivities({ publisher: this.publisher, dossierEventsTopic: topics.defs.dossierEvents.name, slaAlertsTopic: topics.defs.slaAlerts.name }),
    });
    this.workerRun = this.worker.run();

    for (const group of PROJECTION_GROUPS) {
      const c = createProjectionConsumer({
        brokers: this.env.brokers,
        groupId: uniqueName(`api-${group.name}`),
        topic: topics.defs.dossierEvents.name,
        deadLetterTopic: topics.defs.deadLetter.name,
        pool: this.pool,
        projections: group.projections,
        fromBeginning: true,
      });
      await c.start();
      this.consumers.push(c);
    }

    const pair = await generateKeyPair('ES256');
    this.signKey = pair.privateKey;
    this.otherKey = (await generateKeyPair('ES256')).privateKey;
    const config = ApiConfig.parse({
      TEMPORAL_ADDRESS: this.env.temporalAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      MOTCUA_TASK_QUEUE: this.taskQueue,
      KAFKA_BROKERS: this.env.brokers.join(','),
      MOTCUA_TOPIC_PREFIX: topics.prefix,
      DATABASE_URL: this.db.url,
      MOTCUA_JWT_PUBLIC_KEY: JSON.stringify({ ...(await exportJWK(pair.publicKey)), alg: 'ES256' }),
      MOTCUA_JWT_ISSUER: 'motcua-test',
      MOTCUA_API_LOG_LEVEL: 'silent',
      MOTCUA_ENCRYPTION_KEYS: this.encryptionKeys,
      MOTCUA_APPLICANT_KEY_SECRET: 'api-test-secret-0123456789abcdef',
      ...overrides,
    });
    this.api = await createApi(config, { warn: () => undefined, ...(opts.now ? { now: opts.now } : {}) });
    this.base = await this.api.app.listen({ host: '127.0.0.1', port: 0 });
  }

  async token(spec: TokenSpec): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(spec.claims ?? { roles: spec.roles, units: spec.units })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(spec.sub ?? `${spec.roles[0]}-${spec.units[0]}`)
      .setIssuer('motcua-test')
      .setAudience('motcua')
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (spec.expiresIn ?? 600))
      .sign(spec.wrongKey ? this.otherKey : this.signKey);
  }

  async http<T = Record<string, unknown>>(method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (CSV, a stream)
    }
    return { status: res.status, body: body as T, headers: res.headers, text };
  }

  async close(): Promise<void> {
    await this.api?.close();
    await Promise.all(this.consumers.map((c) => c.stop()));
    this.worker?.shutdown();
    await this.workerRun;
    await this.workerConn?.close();
    await this.publisher?.close();
    await this.pool?.end();
    if (this.db) await dropDatabase(this.env.databaseUrl, this.db.name);
  }
}
