/**
 * The cluster profile's balancer in front of the Temporal frontends, as a process of its own.
 * Usage: tcp-balancer.main.ts LISTEN_HOST:PORT BACKEND_HOST:PORT... [--state-dir DIR]
 * (--state-dir only marks the process as this clone's, for `stack down`).
 */
import { createTcpBalancer, parseBackend } from './tcp-balancer';

const args = process.argv.slice(2).filter((a, i, all) => a !== '--state-dir' && all[i - 1] !== '--state-dir');
const [listen, ...backends] = args;
if (!listen || backends.length === 0) {
  process.stderr.write('usage: tcp-balancer.main.ts LISTEN_HOST:PORT BACKEND_HOST:PORT...\n');
  process.exit(2);
}
const at = parseBackend(listen);
const server = createTcpBalancer(backends.map(parseBackend));
server.on('error', (err) => {
  process.stderr.write(`tcp-balancer: ${err.message}\n`);
  process.exit(1);
});
server.listen({ host: at.host, port: at.port }, () => process.stderr.write(`tcp-balancer: ${listen} -> ${backends.join(', ')}\n`));
// the proxied gRPC connections never end by themselves: leaving closes them, and clients reconnect
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0));
