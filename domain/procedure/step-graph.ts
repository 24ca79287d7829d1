import { Duration } from '../../contracts/duration.contract';
import { DomainError } from '../domain-error';
import { comparableWorkingMinutes } from './comparable-duration';

/** The part of a step the graph functions need, so callers may pass richer step types. */
export interface GraphStep {
  readonly id: string;
  readonly next: readonly string[];
  readonly allotment: Duration;
}

function byId<S extends GraphStep>(steps: readonly S[]): Map<string, S> {
  return new Map(steps.map((s) => [s.id, s]));
}

export function findStep<S extends GraphStep>(steps: readonly S[], id: string): S {
  const step = steps.find((s) => s.id === id);
  if (!step) throw new DomainError('STEP_NOT_FOUND', `no step ${id}`, { stepId: id });
  return step;
}

export function successors<S extends GraphStep>(steps: readonly S[], id: string): S[] {
  const index = byId(steps);
  return findStep(steps, id).next.map((n) => {
    const s = index.get(n);
    if (!s) throw new DomainError('STEP_NOT_FOUND', `step ${id} names unknown next step ${n}`, { stepId: n });
    return s;
  });
}

/** The steps a step waits for (its dependsOn). */
export function predecessors<S extends GraphStep>(steps: readonly S[], id: string): S[] {
  return steps.filter((s) => s.next.includes(id));
}

export function startSteps<S extends GraphStep>(steps: readonly S[]): S[] {
  const targets = new Set(steps.flatMap((s) => s.next));
  return steps.filter((s) => !targets.has(s.id));
}

export function endSteps<S extends GraphStep>(steps: readonly S[]): S[] {
  return steps.filter((s) => s.next.length === 0);
}

/** A join waits for every branch that names it. */
export function isJoin(steps: readonly GraphStep[], id: string): boolean {
  return predecessors(steps, id).length > 1;
}

export function isFork(steps: readonly GraphStep[], id: string): boolean {
  return findStep(steps, id).next.length > 1;
}

/** Steps on some cycle, in cycle order, or undefined if the graph is acyclic. Unknown next ids are ignored. */
export function findCycle(steps: readonly GraphStep[]): string[] | undefined {
  const index = byId(steps);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const mark = state.get(id);
    if (mark === 'done') return undefined;
    if (mark === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    for (const n of index.get(id)?.next ?? []) {
      if (!index.has(n)) continue;
      const cycle = visit(n);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const s of steps) {
    const cycle = visit(s.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Kahn's order; ties keep declaration order so the result is stable across runs. */
export function topologicalOrder(steps: readonly GraphStep[]): string[] {
  const indegree = new Map(steps.map((s) => [s.id, 0]));
  for (const s of steps) for (const n of s.next) if (indegree.has(n)) indegree.set(n, (indegree.get(n) ?? 0) + 1);
  const ready = steps.filter((s) => indegree.get(s.id) === 0).map((s) => s.id);
  const index = byId(steps);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const n of index.get(id)?.next ?? []) {
      if (!indegree.has(n)) continue;
      const left = (indegree.get(n) ?? 0) - 1;
      indegree.set(n, left);
      if (left === 0) ready.push(n);
    }
  }
  if (order.length !== steps.length) {
    const cycle = findCycle(steps) ?? [];
    throw new DomainError('STEP_GRAPH_CYCLE', `step graph has a cycle: ${cycle.join(' → ')}`, { cycle });
  }
  return order;
}

export interface LongestPath {
  /** Sum of allotments along the path, in working minutes. */
  readonly minutes: number;
  readonly path: string[];
}

/** The critical path: parallel branches overlap, so the slowest chain bounds the whole dossier. */
export function longestPath(steps: readonly GraphStep[]): LongestPath {
  const order = topologicalOrder(steps);
  const index = byId(steps);
  const best = new Map<string, LongestPath>();
  for (const id of order) {
    const step = index.get(id) as GraphStep;
    let head: LongestPath | undefined;
    for (const p of predecessors(steps, id)) {
      const candidate = best.get(p.id);
      if (candidate && (!head || candidate.minutes > head.minutes)) head = candidate;
    }
    const base = head ?? { minutes: 0, path: [] };
    best.set(id, { minutes: base.minutes + comparableWorkingMinutes(step.allotment), path: [...base.path, id] });
  }
  let result: LongestPath = { minutes: 0, path: [] };
  for (const p of best.values()) if (p.minutes > result.minutes || result.path.length === 0) result = p;
  return result;
}
