import http from 'node:http';

export interface HealthServer {
  close(): Promise<void>;
  port: number;
}

/**
 * Liveness and readiness for orchestrators (Docker HEALTHCHECK, Kubernetes probes): `/healthz`
 * answers 200 while the process's event loop runs, `/readyz` 200 only while `ready()` holds.
 */
export async function startHealthServer(host: string, port: number, ready: () => boolean): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (url === '/readyz') {
      const ok = ready();
      return void res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ready\n' : 'not ready\n');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
