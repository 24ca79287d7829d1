/** What the queue orders by: the instant, then the order of scheduling (so equal instants keep their order). */
export interface Scheduled {
  at: number;
  seq: number;
}

/** A binary min-heap of scheduled items: deterministic for ties, O(log n) per push and pop. */
export class EventQueue<T extends Scheduled> {
  private readonly heap: T[] = [];
  private next = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `item` (its `seq` is assigned here). */
  push(item: Omit<T, 'seq'> & { seq?: number }): void {
    const it = item as T;
    it.seq = this.next++;
    const h = this.heap;
    let i = h.length;
    h.push(it);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (p.at < it.at || (p.at === it.at && p.seq < it.seq)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = it;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      const lc = h[l]!;
      if (r < n) {
        const rc = h[r]!;
        if (rc.at < lc.at || (rc.at === lc.at && rc.seq < lc.seq)) c = r;
      }
      const child = h[c]!;
      if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
