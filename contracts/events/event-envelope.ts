import { z } from 'zod';
import { DossierCode, Instant } from '../dossier.contract';

/**
 * Every dossier fact travels in this envelope. `id` is `<dossierCode>:<sequence>`, deterministic, so
 * a retried publish can duplicate a fact but never invent a different one; consumers skip any
 * sequence they have applied.
 */
export function eventEnvelope<T extends string, V extends number, P extends z.ZodType>(type: T, schemaVersion: V, payload: P) {
  return z
    .object({
      id: z.string().regex(/^.+:\d+$/),
      type: z.literal(type),
      schemaVersion: z.literal(schemaVersion),
      sequence: z.number().int().positive(),
      occurredAt: Instant,
      dossierCode: DossierCode,
      procedureCode: z.string().min(1),
      unitId: z.string().min(1),
      calendarVersion: z.string().min(1),
      payload,
    })
    .strict()
    .refine((e) => e.id === `${e.dossierCode}:${e.sequence}`, { message: 'id must be <dossierCode>:<sequence>', path: ['id'] });
}

export function eventId(dossierCode: string, sequence: number): string {
  return `${dossierCode}:${sequence}`;
}

/** Kafka headers every event carries, so routers and dead-letter tools need not parse the payload. */
export const EVENT_HEADERS = {
  type: 'event-type',
  schemaVersion: 'schema-version',
  id: 'event-id',
  contentType: 'content-type',
} as const;

/**
 * W3C trace context, present when the publishing worker traces (OpenTelemetry): a consumer's work
 * on the event joins the trace of the request that caused it.
 */
export const TRACE_HEADERS = {
  parent: 'traceparent',
  state: 'tracestate',
} as const;
