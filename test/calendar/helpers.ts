import { getCalendar } from '../../domain/calendar/calendar-registry';
import { parseIsoInstant } from '../../domain/calendar/local-time';

export const vn = getCalendar('vn-2026.1');
/** Local Vietnamese wall-clock time, 'YYYY-MM-DDTHH:MM'. */
export const t = (local: string): number => parseIsoInstant(`${local}:00+07:00`);
export { iso } from '../../domain/calendar/local-time';
