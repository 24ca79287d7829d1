import type { Catalog } from '../../contracts/catalog.contract';
import type { Channel } from '../../contracts/dossier.contract';
import { ONE_STOP_DESK_KINDS, type OrgUnit } from '../../contracts/org-unit.contract';
import type { ProcedureDefinition, ProcedureVersion } from '../../contracts/procedure.contract';
import { formatLocalDate, localDayNumber } from '../calendar/local-time';
import { DomainError } from '../domain-error';
import { isEffectiveAt } from '../organisation/effective-dating';
import { resolveUnit } from '../organisation/resolve-unit';
import { findUnit } from '../organisation/unit-directory';
import { findProcedure, procedureVersionAt } from '../procedure/procedure-version';

export interface ReceptionPlan {
  procedure: ProcedureDefinition;
  version: ProcedureVersion;
  unit: OrgUnit;
  cutoff?: string;
  /** stepId → the unit that handles it for this dossier. */
  routing: Record<string, string>;
  /** unitId → the unit a breach there escalates to (its parent: the People's Committee or the province). */
  supervisors: Record<string, string>;
}


/** Pins the procedure version and unit a dossier is received under; rejects what cannot be received. */
export function planReception(catalog: Pick<Catalog, 'units' | 'procedures'>, req: { procedureCode: string; receivingUnitId: string; channel: Channel; receivedAtMs: number }): ReceptionPlan {
  const at = formatLocalDate(localDayNumber(req.receivedAtMs));
  const unit = findUnit(catalog, req.receivingUnitId);
  if (!unit) throw new DomainError('UNIT_UNKNOWN', `unknown receiving unit ${req.receivingUnitId}`, { unitId: req.receivingUnitId });
  if (!isEffectiveAt(unit, at)) {
    throw new DomainError('UNIT_NOT_EFFECTIVE', `unit ${unit.id} does not exist on ${at}${unit.successorId ? `; its successor is ${unit.successorId}` : ''}`, {
      unitId: unit.id,
      at,
      successorId: unit.successorId,
    });
  }
  if (!ONE_STOP_DESK_KINDS.includes(unit.kind)) {
    throw new DomainError('UNIT_NOT_A_DESK', `${unit.id} is a ${unit.kind}, not a one-stop desk: dossiers are received at a desk and routed to departments from there`, {
      unitId: unit.id,
      kind: unit.kind,
    });
  }
  const procedure = findProcedure(catalog.procedures, req.procedureCode);
  const version = procedureVersionAt(procedure, at);
  const routing: Record<string, string> = {};
  for (const step of version.steps) routing[step.id] = step.unitId ?? resolveUnit(step.unitKind, unit.id, at, catalog).id;
  const supervisors: Record<string, string> = {};
  for (const id of new Set([unit.id, ...Object.values(routing)])) {
    const parent = findUnit(catalog, id)?.parentId;
    if (parent) supervisors[id] = parent;
  }
  return {
    routing,
    supervisors,
    procedure,
    version,
    unit,
    ...(version.receptionCutOff ? { cutoff: version.receptionCutOff } : {}),
  };
}
