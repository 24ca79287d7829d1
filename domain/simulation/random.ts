import type { Distribution } from '../../contracts/simulation/distribution.contract';

/** Uniform in [0, 1). */
export type Rng = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed derived from a seed and labels (FNV-1a), so independent streams never depend on the order they are created in. */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const label of labels) {
    const s = String(label);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const chance = (p: number, rnd: Rng): boolean => p > 0 && rnd() < p;

/** Standard normal by Box–Muller (one of the pair; two draws per value keeps streams easy to reason about). */
export function normal(rnd: Rng): number {
  const u = 1 - rnd();
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const Z90 = 1.2815515655446004;

export function sample(d: Distribution, rnd: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rnd();
    case 'exponential':
      return -d.mean * Math.log(1 - rnd());
    case 'lognormal': {
      const sigma = Math.log(d.p90 / d.median) / Z90;
      return d.median * Math.exp(sigma * normal(rnd));
    }
  }
}

/** The mean of a distribution (for expected loads). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'lognormal': {
      const sigma = Math.log(d.p90 / d.median) / Z90;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
  }
}

/** Poisson count: Knuth's product method for small means, a rounded normal for large ones. */
export function poisson(mean: number, rnd: Rng): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rnd)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

/** Index drawn with the given non-negative weights (not all zero). */
export function pickWeighted(weights: readonly number[], rnd: Rng): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rnd() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
