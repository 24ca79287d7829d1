import { z } from 'zod';

/** Each process entry point reads its configuration once, here, and fails fast naming what is missing. */
const Temporal = {
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  MOTCUA_TASK_QUEUE: z.string().min(1).default('motcua-dossiers'),
};
const Kafka = {
  KAFKA_BROKERS: z.string().min(1),
  MOTCUA_TOPIC_PREFIX: z.string().default('motcua.'),
};
const Postgres = { DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL') };
const Api = {
  MOTCUA_API_HOST: z.string().default('127.0.0.1'),
  MOTCUA_API_PORT: z.coerce.number().int().min(0).max(65535).default(18080),
  /** Key of the HMAC that turns an applicant's ID number into the pseudonymous key events carry. */
  MOTCUA_APPLICANT_KEY_SECRET: z.string().min(16).default('local-development-secret-not-for-production'),
};

export const WorkerConfig = z.object({ ...Temporal, ...Kafka });
export const ConsumerConfig = z.object({ ...Kafka, ...Postgres, MOTCUA_CONSUMER_GROUP_PREFIX: z.string().default('motcua.') });
export const ApiConfig = z.object({ ...Temporal, ...Postgres, ...Api });
/** The breach forecaster: a round every interval over the read models, alerts above the threshold. */
export const ForecasterConfig = z.object({
  ...Kafka,
  ...Postgres,
  MOTCUA_FORECAST_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(300),
  MOTCUA_FORECAST_RUNS: z.coerce.number().int().min(1).max(1000).default(20),
  MOTCUA_FORECAST_HORIZON_WORKING_HOURS: z.coerce.number().positive().max(400).default(8),
  MOTCUA_FORECAST_HISTORY_WORKING_DAYS: z.coerce.number().positive().max(250).default(10),
  MOTCUA_FORECAST_ALERT_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
});

export class ConfigError extends Error {}

export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration (run through \`npm start\`, or set these variables): ${problems.join('; ')}`);
}
