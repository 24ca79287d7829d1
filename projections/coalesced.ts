import type { DossierEvent } from '../contracts/events';

/** Partitions of a fetch whose batches a consumer runs at once: at least the partitions a member holds (the cluster's topic has twelve). */
export const DEFAULT_PARTITIONS_TOGETHER = 16;

/** What one transaction applied: each projection's name with the events it had not applied before. */
export type FreshByProjection = Array<[string, DossierEvent[]]>;

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Calls made in the same turn of the event loop run as one `together` call (kafkajs runs a fetch's
 * partitions concurrently, so their batches arrive in one turn); calls arriving while it runs wait
 * for the next one. A shared call that fails is tried again item by item, so an item that cannot
 * succeed fails alone and the others go on.
 */
export function coalesced<T, R>(together: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let queue: Array<Waiting<T, R>> = [];
  let busy = false;

  const alone = async (w: Waiting<T, R>) => {
    try {
      w.resolve((await together([w.item]))[0]!);
    } catch (err) {
      w.reject(err);
    }
  };

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      if (batch.length === 1) {
        await alone(batch[0]!);
        continue;
      }
      let results: R[] | undefined;
      try {
        results = await together(batch.map((w) => w.item));
      } catch {
        for (const w of batch) await alone(w);
        continue;
      }
      batch.forEach((w, i) => w.resolve(results[i]!));
    }
    busy = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (busy) return;
      busy = true;
      setImmediate(() => void flush());
    });
}

function appliedOf(freshBy: FreshByProjection, events: DossierEvent[]): number {
  const own = new Set(events);
  let n = 0;
  for (const [, fresh] of freshBy) for (const e of fresh) if (own.has(e)) n++;
  return n;
}

/**
 * kafkajs hands a fetch over as one batch per partition. Applied one by one, each is a transaction of
 * its own, and under a steady load a fetch holds an event or two per partition: the transactions,
 * not the events, were most of the read-model side's CPU. The batches of one fetch share a
 * transaction; each caller learns how many of its own events the projections applied.
 */
export function coalescedApply(applyAll: (events: DossierEvent[]) => Promise<FreshByProjection>): (events: DossierEvent[]) => Promise<number> {
  return coalesced(async (lists: DossierEvent[][]) => {
    const freshBy = await applyAll(lists.flat());
    return lists.map((events) => appliedOf(freshBy, events));
  });
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** the next offset the group reads */
  offset: string;
}
type CommitOffsets = (offsets: { topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }) => Promise<void>;

/**
 * The offsets of one fetch's batches in one OffsetCommit request instead of one per partition. The
 * group commits any of its partitions through any batch's `commitOffsetsIfNecessary`.
 */
export function coalescedCommit(): (at: PartitionOffset, commit: CommitOffsets) => Promise<void> {
  const run = coalesced(async (items: Array<{ at: PartitionOffset; commit: CommitOffsets }>) => {
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const { at } of items) {
      const partitions = byTopic.get(at.topic) ?? [];
      partitions.push({ partition: at.partition, offset: at.offset });
      byTopic.set(at.topic, partitions);
    }
    await items[0]!.commit({ topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
    return items.map(() => undefined);
  });
  return (at, commit) => run({ at, commit });
}
