import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../app/errors';

/** Every code the domain rejects with has its HTTP status in the one error table (else the API would answer 500). */
describe('the error table', () => {
  const files = (fs.readdirSync(path.join(__dirname, '../../domain'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  const codes = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(__dirname, '../../domain', f), 'utf8');
    for (const m of text.matchAll(/(?:DomainError|reject)\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }

  it('finds the domain’s codes', () => {
    expect(codes.size).toBeGreaterThan(40);
  });

  it('has every domain code with a 4xx status', () => {
    const missing = [...codes].filter((c) => !(c in ERROR_CODES)).sort();
    expect(missing).toEqual([]);
    for (const c of codes) expect((ERROR_CODES as Record<string, { status: number }>)[c]!.status).toBeLessThan(500);
  });
});
