import { referenceDueMs } from '../deadline/status-classifier';
import type { DossierState } from './dossier-state';

/** What Temporal's visibility store shows of a dossier (its search attributes), so operators can list dossiers there. */
export interface DossierVisibility {
  statusCode: number;
  /** every unit the dossier involves: its desk, the units its route names, and any a task was moved to */
  units: string[];
  /** the committed appointment while processing runs */
  dueAtMs: number | undefined;
  /** the reference due passed (a Form 04 moves the appointment, not the lateness) */
  overdue: boolean;
  procedureCode: string;
}

/**
 * The search attributes after a decision. The units are the dossier's whole route, pinned at
 * reception, so a hand-off does not change them (each change is a history event): only a transfer
 * or a reorganisation that brings in another unit does. Who holds a task now is the read models' to say.
 */
export function visibilityOf(s: DossierState, now: number): DossierVisibility {
  const open = s.ledger && s.ledger.closedAt === undefined ? s.ledger : undefined;
  return {
    statusCode: s.statusCode,
    units: [...new Set([s.input.unitId, ...Object.values(s.input.routing), ...s.tasks.map((t) => t.unitId)])].sort(),
    dueAtMs: open?.committedDueMs,
    overdue: open !== undefined && now > referenceDueMs(open, s.input.settings.classifier),
    procedureCode: s.input.procedureCode,
  };
}

/** Equal keys, equal search attributes: an upsert is needed only when the key changes. */
export function visibilityKey(v: DossierVisibility): string {
  return JSON.stringify([v.statusCode, v.units, v.dueAtMs ?? null, v.overdue, v.procedureCode]);
}
