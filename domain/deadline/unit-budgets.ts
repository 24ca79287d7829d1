import type { ProcedureStep } from '../../contracts/procedure.contract';
import { comparableWorkingMinutes } from '../procedure/comparable-duration';
import { isReturnStep } from '../dossier/routing';

/**
 * Working minutes each unit is allotted on a dossier: the allotments of the processing steps
 * routed to it (the result hand-over after processing is not part of the budget). What the
 * dossier page sets each unit's consumed time against.
 */
export function allotmentByUnit(steps: readonly ProcedureStep[], routing: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const step of steps) {
    if (isReturnStep(step)) continue;
    const unit = routing[step.id];
    if (unit) out[unit] = (out[unit] ?? 0) + comparableWorkingMinutes(step.allotment);
  }
  return out;
}
