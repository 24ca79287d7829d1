import { SignJWT } from 'jose';
import { TokenClaims, type Role } from '../../contracts/api/principal.contract';
import { DEV_ISSUER, DEV_KEY_ID, loadOrCreateDevSigningKey } from './dev-signing-key';

export interface DevTokenRequest {
  roles: Role[];
  units: string[];
  subject: string;
  name?: string;
  ttlSeconds: number;
  audience: string;
}

/** A bearer token signed with the clone's development key (what `motcua token` prints). */
export async function issueDevToken(dataDir: string, r: DevTokenRequest): Promise<string> {
  const claims = TokenClaims.parse({ sub: r.subject, roles: r.roles, units: r.units, ...(r.name ? { name: r.name } : {}) });
  const key = await loadOrCreateDevSigningKey(dataDir);
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'ES256', kid: DEV_KEY_ID })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(r.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + r.ttlSeconds)
    .sign(key.privateKey);
}
