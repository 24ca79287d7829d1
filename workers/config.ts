import { z } from 'zod';
import { PostgresUrl } from '../infra/db/postgres-url';
import { DEFAULT_PARTITIONS_TOGETHER } from '../projections/coalesced';
import { checkKafkaSecurity, KafkaSecurityFields } from '../infra/kafka/kafka-security';
import { checkTemporalConnection, TemporalConnectionFields } from '../infra/temporal/temporal-connection';

/** Each process entry point reads its configuration once, here, and fails fast naming what is missing. */
const Temporal = {
  /** address, namespace, TLS, API key: the SDK's environment configuration (infra/temporal/) */
  ...TemporalConnectionFields,
  MOTCUA_TASK_QUEUE: z.string().min(1).default('motcua-dossiers'),
};
const Kafka = {
  KAFKA_BROKERS: z.string().regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'host:port[,host:port…]'),
  MOTCUA_TOPIC_PREFIX: z.string().default('motcua.'),
  /** TLS and SASL (infra/kafka/kafka-security.ts) */
  ...KafkaSecurityFields,
};
/** TLS through the URL's sslmode / sslrootcert / sslcert / sslkey (infra/db/postgres-url.ts) */
const Postgres = { DATABASE_URL: PostgresUrl };

/** Development defaults that a production deployment must replace (the API and the worker refuse them there). */
export const DEV_APPLICANT_KEY_SECRET = 'local-development-secret-not-for-production';

const Security = {
  /** `production` refuses development keys and secrets; `development` warns once about each. */
  MOTCUA_ENV: z.enum(['development', 'production']).default('development'),
  /** AES-256 keys `id:base64[,id:base64…]`, the first encrypting: Temporal payloads and personal-data columns. */
  MOTCUA_ENCRYPTION_KEYS: z.string().min(1).optional(),
  /** Encrypt workflow payloads (the Temporal codec); `off` only for measuring its cost. */
  MOTCUA_PAYLOAD_ENCRYPTION: z.enum(['on', 'off']).default('on'),
};

const csv = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const Api = {
  MOTCUA_API_HOST: z.string().default('127.0.0.1'),
  MOTCUA_API_PORT: z.coerce.number().int().min(0).max(65535).default(18080),
  /** Key of the HMAC that turns an applicant's ID number into the pseudonymous key events carry. */
  MOTCUA_APPLICANT_KEY_SECRET: z.string().min(16).default(DEV_APPLICANT_KEY_SECRET),
  /** Bearer tokens: a JWKS URL (an OIDC provider's) or a public key (PEM or JWK); neither = the local development key. */
  MOTCUA_JWKS_URL: z.url().optional(),
  MOTCUA_JWT_PUBLIC_KEY: z.string().min(1).optional(),
  MOTCUA_JWT_ISSUER: z.string().min(1).default('motcua-dev'),
  MOTCUA_JWT_AUDIENCE: z.string().min(1).default('motcua'),
  /** The API's own level, over MOTCUA_LOG_LEVEL (kept for deployments that set it). */
  MOTCUA_API_LOG_LEVEL: z.enum(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).optional(),
  /** A reception instant further ahead than this is refused (desk clocks drift). */
  MOTCUA_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** A reception instant older than this needs the backfill role. */
  MOTCUA_RECEIVED_AT_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
  MOTCUA_LOOKUP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  MOTCUA_LOOKUP_LIMIT_PER_CODE_HOUR: z.coerce.number().int().min(1).default(10),
  MOTCUA_CITIZEN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Browser origins (the Temporal UI's) allowed to call the codec endpoints, comma-separated. */
  MOTCUA_CODEC_CORS_ORIGINS: csv,
  /** Chromium for the forms' PDFs (default: Debian's /usr/bin/chromium when present; without one, PDFs answer 503). */
  MOTCUA_CHROMIUM_PATH: z.string().min(1).optional(),
};

const Worker = {
  /** The SDK's per-promise stack capture in workflow threads, for the stack-trace query; costly, off unless debugging. */
  MOTCUA_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
  /** A prebuilt workflow bundle to load instead of bundling the sources at start (what dist/ has beside it). */
  MOTCUA_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Workflows kept in the worker's cache (the SDK's default follows the heap: about 600 a GiB); one that is not replays its whole history on its next task. */
  MOTCUA_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** Workflow tasks the worker runs at once (the SDK's default: 40). */
  MOTCUA_WORKER_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1000).optional(),
};

export const WorkerConfig = z.object({ ...Temporal, ...Kafka, ...Security, ...Worker }).superRefine(checkTemporalConnection).superRefine(checkKafkaSecurity);
export const ConsumerConfig = z
  .object({
    ...Kafka,
    ...Postgres,
    MOTCUA_CONSUMER_GROUP_PREFIX: z.string().default('motcua.'),
    /** How long the broker may hold a fetch to gather a batch (the read models lag by up to this; larger batches cost less per event). */
    MOTCUA_CONSUMER_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(100),
    /** The batch a fetch waits for (unless the wait ends first). */
    MOTCUA_CONSUMER_BATCH_MIN_BYTES: z.coerce.number().int().min(1).max(16 * 1024 * 1024).default(64 * 1024),
    /** Partitions of a fetch applied together, in one transaction and one offset commit (1: partition by partition). */
    MOTCUA_CONSUMER_PARTITIONS_TOGETHER: z.coerce.number().int().min(1).max(256).default(DEFAULT_PARTITIONS_TOGETHER),
  })
  .superRefine(checkKafkaSecurity);
export const ApiConfig = z.object({ ...Temporal, ...Kafka, ...Postgres, ...Security, ...Api }).superRefine(checkTemporalConnection).superRefine(checkKafkaSecurity);
export type WorkerConfig = z.infer<typeof WorkerConfig>;
export type ApiConfig = z.infer<typeof ApiConfig>;
/** The breach forecaster: a round every interval over the read models, alerts above the threshold. */
export const ForecasterConfig = z
  .object({
    ...Kafka,
    ...Postgres,
    MOTCUA_FORECAST_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(300),
    MOTCUA_FORECAST_RUNS: z.coerce.number().int().min(1).max(1000).default(20),
    MOTCUA_FORECAST_HORIZON_WORKING_HOURS: z.coerce.number().positive().max(400).default(8),
    MOTCUA_FORECAST_HISTORY_WORKING_DAYS: z.coerce.number().positive().max(250).default(10),
    MOTCUA_FORECAST_ALERT_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  })
  .superRefine(checkKafkaSecurity);

/** Every process: its health server for orchestrators (off unless a port is set). */
export const HealthConfig = z.object({
  MOTCUA_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MOTCUA_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
});

/** Every process: Prometheus /metrics on a port of its own (off unless a port is set). */
export const MetricsConfig = z.object({
  MOTCUA_METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  MOTCUA_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export class ConfigError extends Error {}

export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration (run through \`npm start\`, or set these variables): ${problems.join('; ')}`);
}
