import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from '../crypto/aes-gcm';
import type { Keyring } from '../crypto/keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

/**
 * AES-256-GCM over the whole serialised payload (metadata included), the key id in the clear
 * metadata, so workflow histories hold ciphertext and any key of the ring decrypts. Payloads that
 * are not encrypted pass through on decode (histories written before the codec was installed).
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const { keyId, sealed } = seal(this.keyring, temporal.api.common.v1.Payload.encode(p).finish());
      return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (text(p.metadata?.encoding) !== ENCRYPTED_ENCODING) return p;
      const keyId = text(p.metadata?.[KEY_ID_METADATA]);
      if (!keyId || !p.data) throw new Error('encrypted payload without key id or data');
      const decoded = temporal.api.common.v1.Payload.decode(open(this.keyring, keyId, p.data));
      return { metadata: decoded.metadata, data: decoded.data };
    });
  }
}
