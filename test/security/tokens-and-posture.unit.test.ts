import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { createApi } from '../../api/create-api';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { loadOrCreateDevSigningKey } from '../../app/access/dev-signing-key';
import { createTokenVerifier } from '../../app/access/token-verifier';
import { generateKeySpec } from '../../infra/crypto/keyring';
import { checkPosture } from '../../infra/security-posture';
import { ApiConfig } from '../../workers/config';

const sign = (key: Parameters<SignJWT['sign']>[0], claims: Record<string, unknown> = { roles: ['officer'], units: ['pt.p-phuc-yen.vh-xh'] }, alg = 'ES256') =>
  new SignJWT(claims).setProtectedHeader({ alg, kid: 'k1' }).setSubject('an.nv').setIssuer('https://sso.phutho.gov.vn/realms/motcua').setAudience('motcua').setExpirationTime('5m').sign(key);

describe('bearer tokens', () => {
  it('verify against an identity provider’s JWKS URL (what Keycloak publishes)', async () => {
    // node:crypto, not WebCrypto: on Node 26 a WebCrypto RSA key generation failed now and then with an
    // empty error while the workflow tier ran beside this one
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/certs`;
      const v = await createTokenVerifier({ issuer: 'https://sso.phutho.gov.vn/realms/motcua', audience: 'motcua', jwksUrl: url });
      expect(v.development).toBe(false);
      expect(await v.verify(await sign(privateKey, undefined, 'RS256'))).toEqual({ subject: 'an.nv', roles: ['officer'], units: ['pt.p-phuc-yen.vh-xh'] });
    } finally {
      server.close();
    }
    // an RSA key pair and an HTTP round trip: on a loaded machine (CI runs two tiers at once) more than Jest's 5 s
  }, 30_000);

  it('verify against a PEM public key, refuse another issuer, and a token without motcua claims', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const v = await createTokenVerifier({ issuer: 'https://sso.phutho.gov.vn/realms/motcua', audience: 'motcua', publicKey: await exportSPKI(publicKey) });
    expect((await v.verify(await sign(privateKey))).subject).toBe('an.nv');
    const other = await createTokenVerifier({ issuer: 'someone-else', audience: 'motcua', publicKey: await exportSPKI(publicKey) });
    await expect(other.verify(await sign(privateKey))).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(v.verify(await sign(privateKey, { scope: 'openid' }))).rejects.toMatchObject({ code: 'TOKEN_CLAIMS_INVALID' });
    await expect(v.verify('not.a.jwt')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('`motcua token` signs with the clone’s development key, which the API trusts in development', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-keys-'));
    const token = await issueDevToken(dir, { roles: ['supervisor'], units: ['pt'], subject: 'sup', ttlSeconds: 60, audience: 'motcua' });
    const key = await loadOrCreateDevSigningKey(dir);
    const v = await createTokenVerifier({ issuer: 'motcua-dev', audience: 'motcua', devPublicJwk: key.publicJwk });
    expect(v.development).toBe(true);
    expect(await v.verify(token)).toEqual({ subject: 'sup', roles: ['supervisor'], units: ['pt'] });
    // a second load finds the same key
    expect((await loadOrCreateDevSigningKey(dir)).publicJwk).toEqual(key.publicJwk);
  });
});

describe('production refuses development settings', () => {
  const base = { TEMPORAL_ADDRESS: '127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:1', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' };

  it('names every development key and secret, before connecting to anything', async () => {
    const config = ApiConfig.parse({ ...base, MOTCUA_ENV: 'production' });
    await expect(createApi(config, { warn: () => undefined })).rejects.toThrow(/MOTCUA_ENV=production refuses development settings: MOTCUA_ENCRYPTION_KEYS.*MOTCUA_APPLICANT_KEY_SECRET.*MOTCUA_JWKS_URL \/ MOTCUA_JWT_PUBLIC_KEY/);
  });

  it('refuses payload encryption off', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const config = ApiConfig.parse({
      ...base,
      MOTCUA_ENV: 'production',
      MOTCUA_ENCRYPTION_KEYS: generateKeySpec('prod-1'),
      MOTCUA_APPLICANT_KEY_SECRET: 'a-production-secret-of-some-length',
      MOTCUA_JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      MOTCUA_PAYLOAD_ENCRYPTION: 'off',
    });
    await expect(createApi(config, { warn: () => undefined })).rejects.toThrow(/refuses development settings: MOTCUA_PAYLOAD_ENCRYPTION: off/);
  });

  it('in development, says so once', () => {
    const lines: string[] = [];
    checkPosture('development', [{ setting: 'A', problem: 'a' }, { setting: 'B', problem: 'b' }], (l) => lines.push(l));
    expect(lines).toEqual(['development settings in use (refused with MOTCUA_ENV=production): A: a; B: b']);
    checkPosture('production', [], (l) => lines.push(l));
    expect(lines).toHaveLength(1);
  });
});
