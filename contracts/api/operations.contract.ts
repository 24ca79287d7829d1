import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'HealthResponse' });

/** Readiness: every dependency reachable; a failed one is named with why. */
export const ReadinessResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.array(z.object({ name: z.enum(['temporal', 'postgres', 'kafka']), ok: z.boolean(), detail: z.string().optional(), millis: z.number() })),
  })
  .meta({ id: 'ReadinessResponse' });
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;

/** Temporal's remote codec protocol (what the Temporal UI and CLI send to a codec server). */
export const CodecPayloads = z
  .object({ payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })).max(1000) })
  .meta({ id: 'CodecPayloads' });
export type CodecPayloads = z.infer<typeof CodecPayloads>;
