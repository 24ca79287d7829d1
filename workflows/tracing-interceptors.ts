import { context, type Context } from '@opentelemetry/api';
import { extractContextFromHeaders } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  workflowInfo,
  type DisposeInput,
  type LocalActivityInput,
  type Next,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowInternalsInterceptor,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { dossierCommandUpdate } from './messages';

/**
 * Bundled before the OpenTelemetry interceptors of @temporalio/interceptors-opentelemetry, only in
 * the traced bundle (workers/workflow-source.ts).
 *
 * The dossier workflow publishes from its main loop, so by itself the publish of a command's
 * events would be traced under the workflow's run (the trace of the dossier's submission). An
 * accepted command's events are published by the next local activity the loop schedules; this
 * hands that activity the trace context the command's update arrived with, so an officer's request,
 * the update, the publish and the consumers' apply are one trace. It changes no command the
 * workflow emits (only the local activity's headers), so replay is unaffected. It must come before
 * the OpenTelemetry module: its outbound interceptor sets the context the OpenTelemetry one then
 * starts the activity's span in.
 */
interface Pending {
  ctx: Context;
  rejected: boolean;
}
// per run: a worker may share this module's state between the workflows it caches
const pendingByRun = new Map<string, Pending[]>();
const pendingOf = (): Pending[] => {
  const { runId } = workflowInfo();
  let list = pendingByRun.get(runId);
  if (!list) pendingByRun.set(runId, (list = []));
  return list;
};

class CommandContextInbound implements WorkflowInboundCallsInterceptor {
  async handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    const ctx = input.name === dossierCommandUpdate.name ? extractContextFromHeaders(input.headers) : undefined;
    if (!ctx) return next(input);
    const pending = pendingOf();
    const entry: Pending = { ctx, rejected: false };
    pending.push(entry);
    try {
      return await next(input);
    } catch (err) {
      // a rejected command decided nothing: no publish will come for it
      entry.rejected = true;
      const i = pending.indexOf(entry);
      if (i >= 0) pending.splice(i, 1);
      throw err;
    }
  }
}

class CommandContextOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    const entry = pendingOf().shift();
    return entry && !entry.rejected ? context.with(entry.ctx, () => next(input)) : next(input);
  }
}

class CommandContextInternals implements WorkflowInternalsInterceptor {
  dispose(input: DisposeInput, next: Next<WorkflowInternalsInterceptor, 'dispose'>): void {
    try {
      pendingByRun.delete(workflowInfo().runId);
    } catch {
      // the run's context is already gone: nothing of it to forget
    }
    return next(input);
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new CommandContextInbound()],
  outbound: [new CommandContextOutbound()],
  internals: [new CommandContextInternals()],
});
