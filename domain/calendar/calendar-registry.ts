import type { CalendarVersionInput } from '../../contracts/calendar.contract';
import { DomainError } from '../domain-error';
import { compileCalendar } from './compile-calendar';
import { DEMO_24X7, VN_2025_1, VN_2026_1, VN_2026_1_FROM_2015, VN_2026_2 } from './data/vn-versions';
import type { WorkingCalendar } from './working-calendar';

/** The current official version: the one new dossiers are received under. */
export const DEFAULT_CALENDAR_VERSION: string = VN_2026_2.version;
export const DEMO_CALENDAR_VERSION = 'demo-24x7';

// Never remove a version: running dossiers keep the one they were received under.
const SOURCES: ReadonlyMap<string, CalendarVersionInput> = new Map(
  [VN_2025_1, VN_2026_1, VN_2026_1_FROM_2015, VN_2026_2, DEMO_24X7].map((v) => [v.version, v] as const),
);
const compiled = new Map<string, WorkingCalendar>();

export function getCalendar(version: string): WorkingCalendar {
  const hit = compiled.get(version);
  if (hit) return hit;
  const source = SOURCES.get(version);
  if (!source)
    throw new DomainError('CALENDAR_VERSION_UNKNOWN', `unknown calendar version: ${version}`, {
      calendarVersion: version,
      known: listCalendarVersions(),
    });
  const cal = compileCalendar(source);
  compiled.set(version, cal);
  return cal;
}

export function listCalendarVersions(): string[] {
  return [...SOURCES.keys()];
}

