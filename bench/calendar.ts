/**
 * Deadline computations per second: our cumulative index against a day-by-day loop over the same
 * calendar (the way moment-business-days and date-fns' holiday recipe work), in the same run.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CALENDAR_VERSION, getCalendar } from '../domain/calendar/calendar-registry';
import { formatLocalDate, parseIsoInstant, weekdayOfDayNumber } from '../domain/calendar/local-time';
import { computeDeadline } from '../domain/calendar/deadline';
import {
  addWorkingTime,
  dayIndexOf,
  dayKindOf,
  dayStartOfIndex,
  isWorkingDayIndex,
  type WorkingCalendar,
} from '../domain/calendar/working-calendar';

const cal = getCalendar(DEFAULT_CALENDAR_VERSION);
const MINUTE = 60_000;

/**
 * The baseline as those libraries do it: walk the days, asking of each its weekday and whether its
 * 'YYYY-MM-DD' key is in the holiday or make-up set, and spend the budget.
 */
const offDays = new Set<string>();
const makeUpDays = new Set<string>();
for (let i = 0; i < cal.dayCount; i++) {
  const kind = dayKindOf(i, cal);
  if (kind === 'makeup_working_day') makeUpDays.add(formatLocalDate(cal.firstDay + i));
  else if (kind !== 'working' && kind !== 'weekly_rest_day') offDays.add(formatLocalDate(cal.firstDay + i));
}
function isBusinessDay(i: number, c: WorkingCalendar): boolean {
  const key = formatLocalDate(c.firstDay + i);
  if (makeUpDays.has(key)) return true;
  const wd = weekdayOfDayNumber(c.firstDay + i);
  return wd !== 0 && wd !== 6 && !offDays.has(key);
}

function loopAddWorkingTime(startMs: number, minutes: number, c: WorkingCalendar): number {
  return dayLoop(startMs, minutes, c, isBusinessDay);
}

/** The same loop over our precompiled per-day flags: the best a day-by-day loop can do. */
function flagLoopAddWorkingTime(startMs: number, minutes: number, c: WorkingCalendar): number {
  return dayLoop(startMs, minutes, c, isWorkingDayIndex);
}

function dayLoop(startMs: number, minutes: number, c: WorkingCalendar, works: (i: number, c: WorkingCalendar) => boolean): number {
  let rem = minutes * MINUTE;
  let day = dayIndexOf(startMs, c);
  let t = startMs - dayStartOfIndex(day, c);
  for (;;) {
    if (works(day, c)) {
      for (const [s, e] of c.intervals) {
        if (t >= e) continue;
        const from = Math.max(t, s);
        if (rem <= e - from) return dayStartOfIndex(day, c) + from + rem;
        rem -= e - from;
        t = e;
      }
    }
    day++;
    t = 0;
    if (day >= c.dayCount) throw new Error('range exceeded');
  }
}

// Reception instants spread over 2025, on and off the minute, inside and outside service hours.
const starts = Array.from({ length: 1024 }, (_, i) => parseIsoInstant('2025-01-02T06:00:00+07:00') + i * 8.5 * 3_600_000 + (i % 7) * 37_000);

/** Best of several samples: the machine is shared, and the best sample is the least disturbed. */
function opsPerSecond(fn: (start: number) => number, samples = 5): number {
  let best = 0;
  for (let k = 0; k < samples; k++) best = Math.max(best, sampleOpsPerSecond(fn));
  return best;
}

function sampleOpsPerSecond(fn: (start: number) => number, minMs = 150): number {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += fn(starts[i % starts.length] as number); // warm-up
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) sink += fn(starts[(n + i) % starts.length] as number);
    n += 1000;
    elapsed = performance.now() - t0;
  }
  if (sink === 42) console.log('');
  return (n / elapsed) * 1000;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(12);
const rows: { days: number; ours: number; deadline: number; loop: number; flagLoop: number }[] = [];
for (const days of [1, 20, 200]) {
  const minutes = days * 480;
  for (const s of starts.slice(0, 64))
    if (addWorkingTime(s, minutes, cal) !== loopAddWorkingTime(s, minutes, cal) || addWorkingTime(s, minutes, cal) !== flagLoopAddWorkingTime(s, minutes, cal)) throw new Error(`baseline disagrees at ${s}, ${days} days`);
  rows.push({
    days,
    ours: opsPerSecond((s) => addWorkingTime(s, minutes, cal)),
    deadline: opsPerSecond((s) => computeDeadline(s, { amount: days, unit: 'working_days' }, cal).dueMs),
    loop: opsPerSecond((s) => loopAddWorkingTime(s, minutes, cal)),
    flagLoop: opsPerSecond((s) => flagLoopAddWorkingTime(s, minutes, cal)),
  });
}

console.log(`calendar ${cal.version}, node ${process.version}`);
console.log('ours = addWorkingTime (binary search on cumulative minutes); loop = day by day with date keys and holiday sets;');
console.log('flag loop = day by day over our precompiled day flags; ledger = computeDeadline with its explanation');
console.log(`${'working days'.padStart(12)} ${'ours ops/s'.padStart(12)} ${'loop ops/s'.padStart(12)} ${'ratio'.padStart(8)} ${'flag loop'.padStart(12)} ${'ratio'.padStart(8)} ${'ledger ops/s'.padStart(12)}`);
for (const r of rows)
  console.log(
    `${String(r.days).padStart(12)} ${fmt(r.ours)} ${fmt(r.loop)} ${(r.ours / r.loop).toFixed(1).padStart(7)}× ${fmt(r.flagLoop)} ${(r.ours / r.flagLoop).toFixed(1).padStart(7)}× ${fmt(r.deadline)}`,
  );
const r1 = rows[0];
const r200 = rows[2];
if (r1 && r200) {
  console.log(`ours(200)/ours(1) = ${(r200.ours / r1.ours).toFixed(2)} (addWorkingTime), ${(r200.deadline / r1.deadline).toFixed(2)} (computeDeadline with ledger)`);
}
