/**
 * Fixed-window counters by key. The citizen endpoints limit per client and per dossier code at
 * once (two keys per request), which one in-memory map does simply; each API replica counts on
 * its own, so the effective limit of a deployment is the per-replica limit times the replicas.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; returns the seconds to wait when over the limit, else undefined. */
  hit(key: string): number | undefined {
    const now = this.now();
    if (now - this.lastSweep > this.windowMs) this.sweep(now);
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return undefined;
    }
    w.count += 1;
    return w.count > this.max ? Math.ceil((w.start + this.windowMs - now) / 1000) : undefined;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
