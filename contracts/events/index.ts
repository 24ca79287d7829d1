import { z } from 'zod';
import { DossierReceived } from './dossier-received.event';

export * from './event-envelope';
export * from './dossier-received.event';

/** Every event type on the dossier topic; the AsyncAPI document and JSON Schemas are generated from this list. */
export const DOSSIER_EVENT_SCHEMAS = [DossierReceived] as const;

export const DossierEvent = z.union(DOSSIER_EVENT_SCHEMAS);
export type DossierEvent = z.infer<typeof DossierEvent>;
export type DossierEventType = DossierEvent['type'];
