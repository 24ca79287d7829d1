import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/stack/stack-config';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** sampled ms inside the window */
  totalMs: number;
  byPackage: Array<{ where: string; ms: number; share: number }>;
  topFunctions: Array<{ fn: string; where: string; ms: number; share: number }>;
}

function where(url: string): string {
  if (!url) return '(native / vm)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node';
  const rel = url.replace(/^file:\/\//, '');
  return rel.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, rel) : rel;
}

/**
 * Self time per function and per package of a `--cpu-prof` profile, counting only samples taken in
 * [fromUs, toUs] (CLOCK_MONOTONIC µs, the clock both the profile and process.hrtime use), so the
 * worker's start-up (webpack bundling) stays out of the measurement.
 */
export function summariseProfile(file: string, fromUs: number, toUs: number, top = 25): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = p.startTime;
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs || t > toUs) continue;
    const next = p.timeDeltas[i + 1] ?? 0;
    const id = p.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + next);
    total += next;
  }
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const fn = n.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') {
      pkgs.set(fn, (pkgs.get(fn) ?? 0) + us);
      continue;
    }
    const w = where(n.callFrame.url);
    const key = `${fn}@${w}:${n.callFrame.lineNumber}`;
    const f = fns.get(key) ?? { fn, where: `${w}:${n.callFrame.lineNumber + 1}`, us: 0 };
    f.us += us;
    fns.set(key, f);
    pkgs.set(w, (pkgs.get(w) ?? 0) + us);
  }
  const busy = total - (pkgs.get('(idle)') ?? 0);
  const share = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  return {
    file: path.basename(file),
    totalMs: Math.round(busy / 1000),
    byPackage: [...pkgs]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([w, us]) => ({ where: w, ms: Math.round(us / 1000), share: share(us) })),
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, ms: Math.round(f.us / 1000), share: share(f.us) })),
  };
}

/** Temporal's Prometheus counters that say where the server's time goes: per operation, total ms and calls. */
export async function scrapeTemporalTimes(metricsUrls: string[]): Promise<Record<string, { ms: number; count: number }>> {
  const texts = await Promise.all(metricsUrls.map(async (url) => (await fetch(url)).text()));
  const out: Record<string, { ms: number; count: number }> = {};
  for (const line of texts.join('\n').split('\n')) {
    const m = /^(persistence_latency|service_latency)_(sum|count)\{([^}]*)\} ([\d.e+-]+)$/.exec(line);
    if (!m) continue;
    const op = /operation="([^"]+)"/.exec(m[3]!)?.[1] ?? '?';
    const key = `${m[1] === 'persistence_latency' ? 'persistence' : 'service'}:${op}`;
    const e = (out[key] ??= { ms: 0, count: 0 });
    // Temporal's histograms are in seconds
    if (m[2] === 'sum') e.ms += Number(m[4]) * 1000;
    else e.count += Number(m[4]);
  }
  return out;
}
