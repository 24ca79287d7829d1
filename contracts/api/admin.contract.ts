import { z } from 'zod';

export const CalendarVersionSummary = z
  .object({ version: z.string(), fromYear: z.number().int(), toYear: z.number().int(), officialYears: z.array(z.number().int()), weeklyRestDays: z.array(z.number().int()) })
  .meta({ id: 'CalendarVersionSummary' });
