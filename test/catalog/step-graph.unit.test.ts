import fc from 'fast-check';
import { isDomainError } from '../../domain/domain-error';
import {
  endSteps,
  findCycle,
  GraphStep,
  isFork,
  isJoin,
  longestPath,
  predecessors,
  startSteps,
  successors,
  topologicalOrder,
} from '../../domain/procedure/step-graph';

const s = (id: string, minutes: number, next: string[] = []): GraphStep => ({ id, next, allotment: { amount: minutes, unit: 'working_minutes' } });

// reception → civil status → (police ∥ social insurance) → return
const diamond = [s('in', 2, ['hs']), s('hs', 3, ['ca', 'bh']), s('ca', 4, ['out']), s('bh', 5, ['out']), s('out', 2)];

describe('step graph', () => {
  it('finds starts, ends, successors and predecessors', () => {
    expect(startSteps(diamond).map((x) => x.id)).toEqual(['in']);
    expect(endSteps(diamond).map((x) => x.id)).toEqual(['out']);
    expect(successors(diamond, 'hs').map((x) => x.id)).toEqual(['ca', 'bh']);
    expect(predecessors(diamond, 'out').map((x) => x.id)).toEqual(['ca', 'bh']);
  });

  it('tells forks and joins', () => {
    expect(isFork(diamond, 'hs')).toBe(true);
    expect(isJoin(diamond, 'out')).toBe(true);
    expect(isJoin(diamond, 'ca')).toBe(false);
  });

  it('orders topologically, stable in declaration order', () => {
    expect(topologicalOrder(diamond)).toEqual(['in', 'hs', 'ca', 'bh', 'out']);
  });

  it('takes the slowest parallel branch as the longest path', () => {
    expect(longestPath(diamond)).toEqual({ minutes: 12, path: ['in', 'hs', 'bh', 'out'] });
  });

  it('converts working days and hours to working minutes on the path', () => {
    const mixed: GraphStep[] = [
      { id: 'a', next: ['b'], allotment: { amount: 1, unit: 'working_days' } },
      { id: 'b', next: [], allotment: { amount: 2, unit: 'working_hours' } },
    ];
    expect(longestPath(mixed).minutes).toBe(480 + 120);
  });

  it('reports cycles with a STEP_GRAPH_CYCLE error', () => {
    const cyclic = [s('a', 1, ['b']), s('b', 1, ['c']), s('c', 1, ['b'])];
    expect(findCycle(cyclic)).toEqual(['b', 'c', 'b']);
    expect(findCycle(diamond)).toBeUndefined();
    let error: unknown;
    try {
      topologicalOrder(cyclic);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe('STEP_GRAPH_CYCLE');
  });

  it('rejects an unknown step id', () => {
    expect(() => successors(diamond, 'zz')).toThrow(expect.objectContaining({ code: 'STEP_NOT_FOUND' }));
  });

  /** Random DAGs: edges only go from lower to higher index, so they are acyclic by construction. */
  const dag = fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: n, maxLength: n }),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
      ),
    )
    .map(([minutes, pairs]) => {
      const next = minutes.map(() => new Set<string>());
      for (const [a, b] of pairs) if (a < b) next[a]!.add(`s${b}`);
      return minutes.map((m, i) => s(`s${i}`, m, [...next[i]!]));
    });

  it('orders every edge forward and finds a path no shorter than any edge chain', () => {
    fc.assert(
      fc.property(dag, (steps) => {
        const order = topologicalOrder(steps);
        expect(order).toHaveLength(steps.length);
        const pos = new Map(order.map((id, i) => [id, i]));
        for (const st of steps) for (const n of st.next) expect(pos.get(st.id)!).toBeLessThan(pos.get(n)!);
        const lp = longestPath(steps);
        for (const st of steps) expect(lp.minutes).toBeGreaterThanOrEqual(st.allotment.amount);
        const sum = lp.path.reduce((acc, id) => acc + steps.find((x) => x.id === id)!.allotment.amount, 0);
        expect(sum).toBe(lp.minutes);
        for (let i = 1; i < lp.path.length; i++) expect(steps.find((x) => x.id === lp.path[i - 1])!.next).toContain(lp.path[i]);
      }),
    );
  });
});
