import fs from 'node:fs';

/** Linux clock ticks per second (USER_HZ): 100 on every kernel this runs on. */
const TICKS_PER_SECOND = 100;

interface ProcTimes {
  /** utime + stime of the process itself, in ms */
  ownMs: number;
  /** cutime + cstime: children it has reaped (PostgreSQL backends that ended), in ms */
  reapedMs: number;
  rssKb: number;
}

function readTimes(pid: number): ProcTimes | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces: fields start after the last ')'
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = 1000 / TICKS_PER_SECOND;
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { ownMs: (Number(f[11]) + Number(f[12])) * tick, reapedMs: (Number(f[13]) + Number(f[14])) * tick, rssKb: rss ? Number(rss[1]) : 0 };
  } catch {
    return undefined;
  }
}

/** The process and its descendants, alive now. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      try {
        for (const c of fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(c));
      } catch {
        // the thread ended
      }
    }
  };
  visit(pid);
  return out;
}

export interface ComponentUsage {
  cpuMs: number;
  rssKb: number;
}

/**
 * CPU time and memory of named components, each a root process and its descendants (PostgreSQL's
 * backends, the JVM's threads are one process). CPU counts what the tree's processes used, plus
 * what the root reaped from children that ended; memory is the tree's summed RSS (PostgreSQL's
 * shared buffers count once per backend that touched them: an upper bound).
 */
export class ProcessMeter {
  private peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  /** `own` names components measured without their descendants (the driver, whose children are measured apart). */
  constructor(
    private readonly roots: () => Record<string, number | readonly number[] | undefined>,
    private readonly own: ReadonlySet<string> = new Set(),
  ) {}

  usage(): Record<string, ComponentUsage> {
    const out: Record<string, ComponentUsage> = {};
    for (const [name, roots] of Object.entries(this.roots())) {
      if (roots === undefined) continue;
      let cpuMs = 0;
      let rssKb = 0;
      // a component may be several processes (the cluster's brokers, its Temporal services)
      for (const root of typeof roots === 'number' ? [roots] : roots) {
        for (const [i, pid] of (this.own.has(name) ? [root] : processTree(root)).entries()) {
          const t = readTimes(pid);
          if (!t) continue;
          cpuMs += t.ownMs + (i === 0 && !this.own.has(name) ? t.reapedMs : 0);
          rssKb += t.rssKb;
        }
      }
      out[name] = { cpuMs, rssKb };
    }
    return out;
  }

  /** Samples memory every `intervalMs` to keep each component's peak. */
  startSampling(intervalMs = 1000): void {
    const sample = () => {
      for (const [name, u] of Object.entries(this.usage())) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, u.rssKb));
    };
    sample();
    this.timer = setInterval(sample, intervalMs);
    this.timer.unref();
  }

  peakRssMb(): Record<string, number> {
    return Object.fromEntries([...this.peaks].map(([k, v]) => [k, Math.round(v / 1024)]));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** CPU each component spent between two readings, in ms. */
export function cpuDelta(before: Record<string, ComponentUsage>, after: Record<string, ComponentUsage>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, a] of Object.entries(after)) out[name] = Math.max(0, a.cpuMs - (before[name]?.cpuMs ?? 0));
  return out;
}

/** Machine load when the run started: the 1-, 5- and 15-minute load averages (2 cores are shared). */
export function loadAverage(): number[] {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return [];
  }
}
