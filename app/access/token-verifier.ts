import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, importSPKI, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
type KeyLike = Awaited<ReturnType<typeof importJWK>>;

import { TokenClaims, type Principal } from '../../contracts/api/principal.contract';
import { AppError } from '../errors';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A PEM public key (SPKI) or a public JWK as JSON. */
  publicKey?: string;
  /** An identity provider's JWKS (what Keycloak and other OIDC providers publish). */
  jwksUrl?: string;
  /** The development key's public half, when neither of the above is configured. */
  devPublicJwk?: JWK;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Verifies against the local development key. */
  readonly development: boolean;
}

const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'EdDSA'];

async function keyFrom(opts: TokenVerifierOptions): Promise<{ key: JWTVerifyGetKey | KeyLike | Uint8Array; development: boolean }> {
  if (opts.jwksUrl) return { key: createRemoteJWKSet(new URL(opts.jwksUrl)), development: false };
  if (opts.publicKey) {
    const text = opts.publicKey.trim();
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as JWK;
      return { key: createLocalJWKSet({ keys: [jwk] }), development: false };
    }
    // the algorithm of a PEM key is not in the key: try the usual ones
    for (const alg of ['ES256', 'RS256', 'EdDSA']) {
      try {
        return { key: (await importSPKI(text, alg)) as KeyLike, development: false };
      } catch {
        // next
      }
    }
    throw new Error('MOTCUA_JWT_PUBLIC_KEY is neither a public JWK nor a PEM (SPKI) ES256, RS256 or EdDSA key');
  }
  if (opts.devPublicJwk) return { key: (await importJWK(opts.devPublicJwk, 'ES256')) as KeyLike, development: true };
  throw new Error('no token key: set MOTCUA_JWKS_URL or MOTCUA_JWT_PUBLIC_KEY');
}

/** Bearer-token verification with jose: signature, issuer, audience, expiry, then the claims' shape. */
export async function createTokenVerifier(opts: TokenVerifierOptions): Promise<TokenVerifier> {
  const { key, development } = await keyFrom(opts);
  return {
    development,
    async verify(token) {
      let payload: unknown;
      try {
        const verified = await jwtVerify(token, key as JWTVerifyGetKey, { issuer: opts.issuer, audience: opts.audience, algorithms: ALGORITHMS, clockTolerance: 30 });
        payload = verified.payload;
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'the bearer token has expired');
        if (err instanceof errors.JWTClaimValidationFailed) throw new AppError('TOKEN_INVALID', `the bearer token's ${err.claim} claim is not accepted`);
        throw new AppError('TOKEN_INVALID', 'the bearer token does not verify');
      }
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success) throw new AppError('TOKEN_CLAIMS_INVALID', `the bearer token lacks motcua claims: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const c = claims.data;
      return { subject: c.sub, roles: [...new Set(c.roles)], units: [...new Set(c.units)], ...(c.name ? { name: c.name } : {}) };
    },
  };
}
