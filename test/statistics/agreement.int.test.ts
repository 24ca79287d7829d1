import { Pool } from 'pg';
import type { DossierEvent } from '../../contracts/events';
import { OPERATIONAL_PROJECTIONS } from '../../projections';
import { applyBatch } from '../../projections/projection-consumer';
import { indicators } from '../../projections/queries/indicators.query';
import { statistics } from '../../projections/queries/statistics.query';
import { STATISTICS_PROJECTIONS } from '../../projections/statistics-projections';
import { dropDatabase, freshDatabase, requireStackEnv } from '../support/stack-env';
import { buildScenario } from './scenario';

/**
 * The same dossiers, four read models built from the same events by different consumers: the
 * statistics (dossier_fact), the register (Form 07), the process control slip (Form 06) and the SLA
 * board. Every figure one of them states, the others must agree with: here each one is recounted
 * from another read model and compared. The fixed scenario covers every bucket (./scenario.ts).
 */
const MONTH = { from: '2026-03-01', to: '2026-03-31' };
const END = Date.parse('2026-04-01T00:00:00+07:00');

let pool: Pool;
let db: { url: string; name: string };
const env = requireStackEnv();
const { dossiers, events } = buildScenario();

type Register = {
  dossier_code: string;
  received_at: Date | null;
  finished_at: Date | null;
  closed_reason: string | null;
  classification: string | null;
  classification_kpi: string | null;
  extension_count: number;
  supplement_count: number;
  kpi_overdue: boolean;
  status_code: number;
};

beforeAll(async () => {
  db = await freshDatabase(env.databaseUrl);
  pool = new Pool({ connectionString: db.url, max: 2 });
  await applyBatch(pool, [...STATISTICS_PROJECTIONS, ...OPERATIONAL_PROJECTIONS], events);
});
afterAll(async () => {
  await pool?.end();
  if (db) await dropDatabase(env.databaseUrl, db.name);
});

const register = async (): Promise<Register[]> => (await pool.query<Register>('SELECT * FROM dossier_register ORDER BY dossier_code')).rows;
const code = (key: string): string => dossiers[key]!.input.dossierCode;
/** Dossiers whose dossier-wide alert on the SLA board says overdue (what supervisors see). */
const boardOverdue = async (): Promise<Set<string>> =>
  new Set((await pool.query<{ dossier_code: string }>("SELECT dossier_code FROM sla_board WHERE scope = 'dossier' AND status = 'overdue'")).rows.map((r) => r.dossier_code));

describe('statistics, register, slip and indicators agree on the fixed scenario', () => {
  it('the statistics finished buckets are the register rows finished in March, by their classification', async () => {
    const [row] = await statistics(pool, { ...MONTH });
    const finished = (await register()).filter((r) => r.finished_at && r.finished_at.getTime() < END && r.closed_reason !== 'withdrawn');
    const count = (f: (r: Register) => boolean) => finished.filter(f).length;
    expect(row!.finished).toEqual({
      total: finished.length,
      early: count((r) => r.classification === 'early'),
      onTime: count((r) => r.classification === 'on_time'),
      late: count((r) => r.classification === 'late'),
      lateWithApology: count((r) => r.classification === 'late' && r.extension_count > 0),
      stopped: count((r) => r.closed_reason === 'stopped'),
    });
    // and every bucket holds something, so the agreement is not vacuous
    expect(Object.values(row!.finished).every((n) => n > 0)).toBe(true);
  });

  it('the statistics in-progress buckets are the open register rows, overdue where the SLA board says so', async () => {
    const [row] = await statistics(pool, { ...MONTH });
    const overdue = await boardOverdue();
    const open = (await register()).filter((r) => r.received_at && !r.finished_at);
    expect(row!.inProgress).toEqual({
      total: open.length,
      within: open.filter((r) => !overdue.has(r.dossier_code) && r.supplement_count <= 1).length,
      overdue: open.filter((r) => overdue.has(r.dossier_code) || r.supplement_count > 1).length,
      overdueWithApology: open.filter((r) => overdue.has(r.dossier_code) && r.extension_count > 0).length,
    });
    expect(Object.values(row!.inProgress).every((n) => n > 0)).toBe(true);
  });

  it("2.1 is the register's KPI classification of the finished plus the SLA board's view of the open", async () => {
    const r = await indicators(pool, { ...MONTH });
    const i21 = r.indicators.find((i) => i.code === '2.1')!;
    const overdue = await boardOverdue();
    const rows = await register();
    const finished = rows.filter((x) => x.finished_at && x.finished_at.getTime() < END && x.closed_reason !== 'withdrawn');
    const open = rows.filter((x) => x.received_at && !x.finished_at);
    const kpiOnTime = (x: Register) =>
      x.closed_reason === 'stopped' ? ['early', 'on_time'].includes(x.classification!) && x.supplement_count <= 1 : ['early', 'on_time'].includes(x.classification_kpi!);
    expect([i21.numerator, i21.denominator]).toEqual([
      finished.filter(kpiOnTime).length + open.filter((x) => !overdue.has(x.dossier_code) && x.supplement_count <= 1).length,
      finished.length + open.length,
    ]);
  });

  it('Form 04 (D13): late with apology in the register, the statistics and the KPI alike; D17 still open and overdue with apology', async () => {
    const rows = new Map((await register()).map((x) => [x.dossier_code, x]));
    expect(rows.get(code('D13'))).toMatchObject({ classification: 'late', classification_kpi: 'late', extension_count: 1, status_code: 10 });
    expect(rows.get(code('D17'))).toMatchObject({ classification: null, extension_count: 1, status_code: 4 });
    expect((await boardOverdue()).has(code('D17'))).toBe(true);
  });

  it('the dossier entered after the fact (D14): overdue on the board, in the statistics and for 2.1', async () => {
    expect((await boardOverdue()).has(code('D14'))).toBe(true);
    const { rows } = await pool.query("SELECT overdue_since FROM dossier_fact WHERE dossier_code = $1", [code('D14')]);
    expect(rows[0].overdue_since).toEqual(new Date('2026-02-09T09:00:00+07:00'));
  });

  it('two supplement requests (D4): early on its appointment in the register and the statistics, late for 2.1', async () => {
    const d4 = (await register()).find((x) => x.dossier_code === code('D4'))!;
    expect(d4).toMatchObject({ classification: 'early', classification_kpi: 'late', supplement_count: 2, kpi_overdue: true });
  });

  it('the slip has a row for every hand-off the events record, with the classification the decider gave it', async () => {
    const slip = (await pool.query<{ dossier_code: string; from_task_id: string; to_task_id: string; kind: string; classification: string | null }>(
      'SELECT dossier_code, from_task_id, to_task_id, kind, classification FROM process_control_slip ORDER BY dossier_code, seq, from_task_id',
    )).rows;
    // every giver a task.assigned names, once it had finished (completed or returned), is one row
    const expected: string[] = [];
    const classification = new Map<string, string>();
    for (const e of events as DossierEvent[]) {
      if (e.type === 'task.completed') classification.set(`${e.dossierCode}|${e.payload.taskId}`, e.payload.classification);
      if (e.type === 'task.assigned') for (const from of e.payload.fromTaskIds) expected.push(`${e.dossierCode}|${from}|${e.payload.taskId}`);
    }
    expect(slip.map((s) => `${s.dossier_code}|${s.from_task_id}|${s.to_task_id}`).sort()).toEqual(expected.sort());
    for (const s of slip) expect([s.from_task_id, s.classification]).toEqual([s.from_task_id, classification.get(`${s.dossier_code}|${s.from_task_id}`)]);
    // the parallel fork (D15): both branches hand their result to the desk, the police branch finished first
    expect(slip.filter((s) => s.dossier_code === code('D15') && s.kind === 'result').map((s) => s.from_task_id)).toEqual(['bhyt#1', 'thuong-tru#1']);
    // every dossier with a result has its result hand-over on the slip
    const results = new Set(slip.filter((s) => s.kind === 'result').map((s) => s.dossier_code));
    for (const x of await register()) if (x.status_code === 10) expect([x.dossier_code, results.has(x.dossier_code)]).toEqual([x.dossier_code, true]);
  });
});
