import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { DEFAULT_CALENDAR_VERSION } from '../domain/calendar/calendar-registry';
import { engineKeyring } from '../infra/crypto/engine-keyring';
import { createKafka } from '../infra/kafka/kafkajs-client';
import { checkPosture, type PostureFinding } from '../infra/security-posture';
import { stackPaths } from '../infra/stack/stack-config';
import { engineDataConverter } from '../infra/temporal/data-converter';
import { temporalTarget } from '../infra/temporal/temporal-connection';
import { DEV_APPLICANT_KEY_SECRET, type ApiConfig } from '../workers/config';
import { DEV_ISSUER, loadOrCreateDevSigningKey } from '../app/access/dev-signing-key';
import { createTokenVerifier } from '../app/access/token-verifier';
import { DEFAULT_LIMITS } from '../app/app-deps';
import { createReadiness } from '../app/readiness';
import { createApplicantStore } from '../app/stores/applicant-store';
import { createCatalogSource } from '../app/stores/catalog-source';
import type { ApiDeps } from './api-deps';
import { buildServer } from './server';
import { createSlaAlertHub } from './sla-alert-hub';
import { createInboxChangeHub } from './inbox-change-hub';
import { findChromium } from '../web/server/chromium-path';
import { createPdfRenderer } from '../web/server/pdf-renderer';

export interface ApiRuntime {
  app: FastifyInstance;
  deps: ApiDeps;
  close(): Promise<void>;
}

/** The API process's wiring from its configuration: connections, stores, keys, the server. */
export async function createApi(config: ApiConfig, opts: { now?: () => number; warn?: (line: string) => void; version?: string } = {}): Promise<ApiRuntime> {
  const warn = opts.warn ?? ((l: string) => process.stderr.write(`api: ${l}\n`));
  const keyring = engineKeyring(config.MOTCUA_ENCRYPTION_KEYS);
  const findings: PostureFinding[] = [];
  if (keyring.development) findings.push({ setting: 'MOTCUA_ENCRYPTION_KEYS', problem: 'unset: personal data and workflow payloads use the public development key' });
  if (config.MOTCUA_PAYLOAD_ENCRYPTION === 'off') findings.push({ setting: 'MOTCUA_PAYLOAD_ENCRYPTION', problem: 'off: workflow histories hold payloads in clear' });
  if (config.MOTCUA_APPLICANT_KEY_SECRET === DEV_APPLICANT_KEY_SECRET) findings.push({ setting: 'MOTCUA_APPLICANT_KEY_SECRET', problem: 'the development secret' });
  const devTokens = !config.MOTCUA_JWKS_URL && !config.MOTCUA_JWT_PUBLIC_KEY;
  if (devTokens) findings.push({ setting: 'MOTCUA_JWKS_URL / MOTCUA_JWT_PUBLIC_KEY', problem: 'unset: tokens are verified with the local development key (`motcua token` issues them)' });
  checkPosture(config.MOTCUA_ENV, findings, warn);

  const verifier = await createTokenVerifier({
    issuer: devTokens ? DEV_ISSUER : config.MOTCUA_JWT_ISSUER,
    audience: config.MOTCUA_JWT_AUDIENCE,
    ...(config.MOTCUA_JWKS_URL ? { jwksUrl: config.MOTCUA_JWKS_URL } : {}),
    ...(config.MOTCUA_JWT_PUBLIC_KEY ? { publicKey: config.MOTCUA_JWT_PUBLIC_KEY } : {}),
    ...(devTokens ? { devPublicJwk: (await loadOrCreateDevSigningKey(stackPaths().dataDir)).publicJwk } : {}),
  });

  // TLS, API key and gRPC metadata come from the SDK's environment configuration; address and namespace from the config
  const connection = await Connection.connect(temporalTarget({ ...process.env, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE }).connection);
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: engineDataConverter(config.MOTCUA_PAYLOAD_ENCRYPTION === 'on' ? keyring : undefined) });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 3000 });
  // an idle client that loses its server must not crash the process: the next query reconnects
  pool.on('error', (err) => warn(`postgres pool: ${err.message}`));
  const catalogSource = createCatalogSource(pool, loadShippedCatalog());
  await catalogSource.refresh().catch((err: Error) => warn(`catalogue: the stored one could not be read (${err.message}); using the shipped one`));
  const refresher = setInterval(() => void catalogSource.refresh().catch(() => undefined), 30_000);
  refresher.unref();

  const kafka = createKafka(config.KAFKA_BROKERS.split(','), 'motcua-api-readiness');
  const readiness = createReadiness([
    { name: 'temporal', check: async () => void (await connection.workflowService.getSystemInfo({})) },
    { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
    {
      name: 'kafka',
      check: async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      },
    },
  ]);
  const alerts = createSlaAlertHub(pool, warn);
  const inboxChanges = createInboxChangeHub(pool, warn);
  const pdf = createPdfRenderer(findChromium(config.MOTCUA_CHROMIUM_PATH));
  const deps: ApiDeps = {
    temporal,
    taskQueue: config.MOTCUA_TASK_QUEUE,
    pool,
    catalog: () => catalogSource.current(),
    catalogSource,
    applicants: createApplicantStore(pool, keyring, config.MOTCUA_APPLICANT_KEY_SECRET),
    applicantKeySecret: config.MOTCUA_APPLICANT_KEY_SECRET,
    calendarVersion: DEFAULT_CALENDAR_VERSION,
    now: opts.now ?? Date.now,
    limits: { ...DEFAULT_LIMITS, clockSkewMs: config.MOTCUA_CLOCK_SKEW_SECONDS * 1000, receivedAtMaxAgeMs: config.MOTCUA_RECEIVED_AT_MAX_AGE_DAYS * 86_400_000 },
    verifier,
    readiness,
    keyring,
    alerts,
    inboxChanges,
    pdf,
    codecCorsOrigins: config.MOTCUA_CODEC_CORS_ORIGINS,
    rateLimits: {
      lookupPerClientPerMinute: config.MOTCUA_LOOKUP_LIMIT_PER_MINUTE,
      lookupPerCodePerHour: config.MOTCUA_LOOKUP_LIMIT_PER_CODE_HOUR,
      citizenPerClientPerMinute: config.MOTCUA_CITIZEN_LIMIT_PER_MINUTE,
    },
    logLevel: config.MOTCUA_API_LOG_LEVEL,
    version: opts.version ?? process.env.npm_package_version ?? '0.1.0',
  };
  const app = buildServer(deps);
  return {
    app,
    deps,
    async close() {
      clearInterval(refresher);
      await app.close();
      await alerts.close();
      await inboxChanges.close();
      await pdf.close();
      await pool.end();
      await connection.close();
    },
  };
}
