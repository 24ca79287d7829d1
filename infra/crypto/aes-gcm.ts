import crypto from 'node:crypto';
import type { Keyring } from './keyring';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {}

/** nonce ‖ ciphertext ‖ tag with the active key; `aad` binds the ciphertext to its context. */
export function seal(keyring: Keyring, plaintext: Uint8Array, aad?: Uint8Array): { keyId: string; sealed: Buffer } {
  const key = keyring.keys.get(keyring.activeKeyId)!;
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId: keyring.activeKeyId, sealed: Buffer.concat([nonce, body, cipher.getAuthTag()]) };
}

export function open(keyring: Keyring, keyId: string, sealed: Uint8Array, aad?: Uint8Array): Buffer {
  const key = keyring.keys.get(keyId);
  if (!key) throw new DecryptionError(`no key ${keyId} in the keyring (was it removed before everything it encrypted was gone?)`);
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError('ciphertext too short');
  const buf = Buffer.from(sealed);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE_BYTES));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError(`ciphertext does not authenticate with key ${keyId}`);
  }
}
