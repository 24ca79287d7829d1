import fs from 'node:fs';
import path from 'node:path';

/**
 * Every rule lives once, in domain/: a projection applies what the events say, calling the domain's
 * functions with the settings the events carry. These are the copies an independent check found;
 * they must not come back.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const projectionFiles = (): string[] =>
  fs
    .readdirSync(path.join(ROOT, 'projections'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('projections', f));

describe('rules live once, in domain/', () => {
  it("the ledger's pause rule is not re-implemented by the projections", () => {
    expect(fs.existsSync(path.join(ROOT, 'projections', 'task-dues.ts'))).toBe(false);
    for (const f of projectionFiles()) expect([f, /policy === 'restart'|policy === 'pause'|=== 'kpi-subtract'/.test(read(f))]).toEqual([f, false]);
  });

  it('the Form 04 check exists once (the ledger), the decider calls it', () => {
    expect(read('domain/dossier/decide.ts')).not.toMatch(/EXTENSION_AFTER_DUE|EXTENSION_NOT_LATER/);
    expect(read('domain/deadline/deadline-ledger.ts').match(/'EXTENSION_AFTER_DUE'/g)).toHaveLength(1);
  });

  it('the Form 06 slip classifies nothing itself: it takes the classification the decider put in the event', () => {
    expect(read('projections/process-slip.projection.ts')).not.toMatch(/classifyFinished|status-classifier/);
  });

  it('the read models do not re-derive the national status code', () => {
    for (const f of ['projections/dossier-summary.projection.ts', 'projections/dossier-register.projection.ts']) {
      expect([f, /status_code === 2|status_code: 4|statusCode \?\?/.test(read(f))]).toEqual([f, false]);
    }
  });
});
