// The alert rules and the dashboard cannot be loaded into a Prometheus here (no Docker engine): they
// are parsed by Prometheus's own rule parser (rulefmt and the PromQL parser, what `promtool check rules`
// runs) through infra/rules-check, and every series they read must be one the processes export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApiMetrics } from '../../api/http-metrics';
import { createLogger } from '../../infra/observability/log';
import { processRegistry } from '../../infra/observability/metrics';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { createConsumerMetrics } from '../../workers/consumer-metrics';

// the first build downloads the Prometheus module and compiles its rule parser
jest.setTimeout(300_000);

const rulesDir = join(REPO_ROOT, 'infra', 'prometheus', 'rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).map((f) => join(rulesDir, f));
const dashboard = JSON.parse(readFileSync(join(REPO_ROOT, 'infra', 'grafana', 'dashboards', 'motcua-overview.json'), 'utf8')) as {
  uid: string;
  panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>;
};

interface CheckedRule { alert?: string; record?: string; expr: string; for: string; labels?: Record<string, string>; metrics: string[] }
type Checked = Record<string, Array<{ name: string; rules: CheckedRule[] }>>;

let workDir: string;
let binary: string;

function check(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(binary, files, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The names a scrape of the motcua processes shows: prom-client's registries as the processes build them. */
async function motcuaSeries(): Promise<Set<string>> {
  const registry = processRegistry();
  createApiMetrics(registry);
  createConsumerMetrics({ registry, groupIds: ['g'], countsSlaAlerts: true, log: createLogger('test', { level: 'silent' }), lags: async () => [] });
  const names = new Set<string>();
  for (const m of await registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_count', '_sum']) names.add(`${m.name}${s}`);
  }
  return names;
}

/**
 * The Temporal worker's series come from the SDK's Rust core (`temporal_` + the core's metric name;
 * histograms with _bucket/_count/_sum): the name must be one the core-bridge binary defines.
 */
const coreBinary = readFileSync(join(dirname(require.resolve('@temporalio/core-bridge/package.json')), 'releases', 'x86_64-unknown-linux-gnu', 'index.node'));
const isTemporalSeries = (name: string): boolean => {
  const base = name.replace(/^temporal_/, '').replace(/_(bucket|count|sum)$/, '');
  return name.startsWith('temporal_') && coreBinary.includes(Buffer.from(base));
};

beforeAll(() => {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) throw new Error(`the Go toolchain (\`go\` on PATH) is required to check the Prometheus rules (infra/rules-check): ${version.error?.message ?? version.stderr}`);
  workDir = mkdtempSync(join(tmpdir(), 'motcua-rules-check-'));
  binary = join(workDir, 'rules-check');
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: join(REPO_ROOT, 'infra', 'rules-check'), encoding: 'utf8', timeout: 290_000, env: { ...process.env, GOTOOLCHAIN: 'local' } });
  if (build.error || build.status !== 0) throw new Error(`go build in infra/rules-check failed: ${build.error?.message ?? build.stderr}`);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the Prometheus rules (infra/prometheus/rules)', () => {
  let rules: CheckedRule[];
  beforeAll(() => {
    const r = check(...ruleFiles);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    rules = Object.values(JSON.parse(r.stdout) as Checked).flatMap((groups) => groups.flatMap((g) => g.rules));
  });

  it('parse as Prometheus loads them, and alert on breaches per hour, consumer lag and workflow task failures', () => {
    const alerts = new Map(rules.filter((r) => r.alert).map((r) => [r.alert!, r]));
    const recorded = new Map(rules.filter((r) => r.record).map((r) => [r.record!, r]));
    expect(recorded.get('motcua:sla_breaches:increase1h')?.expr).toMatch(/increase\(motcua_sla_alerts_total\{kind="breached"\}\[1h\]\)/);
    expect(alerts.get('MotcuaSlaBreachesHigh')?.metrics).toEqual(['motcua:sla_breaches:increase1h']);
    expect(alerts.get('MotcuaConsumerLagHigh')?.metrics).toEqual(['motcua:consumer_lag:sum']);
    expect(recorded.get('motcua:consumer_lag:sum')?.metrics).toEqual(['motcua_consumer_lag']);
    expect(alerts.get('MotcuaWorkflowTaskFailures')?.metrics).toEqual(['motcua:workflow_task_failures:rate5m']);
    expect(recorded.get('motcua:workflow_task_failures:rate5m')?.metrics).toEqual(['temporal_workflow_task_execution_failed']);
    for (const a of alerts.values()) expect(a.labels?.severity).toMatch(/^(warning|critical)$/);
  });

  it('read only series the processes export, or the rules\' own recordings', async () => {
    const exported = await motcuaSeries();
    const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
    const unknown = rules.flatMap((r) => r.metrics).filter((m) => !exported.has(m) && !recorded.has(m) && !isTemporalSeries(m));
    expect(unknown).toEqual([]);
    // the check itself: a name no process exports is caught
    expect(isTemporalSeries('temporal_workflow_task_execution_failed')).toBe(true);
    expect(isTemporalSeries('temporal_no_such_series_anywhere')).toBe(false);
    expect(exported.has('motcua_consumer_lag')).toBe(true);
  });

  it('a rule that Prometheus would refuse fails the check, naming it', () => {
    const bad = join(workDir, 'bad.yml');
    writeFileSync(bad, readFileSync(ruleFiles[0]!, 'utf8').replace('sum by (group) (motcua_consumer_lag)', 'sum by (group (motcua_consumer_lag)'));
    const r = check(bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('motcua:consumer_lag:sum');
  });
});

describe('the Grafana dashboard (infra/grafana/dashboards)', () => {
  const targets = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

  it('shows breaches per hour, consumer lag and workflow task failures', () => {
    expect(dashboard.uid).toBe('motcua-overview');
    const exprOf = (title: RegExp) => targets.filter((t) => title.test(t.panel)).map((t) => t.expr);
    expect(exprOf(/breached per hour/i)).toEqual(['motcua:sla_breaches:increase1h']);
    expect(exprOf(/consumer lag/i)).toEqual(['motcua:consumer_lag:sum']);
    expect(exprOf(/workflow task failures/i)).toEqual(['motcua:workflow_task_failures:rate5m']);
  });

  it('queries that parse, over series the processes export or the rules record', async () => {
    // each panel's query as a recording rule, so the same parser checks it
    const file = join(workDir, 'dashboard.yml');
    const yamlString = (s: string) => JSON.stringify(s);
    writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${targets.map((t, i) => `      - record: dashboard:panel_${i}\n        expr: ${yamlString(t.expr)}\n`).join('')}`);
    const r = check(file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const read = (JSON.parse(r.stdout) as Checked)[file]!.flatMap((g) => g.rules.flatMap((x) => x.metrics));
    const recorded = new Set((Object.values(JSON.parse(check(...ruleFiles).stdout) as Checked).flat().flatMap((g) => g.rules.flatMap((x) => (x.record ? [x.record] : [])))));
    const exported = await motcuaSeries();
    expect(read.filter((m) => !exported.has(m) && !recorded.has(m) && !isTemporalSeries(m))).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(10);
  });
});
