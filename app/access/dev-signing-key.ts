import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

/**
 * The local development signing key: an ES256 key pair kept in the clone's data folder, made on
 * first use. `motcua token` signs with it; the API, in development, verifies with its public half.
 * Deployments verify against their identity provider's key or JWKS instead (production refuses this one).
 */
export const DEV_ISSUER = 'motcua-dev';
export const DEV_KEY_ID = 'motcua-dev-es256';

export interface DevSigningKey {
  privateKey: KeyLike;
  publicJwk: JWK;
  file: string;
}

export function devKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'dev-signing-key.json');
}

export async function loadOrCreateDevSigningKey(dataDir: string): Promise<DevSigningKey> {
  const file = devKeyFile(dataDir);
  if (!fs.existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const body = JSON.stringify({ privateJwk: { ...(await exportJWK(privateKey)), kid: DEV_KEY_ID }, publicJwk: { ...(await exportJWK(publicKey)), kid: DEV_KEY_ID, alg: 'ES256' } });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // two processes may race to create it: write aside, then keep whichever landed first
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, body, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const { privateJwk, publicJwk } = JSON.parse(fs.readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
  return { privateKey: (await importJWK(privateJwk, 'ES256')) as KeyLike, publicJwk, file };
}
