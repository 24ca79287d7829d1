import { defineQuery } from '@temporalio/workflow';
import type { DossierEvent } from '../contracts/events';

/** Declared once, shared by the workflow and its callers. */
export const TASK_QUEUE_DEFAULT = 'motcua-dossiers';

export interface DossierView {
  dossierCode: string;
  statusCode: number;
  events: DossierEvent[];
}

export const dossierViewQuery = defineQuery<DossierView>('dossierView');
