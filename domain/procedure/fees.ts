import type { Fee } from '../../contracts/procedure.contract';
import { DomainError } from '../domain-error';

/** Why a fee's tiers cannot be priced, or undefined: the first from unit 1 at the fee's amount, then ascending. */
export function feeTiersProblem(fee: Fee): string | undefined {
  if (!fee.tiers) return fee.per !== undefined ? `is per ${fee.per} but has no tiers` : undefined;
  if (fee.per === undefined) return 'has tiers but does not say what they count (per)';
  const [first] = fee.tiers;
  if (first!.fromUnit !== 1 || first!.amountVnd !== fee.amountVnd) return `its first tier must start at unit 1 at amountVnd ${fee.amountVnd}`;
  for (let i = 1; i < fee.tiers.length; i++) {
    if (!(fee.tiers[i]!.fromUnit > fee.tiers[i - 1]!.fromUnit)) return `tier ${i} does not start after tier ${i - 1}`;
  }
  return undefined;
}

/** What one charge of the fee costs for `units` pages (copies, items); a flat fee ignores them. */
export function feeAmount(fee: Fee, units = 1): number {
  if (!Number.isInteger(units) || units < 1) throw new DomainError('FEE_UNITS_INVALID', `a fee is charged for a whole number of units, at least 1: ${units}`, { units });
  const problem = feeTiersProblem(fee);
  if (problem) throw new DomainError('FEE_TIERS_INVALID', `fee ${fee.id} ${problem}`, { feeId: fee.id });
  if (!fee.tiers) return fee.maxVnd !== undefined ? Math.min(fee.amountVnd, fee.maxVnd) : fee.amountVnd;
  let total = 0;
  fee.tiers.forEach((tier, i) => {
    const next = fee.tiers![i + 1]?.fromUnit ?? Number.POSITIVE_INFINITY;
    const counted = Math.max(0, Math.min(units, next - 1) - tier.fromUnit + 1);
    total += counted * tier.amountVnd;
  });
  return fee.maxVnd !== undefined ? Math.min(total, fee.maxVnd) : total;
}
