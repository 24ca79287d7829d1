import type { DossierEvent, DossierEventType, EventPayload } from '../../contracts/events';
import { eventId } from '../../contracts/events/event-envelope';
import { formatLocalIso } from '../calendar/local-time';
import type { DossierState } from './dossier-state';

/** Builds the next event of a dossier: deterministic id `<code>:<sequence>`, envelope from the state. */
export function makeEvent<T extends DossierEventType>(state: DossierState, type: T, now: number, payload: EventPayload<T>, unitId?: string): Extract<DossierEvent, { type: T }> {
  const sequence = state.sequence + 1;
  return {
    id: eventId(state.input.dossierCode, sequence),
    type,
    schemaVersion: 1,
    sequence,
    occurredAt: formatLocalIso(now),
    dossierCode: state.input.dossierCode,
    procedureCode: state.input.procedureCode,
    unitId: unitId ?? state.input.unitId,
    calendarVersion: state.input.calendarVersion,
    payload,
  } as Extract<DossierEvent, { type: T }>;
}

export const iso = (ms: number): string => formatLocalIso(ms);
let lastText = '';
let lastMs = Number.NaN;
/** Epoch ms of an event's instant (the last one is kept: evolve reads the same instants again and again). */
export const ms = (isoInstant: string): number => {
  if (isoInstant !== lastText) {
    lastMs = Date.parse(isoInstant);
    lastText = isoInstant;
  }
  return lastMs;
};
