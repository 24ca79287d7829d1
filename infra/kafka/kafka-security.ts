import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { z } from 'zod';
import { booleanFlag, readableFile, requirePair } from '../env-fields';

/** TLS and SASL towards a managed Kafka (MSK, Confluent Cloud, Aiven, Strimzi); all off by default. */
export const KafkaSecurityFields = {
  KAFKA_SSL: booleanFlag.default(false),
  KAFKA_SSL_CA_PATH: readableFile.optional(),
  KAFKA_SSL_CERT_PATH: readableFile.optional(),
  KAFKA_SSL_KEY_PATH: readableFile.optional(),
  KAFKA_SSL_SERVERNAME: z.string().min(1).optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: booleanFlag.default(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

export function checkKafkaSecurity(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  requirePair(ctx, v, 'KAFKA_SSL_CERT_PATH', 'KAFKA_SSL_KEY_PATH');
  if (v.KAFKA_SSL !== true) {
    for (const k of ['KAFKA_SSL_CA_PATH', 'KAFKA_SSL_CERT_PATH', 'KAFKA_SSL_SERVERNAME']) {
      if (v[k] !== undefined) ctx.addIssue({ code: 'custom', path: ['KAFKA_SSL'], message: `must be true when ${k} is set` });
    }
  }
  const sasl = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'];
  if (sasl.some((k) => v[k] !== undefined)) {
    for (const k of sasl) if (v[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'required when SASL is configured (mechanism, username and password)' });
  }
}

export const KafkaSecurityConfig = z.object(KafkaSecurityFields).superRefine(checkKafkaSecurity);

export interface KafkaSecurity {
  ssl?: ConnectionOptions | boolean;
  sasl?: SASLOptions;
}

/** kafkajs's `ssl` and `sasl` options from the environment; throws naming the variable that is wrong. */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  const parsed = KafkaSecurityConfig.safeParse(env);
  if (!parsed.success) throw new Error(`invalid Kafka configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  const out: KafkaSecurity = {};
  if (c.KAFKA_SSL) {
    const read = (p?: string) => (p ? fs.readFileSync(p, 'utf8') : undefined);
    const tls: ConnectionOptions = { rejectUnauthorized: c.KAFKA_SSL_REJECT_UNAUTHORIZED };
    if (c.KAFKA_SSL_CA_PATH) tls.ca = [read(c.KAFKA_SSL_CA_PATH)!];
    if (c.KAFKA_SSL_CERT_PATH) tls.cert = read(c.KAFKA_SSL_CERT_PATH);
    if (c.KAFKA_SSL_KEY_PATH) tls.key = read(c.KAFKA_SSL_KEY_PATH);
    if (c.KAFKA_SSL_SERVERNAME) tls.servername = c.KAFKA_SSL_SERVERNAME;
    out.ssl = Object.keys(tls).length === 1 && tls.rejectUnauthorized ? true : tls;
  }
  if (c.KAFKA_SASL_MECHANISM && c.KAFKA_SASL_USERNAME && c.KAFKA_SASL_PASSWORD) {
    out.sasl = { mechanism: c.KAFKA_SASL_MECHANISM, username: c.KAFKA_SASL_USERNAME, password: c.KAFKA_SASL_PASSWORD } as SASLOptions;
  }
  return out;
}
