import { DecryptionError, open, seal } from './aes-gcm';
import type { Keyring } from './keyring';

/**
 * One encrypted column value: `v1.<keyId>.<base64url(nonce‖ciphertext‖tag)>`. The additional data
 * names the dossier and the field, so a value copied to another row or column does not decrypt.
 */
export function encryptField(keyring: Keyring, context: string, plaintext: string): string {
  const { keyId, sealed } = seal(keyring, Buffer.from(plaintext, 'utf8'), Buffer.from(context, 'utf8'));
  return `v1.${keyId}.${sealed.toString('base64url')}`;
}

export function decryptField(keyring: Keyring, context: string, value: string): string {
  const m = /^v1\.([A-Za-z0-9._-]+)\.([A-Za-z0-9_-]+)$/.exec(value);
  if (!m) throw new DecryptionError('not an encrypted field value');
  // base64url has no dots, so a key id with dots ends at the last one (the greedy group)
  return open(keyring, m[1]!, Buffer.from(m[2]!, 'base64url'), Buffer.from(context, 'utf8')).toString('utf8');
}
