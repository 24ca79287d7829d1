import { developmentKeyring, KeyringError, parseKeyring, type Keyring } from './keyring';

/**
 * The keyring every engine process uses (worker, API, CLI): MOTCUA_ENCRYPTION_KEYS, or the
 * development keys when it is unset. Processes must agree, or one cannot read the other's payloads.
 */
export function engineKeyring(spec: string | undefined): Keyring {
  if (spec === undefined) return developmentKeyring();
  try {
    return parseKeyring(spec);
  } catch (err) {
    throw new KeyringError(`MOTCUA_ENCRYPTION_KEYS: ${(err as Error).message}`);
  }
}
