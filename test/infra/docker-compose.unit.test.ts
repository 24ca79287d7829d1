// docker-compose.yml cannot be brought up here (no Docker engine, no compose plugin), so it is
// checked with compose-go, the loader `docker compose config` uses, via infra/compose-check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const checkDir = join(repoRoot, 'infra', 'compose-check');
const composeFile = join(repoRoot, 'docker-compose.yml');

// The first build downloads compose-go and compiles it.
jest.setTimeout(240_000);

let workDir: string;
let binary: string;

interface Run { status: number | null; stdout: string; stderr: string }

function check(file: string): Run {
  const r = spawnSync(binary, [file], { encoding: 'utf8', timeout: 30_000, env: process.env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeVariant(name: string, edit: (yaml: string) => string): string {
  const original = readFileSync(composeFile, 'utf8');
  const changed = edit(original);
  if (changed === original) throw new Error(`variant ${name}: the edit did not apply; docker-compose.yml changed shape`);
  const file = join(workDir, `${name}.yml`);
  writeFileSync(file, changed);
  return file;
}

beforeAll(() => {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      'the Go toolchain (`go` on PATH) is required to validate docker-compose.yml with compose-go ' +
        `(infra/compose-check); install Go >= 1.24. Cause: ${version.error?.message ?? version.stderr}`,
    );
  }
  workDir = mkdtempSync(join(tmpdir(), 'motcua-compose-check-'));
  binary = join(workDir, 'compose-check');
  // GOTOOLCHAIN=local: never fetch a toolchain behind the developer's back.
  const build = spawnSync('go', ['build', '-o', binary, '.'], {
    cwd: checkDir,
    encoding: 'utf8',
    timeout: 230_000,
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  });
  if (build.error || build.status !== 0) {
    throw new Error(`go build in infra/compose-check failed: ${build.error?.message ?? build.stderr}`);
  }
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('docker-compose.yml under compose-go (docker compose config semantics)', () => {
  it('loads, validates and normalises the repository file with every service and its healthcheck', () => {
    const r = check(composeFile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const project = JSON.parse(r.stdout) as {
      name: string;
      services: Record<string, { healthcheck?: { test?: string[] }; depends_on?: Record<string, { condition: string }> }>;
    };
    expect(project.name).toBe('motcua');
    expect(Object.keys(project.services).sort()).toEqual(
      ['api', 'breach-forecaster', 'kafka', 'postgres', 'reporting-consumer', 'setup', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    for (const name of ['postgres', 'temporal', 'kafka', 'api']) {
      expect(project.services[name]?.healthcheck?.test?.[0]).toMatch(/^CMD(-SHELL)?$/);
    }
    expect(project.services.setup?.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
      temporal: expect.objectContaining({ condition: 'service_healthy' }),
      kafka: expect.objectContaining({ condition: 'service_healthy' }),
    });
    for (const name of ['worker', 'reporting-consumer', 'api', 'breach-forecaster']) {
      expect(project.services[name]?.depends_on?.setup?.condition).toBe('service_completed_successfully');
    }
  });

  it('rejects an unknown key by the compose-spec schema', () => {
    const file = writeVariant('unknown-key', (y) => y.replace(/^( {4})healthcheck:/m, '$1healthcheckz:'));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('services.postgres.healthcheckz');
  });

  it('rejects condition: service_healthy on a service without a healthcheck', () => {
    const file = writeVariant('no-healthcheck', (y) =>
      y.replace(/\n {4}healthcheck:\n {6}test: \["CMD-SHELL", "\/opt\/kafka[^\n]*(\n {6}[^\n]*)*/, ''),
    );
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('service "setup" depends on "kafka" with condition service_healthy, but "kafka" has no healthcheck');
  });

  it('rejects a depends_on target that does not exist', () => {
    const file = writeVariant('undefined-target', (y) => y.replace(/^( {6})kafka:\n( {8}condition: service_healthy)/m, '$1kafkaa:\n$2'));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/service "setup" depends on undefined service "kafkaa"/);
  });

  it('rejects service_completed_successfully on a service that restarts', () => {
    const file = writeVariant('restarting-one-shot', (y) => y.replace('restart: "no"', 'restart: on-failure'));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('depends on "setup" with condition service_completed_successfully, but "setup" has restart: "on-failure"');
  });
});
