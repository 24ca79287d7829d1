import { dossierRegisterProjection } from './dossier-register.projection';
import { dossierSummaryProjection } from './dossier-summary.projection';
import { dossierTimelineProjection } from './dossier-timeline.projection';
import { slaAlertLogProjection } from './sla-alert-log.projection';
import { processSlipProjection } from './process-slip.projection';
import { slaBoardProjection } from './sla-board.projection';
import { STATISTICS_PROJECTIONS } from './statistics-projections';
import { taskInboxProjection } from './task-inbox.projection';
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
  { name: 'task-inbox', description: 'open tasks per unit with their step due instants (officers’ inboxes)', projections: [taskInboxProjection] },
  { name: 'register', description: 'Form 07 dossier register, Form 06 process control slip and every event of every dossier (the dossier page)', projections: [dossierRegisterProjection, processSlipProjection, dossierTimelineProjection] },
  { name: 'sla-board', description: 'due-soon and overdue dossiers and steps, working time consumed per unit, and the SLA alerts in arrival order (live stream)', projections: [slaBoardProjection, slaAlertLogProjection] },
  { name: 'statistics', description: 'one fact row per dossier: statistics per unit, procedure and period, Decision 766 indicators', projections: STATISTICS_PROJECTIONS },
];

export function findGroup(name: string): ProjectionGroup | undefined {
  return PROJECTION_GROUPS.find((g) => g.name === name);
}

export function consumerGroupId(prefix: string, group: ProjectionGroup): string {
  return `${prefix}reporting.${group.name}`;
}
