import { OrgUnit } from '../../contracts/org-unit.contract';
import { DomainError } from '../domain-error';

/** The slice of a catalogue organisation lookups need. */
export interface UnitDirectory {
  readonly units: readonly OrgUnit[];
}

export function findUnit(directory: UnitDirectory, id: string): OrgUnit | undefined {
  return directory.units.find((u) => u.id === id);
}

export function getUnit(directory: UnitDirectory, id: string): OrgUnit {
  const unit = findUnit(directory, id);
  if (!unit) throw new DomainError('UNIT_UNKNOWN', `unknown organisation unit ${id}`, { unitId: id });
  return unit;
}
