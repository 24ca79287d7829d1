import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { injectTraceHeaders } from '../infra/observability/kafka-trace';
import { tracer } from '../infra/observability/tracing';
import type { EventPublisher, OutgoingMessage } from './ports/event-publisher';

/**
 * Publishes under a producer span (a child of the activity's span when the worker traces) and puts
 * its trace context in every message's headers, so the consumers' work joins the same trace. With
 * tracing off the span is the API's no-op and no header is added.
 */
export function publishTraced(publisher: EventPublisher, topic: string, messages: OutgoingMessage[]): Promise<void> {
  return tracer().startActiveSpan(
    `publish ${topic}`,
    { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'publish', 'messaging.destination.name': topic, 'messaging.batch.message_count': messages.length } },
    async (span) => {
      try {
        if (span.isRecording()) {
          for (const m of messages) injectTraceHeaders(m.headers);
          span.setAttribute('motcua.event_ids', messages.map((m) => m.headers['event-id'] ?? '').join(','));
        }
        await publisher.publish(topic, messages);
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
