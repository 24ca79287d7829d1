import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildJsonSchemas } from '../../contracts/generate/json-schemas';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'motcua-contracts-'));
const env = { ...process.env, MOTCUA_TOPIC_PREFIX: 'test.' };

function motcua(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'motcua.js'), ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 32 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

jest.setTimeout(60_000);

describe('motcua contracts', () => {
  it('export --out DIR writes every JSON Schema, asyncapi.json and openapi.json', () => {
    const out = join(dir, 'out');
    const r = motcua('contracts', 'export', '--out', out);
    expect(r.code).toBe(0);
    const written = readdirSync(join(out, 'json-schema')).sort();
    expect(written).toEqual(Object.keys(buildJsonSchemas()).sort());
    for (const f of written) {
      const s = readJson(join(out, 'json-schema', f));
      expect(s.$schema).toBeDefined();
      expect(s.title).toBeDefined();
    }
    const asyncapi = readJson(join(out, 'asyncapi.json')) as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(asyncapi.asyncapi).toBe('3.0.0');
    expect(asyncapi.channels.dossierEvents!.address).toBe('test.dossier-events.v1');
    expect(readJson(join(out, 'openapi.json')).openapi).toBe('3.1.0');
    expect(r.stdout.trim().split('\n')).toHaveLength(written.length + 2);
  });

  it('asyncapi prints the same document to stdout', () => {
    const out = join(dir, 'same');
    expect(motcua('contracts', 'export', '--out', out).code).toBe(0);
    const r = motcua('contracts', 'asyncapi');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(readJson(join(out, 'asyncapi.json')));
  });

  it('exits 2 on bad arguments', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const r = motcua('contracts', 'export', '--out', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a directory');
    expect(motcua('contracts', 'nonsense').code).toBe(2);
    expect(motcua('contracts', 'export', '--out').code).toBe(2);
    expect(existsSync(join(file, 'asyncapi.json'))).toBe(false);
  });
});
