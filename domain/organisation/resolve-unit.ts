import { IsoDate, LOCALITY_KINDS, OrgUnit, UnitKind } from '../../contracts/org-unit.contract';
import { DomainError } from '../domain-error';
import { isEffectiveAt } from './effective-dating';
import { successorAt } from './successor';
import { findUnit, UnitDirectory } from './unit-directory';

/** The receiving unit's locality and the localities above it, nearest first. */
export function localityChain(unitId: string, at: IsoDate, directory: UnitDirectory): OrgUnit[] {
  const chain: OrgUnit[] = [];
  let unit: OrgUnit | undefined = successorAt(unitId, at, directory);
  while (unit) {
    if (LOCALITY_KINDS.includes(unit.kind)) chain.push(unit);
    if (chain.length > 16) break;
    unit = unit.parentId ? findUnit(directory, unit.parentId) : undefined;
    // a parent that has since been reorganised is followed to the locality that replaced it
    if (unit && !isEffectiveAt(unit, at)) unit = successorAt(unit.id, at, directory);
  }
  return chain;
}

/**
 * The concrete unit of a kind that serves a dossier received at `receivingUnitId` on `at`: the
 * nearest locality (walking up from the receiving desk) with an in-force unit of that kind,
 * either inside it or serving it. Ties go to the unit inside the locality, then to the smaller id.
 */
export function resolveUnit(kind: UnitKind, receivingUnitId: string, at: IsoDate, directory: UnitDirectory): OrgUnit {
  const chain = localityChain(receivingUnitId, at, directory);
  for (const locality of chain) {
    if (locality.kind === kind) return locality;
    const inside = directory.units.filter((u) => u.kind === kind && u.parentId === locality.id && isEffectiveAt(u, at));
    const serving = directory.units.filter((u) => u.kind === kind && u.servesIds.includes(locality.id) && isEffectiveAt(u, at));
    const pick = (inside.length > 0 ? inside : serving).slice().sort((a, b) => a.id.localeCompare(b.id))[0];
    if (pick) return pick;
  }
  throw new DomainError('UNIT_NOT_RESOLVED', `no ${kind} serves ${receivingUnitId} on ${at}`, { kind, receivingUnitId, at });
}
