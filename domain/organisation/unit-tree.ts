import type { UnitDirectory } from './unit-directory';

/**
 * The units at or below the given ones by their parent links: what a provincial supervisor or
 * analyst oversees (the province's departments, communes and their offices, and so on down).
 */
export function unitsUnder(directory: UnitDirectory, rootIds: readonly string[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of directory.units) {
    if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const covered = new Set<string>();
  const queue = [...rootIds];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (covered.has(id)) continue;
    covered.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return covered;
}
