import type { ServiceName, StackContext } from '../../infra/stack/service';
import { readPid } from '../../infra/stack/processes';
import { pidFile } from '../../infra/stack/state-file';

/** The PIDs of the stack's services that `stack up` started (configured ones run elsewhere: none). */
export function stackPids(ctx: StackContext): Partial<Record<ServiceName, number>> {
  const out: Partial<Record<ServiceName, number>> = {};
  for (const s of ['temporal', 'kafka', 'postgres'] as const) {
    const rec = readPid(pidFile(ctx, s));
    if (rec) out[s] = rec.pid;
  }
  return out;
}

/** The dev server's Prometheus endpoint, from the command line `stack up` started it with. */
export function temporalMetricsUrl(ctx: StackContext): string | undefined {
  const rec = readPid(pidFile(ctx, 'temporal'));
  const port = rec && /--metrics-port (\d+)/.exec(rec.command)?.[1];
  return port ? `http://127.0.0.1:${port}/metrics` : undefined;
}
