import { z } from 'zod';

/**
 * A random duration or delay; the field that holds it names the unit (working minutes, calendar
 * days). `lognormal` is set by its median and 90th percentile, the two figures people can estimate.
 */
export const Distribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: z.number().nonnegative().finite() }).strict(),
  z
    .object({ kind: z.literal('uniform'), min: z.number().nonnegative().finite(), max: z.number().nonnegative().finite() })
    .strict()
    .refine((d) => d.max >= d.min, { message: 'max must be at least min', path: ['max'] }),
  z.object({ kind: z.literal('exponential'), mean: z.number().positive().finite() }).strict(),
  z
    .object({ kind: z.literal('lognormal'), median: z.number().positive().finite(), p90: z.number().positive().finite() })
    .strict()
    .refine((d) => d.p90 >= d.median, { message: 'p90 must be at least the median', path: ['p90'] }),
]);
export type Distribution = z.infer<typeof Distribution>;
