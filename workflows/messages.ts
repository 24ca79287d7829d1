import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DossierCommandInput } from '../contracts/commands/dossier-commands.contract';
import type { DossierEvent } from '../contracts/events';
import type { DossierState } from '../domain/dossier/dossier-state';

// Declared once, shared by the workflow and its callers.

/** What an accepted command produced: the events it published, in order. */
export interface CommandResult {
  sequence: number;
  statusCode: number;
  phase: DossierState['phase'];
  events: Array<{ id: string; type: string }>;
}

/** Every officer and applicant command; the validator rejects wrong unit, unknown or stale task, closed dossier, bad payload before history. */
export const dossierCommandUpdate = defineUpdate<CommandResult, [DossierCommandInput]>('dossierCommand');

/** The full state, deadline ledger included. */
export const dossierStateQuery = defineQuery<DossierState>('dossierState');

/**
 * What reception decided, once its events are on the topic: the start decision's events (received
 * with the appointment, or the desk's Form 02 / Form 03). Sent with the start (update-with-start)
 * so a submission answers with the Form 01 data in the same request. Empty after continue-as-new.
 */
export interface DossierReceipt {
  sequence: number;
  statusCode: number;
  phase: DossierState['phase'];
  events: DossierEvent[];
}
export const dossierReceiptUpdate = defineUpdate<DossierReceipt, []>('dossierReceipt');
