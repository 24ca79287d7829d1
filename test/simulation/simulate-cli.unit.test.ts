import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { applyPolicy } from '../../domain/simulation/policy';
import { loadPolicy, loadProfile } from '../../simulation/load-profile';
import { runSimulation } from '../../simulation/run-simulation';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'motcua.js');
const SMALL = path.join(__dirname, 'small-profile.json');
const motcua = (...args: string[]) => run(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
  (r) => ({ code: 0, ...r }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
);

describe('motcua simulate', () => {
  it('the same seed writes the same files, byte for byte; the report is self-contained', async () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'sim-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'sim-b-'));
    const first = await motcua('simulate', '--profile', SMALL, '--seed', '5', '--out', a, '--threads', '1');
    const second = await motcua('simulate', '--profile', SMALL, '--seed', '5', '--out', b, '--threads', '1');
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    // all but the last line, which names the directory written to
    expect(first.stdout.split('\n').slice(0, -2)).toEqual(second.stdout.split('\n').slice(0, -2));
    const files = readdirSync(a).sort();
    expect(files).toEqual(['backlog.svg', 'on-time.svg', 'report.html', 'result.json']);
    for (const f of files) expect(readFileSync(path.join(b, f), 'utf8')).toBe(readFileSync(path.join(a, f), 'utf8'));
    const html = readFileSync(path.join(a, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    const result = JSON.parse(readFileSync(path.join(a, 'result.json'), 'utf8'));
    expect(result.statistics.byUnitYear.length).toBeGreaterThan(0);
    expect(result.indicators.byUnitYear[0].indicators.map((i: { code: string }) => i.code)).toContain('2.1');
    expect(result.calibration.map((c: { within: boolean }) => c.within)).toEqual([true, true]);
    expect(first.stdout).toMatch(/calibration ok {2}received in the year/);
  }, 180_000);

  it('bad arguments and bad files: one line and exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sim-bad-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ schemaVersion: 'simulation-profile/v1', name: 'x' }));
    const cases = [
      ['simulate', '--profile', SMALL, '--years', '0'],
      ['simulate', '--profile', SMALL, '--seed', 'abc'],
      ['simulate', '--profile', path.join(dir, 'missing.json')],
      ['simulate', '--profile', broken],
      ['simulate', '--profile', SMALL, '--policy', broken],
    ];
    for (const args of cases) {
      const r = await motcua(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^motcua: /);
    }
  }, 120_000);
});

describe('runSimulation', () => {
  it('worker threads change nothing but the time: one thread and two give the same result', async () => {
    // two desks that share no modelled officer: two components
    const profile = JSON.parse(readFileSync(SMALL, 'utf8'));
    profile.units = profile.units.filter((u: { unitId: string }) => !u.unitId.startsWith('pt.vpdkdd'));
    profile.units.push({ unitId: 'pt.p-xuan-hoa.ttphcc', officers: 1 }, { unitId: 'pt.p-xuan-hoa.vh-xh', officers: 1 });
    profile.arrivals.push(...profile.arrivals.map((a: { receivingUnitIds: string[] }) => ({ ...a, receivingUnitIds: ['pt.p-xuan-hoa.ttphcc'] })));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sim-threads-')), 'two-desks.json');
    writeFileSync(file, JSON.stringify(profile));
    const one = await runSimulation({ profile: file, seed: 3 }, { threads: 1 });
    const two = await runSimulation({ profile: file, seed: 3 }, { threads: 2 });
    expect(one.result.components).toHaveLength(2);
    expect(two.timing.threads).toBe(2);
    expect(JSON.stringify(two.result)).toBe(JSON.stringify(one.result));
  }, 300_000);

  it('a policy: one officer fewer where the work already queues makes that unit the bottleneck', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sim-policy-'));
    const policy = path.join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ schemaVersion: 'simulation-policy/v1', name: 'no second desk officer', changes: [{ kind: 'officers', unitId: 'pt.p-phuc-yen.vh-xh', set: 1 }] }));
    const profile = JSON.parse(readFileSync(SMALL, 'utf8'));
    profile.units[1].officers = 2;
    const file = path.join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify(profile));
    const r = await motcua('simulate', '--profile', file, '--policy', policy, '--threads', '1', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bottleneck: pt\.p-phuc-yen\.vh-xh/);
    const cmp = JSON.parse(readFileSync(path.join(dir, 'comparison.json'), 'utf8'));
    const vh = cmp.units.find((u: { unitId: string }) => u.unitId === 'pt.p-phuc-yen.vh-xh');
    expect(vh.before.officers).toBe(2);
    expect(vh.after.officers).toBe(1);
    expect(vh.after.meanWaitWorkingHours).toBeGreaterThan(vh.before.meanWaitWorkingHours);
  }, 180_000);
});

describe('policies', () => {
  it('committed deadlines 30% shorter: budgets and allotments shrink alike, the legal deadline stays, the catalogue still validates', () => {
    const { profile, catalog } = loadProfile('phuc-yen');
    const { catalog: cut } = applyPolicy(profile, catalog, loadPolicy(path.join(ROOT, 'simulation/policies/committed-deadlines-30-percent-shorter.json')));
    const before = catalog.procedures.find((p) => p.code === '1.003003')!.versions[0]!;
    const after = cut.procedures.find((p) => p.code === '1.003003')!.versions[0]!;
    expect(after.deadlines.committed.amount).toBeCloseTo(before.deadlines.committed.amount * 0.7, 5);
    expect(after.deadlines.legal).toEqual(before.deadlines.legal);
    expect(after.steps[1]!.allotment.amount).toBeCloseTo(before.steps[1]!.allotment.amount * 0.7, 5);
  });

  it('officers of a unit the profile does not model: a clear error', () => {
    const { profile, catalog } = loadProfile('phuc-yen');
    expect(() => applyPolicy(profile, catalog, { schemaVersion: 'simulation-policy/v1', name: 'x', description: '', changes: [{ kind: 'officers', unitId: 'vp.thue', delta: 1 }] })).toThrow(/vp\.thue is not a modelled unit/);
  });
});
