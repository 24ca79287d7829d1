import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { isolatedEngineEnv, spawnCollected, submitAndFinish, type Spawned } from '../support/engine-process';
import { dropDatabase, requireStackEnv } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(240_000);

/** The PIDs of the direct children of `pid` whose command line contains `needle`. */
function childPids(pid: number, needle: string): number[] {
  const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return kids.filter((k) => {
    try {
      return fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').includes(needle);
    } catch {
      return false;
    }
  });
}

/** `npm start` as a user runs it: a worker killed with SIGKILL comes back, and dossiers still finish. */
describe('motcua start supervises the engine', () => {
  const stack = requireStackEnv();
  let engine: Awaited<ReturnType<typeof isolatedEngineEnv>>;
  let start: Spawned;

  beforeAll(async () => {
    engine = await isolatedEngineEnv();
    start = spawnCollected(process.execPath, [path.join(REPO_ROOT, 'bin', 'motcua.js'), 'start'], engine.env, REPO_ROOT);
    await start.waitFor(/motcua is running/, 'the engine to start');
  });

  afterAll(async () => {
    await start?.stop('SIGINT');
    if (engine) {
      await dropDatabase(stack.databaseUrl, engine.dbName);
      fs.rmSync(engine.dataDir, { recursive: true, force: true });
    }
  });

  it('restarts a SIGKILLed worker with a logged backoff, then a dossier finishes', async () => {
    const [worker] = childPids(start.child.pid!, 'temporal-worker');
    expect(worker).toBeDefined();
    process.kill(worker!, 'SIGKILL');
    await start.waitFor(/motcua: temporal-worker exited \(SIGKILL\) after [\d.]+ s; restarting it in [\d.]+ s \(restart 1\)/, 'the crash to be logged');
    await start.waitFor(/motcua: temporal-worker restarted \(pid \d+\)/, 'the restart');
    const again = await waitUntil(async () => childPids(start.child.pid!, 'temporal-worker').find((p) => p !== worker), 'a new worker process');
    expect(again).not.toBe(worker);
    await submitAndFinish(engine.apiUrl, engine.dataDir);
    expect(start.output()).not.toMatch(/stopping the engine/);
  });

  it('stops every process cleanly on Ctrl-C (SIGINT), restarting none', async () => {
    const children = ['temporal-worker', 'reporting-consumer', 'workers/api'].flatMap((n) => childPids(start.child.pid!, n));
    expect(children).toHaveLength(3);
    const { code } = await start.stop('SIGINT');
    expect(code).toBe(0);
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
    const out = start.output();
    expect(out).toMatch(/motcua: stopping the engine \(SIGINT\)/);
    expect(out.match(/restarted \(pid/g) ?? []).toHaveLength(1);
    expect(out).toMatch(/temporal-worker: SIGINT, stopping/);
  });
});
