import { civilFromDays, daysFromCivil, type CivilDate } from './local-time';

/**
 * The Vietnamese lunar calendar after Hồ Ngọc Đức's public algorithm (new moons and solar terms
 * from Meeus' series). Vietnam reckons days at UTC+7, China at UTC+8, so a Chinese-calendar
 * library can put Tết on another day (1985: 21 January here, 20 February there).
 */
export const VN_LUNAR_TIME_ZONE_HOURS = 7;

const JD_UNIX_EPOCH = 2440588; // Julian day number of 1970-01-01
const DR = Math.PI / 180;

function jdFromDayNumber(dayNumber: number): number {
  return dayNumber + JD_UNIX_EPOCH;
}

function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L = L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return L;
}

function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** The solar term sector (0..11) at the start of a day. */
function sunSector(jd: number, tz: number): number {
  return Math.floor((sunLongitude(jd - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day of the start of the 11th lunar month (the one holding the winter solstice) of `year`. */
function lunarMonth11(year: number, tz: number): number {
  const off = jdFromDayNumber(daysFromCivil(year, 12, 31)) - 2415021;
  const k = Math.floor(off / 29.530588853);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Day number (days since 1970-01-01) of a lunar date; undefined for a leap month that year lacks. */
export function lunarToDayNumber(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
  tz = VN_LUNAR_TIME_ZONE_HOURS,
): number | undefined {
  const a11 = lunarMonth < 11 ? lunarMonth11(lunarYear - 1, tz) : lunarMonth11(lunarYear, tz);
  const b11 = lunarMonth < 11 ? lunarMonth11(lunarYear, tz) : lunarMonth11(lunarYear + 1, tz);
  const k = Math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off, tz);
  return monthStart + lunarDay - 1 - JD_UNIX_EPOCH;
}

export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number, leap = false): CivilDate | undefined {
  const n = lunarToDayNumber(lunarYear, lunarMonth, lunarDay, leap);
  return n === undefined ? undefined : civilFromDays(n);
}

/** Day number of the first day of the lunar new year (Tết Nguyên đán) in Gregorian `year`. */
export function tetDayNumber(year: number): number {
  return lunarToDayNumber(year, 1, 1) as number;
}
