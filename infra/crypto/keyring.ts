import crypto from 'node:crypto';

/**
 * AES-256 keys by id. The first key encrypts; every key decrypts, so a key can be rotated by
 * putting the new one first and keeping the old ones until nothing encrypted with them remains.
 */
export interface Keyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Whether these are the built-in development keys (refused in production). */
  development: boolean;
}

export class KeyringError extends Error {}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Parses `id:base64key[,id:base64key…]` (each key 32 bytes; the first is the active one). */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let activeKeyId: string | undefined;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const sep = part.indexOf(':');
    if (sep <= 0) throw new KeyringError(`key "${part.slice(0, 12)}…" is not id:base64`);
    const id = part.slice(0, sep);
    if (!KEY_ID.test(id)) throw new KeyringError(`key id "${id}" must be 1–64 letters, digits, dots, dashes or underscores`);
    const key = Buffer.from(part.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new KeyringError(`key ${id} is ${key.length} bytes; AES-256 needs 32 (base64 of 32 random bytes)`);
    if (keys.has(id)) throw new KeyringError(`key id ${id} appears twice`);
    keys.set(id, key);
    activeKeyId ??= id;
  }
  if (!activeKeyId) throw new KeyringError('no key given');
  return { activeKeyId, keys, development: false };
}

/** Fixed keys for development and tests only: derived from a public string, so they protect nothing. */
export function developmentKeyring(): Keyring {
  const key = crypto.createHash('sha256').update('motcua development key — not for production').digest();
  return { activeKeyId: 'dev-1', keys: new Map([['dev-1', key]]), development: true };
}

/** A new random key in the `id:base64` form the keyring reads (what `motcua keys generate` prints). */
export function generateKeySpec(id: string): string {
  return `${id}:${crypto.randomBytes(32).toString('base64')}`;
}
