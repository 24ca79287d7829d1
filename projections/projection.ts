import type { PoolClient } from 'pg';
import type { DossierEvent } from '../contracts/events';

/**
 * A read model built from dossier events. `apply` receives, in topic order, the events of a batch
 * that this projection has not applied yet, inside the consumer's transaction, which also advances
 * the projection's checkpoint per dossier: each event is applied exactly once, and a projection
 * may write a whole batch with one statement.
 */
export interface Projection {
  /** Stable name: the checkpoint key and the consumer group suffix. */
  name: string;
  /** Read-model tables this projection owns, in creation order (a rebuild recreates exactly these). */
  tables: string[];
  apply(db: PoolClient, events: DossierEvent[]): Promise<void>;
}
