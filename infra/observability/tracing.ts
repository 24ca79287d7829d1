import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Spans motcua's own code starts (the HTTP request, the Kafka publish, a consumer's apply) come from this tracer. */
export const TRACER_NAME = 'motcua';
export const tracer = (): Tracer => trace.getTracer(TRACER_NAME);

export interface Tracing {
  processor: SpanProcessor;
  resource: Resource;
  /** Exports what is buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

/**
 * Tracing is off unless an OTLP endpoint is configured (the standard variables: OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and OTEL_SDK_DISABLED=true turns it off again. Off, nothing
 * is installed: no interceptors, no context manager, spans are the API's no-ops.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Installs the process's tracer provider: spans batched to the OTLP/HTTP exporter (its endpoint,
 * headers, timeout and protocol from the OTEL_EXPORTER_OTLP_* variables), sampling from
 * OTEL_TRACES_SAMPLER, W3C trace context as the propagator, and AsyncLocalStorage carrying the
 * active span across awaits. `processor` replaces the exporter (tests: an in-memory one).
 */
export function startTracing(processName: string, opts: { env?: NodeJS.ProcessEnv; processor?: SpanProcessor } = {}): Tracing | undefined {
  const env = opts.env ?? process.env;
  if (!opts.processor && !tracingConfigured(env)) return undefined;
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || `motcua-${processName}`, 'service.namespace': 'motcua' });
  const processor = opts.processor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  provider.register({ contextManager });
  return {
    processor,
    resource,
    async shutdown() {
      await provider.shutdown();
      contextManager.disable();
      context.disable();
      trace.disable();
    },
  };
}
