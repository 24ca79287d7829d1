import fs from 'node:fs';
import path from 'node:path';
import type { StackContext } from '../../infra/stack/service';
import { readPid } from '../../infra/stack/processes';
import { pidFile } from '../../infra/stack/state-file';
import { clusterMetricsUrls } from '../../infra/stack/temporal-cluster.service';

/**
 * Every process of the stack's services, from the PID files `stack up` wrote: one each on the single
 * profile, several on the cluster (two Temporal services, three brokers). The engine's own processes
 * and the Temporal UI are not services.
 */
export function servicePids(ctx: StackContext): Record<'temporal' | 'kafka' | 'postgres', number[]> {
  const out: Record<'temporal' | 'kafka' | 'postgres', number[]> = { temporal: [], kafka: [], postgres: [] };
  const files = fs.existsSync(ctx.stateDir) ? fs.readdirSync(ctx.stateDir).filter((f) => f.endsWith('.pid')) : [];
  for (const f of files) {
    const name = path.basename(f, '.pid');
    const service = /^temporal(?!-worker|-ui)/.test(name) ? 'temporal' : name.startsWith('kafka') ? 'kafka' : name === 'postgres' ? 'postgres' : undefined;
    const rec = service && readPid(path.join(ctx.stateDir, f));
    if (service && rec) out[service].push(rec.pid);
  }
  return out;
}

/**
 * The Temporal server's Prometheus endpoints: the dev server's, from the command line `stack up`
 * started it with, or every member's of the cluster profile's server.
 */
export function temporalMetricsUrls(ctx: StackContext): string[] {
  const rec = readPid(pidFile(ctx, 'temporal'));
  const port = rec && /--metrics-port (\d+)/.exec(rec.command)?.[1];
  return port ? [`http://127.0.0.1:${port}/metrics`] : clusterMetricsUrls(ctx);
}
