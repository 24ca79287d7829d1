import { spawn } from 'node:child_process';
import { Supervisor } from '../../cli/engine/supervisor';
import { waitUntil } from '../support/wait-until';

/** Real child processes (plain node one-liners), no stack. */
const node = (script: string) => () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
const LONG_RUNNING = 'setInterval(() => {}, 1000)';

function supervisorOf(processes: Array<{ name: string; script: string }>, extra: Partial<ConstructorParameters<typeof Supervisor>[1]> = {}) {
  const lines: string[] = [];
  const pids: Record<string, number[]> = {};
  const sup = new Supervisor(
    processes.map(({ name, script }) => ({
      name,
      spawn: () => {
        const child = node(script)();
        (pids[name] ??= []).push(child.pid!);
        return child;
      },
    })),
    { initialBackoffMs: 20, maxBackoffMs: 200, stableAfterMs: 60_000, log: (l) => lines.push(l), ...extra },
  );
  return { sup, lines, pids };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Supervisor', () => {
  it('restarts a process killed with SIGKILL, logs it, and leaves the others alone', async () => {
    const { sup, lines, pids } = supervisorOf([
      { name: 'worker', script: LONG_RUNNING },
      { name: 'api', script: LONG_RUNNING },
    ]);
    sup.start();
    const first = pids.worker![0]!;
    process.kill(first, 'SIGKILL');
    await waitUntil(async () => (pids.worker!.length === 2 ? true : undefined), 'a second worker');
    expect(lines[0]).toMatch(/^motcua: worker exited \(SIGKILL\) after \d+\.\d s; restarting it in 0\.0 s \(restart 1\)$/);
    await waitUntil(async () => (lines.some((l) => l.startsWith('motcua: worker restarted (pid ')) ? true : undefined), 'the restart line');
    expect(alive(pids.worker![1]!)).toBe(true);
    expect(pids.api).toHaveLength(1);
    expect(sup.restarts()).toEqual({ worker: 1, api: 0 });
    await sup.stop();
    expect(alive(pids.worker![1]!)).toBe(false);
    expect(alive(pids.api![0]!)).toBe(false);
    expect(await sup.done).toEqual({ failure: undefined });
  });

  it('backs off exponentially while a process keeps crashing, up to the cap', async () => {
    const { sup, lines } = supervisorOf([{ name: 'flaky', script: 'process.exit(1)' }]);
    sup.start();
    await waitUntil(async () => (sup.restarts().flaky! >= 5 ? true : undefined), 'five restarts', 10_000);
    await sup.stop();
    const delays = lines.filter((l) => l.includes('restarting it in')).map((l) => /in (\d+\.\d) s/.exec(l)![1]);
    expect(delays.slice(0, 5)).toEqual(['0.0', '0.0', '0.1', '0.2', '0.2']); // 20, 40, 80, 160, then the 200 ms cap
  });

  it('stops the engine, restarting nothing, when a process exits with an invalid configuration', async () => {
    const { sup, lines, pids } = supervisorOf([
      { name: 'api', script: 'process.exit(78)' },
      { name: 'worker', script: LONG_RUNNING },
    ], { fatalExitCodes: [78] });
    sup.start();
    expect(await sup.done).toEqual({ failure: 'api' });
    expect(lines).toEqual(['motcua: api exited (code 78): its configuration is invalid, restarting would not help; stopping the engine']);
    expect(pids.api).toHaveLength(1);
    expect(alive(pids.worker![0]!)).toBe(false);
  });

  it('restarts nothing that exits while it stops', async () => {
    const { sup, lines, pids } = supervisorOf([{ name: 'worker', script: LONG_RUNNING }]);
    sup.start();
    await sup.stop('SIGINT');
    expect(lines).toEqual([]);
    expect(pids.worker).toHaveLength(1);
  });
});
