import type { DossierEvent } from '../../contracts/events';
import { coalescedApply, coalescedCommit, type FreshByProjection } from '../../projections/coalesced';

/** Stand-ins for decoded events: the coalescer only groups them and counts by identity. */
const events = (code: string, n: number) => Array.from({ length: n }, (_, i) => ({ dossierCode: code, sequence: i + 1 }) as unknown as DossierEvent);

describe('coalescedApply: the batches of one fetch in one transaction', () => {
  it('applies the calls of the same turn together; each learns how many of its own events were applied', async () => {
    const calls: DossierEvent[][] = [];
    const a = events('A', 3);
    const b = events('B', 2);
    // two projections: the first applies everything, the second had A's first event already
    const apply = coalescedApply(async (es): Promise<FreshByProjection> => {
      calls.push(es);
      return [
        ['p1', es],
        ['p2', es.filter((e) => e !== a[0])],
      ];
    });
    await expect(Promise.all([apply(a), apply(b)])).resolves.toEqual([5, 4]);
    expect(calls).toEqual([[...a, ...b]]);
  });

  it('calls arriving while a transaction runs wait for the next one, in their order', async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const apply = coalescedApply(async (es) => {
      calls.push([...new Set(es.map((e) => e.dossierCode))]);
      if (calls.length === 1) await first;
      return [['p', es]];
    });
    const one = apply(events('A', 1));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([['A']]);
    const later = [apply(events('B', 1)), apply(events('C', 2))];
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(1);
    release();
    await expect(Promise.all([one, ...later])).resolves.toEqual([1, 1, 2]);
    expect(calls).toEqual([['A'], ['B', 'C']]);
  });

  it('a shared transaction that fails is tried again call by call: only the batch that cannot be applied fails', async () => {
    const poison = events('BAD', 1);
    const good = events('OK', 2);
    const calls: number[] = [];
    const apply = coalescedApply(async (es) => {
      calls.push(es.length);
      if (es.some((e) => e === poison[0])) throw new Error('constraint violated');
      return [['p', es]];
    });
    const [bad, ok] = await Promise.allSettled([apply(poison), apply(good)]);
    expect(bad).toEqual({ status: 'rejected', reason: new Error('constraint violated') });
    expect(ok).toEqual({ status: 'fulfilled', value: 2 });
    expect(calls).toEqual([3, 1, 2]);
  });

  it('a lone call that fails is not tried twice, and the next call still runs', async () => {
    let n = 0;
    const apply = coalescedApply(async (es) => {
      n++;
      if (n === 1) throw new Error('database restarting');
      return [['p', es]];
    });
    await expect(apply(events('A', 1))).rejects.toThrow('database restarting');
    expect(n).toBe(1);
    await expect(apply(events('A', 1))).resolves.toBe(1);
  });

  it('commits the offsets of the same turn in one request, through the first batch’s commit', async () => {
    const sent: Array<{ by: string; topics: unknown }> = [];
    const via = (by: string) => async (o: { topics: unknown }) => void sent.push({ by, topics: o.topics });
    const commit = coalescedCommit();
    await Promise.all([
      commit({ topic: 'ev', partition: 0, offset: '11' }, via('p0')),
      commit({ topic: 'ev', partition: 3, offset: '7' }, via('p3')),
      commit({ topic: 'other', partition: 1, offset: '2' }, via('o1')),
    ]);
    expect(sent).toEqual([
      {
        by: 'p0',
        topics: [
          { topic: 'ev', partitions: [{ partition: 0, offset: '11' }, { partition: 3, offset: '7' }] },
          { topic: 'other', partitions: [{ partition: 1, offset: '2' }] },
        ],
      },
    ]);
  });
});
