import type { z } from 'zod';
import { ProblemDetails } from '../contracts/api/problem.contract';
import { ACCESS_POLICY, type OperationId } from '../app/access/access-policy';
import { errorSpec, type ErrorCode } from '../app/errors';

const AUTH_CODES: ErrorCode[] = ['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_CLAIMS_INVALID', 'ROLE_NOT_ALLOWED'];
const SCOPE_CODES: Record<string, ErrorCode[]> = {
  unit: ['UNIT_NOT_COVERED'],
  units: ['UNIT_NOT_COVERED'],
  dossier: ['DOSSIER_NOT_COVERED', 'DOSSIER_NOT_FOUND'],
};

/**
 * The OpenAPI side of a route from its operation: the success schemas, and one problem-details
 * response per status listing the codes the route can answer with (from the error table), so the
 * document says exactly what a client must handle.
 */
export function routeSchema(operationId: OperationId, s: { summary: string; tags: string[]; ok: Record<number, z.ZodType>; codes?: ErrorCode[]; description?: string }) {
  const rule = ACCESS_POLICY[operationId];
  const codes = new Set<ErrorCode>(s.codes ?? []);
  if (rule.scope.kind !== 'public') for (const c of AUTH_CODES) codes.add(c);
  for (const c of SCOPE_CODES[rule.scope.kind] ?? []) codes.add(c);
  codes.add('VALIDATION_FAILED');
  const byStatus = new Map<number, string[]>();
  for (const c of codes) byStatus.set(errorSpec(c).status, [...(byStatus.get(errorSpec(c).status) ?? []), c]);
  const response: Record<number, z.ZodType> = { ...s.ok };
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) response[status] = ProblemDetails.describe(`Problem details; code: ${list.join(', ')}`);
  response[500] = ProblemDetails.describe('Problem details; code: INTERNAL (a bug, logged with the request id)');
  const roles = rule.roles.length > 0 ? `Roles: ${rule.roles.join(', ')} (scope: ${rule.scope.kind}).` : 'Public.';
  return {
    operationId,
    summary: s.summary,
    description: [s.description, roles].filter(Boolean).join('\n\n'),
    tags: s.tags,
    ...(rule.scope.kind === 'public' ? {} : { security: [{ bearer: [] }] }),
    response,
  };
}
