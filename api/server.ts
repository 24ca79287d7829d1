import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError, errorSpec, isKnownCode } from '../app/errors';
import { toAppError } from '../app/temporal-errors';
import { installAccessControl } from './access-hooks';
import type { ApiDeps } from './api-deps';
import { normaliseStrings } from './normalise-strings';
import { appProblem, problem, sendProblem } from './problem';
import { registerAdminRoutes } from './routes/admin.routes';
import { registerCitizenRoutes } from './routes/citizen.routes';
import { registerDepartmentRoutes } from './routes/department.routes';
import { registerDossierRoutes } from './routes/dossier.routes';
import { registerOperationsRoutes } from './routes/operations.routes';
import { registerReceptionRoutes } from './routes/reception.routes';
import { registerSupervisionRoutes } from './routes/supervision.routes';
import { registerFormPdfRoutes } from './routes/form-pdf.routes';
import { registerInboxStreamRoutes } from './routes/inbox-stream.routes';
import { registerUnitConsumptionRoutes } from './routes/unit-consumption.routes';
import { registerWebRoutes } from '../web/server/web-routes';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Personal fields never reach a log line, whatever logs the request. */
const REDACT = ['req.headers.authorization', 'req.headers["x-dossier-token"]', '*.applicant', '*.idNumber', '*.fullName', '*.phone', '*.address', '*.email', '*.idLast4'];

const pgUnavailable = (err: unknown): boolean => {
  const code = (err as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || code === '08006' || code === '08001' || code === 'ETIMEDOUT' || /Connection terminated|connection timeout/i.test((err as Error)?.message ?? '');
};

export function buildServer(deps: ApiDeps): FastifyInstance {
  const app = Fastify({
    logger: deps.logLevel === 'silent' ? false : { level: deps.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    bodyLimit: 1024 * 1024,
    // every request id is a log field and the access log's
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(
        reply,
        problem(400, 'VALIDATION_FAILED', 'The request is not valid', `${err.validation.length} issue(s) in the ${err.validationContext ?? 'request'}`, {
          issues: err.validation.map((i) => ({
            path: i.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
            message: i.message ?? 'invalid',
            code: (i.params as { issue?: { code?: string } } | undefined)?.issue?.code ?? i.keyword,
          })),
        }),
        req.url,
      );
    }
    const known = err instanceof AppError ? err : toAppError(err);
    if (known) {
      if (!isKnownCode(known.code)) req.log.error({ code: known.code }, 'an error code missing from app/errors.ts');
      const p = appProblem(known);
      if (p.status === 429 && typeof known.details.retryAfterSeconds === 'number') reply.header('retry-after', String(known.details.retryAfterSeconds));
      if (p.status >= 500) req.log.warn({ code: known.code, err: known.message }, 'dependency unavailable');
      return sendProblem(reply, p, req.url);
    }
    if (pgUnavailable(err)) return sendProblem(reply, appProblem(new AppError('DATABASE_UNAVAILABLE', 'the database does not answer; retry shortly')), req.url);
    if (err.statusCode === 413) return sendProblem(reply, problem(413, 'PAYLOAD_TOO_LARGE', errorSpec('PAYLOAD_TOO_LARGE').title, err.message), req.url);
    if (err.statusCode === 415) return sendProblem(reply, problem(415, 'UNSUPPORTED_MEDIA_TYPE', errorSpec('UNSUPPORTED_MEDIA_TYPE').title, err.message), req.url);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, problem(err.statusCode, 'BAD_REQUEST', 'The request could not be read', err.message), req.url);
    }
    req.log.error(err);
    return sendProblem(reply, problem(500, 'INTERNAL', 'Internal error', 'the error was logged with this request id', { instance: req.id }), req.url);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problem(404, 'ROUTE_NOT_FOUND', 'No such route', `${req.method} ${req.url.split('?')[0]}`), req.url));

  app.addHook('preValidation', async (req) => {
    req.body = normaliseStrings(req.body);
    req.query = normaliseStrings(req.query);
  });

  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'motcua API', version: deps.version, description: 'Reception, processing, supervision and lookup of one-stop dossiers (một cửa liên thông). Errors are RFC 9457 problem details with a stable `code`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, dossierToken: { type: 'apiKey', in: 'header', name: 'X-Dossier-Token' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  void app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null, deepLinking: true }, staticCSP: true });

  installAccessControl(app, deps);
  void app.register(async (scoped) => {
    const z = scoped.withTypeProvider<ZodTypeProvider>();
    registerOperationsRoutes(z, deps);
    registerReceptionRoutes(z, deps);
    registerDepartmentRoutes(z, deps);
    registerDossierRoutes(z, deps);
    registerSupervisionRoutes(z, deps);
    registerCitizenRoutes(z, deps);
    registerAdminRoutes(z, deps);
    // the web pages' own needs, and the pages themselves (web/)
    registerInboxStreamRoutes(z, deps);
    registerUnitConsumptionRoutes(z, deps);
    registerFormPdfRoutes(z, deps);
    registerWebRoutes(scoped);
  });
  return app;
}
