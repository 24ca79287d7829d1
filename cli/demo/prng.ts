export { seeded as prng } from '../../domain/simulation/synthetic-dossiers';

export function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}
