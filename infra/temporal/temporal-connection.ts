import type { TLSConfig } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { z } from 'zod';
import { booleanFlag, pemData, readableFile, requirePair } from '../env-fields';

/**
 * The Temporal SDK's environment configuration (TEMPORAL_* variables, and the TOML profile that
 * TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE name), so TLS, mTLS and API keys (Temporal Cloud) are
 * configuration, not code. The variables override the file, as in the CLI and the other SDKs.
 */
export const TemporalConnectionFields = {
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'host:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: booleanFlag.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: pemData.optional(),
  TEMPORAL_TLS_CLIENT_KEY_DATA: pemData.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: pemData.optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_CONFIG_FILE: readableFile.optional(),
  TEMPORAL_PROFILE: z.string().min(1).optional(),
};

/** Rules across the variables: a client certificate needs its key, one source of each. */
export function checkTemporalConnection(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [a, b] of [
    ['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_CERT_DATA'],
    ['TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_CLIENT_KEY_DATA'],
    ['TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_DATA'],
  ] as const) {
    if (v[a] !== undefined && v[b] !== undefined) ctx.addIssue({ code: 'custom', path: [b], message: `set ${a} or ${b}, not both` });
  }
  const cert = v.TEMPORAL_TLS_CLIENT_CERT_PATH ?? v.TEMPORAL_TLS_CLIENT_CERT_DATA;
  const key = v.TEMPORAL_TLS_CLIENT_KEY_PATH ?? v.TEMPORAL_TLS_CLIENT_KEY_DATA;
  requirePair(ctx, { TEMPORAL_TLS_CLIENT_CERT_PATH: cert, TEMPORAL_TLS_CLIENT_KEY_PATH: key }, 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  if (v.TEMPORAL_TLS === false && (cert !== undefined || v.TEMPORAL_API_KEY !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: 'false, but a client certificate or an API key is set (they need TLS)' });
  }
}

export const TemporalConnectionConfig = z.object(TemporalConnectionFields).superRefine(checkTemporalConnection);

/** What both Connection.connect (client) and NativeConnection.connect (worker) take. */
export interface TemporalConnectOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

export interface TemporalTarget {
  namespace: string;
  connection: TemporalConnectOptions;
  /** For log lines: the address and whether TLS / an API key are on, never the secrets. */
  describe: string;
}

/**
 * Connection options from the environment (validated first: call it after readConfig, or it
 * throws naming the variable). Only the engine's address and namespace are ours to default.
 */
export function temporalTarget(env: NodeJS.ProcessEnv = process.env): TemporalTarget {
  const checked = TemporalConnectionConfig.safeParse(env);
  if (!checked.success) throw new Error(`invalid Temporal configuration: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let loaded;
  try {
    loaded = loadClientConnectConfig({ overrideEnvVars: env as Record<string, string> });
  } catch (err) {
    throw new Error(`TEMPORAL_CONFIG_FILE${env.TEMPORAL_PROFILE ? ` (profile ${env.TEMPORAL_PROFILE})` : ''}: ${(err as Error).message}`);
  }
  const o = loaded.connectionOptions;
  const connection: TemporalConnectOptions = { address: checked.data.TEMPORAL_ADDRESS };
  if (o.tls !== undefined && o.tls !== null) connection.tls = o.tls;
  if (typeof o.apiKey === 'string') connection.apiKey = o.apiKey;
  // envconfig fills it from TEMPORAL_GRPC_META_* and the profile: strings only
  if (o.metadata && Object.keys(o.metadata).length > 0) connection.metadata = o.metadata as Record<string, string>;
  const flags = [connection.tls ? 'TLS' : 'plaintext', connection.apiKey ? 'API key' : undefined].filter(Boolean).join(', ');
  return { namespace: env.TEMPORAL_NAMESPACE ?? loaded.namespace ?? 'default', connection, describe: `${connection.address} (${flags})` };
}
