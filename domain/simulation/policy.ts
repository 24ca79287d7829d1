import type { Catalog } from '../../contracts/catalog.contract';
import type { Duration } from '../../contracts/duration.contract';
import type { SimulationPolicy, SimulationProfile } from '../../contracts/simulation/simulation-profile.contract';
import { formatIssue } from '../catalog/catalog-issue';
import { validateCatalog } from '../catalog/validate-catalog';
import { DomainError } from '../domain-error';

// budgets round up and step allotments down (to a millionth), so the scaled steps still fit the scaled budget
const scale = (d: Duration, factor: number, round: (x: number) => number): Duration => ({
  ...d,
  amount: d.unit === 'calendar_days' ? Math.max(1, Math.round(d.amount * factor)) : round(d.amount * factor * 1e6) / 1e6,
});

/**
 * A profile and catalogue with a policy's changes made: shorter committed deadlines (the steps'
 * allotments shrink by the same factor, so the internal process still fits), officers added or
 * removed, more or fewer arrivals. The changed catalogue must still pass the catalogue's rules.
 */
export function applyPolicy(profile: SimulationProfile, catalog: Catalog, policy: SimulationPolicy): { profile: SimulationProfile; catalog: Catalog } {
  let p: SimulationProfile = structuredClone(profile);
  let c: Catalog = structuredClone(catalog);
  policy.changes.forEach((change, i) => {
    switch (change.kind) {
      case 'committed_deadlines': {
        const only = change.procedureCodes ? new Set(change.procedureCodes) : undefined;
        for (const proc of c.procedures) {
          if (only && !only.has(proc.code)) continue;
          for (const v of proc.versions) {
            v.deadlines.committed = scale(v.deadlines.committed, change.factor, Math.ceil);
            if (v.deadlines.online) v.deadlines.online = scale(v.deadlines.online, change.factor, Math.ceil);
            for (const s of v.steps) s.allotment = scale(s.allotment, change.factor, Math.floor);
          }
        }
        return;
      }
      case 'officers': {
        const u = p.units.find((x) => x.unitId === change.unitId);
        if (!u) throw new DomainError('SIMULATION_POLICY_INVALID', `changes[${i}]: ${change.unitId} is not a modelled unit of profile ${profile.name}`, { unitId: change.unitId });
        u.officers = change.set ?? Math.max(1, u.officers + (change.delta ?? 0));
        return;
      }
      case 'arrivals': {
        const only = change.procedureCodes ? new Set(change.procedureCodes) : undefined;
        p = { ...p, arrivals: p.arrivals.map((a) => (only && !only.has(a.procedureCode) ? a : { ...a, perYear: a.perYear * change.factor })) };
        return;
      }
    }
  });
  const issues = validateCatalog(c);
  if (issues.length > 0) {
    throw new DomainError('SIMULATION_POLICY_INVALID', `policy ${policy.name} breaks the catalogue: ${issues.slice(0, 3).map(formatIssue).join('; ')}`, { issues });
  }
  c = { ...c, catalogVersion: `${c.catalogVersion}+${policy.name}` };
  if (p.catalog.source === 'inline') p = { ...p, catalog: { ...p.catalog, units: c.units, procedures: c.procedures } };
  return { profile: p, catalog: c };
}
