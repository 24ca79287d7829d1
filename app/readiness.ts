import type { ReadinessResponse } from '../contracts/api/operations.contract';

export interface ReadinessProbe {
  name: 'temporal' | 'postgres' | 'kafka';
  check(): Promise<void>;
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

/** Every dependency checked in parallel, each within a time limit; the answer names the one that failed and why. */
export function createReadiness(probes: ReadinessProbe[], timeoutMs = 2000, cacheMs = 1000): () => Promise<ReadinessResponse> {
  let cached: { at: number; value: Promise<ReadinessResponse> } | undefined;
  const run = async (): Promise<ReadinessResponse> => {
    const checks = await Promise.all(
      probes.map(async (p) => {
        const t0 = Date.now();
        try {
          await withTimeout(p.check(), timeoutMs, p.name);
          return { name: p.name, ok: true, millis: Date.now() - t0 };
        } catch (err) {
          return { name: p.name, ok: false, detail: (err as Error).message.split('\n')[0]!.slice(0, 300), millis: Date.now() - t0 };
        }
      }),
    );
    return { status: checks.every((c) => c.ok) ? 'ready' : 'not_ready', checks };
  };
  return () => {
    // load balancers probe often: one round of checks serves the probes of the next second
    if (!cached || Date.now() - cached.at > cacheMs) cached = { at: Date.now(), value: run() };
    return cached.value;
  };
}
