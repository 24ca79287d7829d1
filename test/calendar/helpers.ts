import { getCalendar } from '../../domain/calendar/calendar-registry';
import { formatLocalIso, parseIsoInstant } from '../../domain/calendar/local-time';

export const vn = getCalendar('vn-2026.1');
/** Local Vietnamese wall-clock time, 'YYYY-MM-DDTHH:MM'. */
export const t = (local: string): number => parseIsoInstant(`${local}:00+07:00`);
export const iso = (ms: number): string => formatLocalIso(ms);
