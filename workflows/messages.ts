import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DossierCommandInput } from '../contracts/commands/dossier-commands.contract';
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
