import { dossierRegisterProjection } from './dossier-register.projection';
import { processSlipProjection } from './process-slip.projection';
import type { Projection } from './projection';
import { slaBoardProjection } from './sla-board.projection';
import { taskInboxProjection } from './task-inbox.projection';

export { dossierRegisterProjection, processSlipProjection, slaBoardProjection, taskInboxProjection };

/** The operational read models: what officers and supervisors work from (inbox, Form 07, Form 06, SLA board). */
export const OPERATIONAL_PROJECTIONS: Projection[] = [taskInboxProjection, dossierRegisterProjection, processSlipProjection, slaBoardProjection];
