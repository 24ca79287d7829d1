import http from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from './log';

/** A process's Prometheus registry, with Node's own series (CPU, memory, event-loop lag, GC). */
export function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** More exposition text appended to the registry's (the Temporal runtime's own exporter). */
  extra?: () => Promise<string>;
  log: Logger;
}

/**
 * Serves GET /metrics (Prometheus text) on its own port, never on the API's: the API's port faces
 * citizens. A port already taken is logged as an error and the process runs on without metrics:
 * an observability port must not take the engine down.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer | undefined> {
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    Promise.all([opts.registry.metrics(), opts.extra ? opts.extra().catch((err: Error) => `# the Temporal runtime's metrics are unavailable: ${err.message.replace(/\n/g, ' ')}\n`) : ''])
      .then(([own, extra]) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(extra ? `${own}\n${extra}` : own))
      .catch((err: Error) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${err.message}\n`));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, resolve);
    });
  } catch (err) {
    opts.log.error({ err, port: opts.port }, `metrics: cannot listen on ${opts.host}:${opts.port} (${(err as Error).message}); running without /metrics`);
    return undefined;
  }
  const port = (server.address() as { port: number }).port;
  const url = `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}/metrics`;
  opts.log.info({ metricsUrl: url }, `metrics on ${url}`);
  return { url, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A loopback port the kernel hands out now (for a listener of our own that only this process reads). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
