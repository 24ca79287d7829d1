import type { SimulationResult, UnitSummary } from './simulation-result';

export interface UnitChange {
  unitId: string;
  name: string;
  before: Pick<UnitSummary, 'officers' | 'utilisationPercent' | 'meanWaitWorkingHours' | 'lateTaskPercent' | 'peakBacklog'>;
  after: Pick<UnitSummary, 'officers' | 'utilisationPercent' | 'meanWaitWorkingHours' | 'lateTaskPercent' | 'peakBacklog'>;
}

export interface PolicyComparison {
  policy: string;
  totals: Array<{ measure: string; before: number | null; after: number | null }>;
  units: UnitChange[];
  /** The modelled unit where late tasks rise most under the policy (then waiting), with its figures before and after. */
  bottleneck: { unitId: string; name: string; lateBefore: number | null; lateAfter: number | null; waitBefore: number; waitAfter: number; utilisationAfter: number | null } | null;
}

const pick = (u: UnitSummary | undefined) => ({
  officers: u?.officers ?? null,
  utilisationPercent: u?.utilisationPercent ?? null,
  meanWaitWorkingHours: u?.meanWaitWorkingHours ?? null,
  lateTaskPercent: u?.lateTaskPercent ?? null,
  peakBacklog: u?.peakBacklog ?? 0,
});

/** Before and after a policy, over the same arrivals (the same seed): totals, every modelled unit, and the bottleneck. */
export function comparePolicy(before: SimulationResult, after: SimulationResult): PolicyComparison {
  const b = before.statistics.total;
  const a = after.statistics.total;
  const ind = (r: SimulationResult, code: string) => r.indicators.total.indicators.find((i) => i.code === code && i.procedureCode === null);
  const totals = [
    { measure: 'received', before: b.received.total, after: a.received.total },
    { measure: 'completion rate %', before: b.completionRate.percent, after: a.completionRate.percent },
    { measure: 'on-time rate %', before: b.onTimeRate.percent, after: a.onTimeRate.percent },
    { measure: 'late', before: b.finished.late, after: a.finished.late },
    { measure: 'in progress at the end', before: b.inProgress.total, after: a.inProgress.total },
    { measure: 'average processing (working hours)', before: hours(b.processing.averageWorkingMinutes), after: hours(a.processing.averageWorkingMinutes) },
    { measure: 'Decision 766 2.1 on time %', before: ind(before, '2.1')?.value ?? null, after: ind(after, '2.1')?.value ?? null },
    { measure: 'Decision 766 points', before: before.indicators.total.points, after: after.indicators.total.points },
  ];
  const ids = [...new Set([...before.units, ...after.units].filter((u) => u.modelled).map((u) => u.unitId))].sort();
  const units = ids.map((id) => {
    const x = before.units.find((u) => u.unitId === id);
    const y = after.units.find((u) => u.unitId === id);
    return { unitId: id, name: (y ?? x)!.name, before: pick(x), after: pick(y) };
  });
  // where the work stops fitting its time: the largest rise in late tasks, then in waiting
  let bottleneck: PolicyComparison['bottleneck'] = null;
  let best: [number, number, number] | undefined;
  for (const u of units) {
    const wa = u.after.meanWaitWorkingHours ?? 0;
    const wb = u.before.meanWaitWorkingHours ?? 0;
    const key: [number, number, number] = [(u.after.lateTaskPercent ?? 0) - (u.before.lateTaskPercent ?? 0), wa - wb, wa];
    if (!best || key[0] > best[0] || (key[0] === best[0] && (key[1] > best[1] || (key[1] === best[1] && key[2] > best[2])))) {
      best = key;
      bottleneck = { unitId: u.unitId, name: u.name, lateBefore: u.before.lateTaskPercent, lateAfter: u.after.lateTaskPercent, waitBefore: wb, waitAfter: wa, utilisationAfter: u.after.utilisationPercent };
    }
  }
  return { policy: after.profile.policy ?? '(policy)', totals, units, bottleneck };
}

const hours = (m: number | null): number | null => (m === null ? null : Math.round((m / 60) * 10) / 10);
