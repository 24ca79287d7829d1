import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Batch } from 'kafkajs';
import { extractTraceContext } from '../infra/observability/kafka-trace';
import { tracer } from '../infra/observability/tracing';

/**
 * Runs a batch's apply under one consumer span per trace its messages came from (the publish that
 * wrote them is the parent), so each request's trace ends with the read models it changed. Messages
 * without trace context (tracing off at the worker or here) add no span.
 */
export async function traceBatch<T>(groupId: string, batch: Batch, apply: () => Promise<T>): Promise<T> {
  const byTrace = new Map<string, { ctx: NonNullable<ReturnType<typeof extractTraceContext>>; eventIds: string[] }>();
  for (const m of batch.messages) {
    const ctx = extractTraceContext(m.headers);
    if (!ctx) continue;
    const sc = trace.getSpanContext(ctx)!;
    const key = `${sc.traceId}/${sc.spanId}`;
    const entry = byTrace.get(key) ?? { ctx, eventIds: [] };
    entry.eventIds.push(String(m.headers?.['event-id'] ?? m.offset));
    byTrace.set(key, entry);
  }
  if (byTrace.size === 0) return apply();
  const spans: Span[] = [...byTrace.values()].map(({ ctx, eventIds }) =>
    tracer().startSpan(
      `apply ${groupId}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': batch.topic,
          'messaging.destination.partition.id': String(batch.partition),
          'messaging.consumer.group.name': groupId,
          'messaging.batch.message_count': eventIds.length,
          'motcua.event_ids': eventIds.join(','),
        },
      },
      ctx,
    ),
  );
  try {
    // the first trace's span is the active one while applying (its database work, were it traced, would land there)
    return await context.with(trace.setSpan(context.active(), spans[0]!), apply);
  } catch (err) {
    for (const s of spans) {
      s.recordException(err as Error);
      s.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    }
    throw err;
  } finally {
    for (const s of spans) s.end();
  }
}
