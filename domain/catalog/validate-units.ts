import { CatalogIssue } from '../../contracts/catalog.contract';
import { OrgUnit } from '../../contracts/org-unit.contract';
import { isEffectiveAt, nextIsoDate } from '../organisation/effective-dating';
import { serviceHoursProblem } from '../organisation/service-hours';
import { issue } from './catalog-issue';

export function validateUnits(units: readonly OrgUnit[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const index = new Map<string, OrgUnit>();
  units.forEach((u, i) => {
    if (index.has(u.id)) issues.push(issue('UNIT_DUPLICATE_ID', { unitId: u.id }, `units[${i}].id`, `duplicate unit id ${u.id}`));
    else index.set(u.id, u);
  });

  units.forEach((u, i) => {
    const scope = { unitId: u.id };
    const at = `units[${i}]`;
    if (u.validTo !== undefined && u.validTo < u.validFrom) {
      issues.push(issue('UNIT_VALIDITY_INVERTED', scope, `${at}.validTo`, `validTo ${u.validTo} is before validFrom ${u.validFrom}`));
    }
    if (u.parentId !== undefined) {
      const parent = index.get(u.parentId);
      if (!parent) issues.push(issue('UNIT_PARENT_UNKNOWN', scope, `${at}.parentId`, `unknown parent ${u.parentId}`));
      else if (!isEffectiveAt(parent, u.validFrom)) {
        issues.push(issue('UNIT_PARENT_NOT_EFFECTIVE', scope, `${at}.parentId`, `parent ${u.parentId} is not in force on ${u.validFrom}`));
      }
    }
    const hours = serviceHoursProblem(u);
    if (hours) issues.push(issue('UNIT_SERVICE_HOURS_INVALID', scope, `${at}.serviceHours`, hours));
    u.servesIds.forEach((s, j) => {
      if (!index.has(s)) issues.push(issue('UNIT_SERVES_UNKNOWN', scope, `${at}.servesIds[${j}]`, `unknown served locality ${s}`));
    });
    if (u.successorId !== undefined) {
      const successor = index.get(u.successorId);
      if (!successor) issues.push(issue('UNIT_SUCCESSOR_UNKNOWN', scope, `${at}.successorId`, `unknown successor ${u.successorId}`));
      else if (u.validTo === undefined) {
        issues.push(issue('UNIT_SUCCESSOR_NOT_EFFECTIVE', scope, `${at}.validTo`, `names successor ${u.successorId} but has no validTo`));
      } else {
        // a dossier must never fall into a gap: the successor takes over the very next day
        const handover = nextIsoDate(u.validTo);
        if (successor.validFrom > handover) {
          issues.push(
            issue('UNIT_SUCCESSOR_NOT_EFFECTIVE', scope, `${at}.successorId`, `successor ${u.successorId} starts ${successor.validFrom}, after the handover on ${handover}`),
          );
        }
      }
    }
  });

  for (const u of units) {
    const seen = new Set<string>([u.id]);
    let next = u.successorId !== undefined ? index.get(u.successorId) : undefined;
    while (next) {
      if (seen.has(next.id)) {
        const i = units.indexOf(u);
        issues.push(issue('UNIT_SUCCESSOR_CYCLE', { unitId: u.id }, `units[${i}].successorId`, `successor chain loops at ${next.id}`));
        break;
      }
      seen.add(next.id);
      next = next.successorId !== undefined ? index.get(next.successorId) : undefined;
    }
  }
  return issues;
}
