import { dossierSummaryProjection } from './dossier-summary.projection';
import type { Projection } from './projection';

/**
 * Consumer groups: each reads the dossier topic on its own, at its own pace, and scales across
 * partitions by running more instances. A group's projections share one transaction per batch.
 */
export interface ProjectionGroup {
  name: string;
  description: string;
  projections: Projection[];
}

export const PROJECTION_GROUPS: ProjectionGroup[] = [
  { name: 'dossier-summary', description: 'one row per dossier for GET /dossiers/:code', projections: [dossierSummaryProjection] },
];

export function findGroup(name: string): ProjectionGroup | undefined {
  return PROJECTION_GROUPS.find((g) => g.name === name);
}

export function consumerGroupId(prefix: string, group: ProjectionGroup): string {
  return `${prefix}reporting.${group.name}`;
}
