import type { ProcedureStep, ProcedureVersion } from '../../contracts/procedure.contract';
import { DomainError } from '../domain-error';
import { predecessors, startSteps } from '../procedure/step-graph';
import type { DossierState } from './dossier-state';

/** Hand-over of the result happens after processing: it is not part of the processing graph's completion. */
export const isReturnStep = (s: ProcedureStep): boolean => s.kind === 'result_return';

export function processingSteps(p: ProcedureVersion): ProcedureStep[] {
  return p.steps.filter((s) => !isReturnStep(s));
}

export function unitForStep(state: DossierState, stepId: string): string {
  const unit = state.input.routing[stepId];
  if (!unit) throw new DomainError('STEP_NOT_ROUTED', `step ${stepId} has no unit in this dossier's routing`, { stepId });
  return unit;
}

/** Steps that open at reception. */
export function initialSteps(p: ProcedureVersion): ProcedureStep[] {
  return startSteps(processingSteps(p));
}

/**
 * Steps that become ready once `doneStepId` completes: successors (other than result hand-over)
 * whose every predecessor is done, which is how parallel branches join.
 */
export function readyAfter(p: ProcedureVersion, doneStepId: string, done: ReadonlySet<string>): ProcedureStep[] {
  const step = p.steps.find((s) => s.id === doneStepId);
  if (!step) return [];
  return step.next
    .map((id) => p.steps.find((s) => s.id === id))
    .filter((s): s is ProcedureStep => s !== undefined && !isReturnStep(s))
    .filter((s) => predecessors(p.steps, s.id).every((pre) => done.has(pre.id) || isReturnStep(pre)));
}

/** Processing is complete when every processing step is done. */
export function processingComplete(p: ProcedureVersion, done: ReadonlySet<string>): boolean {
  return processingSteps(p).every((s) => done.has(s.id));
}

/** Where a step sends its work back to: the named predecessor, or all of them. */
export function returnTargets(p: ProcedureVersion, stepId: string, toStepId?: string): ProcedureStep[] {
  const pres = predecessors(p.steps, stepId);
  if (pres.length === 0) throw new DomainError('RETURN_FROM_FIRST_STEP', `step ${stepId} has no previous step to return to`, { stepId });
  if (toStepId === undefined) return pres;
  const target = pres.find((s) => s.id === toStepId);
  if (!target) throw new DomainError('RETURN_TARGET_NOT_PREVIOUS', `step ${toStepId} is not a previous step of ${stepId}`, { stepId, toStepId });
  return [target];
}

/** Steps downstream of `stepId` (itself included) that are done and must be redone after a return. */
export function downstreamOf(p: ProcedureVersion, stepIds: string[]): Set<string> {
  const out = new Set<string>();
  const stack = [...stepIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    const s = p.steps.find((x) => x.id === id);
    if (s) stack.push(...s.next);
  }
  return out;
}

export function returnStepsOf(p: ProcedureVersion): ProcedureStep[] {
  return p.steps.filter(isReturnStep);
}
