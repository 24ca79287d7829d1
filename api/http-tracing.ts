import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tracer } from '../infra/observability/tracing';
import { UNMATCHED_ROUTE } from './http-metrics';

/**
 * A server span per request, the child of the caller's `traceparent` when it sends one. The span is
 * made the active context from preHandler on (after the body is read), so the handler's Temporal
 * calls, whose client interceptor starts their spans from the active context, are its children.
 */
export function installHttpTracing(app: FastifyInstance): void {
  const spans = new WeakMap<FastifyRequest, { span: Span; ctx: Context }>();
  app.addHook('onRequest', (req, _reply, done) => {
    const route = req.routeOptions.url ?? UNMATCHED_ROUTE;
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': route, 'url.path': req.url.split('?')[0] ?? req.url, 'motcua.request_id': req.id } },
      parent,
    );
    const code = (req.params as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') span.setAttribute('motcua.dossier_code', code);
    spans.set(req, { span, ctx: trace.setSpan(parent, span) });
    done();
  });
  app.addHook('preHandler', (req, _reply, done) => {
    const traced = spans.get(req);
    if (!traced) return done();
    // what runs from here on (the remaining hooks, the handler, its awaits) sees the request's span
    context.with(traced.ctx, done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const span = spans.get(req)?.span;
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
