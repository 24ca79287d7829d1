import { IsoDate, OrgUnit } from '../../contracts/org-unit.contract';
import { DomainError } from '../domain-error';
import { isEffectiveAt } from './effective-dating';
import { getUnit, UnitDirectory } from './unit-directory';

/**
 * The unit that holds a unit's dossiers on a date: itself while in force, else the end of its
 * successor chain. In-flight dossiers move this way after a reorganisation (Resolution 190/2025/QH15).
 */
export function successorAt(unitId: string, at: IsoDate, directory: UnitDirectory): OrgUnit {
  const seen = new Set<string>();
  let unit = getUnit(directory, unitId);
  for (;;) {
    if (isEffectiveAt(unit, at)) return unit;
    if (at < unit.validFrom) {
      throw new DomainError('UNIT_NOT_YET_EFFECTIVE', `unit ${unit.id} is in force only from ${unit.validFrom}, not on ${at}`, {
        unitId: unit.id,
        at,
      });
    }
    if (!unit.successorId) {
      throw new DomainError('UNIT_DISSOLVED_WITHOUT_SUCCESSOR', `unit ${unit.id} ended on ${unit.validTo} and names no successor`, {
        unitId: unit.id,
        at,
      });
    }
    seen.add(unit.id);
    if (seen.has(unit.successorId)) {
      throw new DomainError('UNIT_SUCCESSOR_CYCLE', `successor chain of ${unitId} loops at ${unit.successorId}`, { unitId });
    }
    unit = getUnit(directory, unit.successorId);
  }
}
