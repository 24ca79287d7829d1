import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal, Role } from '../contracts/api/principal.contract';
import { accessRule, type AccessRule, type OperationId } from '../app/access/access-policy';
import { coveredByAny, rolesOnDossier } from '../app/access/unit-scope';
import { dossierInvolvement } from '../app/dossier-involvement';
import { AppError } from '../app/errors';
import { logPersonalDataAccess } from '../app/stores/access-log';
import type { ApiDeps } from './api-deps';

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: OperationId;
  }
  interface FastifyRequest {
    principal?: Principal;
    /** `units` scope: the units the answer is restricted to. */
    scopeUnits?: string[];
    /** `dossier` scope: the caller's roles that relate to this dossier. */
    dossierRoles?: Role[];
  }
}

/** Static assets of the docs page (registered by @fastify/swagger-ui) are public without a table entry. */
const PUBLIC_PREFIXES = ['/docs'];

export function ruleOf(req: FastifyRequest): AccessRule | undefined {
  const id = req.routeOptions.config.operationId;
  return id ? accessRule(id) : undefined;
}

/** The caller, or undefined: a present but bad token is an error even on public routes (it was meant to count). */
async function authenticate(deps: ApiDeps, req: FastifyRequest): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
  if (!m) throw new AppError('TOKEN_INVALID', 'the Authorization header must be "Bearer <token>"');
  return deps.verifier.verify(m[1]!);
}

/**
 * Deny by default: a route whose operation has no entry in the access policy is refused when the
 * server starts; every request is authenticated and checked against its entry (roles in onRequest,
 * scopes once the request is parsed), and answers that carry personal data are logged before they leave.
 */
export function installAccessControl(app: FastifyInstance, deps: ApiDeps): void {
  app.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const id = (route.config as { operationId?: string } | undefined)?.operationId;
    if (!id || !accessRule(id)) throw new Error(`route ${route.method} ${route.url} has no entry in the access policy (app/access/access-policy.ts)`);
  });

  app.addHook('onRequest', async (req) => {
    const rule = ruleOf(req);
    if (!rule) return; // docs assets and unmatched routes (404)
    if (rule.scope.kind === 'public') return;
    const principal = await authenticate(deps, req);
    if (!principal) throw new AppError('TOKEN_MISSING', 'send Authorization: Bearer <token>');
    if (!rule.roles.some((r) => principal.roles.includes(r))) {
      throw new AppError('ROLE_NOT_ALLOWED', `this needs one of the roles ${rule.roles.join(', ')}; your token has ${principal.roles.join(', ')}`);
    }
    req.principal = principal;
  });

  app.addHook('preHandler', async (req) => {
    const rule = ruleOf(req);
    const principal = req.principal;
    if (!rule || !principal) return;
    const scope = rule.scope;
    const directory = deps.catalog();
    const held = rule.roles.filter((r) => principal.roles.includes(r));
    switch (scope.kind) {
      case 'unit': {
        const unit = (req[scope.from] as Record<string, unknown> | undefined)?.[scope.key];
        if (typeof unit !== 'string' || !coveredByAny(principal, held, directory).has(unit)) {
          throw new AppError('UNIT_NOT_COVERED', `${String(unit)} is not among your units`);
        }
        return;
      }
      case 'units': {
        const covered = coveredByAny(principal, held, directory);
        const filter = (req[scope.from] as Record<string, unknown> | undefined)?.[scope.key];
        if (typeof filter === 'string') {
          if (!covered.has(filter)) throw new AppError('UNIT_NOT_COVERED', `${filter} is not among your units`);
          req.scopeUnits = [filter];
        } else req.scopeUnits = [...covered].sort();
        return;
      }
      case 'dossier': {
        const code = (req.params as Record<string, unknown> | undefined)?.code;
        if (typeof code !== 'string') throw new AppError('DOSSIER_NOT_FOUND', 'no dossier code in the path');
        const roles = rolesOnDossier(principal, held, await dossierInvolvement(deps, code), directory);
        if (roles.length === 0) throw new AppError('DOSSIER_NOT_COVERED', `dossier ${code} involves none of your units`);
        req.dossierRoles = roles;
        return;
      }
      default:
        return;
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const rule = ruleOf(req);
    if (rule?.personalData && req.principal && reply.statusCode === 200) {
      const code = (req.params as Record<string, unknown>).code as string;
      await logPersonalDataAccess(deps.pool, req.principal, code, req.routeOptions.config.operationId ?? 'unknown', req.id);
    }
    return payload;
  });
}
