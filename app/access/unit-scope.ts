import type { Principal, Role } from '../../contracts/api/principal.contract';
import { unitsUnder } from '../../domain/organisation/unit-tree';
import type { UnitDirectory } from '../../domain/organisation/unit-directory';

/** Roles that oversee: their units reach every unit below them. The others act in exactly their units. */
const OVERSEEING: ReadonlySet<Role> = new Set<Role>(['supervisor', 'analyst', 'admin']);

/** The units a principal reaches in one of its roles. */
export function coveredUnits(principal: Principal, role: Role, directory: UnitDirectory): Set<string> {
  if (!principal.roles.includes(role)) return new Set();
  return OVERSEEING.has(role) ? unitsUnder(directory, principal.units) : new Set(principal.units);
}

/** The units a principal reaches in any of the given roles. */
export function coveredByAny(principal: Principal, roles: readonly Role[], directory: UnitDirectory): Set<string> {
  const out = new Set<string>();
  for (const role of roles) for (const u of coveredUnits(principal, role, directory)) out.add(u);
  return out;
}

/** Which units of a dossier a role relates to: the desk by the receiving unit, departments by their tasks, overseers by either. */
export interface DossierInvolvement {
  receivingUnitId: string;
  /** Units that hold or held a task of the dossier. */
  taskUnitIds: readonly string[];
}

export function dossierRelation(role: Role, d: DossierInvolvement): readonly string[] {
  switch (role) {
    case 'reception':
    case 'backfill':
      return [d.receivingUnitId];
    case 'officer':
    case 'unit_head':
      return d.taskUnitIds;
    case 'supervisor':
    case 'analyst':
    case 'admin':
      return [d.receivingUnitId, ...d.taskUnitIds];
  }
}

/** The roles (of those allowed) in which the principal may act on this dossier. */
export function rolesOnDossier(principal: Principal, allowed: readonly Role[], d: DossierInvolvement, directory: UnitDirectory): Role[] {
  return allowed.filter((role) => {
    const covered = coveredUnits(principal, role, directory);
    return dossierRelation(role, d).some((u) => covered.has(u));
  });
}
