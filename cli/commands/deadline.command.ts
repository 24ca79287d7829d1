import type { Command } from 'commander';
import type { Duration } from '../../contracts/duration.contract';
import { isDomainError } from '../../domain/domain-error';
import { DEFAULT_CALENDAR_VERSION, getCalendar, listCalendarVersions } from '../../domain/calendar/calendar-registry';
import { computeDeadline } from '../../domain/calendar/deadline';
import { formatLocalIso, parseIsoInstant, parseLocalTime } from '../../domain/calendar/local-time';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { CliError } from '../program';

/** Runs domain code and turns its rule violations into one-line usage errors (exit code 2). */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isDomainError(err)) throw new CliError(`${err.code}: ${err.message}`);
    throw err;
  }
}

export function parseInstantOption(name: string, value: unknown): number {
  if (typeof value !== 'string') throw new CliError(`${name} is required (an ISO 8601 instant with offset, e.g. 2025-04-07T09:00:00+07:00)`);
  return asUsage(() => parseIsoInstant(value));
}

export function calendarOption(value: unknown): WorkingCalendar {
  const version = typeof value === 'string' ? value : DEFAULT_CALENDAR_VERSION;
  return asUsage(() => getCalendar(version));
}

function nonNegative(name: string, text: string, integer: boolean): number {
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new CliError(`${name} must be a non-negative ${integer ? 'whole ' : ''}number, got "${text}"`);
  return n;
}

interface DeadlineOptions {
  from?: string;
  workingDays?: string;
  workingHours?: string;
  workingMinutes?: string;
  calendarDays?: string;
  cutoff?: string;
  calendar?: string;
  explain?: boolean;
}

function budgetOf(o: DeadlineOptions): Duration {
  const given: Duration[] = [];
  if (o.workingDays !== undefined) given.push({ amount: nonNegative('--working-days', o.workingDays, false), unit: 'working_days' });
  if (o.workingHours !== undefined) given.push({ amount: nonNegative('--working-hours', o.workingHours, false), unit: 'working_hours' });
  if (o.workingMinutes !== undefined) given.push({ amount: nonNegative('--working-minutes', o.workingMinutes, false), unit: 'working_minutes' });
  if (o.calendarDays !== undefined) given.push({ amount: nonNegative('--calendar-days', o.calendarDays, true), unit: 'calendar_days' });
  const [only, ...rest] = given;
  if (!only || rest.length > 0) throw new CliError('give exactly one of --working-days, --working-hours, --working-minutes, --calendar-days');
  return only;
}

export function registerDeadline(program: Command): void {
  program
    .command('deadline')
    .description('the due instant of a time budget under a working-time calendar, printed as ISO 8601 with +07:00')
    .option('--from <instant>', 'reception instant, ISO 8601 with offset, e.g. 2025-04-07T09:00:00+07:00')
    .option('--working-days <n>', 'budget in working days (1 working day = 8 working hours)')
    .option('--working-hours <h>', 'budget in working hours')
    .option('--working-minutes <m>', 'budget in working minutes')
    .option('--calendar-days <n>', 'budget in whole calendar days; a due date outside working time moves to the next working instant')
    .option('--cutoff <HH:MM>', 'a reception after this local time counts from the next working day')
    .option('--calendar <version>', `calendar version (${listCalendarVersions().join(', ')})`, DEFAULT_CALENDAR_VERSION)
    .option('--explain', 'also print the ledger of rules applied')
    .action((o: DeadlineOptions) => {
      const from = parseInstantOption('--from', o.from);
      const budget = budgetOf(o);
      if (o.cutoff !== undefined) {
        const cutoff = o.cutoff;
        asUsage(() => parseLocalTime(cutoff));
      }
      const cal = calendarOption(o.calendar);
      const result = asUsage(() => computeDeadline(from, budget, cal, o.cutoff !== undefined ? { cutoff: o.cutoff } : {}));
      const lines = [formatLocalIso(result.dueMs, cal.utcOffsetMinutes)];
      if (o.explain) {
        lines.push(`# calendar ${result.calendarVersion}; counting starts ${formatLocalIso(result.effectiveStartMs, cal.utcOffsetMinutes)}`);
        for (const a of result.applied)
          lines.push(`${formatLocalIso(a.at, cal.utcOffsetMinutes)}  ${a.rule}  ${a.detail}${a.decision ? `  [${a.decision}]` : ''}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
