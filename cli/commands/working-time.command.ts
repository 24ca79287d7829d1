import type { Command } from 'commander';
import { DEFAULT_CALENDAR_VERSION, listCalendarVersions } from '../../domain/calendar/calendar-registry';
import { workingTimeBetween } from '../../domain/calendar/working-calendar';
import { asUsage, calendarOption, parseInstantOption } from './deadline.command';

export function registerWorkingTime(program: Command): void {
  program
    .command('working-time')
    .description('working minutes between two instants under a working-time calendar (negative when --to is before --from)')
    .option('--from <instant>', 'ISO 8601 instant with offset')
    .option('--to <instant>', 'ISO 8601 instant with offset')
    .option('--calendar <version>', `calendar version (${listCalendarVersions().join(', ')})`, DEFAULT_CALENDAR_VERSION)
    .action((o: { from?: string; to?: string; calendar?: string }) => {
      const a = parseInstantOption('--from', o.from);
      const b = parseInstantOption('--to', o.to);
      const cal = calendarOption(o.calendar);
      const minutes = asUsage(() => workingTimeBetween(a, b, cal));
      process.stdout.write(`${Number.isInteger(minutes) ? minutes : minutes.toFixed(3)}\n`);
    });
}
