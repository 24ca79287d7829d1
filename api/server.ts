import Fastify, { type FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Catalog } from '../contracts/catalog.contract';
import { problem, sendProblem } from './problem';
import { registerDocsRoutes } from './routes/docs.routes';
import { registerDossierRoutes } from './routes/dossiers.routes';

export interface ApiDeps {
  temporal: Client;
  taskQueue: string;
  pool: Pool;
  catalog: Catalog;
  applicantKeySecret: string;
  /** The official calendar new dossiers are pinned to, unless their procedure names its own (default: the current one). */
  calendarVersion?: string;
  /** Injected so tests and the simulator control time; the API otherwise reads the wall clock. */
  now?: () => number;
}

export function buildServer(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  // every error leaves as problem details: a malformed body is the client's fault, anything else is logged and a 500
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, problem(err.statusCode, err.code ?? 'BAD_REQUEST', 'The request could not be read', err.message), req.url);
    }
    req.log.error(err);
    process.stderr.write(`api: ${req.method} ${req.url}: ${err.stack ?? err.message}\n`);
    return sendProblem(reply, problem(500, 'INTERNAL', 'Internal error', 'the error was logged'), req.url);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problem(404, 'ROUTE_NOT_FOUND', 'No such route', `${req.method} ${req.url}`), req.url));

  app.get('/healthz', async () => ({ status: 'ok' }));
  registerDossierRoutes(app, deps);
  registerDocsRoutes(app);
  return app;
}
