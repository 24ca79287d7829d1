import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/**
 * A layer-4 balancer, the local stand-in for the load balancer in front of Temporal's frontends
 * (a Kubernetes Service, an NLB): each client connection goes to the next backend that accepts
 * it, round robin. When a backend goes away its connections close, and the clients' reconnects
 * land on the backends that remain. gRPC runs over long-lived HTTP/2 connections, so balancing
 * per connection is what such load balancers do too.
 */
export function createTcpBalancer(backends: Backend[], opts: { connectTimeoutMs?: number } = {}): net.Server {
  if (backends.length === 0) throw new Error('tcp balancer: no backends');
  let next = 0;
  const connectTimeoutMs = opts.connectTimeoutMs ?? 2000;

  function connectToAny(attempt: number, start: number, onConnected: (s: net.Socket) => void, onFailed: () => void): void {
    if (attempt >= backends.length) return onFailed();
    const b = backends[(start + attempt) % backends.length]!;
    const upstream = net.connect({ host: b.host, port: b.port });
    const fail = () => {
      upstream.destroy();
      connectToAny(attempt + 1, start, onConnected, onFailed);
    };
    upstream.setTimeout(connectTimeoutMs, fail);
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      upstream.removeListener('error', fail);
      onConnected(upstream);
    });
  }

  return net.createServer((client) => {
    client.pause();
    client.setNoDelay(true);
    client.on('error', () => client.destroy());
    const start = next;
    next = (next + 1) % backends.length;
    connectToAny(
      0,
      start,
      (upstream) => {
        if (client.destroyed) return void upstream.destroy();
        upstream.setNoDelay(true);
        upstream.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.resume();
      },
      () => client.destroy(),
    );
  });
}

export function parseBackend(text: string): Backend {
  const m = /^([^:]+):(\d+)$/.exec(text);
  if (!m) throw new Error(`tcp balancer: backend must be host:port, got ${text}`);
  return { host: m[1]!, port: Number(m[2]) };
}
