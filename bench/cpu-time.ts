import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Linux clock ticks per second, the unit of /proc/PID/stat's CPU fields. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: its own CPU and that of the children it reaped. */
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by these processes and every descendant (PostgreSQL's backends, the
 * JVM's threads are the process itself). A descendant that exited counts once its parent reaped it.
 */
export function treeCpuSeconds(roots: number[]): number {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is Stat => s !== undefined);
  const children = new Map<number, Stat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byPid = new Map(all.map((s) => [s.pid, s]));
  let ticks = 0;
  const seen = new Set<number>();
  const visit = (pid: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    const s = byPid.get(pid);
    if (!s) return;
    ticks += s.ticks;
    for (const c of children.get(pid) ?? []) visit(c.pid);
  };
  for (const r of roots) visit(r);
  return ticks / TICKS;
}
