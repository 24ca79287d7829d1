import type { Payload } from '@temporalio/common';
import { DecryptionError, open, seal } from '../../infra/crypto/aes-gcm';
import { decryptField, encryptField } from '../../infra/crypto/field-cipher';
import { developmentKeyring, generateKeySpec, KeyringError, parseKeyring } from '../../infra/crypto/keyring';
import { EncryptionCodec } from '../../infra/temporal/encryption-codec';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('the keyring', () => {
  it('reads id:base64 keys, the first encrypting', () => {
    const ring = parseKeyring(`${generateKeySpec('2026-12')},${generateKeySpec('2026-06')}`);
    expect(ring.activeKeyId).toBe('2026-12');
    expect([...ring.keys.keys()]).toEqual(['2026-12', '2026-06']);
    expect(ring.development).toBe(false);
    expect(developmentKeyring().development).toBe(true);
  });

  it.each([
    ['', /no key/],
    ['nokey', /not id:base64/],
    ['a b:AAAA', /key id/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /16 bytes; AES-256 needs 32/],
    [`${'k:' + Buffer.alloc(32).toString('base64')},k:${Buffer.alloc(32).toString('base64')}`, /appears twice/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(KeyringError);
    expect(() => parseKeyring(spec)).toThrow(message);
  });
});

describe('AES-256-GCM', () => {
  const ring = parseKeyring(generateKeySpec('k1'));

  it('round-trips, with a fresh nonce each time', () => {
    const a = seal(ring, utf8('Nguyễn Văn An'));
    const b = seal(ring, utf8('Nguyễn Văn An'));
    expect(a.sealed.equals(b.sealed)).toBe(false);
    expect(open(ring, a.keyId, a.sealed).toString('utf8')).toBe('Nguyễn Văn An');
  });

  it('refuses a tampered ciphertext, another context, an unknown key', () => {
    const { keyId, sealed } = seal(ring, utf8('001099012345'), utf8('ctx-1'));
    const tampered = Buffer.from(sealed);
    tampered[14] = tampered[14]! ^ 1;
    expect(() => open(ring, keyId, tampered, utf8('ctx-1'))).toThrow(DecryptionError);
    expect(() => open(ring, keyId, sealed, utf8('ctx-2'))).toThrow(DecryptionError);
    expect(() => open(ring, 'other', sealed, utf8('ctx-1'))).toThrow(/no key other/);
  });
});

describe('encrypted columns', () => {
  it('bind the value to its dossier and field: copied to another row it does not decrypt', () => {
    const ring = parseKeyring(generateKeySpec('col-1'));
    const v = encryptField(ring, 'dossier_applicant:PT-261201-0001:fullName', 'Trần Thị Bích Ngọc');
    expect(v).toMatch(/^v1\.col-1\./);
    expect(v).not.toContain('Ngọc');
    expect(decryptField(ring, 'dossier_applicant:PT-261201-0001:fullName', v)).toBe('Trần Thị Bích Ngọc');
    expect(() => decryptField(ring, 'dossier_applicant:PT-261201-0002:fullName', v)).toThrow(DecryptionError);
    expect(() => decryptField(ring, 'x', 'plain text')).toThrow(/not an encrypted field/);
  });

  it('keep decrypting with an old key after a rotation, and encrypt with the new one', () => {
    const old = generateKeySpec('2026-06');
    const before = parseKeyring(old);
    const v = encryptField(before, 'c', 'Lê Hoàng Đức');
    const after = parseKeyring(`${generateKeySpec('2026-12')},${old}`);
    expect(decryptField(after, 'c', v)).toBe('Lê Hoàng Đức');
    expect(encryptField(after, 'c', 'x')).toMatch(/^v1\.2026-12\./);
  });
});

describe('the Temporal payload codec', () => {
  const payload = (s: string): Payload => ({ metadata: { encoding: utf8('json/plain') }, data: utf8(JSON.stringify(s)) });

  it('encrypts the whole payload, metadata included, with the key id in the clear', async () => {
    const codec = new EncryptionCodec(parseKeyring(generateKeySpec('codec-1')));
    const [enc] = await codec.encode([payload('Nguyễn Văn An')]);
    expect(Buffer.from(enc!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(enc!.metadata!['encryption-key-id']!).toString()).toBe('codec-1');
    expect(Buffer.from(enc!.data!).toString('latin1')).not.toContain('json/plain');
    const [dec] = await codec.decode([enc!]);
    expect(Buffer.from(dec!.data!).toString()).toBe('"Nguyễn Văn An"');
    expect(Buffer.from(dec!.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('passes payloads written before it was installed through, and decodes across a key rotation', async () => {
    const oldSpec = generateKeySpec('codec-old');
    const [old] = await new EncryptionCodec(parseKeyring(oldSpec)).encode([payload('trước')]);
    const rotated = new EncryptionCodec(parseKeyring(`${generateKeySpec('codec-new')},${oldSpec}`));
    const [plain, fromOld] = await rotated.decode([payload('plain'), old!]);
    expect(Buffer.from(plain!.data!).toString()).toBe('"plain"');
    expect(Buffer.from(fromOld!.data!).toString()).toBe('"trước"');
  });
});
