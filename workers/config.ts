import { z } from 'zod';
import { PostgresUrl } from '../infra/db/postgres-url';
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
const Api = {
  MOTCUA_API_HOST: z.string().default('127.0.0.1'),
  MOTCUA_API_PORT: z.coerce.number().int().min(0).max(65535).default(18080),
  /** Key of the HMAC that turns an applicant's ID number into the pseudonymous key events carry. */
  MOTCUA_APPLICANT_KEY_SECRET: z.string().min(16).default('local-development-secret-not-for-production'),
};

export const WorkerConfig = z.object({ ...Temporal, ...Kafka }).superRefine(checkTemporalConnection).superRefine(checkKafkaSecurity);
export const ConsumerConfig = z.object({ ...Kafka, ...Postgres, MOTCUA_CONSUMER_GROUP_PREFIX: z.string().default('motcua.') }).superRefine(checkKafkaSecurity);
export const ApiConfig = z.object({ ...Temporal, ...Postgres, ...Api }).superRefine(checkTemporalConnection);

/** Every process: its health server for orchestrators (off unless a port is set). */
export const HealthConfig = z.object({
  MOTCUA_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MOTCUA_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
});

export class ConfigError extends Error {}

export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration (run through \`npm start\`, or set these variables): ${problems.join('; ')}`);
}
