import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, OpenTelemetryWorkflowClientInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from './tracing';

/**
 * The worker's part of a trace: a span per activity (the publish's producer span under it) and the
 * workflow's spans (run, update, validation, activity scheduling), which the workflow sandbox hands
 * to the exporter sink. The workflow interceptor modules themselves come with the workflow source
 * (workers/workflow-source.ts), bundled in.
 */
export function tracingWorkerOptions(tracing: Tracing): { interceptors: NonNullable<WorkerOptions['interceptors']>; sinks: NonNullable<WorkerOptions['sinks']> } {
  return {
    interceptors: { activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })] },
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}

/** The API's part: a span per workflow start, update and query, its context sent in the Temporal headers. */
export function tracingClientInterceptors(): WorkflowClientInterceptor[] {
  return [new OpenTelemetryWorkflowClientInterceptor()];
}
