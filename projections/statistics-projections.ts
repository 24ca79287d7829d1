import { dossierFactProjection } from './dossier-fact.projection';
import type { Projection } from './projection';

/** The read models statistics and Decision 766 indicators are queried from. */
export const STATISTICS_PROJECTIONS: Projection[] = [dossierFactProjection];
