import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import { PROBLEM_CONTENT_TYPE } from './problem';

export interface ApiMetrics {
  requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  commands: Counter<'operation' | 'code'>;
}

/** Seconds; the command routes wait for Temporal and Kafka (tens to hundreds of ms), reads for PostgreSQL. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createApiMetrics(registry: Registry): ApiMetrics {
  return {
    requestDuration: new Histogram({
      name: 'motcua_http_request_duration_seconds',
      help: 'HTTP requests by route template, method and status, from arrival to the last byte of the answer.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    commands: new Counter({
      name: 'motcua_api_commands_total',
      help: 'Commands (POST and PUT operations) by operation and outcome: OK, or the error code of app/errors.ts the problem answer carried.',
      labelNames: ['operation', 'code'],
      registers: [registry],
    }),
  };
}

/** POST operations that only read: not commands. */
const READS_BY_POST = new Set(['citizenLookup', 'codecEncode', 'codecDecode', 'codecPreflight']);

/** An unknown URL is one route label, so random paths (a scan, the fuzz tier) cannot grow the series. */
export const UNMATCHED_ROUTE = '(unmatched)';

const operationOf = (req: FastifyRequest): string | undefined => (req.routeOptions.config as { operationId?: string } | undefined)?.operationId;

/**
 * Times every request by its route template and counts command outcomes. The outcome code is read
 * from the problem details the error handler sent (application/problem+json), so no route has to
 * report it.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  const problemCodes = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').startsWith(PROBLEM_CONTENT_TYPE)) {
      try {
        const code = (JSON.parse(payload) as { code?: unknown }).code;
        if (typeof code === 'string') problemCodes.set(req, code);
      } catch {
        // not ours to fail on: the status alone is counted
      }
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = String(reply.statusCode);
    metrics.requestDuration.observe({ method: req.method, route, status_code: status }, reply.elapsedTime / 1000);
    const operation = operationOf(req);
    if (operation && (req.method === 'POST' || req.method === 'PUT') && !READS_BY_POST.has(operation)) {
      metrics.commands.inc({ operation, code: reply.statusCode < 400 ? 'OK' : (problemCodes.get(req) ?? `HTTP_${status}`) });
    }
  });
}
