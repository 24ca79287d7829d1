import type { DossierEvent } from '../contracts/events';
import type { Duration } from '../contracts/duration.contract';
import { getCalendar } from '../domain/calendar/calendar-registry';
import { computeDeadline } from '../domain/calendar/deadline';
import { addWorkingTime } from '../domain/calendar/working-calendar';

// ---------------------------------------------------------------------------------------------
// Pauses: what the deadline ledger does to an open step's due when the dossier resumes.

export type PauseEffect = 'shift' | 'restart' | 'kpi-subtract';

/** The effect of a pause: payment always shifts (excluded by law); a supplement follows its policy. */
export function pauseEffectOf(reason: 'supplement' | 'payment', policy?: string): PauseEffect {
  if (reason === 'payment' || policy === 'pause') return 'shift';
  return policy === 'restart' ? 'restart' : 'kpi-subtract';
}

/**
 * An open step's due after a pause ended at `resumedAt`, as the ledger computes it: shifted by the
 * working time paused (elapsed time for calendar-day allotments), recounted from the resumption
 * (restart), or unchanged (kpi-subtract: the appointment clock never stopped).
 */
export function dueAfterPause(
  dueMs: number,
  allotment: Duration,
  effect: PauseEffect,
  pausedAt: number,
  resumedAt: number,
  waitingWorkingMinutes: number,
  calendarVersion: string,
): number {
  const cal = getCalendar(calendarVersion);
  switch (effect) {
    case 'shift':
      if (allotment.unit === 'calendar_days') return dueMs + (resumedAt - pausedAt);
      return waitingWorkingMinutes > 0 ? addWorkingTime(dueMs, waitingWorkingMinutes, cal) : dueMs;
    case 'restart':
      return computeDeadline(resumedAt, allotment, cal).dueMs;
    case 'kpi-subtract':
      return dueMs;
  }
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
