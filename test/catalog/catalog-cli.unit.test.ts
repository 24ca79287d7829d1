import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedCatalogInput } from '../../catalog/shipped-catalog';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'motcua-catalog-'));

function motcua(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'motcua.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeCatalog(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file;
}

jest.setTimeout(60_000);

describe('motcua catalog', () => {
  it('validate accepts the shipped catalogue as JSON', () => {
    const r = motcua('catalog', 'validate', writeCatalog('ok.json', shippedCatalogInput));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid catalog');
  });

  it('validate exits 1 with one line per issue on a broken copy', () => {
    const broken = structuredClone(shippedCatalogInput);
    const birth = broken.procedures.find((p) => p.code === '1.001193')!;
    birth.versions[0]!.deadlines.committed = { amount: 2, unit: 'working_days' };
    const marriage = broken.procedures.find((p) => p.code === '1.000894')!;
    marriage.versions[0]!.steps[1]!.next = ['tiep-nhan'];
    const r = motcua('catalog', 'validate', writeCatalog('broken.json', broken));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^COMMITTED_EXCEEDS_LEGAL procedure 1\.001193 version 1, field procedures\[0\]\.versions\[0\]\.deadlines\.committed: /);
    expect(lines[1]).toMatch(/^STEP_GRAPH_CYCLE procedure 1\.000894 version 1, field /);
  });

  it('validate exits 2 on an unparsable or missing file', () => {
    const bad = motcua('catalog', 'validate', writeCatalog('bad.json', '{ not json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('is not JSON');
    expect(motcua('catalog', 'validate', join(dir, 'missing.json')).code).toBe(2);
  });

  it('exits 2 on bad arguments', () => {
    expect(motcua('catalog', 'frobnicate').code).toBe(2);
    expect(motcua('catalog', 'list', '--at', 'yesterday').code).toBe(2);
    expect(motcua('catalog', 'list', '--field', 'astrology').code).toBe(2);
  });

  it('list prints a table with deadlines and versions', () => {
    const r = motcua('catalog', 'list', '--at', '2025-09-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CODE\s+NAME\s+FIELD\s+LEVEL\s+LEGAL\s+COMMITTED\s+ONLINE\s+VERSIONS/);
    expect(r.stdout).toMatch(/1\.001193\s+Đăng ký khai sinh\s+civil_status\s+commune\s+1 wd\s+1 wd/);
    expect(r.stdout).toMatch(/1\.013978 .* 20 wd\s+17 wd\s+-\s+v1,v2\*/);
  });
});
