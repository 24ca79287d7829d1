import type { DossierEvent } from '../../contracts/events';
import type { PauseEffect } from '../../contracts/deadline-ledger.contract';
import { pauseEffectFor } from '../deadline/deadline-ledger';

/**
 * What an event does to a dossier beyond its own payload, for the decider's evolve and for every
 * reader of the topic (read models, outside consumers): one rule, so the two never drift apart.
 */

/**
 * The national status code (1–10) after `event`: the one its payload states, 2 at reception, and 4
 * once the first task of a received dossier is assigned; every other fact leaves it as it was.
 */
export function statusCodeAfter(current: number, event: DossierEvent): number {
  const stated = (event.payload as { statusCode?: number }).statusCode;
  if (stated !== undefined) return stated;
  if (event.type === 'dossier.received') return 2;
  if (event.type === 'task.assigned' && current === 2) return 4;
  return current;
}

const CLOSES_OPEN_TASKS = new Set<DossierEvent['type']>([
  'dossier.result_ready',
  'dossier.result_returned',
  'dossier.withdrawn',
  'dossier.stopped',
  'dossier.refused',
  'dossier.not_received',
]);

/** After this event the dossier has no open task (processing ended, or the dossier closed). */
export function closesOpenTasks(event: DossierEvent): boolean {
  return CLOSES_OPEN_TASKS.has(event.type);
}

/** The effect of the pause a supplement or payment request starts (the ledger's rule, from the event's policy). */
export function pauseEffectOf(event: EventOfPause): PauseEffect {
  return event.type === 'dossier.payment_requested' || event.type === 'dossier.payment_recorded'
    ? pauseEffectFor('financial_obligation', 'pause')
    : pauseEffectFor('supplement', event.payload.policy);
}

type EventOfPause = Extract<DossierEvent, { type: 'dossier.supplement_requested' | 'dossier.supplement_received' | 'dossier.payment_requested' | 'dossier.payment_recorded' }>;
