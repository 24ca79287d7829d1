import type { PeriodGranularity } from '../../contracts/api/statistics.contract';

/** Reports use local time in Việt Nam (UTC+7, no daylight saving). */
export const LOCAL_OFFSET_MS = 7 * 3_600_000;

export interface Period {
  label: string;
  /** Instants (ISO, UTC) of the period's local start and end, [start, end). */
  start: string;
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of local midnight (UTC+7) of a 'YYYY-MM-DD' date; throws on anything else. */
export function localMidnight(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`expected a date YYYY-MM-DD, got '${date}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`no such date: '${date}'`);
  return ms - LOCAL_OFFSET_MS;
}

const DAY_MS = 86_400_000;

/**
 * The instants [start, end) a report over the local dates `from`..`to` covers: both dates included,
 * so a user asking for 1–31 December gets 31 December too.
 */
export function reportRange(from: string, to: string): { startMs: number; endMs: number } {
  const startMs = localMidnight(from);
  const endMs = localMidnight(to) + DAY_MS;
  if (!(startMs < endMs)) throw new RangeError(`--from (${from}) must not be after --to (${to})`);
  return { startMs, endMs };
}

/** The periods the local dates from..to (both included) are cut into, by local day, month or year; the first and last are clipped. */
export function periodsBetween(from: string, to: string, granularity: PeriodGranularity): Period[] {
  const { startMs: fromMs, endMs: toMs } = reportRange(from, to);
  const out: Period[] = [];
  // walk in "local" wall-clock ms (UTC fields of ms + offset)
  let cursor = new Date(fromMs + LOCAL_OFFSET_MS);
  while (cursor.getTime() - LOCAL_OFFSET_MS < toMs) {
    const y = cursor.getUTCFullYear();
    const mo = cursor.getUTCMonth();
    const d = cursor.getUTCDate();
    const [startWall, nextWall, label] =
      granularity === 'day'
        ? [Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1), `${y}-${pad(mo + 1)}-${pad(d)}`]
        : granularity === 'month'
          ? [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1), `${y}-${pad(mo + 1)}`]
          : [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1), `${y}`];
    const start = Math.max(startWall - LOCAL_OFFSET_MS, fromMs);
    const end = Math.min(nextWall - LOCAL_OFFSET_MS, toMs);
    out.push({ label, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    cursor = new Date(nextWall);
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');
