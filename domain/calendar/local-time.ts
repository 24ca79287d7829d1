import { DomainError } from '../domain-error';

/**
 * Civil-date arithmetic for a fixed UTC offset, without Date or Intl so that it is deterministic
 * inside workflows. Day numbers count days since 1970-01-01.
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const VN_UTC_OFFSET_MINUTES = 420;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function localDayNumber(ms: number, utcOffsetMinutes = VN_UTC_OFFSET_MINUTES): number {
  return Math.floor((ms + utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/** The instant at which a local day begins. */
export function dayStartMs(dayNumber: number, utcOffsetMinutes = VN_UTC_OFFSET_MINUTES): number {
  return dayNumber * MS_PER_DAY - utcOffsetMinutes * MS_PER_MINUTE;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad = (n: number, w = 2): string => (w === 2 && n >= 0 && n < 100 && Number.isInteger(n) ? TWO_DIGITS[n]! : String(n).padStart(w, '0'));

export function formatLocalDate(dayNumber: number): string {
  const c = civilFromDays(dayNumber);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

// a dossier's events name the same instants again and again (now, its appointment, its steps' dues):
// the last answers are kept, in a small table indexed by the instant's second
const CACHE_SIZE = 4096;
const cachedMs = new Float64Array(CACHE_SIZE).fill(Number.NaN);
const cachedOffset = new Int32Array(CACHE_SIZE);
const cachedText: string[] = new Array<string>(CACHE_SIZE).fill('');

/** '2025-04-07T09:00:00+07:00'; milliseconds appear only when there are some. */
export function formatLocalIso(ms: number, utcOffsetMinutes = VN_UTC_OFFSET_MINUTES): string {
  const slot = Math.floor(ms / 1000) & (CACHE_SIZE - 1);
  if (cachedMs[slot] === ms && cachedOffset[slot] === utcOffsetMinutes) return cachedText[slot]!;
  const text = formatIso(ms, utcOffsetMinutes);
  cachedMs[slot] = ms;
  cachedOffset[slot] = utcOffsetMinutes;
  cachedText[slot] = text;
  return text;
}

// the few thousand days a run's instants fall on, each written once
const dateTexts = new Map<number, string>();

function localDateText(dayNumber: number): string {
  let text = dateTexts.get(dayNumber);
  if (text === undefined) {
    text = formatLocalDate(dayNumber);
    if (dateTexts.size >= 20_000) dateTexts.clear();
    dateTexts.set(dayNumber, text);
  }
  return text;
}

function formatIso(ms: number, utcOffsetMinutes: number): string {
  const local = ms + utcOffsetMinutes * MS_PER_MINUTE;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const inDay = local - dayNumber * MS_PER_DAY;
  const h = Math.floor(inDay / 3_600_000);
  const mi = Math.floor((inDay % 3_600_000) / MS_PER_MINUTE);
  const s = Math.floor((inDay % MS_PER_MINUTE) / 1000);
  const frac = Math.round(inDay % 1000);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(utcOffsetMinutes);
  const fracText = frac === 0 ? '' : `.${pad(frac, 3)}`;
  return `${localDateText(dayNumber)}T${pad(h)}:${pad(mi)}:${pad(s)}${fracText}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

export function parseLocalDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new DomainError('LOCAL_DATE_INVALID', `not a YYYY-MM-DD date: ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = daysFromCivil(y, mo, d);
  const back = civilFromDays(n);
  if (back.month !== mo || back.day !== d) throw new DomainError('LOCAL_DATE_INVALID', `no such date: ${text}`);
  return n;
}

/** Minutes after local midnight of 'HH:MM' ('24:00' = 1440). */
export function parseLocalTime(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const mi = Number(m?.[2]);
  if (!m || mi > 59 || h > 24 || (h === 24 && mi !== 0))
    throw new DomainError('LOCAL_TIME_INVALID', `not an HH:MM time: ${text}`);
  return h * 60 + mi;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** An ISO 8601 instant that states its offset; a bare local time is ambiguous, so it is refused. */
export function parseIsoInstant(text: string): number {
  const m = ISO_INSTANT.exec(text);
  if (!m) throw new DomainError('INSTANT_INVALID', `not an ISO 8601 instant with an offset: ${text}`);
  const dayNumber = parseLocalDate(`${m[1]}-${m[2]}-${m[3]}`);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = Number(m[6] ?? 0);
  const frac = Number((m[7] ?? '0').padEnd(3, '0'));
  if (h > 23 || mi > 59 || s > 59) throw new DomainError('INSTANT_INVALID', `no such time: ${text}`);
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return dayNumber * MS_PER_DAY + ((h * 60 + mi - offset) * 60 + s) * 1000 + frac;
}

/** An instant as events, ledgers and messages state it: ISO 8601 in Vietnam's local time (+07:00). */
export const iso = (ms: number): string => formatLocalIso(ms);

let lastText = '';
let lastMs = Number.NaN;
/**
 * Milliseconds of an instant a validated contract carries (ISO 8601 with its offset); the last
 * answer is kept, as evolve reads the same instants again and again.
 */
export const ms = (isoInstant: string): number => {
  if (isoInstant !== lastText) {
    lastMs = parseOwnIso(isoInstant);
    lastText = isoInstant;
  }
  return lastMs;
};

// where formatLocalIso writes digits: YYYY-MM-DDTHH:MM:SS, then .fff, then the offset's HH:MM
const DIGITS_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const two = (t: string, i: number): number => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48;

function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Date.parse of an instant, read directly where it has the shape formatLocalIso writes
 * ('2025-04-07T09:00:00+07:00', or with '.123' milliseconds), which is what events carry; any other
 * text, or a field out of range, goes to Date.parse itself. Parsing was a large share of evolve.
 */
function parseOwnIso(t: string): number {
  const frac = t.length === 29;
  if (t.length !== 25 && !frac) return Date.parse(t);
  const o = frac ? 23 : 19;
  const sign = t.charCodeAt(o);
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return Date.parse(t);
  if ((sign !== 43 && sign !== 45) || t.charCodeAt(o + 3) !== 58 || !isDigitAt(t, o + 1) || !isDigitAt(t, o + 2) || !isDigitAt(t, o + 4) || !isDigitAt(t, o + 5)) return Date.parse(t);
  if (frac && (t.charCodeAt(19) !== 46 || !isDigitAt(t, 20) || !isDigitAt(t, 21) || !isDigitAt(t, 22))) return Date.parse(t);
  for (const i of DIGITS_AT) if (!isDigitAt(t, i)) return Date.parse(t);
  const year = two(t, 0) * 100 + two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  const h = two(t, 11);
  const mi = two(t, 14);
  const sec = two(t, 17);
  const oh = two(t, o + 1);
  const om = two(t, o + 4);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) return Date.parse(t);
  const milli = frac ? (t.charCodeAt(20) - 48) * 100 + two(t, 21) : 0;
  const offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  return (daysFromCivil(year, month, day) * 1440 + h * 60 + mi - offset) * MS_PER_MINUTE + sec * 1000 + milli;
}
