import net from 'node:net';

export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The preferred port when it is free, otherwise one the kernel hands out; `avoid` holds ports already promised. */
export async function pickPort(host: string, preferred: number, avoid: Set<number>): Promise<number> {
  if (!avoid.has(preferred) && (await portFree(host, preferred))) {
    avoid.add(preferred);
    return preferred;
  }
  for (;;) {
    const p = await ephemeralPort(host);
    if (!avoid.has(p)) {
      avoid.add(p);
      return p;
    }
  }
}

export function parseHostPort(address: string): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim());
  if (!m || !m[1] || !m[2]) return undefined;
  return { host: m[1], port: Number(m[2]) };
}

/** Polls a condition until it holds or the deadline passes; the condition is the health check itself. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The first free port from `preferred` upwards, never above `max`: for ports that must stay in a
 * range (Temporal stores membership ports in a SMALLINT column, so nothing from the kernel's
 * ephemeral range above 32767).
 */
export async function pickPortUpwards(host: string, preferred: number, avoid: Set<number>, max = 32767): Promise<number> {
  for (let p = preferred; p <= max; p++) {
    if (!avoid.has(p) && (await portFree(host, p))) {
      avoid.add(p);
      return p;
    }
  }
  throw new Error(`no free port on ${host} between ${preferred} and ${max}`);
}
