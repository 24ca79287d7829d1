import type { DossierEvent } from '../contracts/events';
import type { Projection } from './projection';
import { insertRows, ms, type TableSpec } from './row-batches';

export const DOSSIER_EVENT: TableSpec = {
  name: 'dossier_event',
  columns: { dossier_code: 'text', sequence: 'int', event_id: 'text', type: 'text', occurred_at: 'ts', unit_id: 'text', payload: 'json' },
};

/**
 * Every event as published (events carry no personal data): the dossier page's timeline, and the
 * facts the forms print (Form 02's missing documents, Form 04's new date). Append-only.
 */
export const dossierTimelineProjection: Projection = {
  name: 'dossier-timeline',
  tables: ['dossier_event'],
  async apply(db, events: DossierEvent[]) {
    const rows = events.map((e) => ({
      dossier_code: e.dossierCode,
      sequence: e.sequence,
      event_id: e.id,
      type: e.type,
      occurred_at: ms(e.occurredAt),
      unit_id: e.unitId,
      payload: e.payload as { [key: string]: unknown },
    }));
    // the checkpoint already skips applied events; a conflict can only be the same fact again
    await insertRows(db, DOSSIER_EVENT, rows, 'ON CONFLICT (dossier_code, sequence) DO NOTHING');
  },
};
