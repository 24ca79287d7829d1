import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { TRACE_HEADERS } from '../../contracts/events/event-envelope';

type KafkaHeaderValue = Buffer | string | Array<Buffer | string> | undefined;

/** Writes the active span's W3C trace context into a message's headers (nothing when tracing is off). */
export function injectTraceHeaders(headers: Record<string, string>, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, headers);
  return headers;
}

/**
 * The trace context a message carries, or undefined when it carries none (published untraced) or
 * when this process does not trace (no propagator installed).
 */
export function extractTraceContext(headers: Record<string, KafkaHeaderValue> | undefined): Context | undefined {
  if (!headers?.[TRACE_HEADERS.parent]) return undefined;
  const ctx = propagation.extract(ROOT_CONTEXT, headers, {
    keys: (c) => Object.keys(c),
    get: (c, key) => {
      const v = c[key];
      return v === undefined ? undefined : Array.isArray(v) ? v.map(String) : String(v);
    },
  });
  return trace.getSpanContext(ctx) ? ctx : undefined;
}
