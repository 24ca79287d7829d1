import { formatLocalIso } from '../domain/calendar/local-time';

/** Instants leave the API as ISO 8601 with the Vietnamese offset (+07:00), as every contract carries time. */
export const isoOf = (d: Date | number): string => formatLocalIso(typeof d === 'number' ? d : d.getTime());
export const isoOrNull = (d: Date | number | null | undefined): string | null => (d === null || d === undefined ? null : isoOf(d));
