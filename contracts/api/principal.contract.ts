import { z } from 'zod';

/**
 * Roles of the people and services that call the API. `backfill` is held beside `reception` by
 * whoever may enter dossiers received long ago (a migration from another system).
 */
export const Role = z.enum(['reception', 'officer', 'unit_head', 'supervisor', 'analyst', 'admin', 'backfill']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

/** The claims a bearer token must carry besides iss/aud/exp (what an OIDC provider is configured to add). */
export const TokenClaims = z
  .object({
    sub: z.string().min(1).max(128),
    roles: z.array(Role).min(1).max(8),
    /** Unit ids the roles apply to (a supervisor's cover every unit below them). */
    units: z.array(z.string().min(1).max(128)).min(1).max(64),
    name: z.string().max(200).optional(),
  })
  .loose();
export type TokenClaims = z.infer<typeof TokenClaims>;

/** Who is calling, as the API sees it after verifying the token. */
export interface Principal {
  subject: string;
  roles: Role[];
  units: string[];
  name?: string;
}

export const MeResponse = z
  .object({
    subject: z.string(),
    name: z.string().nullable(),
    roles: z.array(Role),
    units: z.array(z.string()),
    /** Every unit the roles reach, by role (supervisors, analysts and admins reach the units below theirs). */
    coveredUnits: z.record(z.string(), z.array(z.string())),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof MeResponse>;
