import type { DataConverter } from '@temporalio/common';
import type { Keyring } from '../crypto/keyring';
import { EncryptionCodec } from './encryption-codec';

/** The one data converter of every Temporal client and worker of the engine: encrypted payloads, or none when switched off. */
export function engineDataConverter(keyring: Keyring | undefined): DataConverter {
  return keyring ? { payloadCodecs: [new EncryptionCodec(keyring)] } : {};
}
