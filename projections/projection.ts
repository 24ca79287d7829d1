import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';

/**
 * A read model built from dossier events. `apply` runs inside the consumer's transaction, which
 * also advances the projection's checkpoint for the dossier, so an event is applied exactly once.
 */
export interface Projection {
  name: string;
  /** Read-model tables this projection owns (a rebuild recreates exactly these). */
  tables: string[];
  apply(db: PoolClient, event: DossierEvent): Promise<void>;
}
