import type { DossierEvent } from '../contracts/events';

// ---------------------------------------------------------------------------------------------
// Pauses: whether a pause stops the appointment clock (the events carry the moved dues).

export type PauseEffect = 'shift' | 'restart' | 'kpi-subtract';

/** The effect of a pause: payment always shifts (excluded by law); a supplement follows its policy. */
export function pauseEffectOf(reason: 'supplement' | 'payment', policy?: string): PauseEffect {
  if (reason === 'payment' || policy === 'pause') return 'shift';
  return policy === 'restart' ? 'restart' : 'kpi-subtract';
}

/** The dossier closes or its processing ends: every open task of it is cancelled. */
export const CLOSING_EVENTS = new Set<DossierEvent['type']>([
  'dossier.result_ready',
  'dossier.result_returned',
  'dossier.withdrawn',
  'dossier.stopped',
  'dossier.refused',
  'dossier.not_received',
]);
