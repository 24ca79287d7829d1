import { MeResponse } from '../../contracts/api/principal.contract';
import { HealthResponse, ReadinessResponse } from '../../contracts/api/operations.contract';
import { coveredUnits } from '../../app/access/unit-scope';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

export function registerOperationsRoutes(app: ZodApp, deps: ApiDeps): void {
  app.get('/healthz', { config: { operationId: 'health' }, schema: routeSchema('health', { summary: 'Liveness of the API process', tags: ['operations'], ok: { 200: HealthResponse } }) }, async () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    {
      config: { operationId: 'readiness' },
      schema: routeSchema('readiness', { summary: 'Readiness: Temporal, PostgreSQL and Kafka reachable (503 names the one that is not)', tags: ['operations'], ok: { 200: ReadinessResponse, 503: ReadinessResponse } }),
    },
    async (_req, reply) => {
      const r = await deps.readiness();
      return reply.code(r.status === 'ready' ? 200 : 503).send(r);
    },
  );

  app.get('/openapi.json', { config: { operationId: 'openapi' }, schema: { hide: true } }, async () => app.swagger());

  app.get('/me', { config: { operationId: 'me' }, schema: routeSchema('me', { summary: 'Who the token says you are, and the units your roles reach', tags: ['operations'], ok: { 200: MeResponse } }) }, async (req) => {
    const p = req.principal!;
    return {
      subject: p.subject,
      name: p.name ?? null,
      roles: p.roles,
      units: p.units,
      coveredUnits: Object.fromEntries(p.roles.map((r) => [r, [...coveredUnits(p, r, deps.catalog())].sort()])),
    };
  });
}
