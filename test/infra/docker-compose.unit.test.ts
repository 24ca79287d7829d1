// docker-compose.yml cannot be brought up here (no Docker engine, no compose plugin), so it is
// checked with compose-go, the loader `docker compose config` uses, via infra/compose-check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLUSTER_TOPIC_ENV } from '../../infra/stack/kafka-cluster.service';
import { DYNAMIC_CONFIG_FILE } from '../../infra/stack/temporal-cluster.service';
import { PROJECTION_GROUPS } from '../../projections/groups';

const repoRoot = resolve(__dirname, '..', '..');
const checkDir = join(repoRoot, 'infra', 'compose-check');
const composeFile = join(repoRoot, 'docker-compose.yml');
const GROUPS = PROJECTION_GROUPS.map((g) => g.name);

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: Array<{ source: string; target: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}

function parse(stdout: string): { name: string; services: Record<string, ComposeService> } {
  return JSON.parse(stdout) as { name: string; services: Record<string, ComposeService> };
}

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

    const project = parse(r.stdout);
    expect(project.name).toBe('motcua');
    expect(Object.keys(project.services).sort()).toEqual(
      [
        'api-1', 'api-2', 'breach-forecaster', 'consumer-dossier-summary', 'consumer-register', 'consumer-sla-board', 'consumer-statistics', 'consumer-task-inbox',
        'grafana', 'kafka-1', 'kafka-2', 'kafka-3', 'postgres', 'prometheus', 'setup', 'temporal-1', 'temporal-2', 'temporal-frontend',
        'temporal-schema', 'temporal-ui', 'worker',
      ].sort(),
    );
    for (const name of ['postgres', 'temporal-1', 'temporal-2', 'temporal-frontend', 'kafka-1', 'kafka-2', 'kafka-3', 'api-1', 'api-2']) {
      expect(project.services[name]?.healthcheck?.test?.[0]).toMatch(/^CMD(-SHELL)?$/);
    }
    expect(project.services.setup?.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
      'temporal-frontend': expect.objectContaining({ condition: 'service_healthy' }),
      'kafka-1': expect.objectContaining({ condition: 'service_healthy' }),
      'kafka-2': expect.objectContaining({ condition: 'service_healthy' }),
      'kafka-3': expect.objectContaining({ condition: 'service_healthy' }),
    });
    for (const name of ['worker', 'api-1', 'api-2', 'breach-forecaster', ...GROUPS.map((g) => `consumer-${g}`)]) {
      expect(project.services[name]?.depends_on?.setup?.condition).toBe('service_completed_successfully');
    }
  });

  it('describes the cluster profile: Temporal ×2 on PostgreSQL with its UI, three brokers, the engine ×2, the same settings as the local profile', () => {
    const { services: s } = parse(check(composeFile).stdout);
    for (const name of ['temporal-1', 'temporal-2']) {
      expect(s[name]?.image).toMatch(/^temporalio\/server:/);
      expect(s[name]?.environment).toMatchObject({ DB: 'postgres12', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility', NUM_HISTORY_SHARDS: '8' });
      // the dynamic config the local cluster profile loads, mounted where DYNAMIC_CONFIG_FILE_PATH points
      expect(s[name]?.volumes).toEqual([expect.objectContaining({ source: DYNAMIC_CONFIG_FILE, target: s[name]?.environment?.DYNAMIC_CONFIG_FILE_PATH })]);
    }
    expect(s['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(s['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(s['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal-frontend:7233');
    const voters = s['kafka-1']?.environment?.KAFKA_CONTROLLER_QUORUM_VOTERS;
    for (const [i, name] of ['kafka-1', 'kafka-2', 'kafka-3'].entries()) {
      expect(s[name]?.image).toMatch(/^apache\/kafka:/);
      expect(s[name]?.environment).toMatchObject({ KAFKA_NODE_ID: String(i + 1), KAFKA_CONTROLLER_QUORUM_VOTERS: voters, KAFKA_DEFAULT_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2', KAFKA_PROCESS_ROLES: 'broker,controller' });
    }
    expect(voters?.split(',')).toHaveLength(3);
    // topics as the local cluster creates them, from the same variables
    for (const name of ['setup', 'worker', 'api-1', 'consumer-statistics']) expect(s[name]?.environment).toMatchObject(CLUSTER_TOPIC_ENV);
    expect(s.worker?.deploy?.replicas).toBe(2);
    for (const g of GROUPS) {
      expect(s[`consumer-${g}`]?.deploy?.replicas).toBe(2);
      expect(s[`consumer-${g}`]?.command).toEqual(['node', `dist/workers/consumers/${g}.js`]);
    }
    expect(s['breach-forecaster']?.command).toEqual(['node', 'dist/workers/breach-forecaster.js']);
    for (const name of ['prometheus', 'grafana']) {
      for (const v of s[name]?.volumes ?? []) expect(existsSync(v.source)).toBe(true);
      expect(s[name]?.volumes?.length).toBeGreaterThan(0);
    }
    // every motcua process serves /metrics where Prometheus scrapes it
    const scrape = readFileSync(join(repoRoot, 'infra', 'prometheus', 'prometheus.yml'), 'utf8');
    for (const name of ['api-1', 'api-2', 'worker', ...GROUPS.map((g) => `consumer-${g}`)]) {
      expect(s[name]?.environment).toMatchObject({ MOTCUA_METRICS_HOST: '0.0.0.0', MOTCUA_METRICS_PORT: '9464' });
      expect(scrape).toMatch(new RegExp(`(- ${name}\\n(?:\\s+- [\\w-]+\\n)*\\s+type: A\\n\\s+port: 9464|"${name}:9464")`));
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
      y.replace(/\n {2}healthcheck:\n {4}test: \["CMD-SHELL", "\/opt\/kafka[^\n]*(\n {4}[^\n]*)*/, ''),
    );
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('service "setup" depends on "kafka-1" with condition service_healthy, but "kafka-1" has no healthcheck');
  });

  it('rejects a depends_on target that does not exist', () => {
    const file = writeVariant('undefined-target', (y) => y.replace(/^( {6})kafka-3:\n( {8}condition: service_healthy)/m, '$1kafka-4:\n$2'));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/service "setup" depends on undefined service "kafka-4"/);
  });

  it('rejects service_completed_successfully on a service that restarts', () => {
    const file = writeVariant('restarting-one-shot', (y) => y.replace(/(command: \["node", "dist\/cli\/main.js", "stack", "up"\][\s\S]*?)restart: "no"/, '$1restart: on-failure'));
    const r = check(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('depends on "setup" with condition service_completed_successfully, but "setup" has restart: "on-failure"');
  });
});
