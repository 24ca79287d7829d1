import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { isolatedEngineEnv, spawnCollected, type Spawned } from '../support/engine-process';
import { dropDatabase, requireStackEnv } from '../support/stack-env';

jest.setTimeout(240_000);

/** The README's "Try it" block, run exactly as written against `npm start` (whatever port the engine got). */
describe('the README quick start', () => {
  const stack = requireStackEnv();
  let engine: Awaited<ReturnType<typeof isolatedEngineEnv>>;
  let start: Spawned;

  beforeAll(async () => {
    engine = await isolatedEngineEnv();
    // no port given: the engine takes 18080 or a free one, as on a developer's machine
    delete engine.env.MOTCUA_API_PORT;
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

  it('gets a token, submits, reads the inbox, claims, completes, looks up as the citizen and reads the register', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /<!-- quickstart -->\n```sh\n([\s\S]*?)```\n<!-- \/quickstart -->/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block!], { cwd: REPO_ROOT, env: engine.env, encoding: 'utf8', timeout: 180_000 });
    if (run.status !== 0) throw new Error(`the quick start failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    const code = /^dossier (\S+)$/.exec(lines[0]!)?.[1];
    expect(code).toMatch(/^PT\.P\.PHUC\.YEN\.TTPHCC-\d{6}-\d{4}$/);
    const [inbox, claim, complete, lookup, register] = lines.slice(1).map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(inbox!.unitId).toBe('pt.p-phuc-yen.ttphcc');
    expect(claim!.events.map((e: { type: string }) => e.type)).toEqual(['task.claimed']);
    expect(complete!.events.map((e: { type: string }) => e.type)).toEqual(['task.completed', 'task.assigned']);
    // the read models follow the workflow by a moment: the completed step may not be listed yet
    expect(lookup).toMatchObject({ dossierCode: code, procedureName: 'Đăng ký khai sinh', statusCode: 4, status: { vi: 'Đang xử lý' } });
    expect(register!.rows.map((r: { dossierCode: string }) => r.dossierCode)).toContain(code);
  });
});
