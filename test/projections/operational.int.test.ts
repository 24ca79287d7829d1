import crypto from 'node:crypto';
import { Pool } from 'pg';
import type { DossierEvent } from '../../contracts/events';
import { applyBatch } from '../../projections/projection-consumer';
import { OPERATIONAL_PROJECTIONS } from '../../projections';
import { inboxForUnit } from '../../projections/queries/task-inbox.query';
import { slaBoardByUnit, slaBoardPage } from '../../projections/queries/sla-board.query';
import { Dossier } from '../dossier/helpers';
import { dropDatabase, freshDatabase, requireStackEnv } from '../support/stack-env';

// 2.002621 (birth + residence + health insurance, liên thông), vn-2026.1 (07:00–11:30, 13:30–17:00),
// received Monday 2 March 2026 09:00: appointment Wed 4 March 09:00 (2 working days).
const DESK = 'pt.p-phuc-yen.ttphcc';
const VHXH = 'pt.p-phuc-yen.vh-xh';
const COMMUNE = 'pt.p-phuc-yen';
const POLICE = 'pt.p-phuc-yen.cong-an';
const BHXH = 'pt.bhxh';
const T = (local: string): number => Date.parse(`${local}+07:00`);
const TABLES = ['task_inbox', 'dossier_register', 'process_control_slip', 'process_slip_task', 'sla_board', 'sla_unit_consumption'];

/** The whole life of an interagency dossier, cut into stages (events of each stage, in order). */
function birthScenario(code: string) {
  const { d, events: s0 } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T09:00:00+07:00', dossierCode: code });
  const stage = (f: () => void): DossierEvent[] => {
    const from = d.log.length;
    f();
    return d.log.slice(from);
  };
  const reception = [
    ...s0,
    ...stage(() => {
      d.claim('tiep-nhan#1', '2026-03-02T09:10:00+07:00', 'desk-1');
      d.complete('tiep-nhan#1', '2026-03-02T09:40:00+07:00', 'desk-1');
      d.claim('khai-sinh#1', '2026-03-02T10:00:00+07:00', 'vh-1');
    }),
  ];
  const returnAndTransfer = stage(() => {
    d.do({ type: 'task.return', ...d.ref('khai-sinh#1', 'vh-1'), reason: 'thiếu chữ ký' }, '2026-03-02T10:30:00+07:00');
    d.pass('tiep-nhan#2', '2026-03-02T11:00:00+07:00', 'desk-1');
    d.do({ type: 'task.transfer', ...d.ref('khai-sinh#2', 'vh-2'), toUnitId: COMMUNE, reason: 'chuyển UBND' }, '2026-03-02T13:30:00+07:00');
    d.claim('khai-sinh#2', '2026-03-02T14:00:00+07:00', 'cm-1');
  });
  const supplement = stage(() => {
    d.do({ type: 'supplement.request', ...d.ref('khai-sinh#2', 'cm-1'), reason: 'thiếu giấy chứng sinh', missing: ['giay-chung-sinh'] }, '2026-03-02T14:30:00+07:00');
  });
  const resubmit = stage(() => d.do({ type: 'supplement.resubmit', componentsDigitised: 1 }, '2026-03-03T08:00:00+07:00'));
  const breach = stage(() => {
    d.tick('2026-03-03T11:00:00+07:00');
    d.do({ type: 'dossier.extend', unitId: COMMUNE, officerId: 'cm-1', reason: 'liên thông chậm', newAppointmentAt: '2026-03-05T17:00:00+07:00' }, '2026-03-03T11:05:00+07:00');
  });
  const fanOut = stage(() => {
    d.complete('khai-sinh#2', '2026-03-03T11:15:00+07:00', 'cm-1');
    d.pass('ky-khai-sinh#1', '2026-03-03T13:45:00+07:00', 'cm-2');
  });
  const result = stage(() => {
    d.pass('thuong-tru#1', '2026-03-04T08:00:00+07:00', 'ca-1');
    d.pass('bhyt#1', '2026-03-04T09:00:00+07:00', 'bh-1');
  });
  const returned = stage(() => d.pass('tra-ket-qua#1', '2026-03-04T10:00:00+07:00', 'desk-1'));
  return { d, reception, returnAndTransfer, supplement, resubmit, breach, fanOut, result, returned, all: d.log.slice() };
}

/** DEMO.03 (financial obligation, restart supplement policy) up to a payment, then withdrawn. */
function paymentScenario(code: string) {
  const { d, events: s0 } = Dossier.start({ procedureCode: 'DEMO.03', receivedAt: '2026-03-02T09:00:00+07:00', dossierCode: code });
  const from = d.log.length;
  d.pass('tiep-nhan#1', '2026-03-02T09:01:00+07:00');
  d.pass('tham-dinh#1', '2026-03-02T09:03:00+07:00');
  d.claim('thue#1', '2026-03-02T09:04:00+07:00', 'tax-1');
  d.do({ type: 'payment.request', ...d.ref('thue#1', 'tax-1'), kind: 'tax', amountVnd: 500_000 }, '2026-03-02T09:05:00+07:00');
  const untilPayment = [...s0, ...d.log.slice(from)];
  const recorded = d.do({ type: 'payment.record', source: 'applicant_payment', paidOnline: true, amountVnd: 500_000, reference: 'PAY-1' }, '2026-03-02T09:35:00+07:00');
  const withdrawn = d.do({ type: 'dossier.withdraw', reason: 'không còn nhu cầu' }, '2026-03-02T09:40:00+07:00');
  return { d, untilPayment, recorded, withdrawn };
}

async function q<T = Record<string, unknown>>(pool: Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, params)).rows as T[];
}

/** A digest per table of `SELECT * ORDER BY` every column: equal digests ⇔ identical rows. */
async function digests(pool: Pool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const { rows } = await pool.query(`SELECT to_jsonb(x)::text AS j FROM ${t} x ORDER BY 1`);
    out[t] = crypto.createHash('sha256').update(rows.map((r) => r.j).join('\n')).digest('hex');
  }
  return out;
}

const iso = (d: unknown): string => new Date(d as Date).toISOString();

// real PostgreSQL on a shared two-core machine: the default 5 s is too tight for the replay test under load
jest.setTimeout(30_000);

describe('operational read models (real PostgreSQL)', () => {
  const env = requireStackEnv();
  const dbs: Array<{ name: string; pool: Pool }> = [];
  async function freshPool(): Promise<Pool> {
    const { url, name } = await freshDatabase(env.databaseUrl);
    const pool = new Pool({ connectionString: url, max: 2 });
    dbs.push({ name, pool });
    return pool;
  }
  afterAll(async () => {
    await Promise.all(dbs.map(async ({ name, pool }) => {
      await pool.end();
      await dropDatabase(env.databaseUrl, name);
    }));
  }, 60_000);

  it('task inbox: assignment, claim, return, transfer, pause, shift on resume; inboxForUnit sorts by due with remaining working time and status', async () => {
    const pool = await freshPool();
    const s = birthScenario('OPS-260302-0001');
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.reception);
    let rows = await q(pool, 'SELECT * FROM task_inbox ORDER BY task_id');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ task_id: 'khai-sinh#1', unit_id: VHXH, status: 'claimed', claimed_by: 'vh-1', task_version: 1, step_kind: 'appraisal', calendar_version: 'vn-2026.1', paused: false, from_unit_ids: [DESK] });
    expect(iso(rows[0]!.due_at)).toBe(new Date(T('2026-03-02T15:40:00')).toISOString()); // 09:40 + 4 working hours (lunch excluded)
    expect(Number(rows[0]!.allotment_working_minutes)).toBe(240);

    // 10:00 Monday: 11:30 − 10:00 (90) + 13:30 − 15:40 (130) = 220 working minutes left; 25% of 240 = 60 → within
    const [item] = await inboxForUnit(pool, VHXH, T('2026-03-02T10:00:00'), { sort: 'due' });
    expect(item).toMatchObject({ taskId: 'khai-sinh#1', remainingWorkingMinutes: 220, deadlineStatus: 'within', claimedBy: 'vh-1' });
    // 14:45: 55 minutes left ≤ 60 → due soon; 15:41 → overdue (−1)
    expect((await inboxForUnit(pool, VHXH, T('2026-03-02T14:45:00')))[0]).toMatchObject({ remainingWorkingMinutes: 55, deadlineStatus: 'due_soon' });
    expect((await inboxForUnit(pool, VHXH, T('2026-03-02T15:41:00')))[0]).toMatchObject({ remainingWorkingMinutes: -1, deadlineStatus: 'overdue' });

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.returnAndTransfer);
    rows = await q(pool, 'SELECT * FROM task_inbox ORDER BY task_id');
    // the returned task is gone, the redone reception completed; khai-sinh#2 moved to the commune and was claimed there
    expect(rows.map((r) => [r.task_id, r.unit_id, r.status, r.claimed_by, r.transferred_from_unit_id])).toEqual([['khai-sinh#2', COMMUNE, 'claimed', 'cm-1', VHXH]]);
    expect(iso(rows[0]!.due_at)).toBe(new Date(T('2026-03-02T17:00:00')).toISOString()); // 11:00 + 30 + 210
    expect(await inboxForUnit(pool, VHXH, T('2026-03-02T14:00:00'))).toEqual([]);

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.supplement);
    rows = await q(pool, 'SELECT * FROM task_inbox');
    expect(rows[0]).toMatchObject({ paused: true, paused_reason: 'supplement', clock_stopped: true });
    // paused at 14:30 with 150 minutes left: the clock stands still, whatever `now` is
    expect((await inboxForUnit(pool, COMMUNE, T('2026-03-10T09:00:00')))[0]).toMatchObject({ paused: true, remainingWorkingMinutes: 150, deadlineStatus: 'within' });

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.resubmit);
    rows = await q(pool, 'SELECT * FROM task_inbox');
    // waiting Mon 14:30 → Tue 08:00 = 150 + 60 = 210 working minutes: due Mon 17:00 → Tue 10:30 (the ledger's shift)
    expect(rows[0]).toMatchObject({ paused: false, paused_reason: null });
    expect(iso(rows[0]!.due_at)).toBe(new Date(T('2026-03-03T10:30:00')).toISOString());
    expect(new Date(rows[0]!.due_at as Date).getTime()).toBe(s.d.state.tasks.find((t) => t.taskId === 'khai-sinh#2')!.dueMs);
    expect((await inboxForUnit(pool, COMMUNE, T('2026-03-03T10:00:00')))[0]).toMatchObject({ remainingWorkingMinutes: 30, deadlineStatus: 'due_soon' });

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, [...s.breach, ...s.fanOut]);
    // fan-out: police and social insurance each hold one task, both due Wed 13:45 (1 working day)
    const police = await inboxForUnit(pool, POLICE, T('2026-03-04T08:00:00'));
    // Wed 08:00 → 13:45 = 210 + 15 = 225; a 480-minute allotment is short (< 960): due soon at 25% = 120
    expect(police).toEqual([expect.objectContaining({ taskId: 'thuong-tru#1', remainingWorkingMinutes: 225, deadlineStatus: 'within', status: 'open', claimedBy: null })]);
    // 09:45 → 11:30 (105) + 13:30 → 13:45 (15) = 120: exactly at the threshold is due soon
    expect((await inboxForUnit(pool, POLICE, T('2026-03-04T09:45:00')))[0]).toMatchObject({ remainingWorkingMinutes: 120, deadlineStatus: 'due_soon' });
    const bhxh = await inboxForUnit(pool, BHXH, T('2026-03-03T14:00:00'));
    expect(bhxh[0]).toMatchObject({ taskId: 'bhyt#1', remainingWorkingMinutes: 465, deadlineStatus: 'within' }); // 180 + 270 + 15

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.result);
    rows = await q(pool, 'SELECT task_id, unit_id, step_kind FROM task_inbox');
    expect(rows).toEqual([{ task_id: 'tra-ket-qua#1', unit_id: DESK, step_kind: 'result_return' }]);
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.returned);
    expect(await q(pool, 'SELECT * FROM task_inbox')).toEqual([]);
  });

  it('inboxForUnit sorts a unit’s tasks by due across dossiers (and by assignment on request)', async () => {
    const pool = await freshPool();
    // three dossiers at the same desk, received at different times
    const a = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T10:00:00+07:00', dossierCode: 'OPS-260302-0011' });
    const b = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00', dossierCode: 'OPS-260302-0012' });
    const c = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T09:00:00+07:00', dossierCode: 'OPS-260302-0013' });
    c.d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00', 'desk-9');
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, [...a.d.log, ...b.d.log, ...c.d.log]);
    const byDue = await inboxForUnit(pool, DESK, T('2026-03-02T09:30:00'), { sort: 'due' });
    expect(byDue.map((i) => [i.dossierCode, i.remainingWorkingMinutes, i.deadlineStatus])).toEqual([
      ['OPS-260302-0012', -30, 'overdue'], // received 08:00, 1 h allotment: due 09:00
      ['OPS-260302-0013', 30, 'within'], // due 10:00; a 60-minute allotment is due soon at 25% = 15 minutes
      ['OPS-260302-0011', 90, 'within'], // due 11:00
    ]);
    const byAssigned = await inboxForUnit(pool, DESK, T('2026-03-02T09:30:00'), { sort: 'assigned' });
    expect(byAssigned.map((i) => i.dossierCode)).toEqual(['OPS-260302-0012', 'OPS-260302-0013', 'OPS-260302-0011']);
    expect((await inboxForUnit(pool, DESK, T('2026-03-02T09:30:00'), { claimedBy: 'desk-9' })).map((i) => i.dossierCode)).toEqual(['OPS-260302-0013']);
    expect((await inboxForUnit(pool, DESK, T('2026-03-02T09:50:00')))[1]).toMatchObject({ dossierCode: 'OPS-260302-0013', remainingWorkingMinutes: 10, deadlineStatus: 'due_soon' });
  });

  it('dossier register (Form 07), process control slip (Form 06) and SLA board over the whole life', async () => {
    const pool = await freshPool();
    const s = birthScenario('OPS-260302-0002');
    const code = 'OPS-260302-0002';
    // the SLA board right after the breach and escalation
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, [...s.reception, ...s.returnAndTransfer, ...s.supplement, ...s.resubmit]);
    expect(await q(pool, 'SELECT * FROM sla_board')).toEqual([]);
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.breach);
    const board = await q(pool, 'SELECT * FROM sla_board ORDER BY scope, task_id');
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ scope: 'step', task_id: 'khai-sinh#2', unit_id: COMMUNE, supervisor_unit_id: 'pt', status: 'overdue', remaining_working_minutes: '-30', paused: false });
    expect(iso(board[0]!.due_at)).toBe(new Date(T('2026-03-03T10:30:00')).toISOString());
    expect(iso(board[0]!.breached_at)).toBe(new Date(T('2026-03-03T11:00:00')).toISOString());
    expect(iso(board[0]!.escalated_at)).toBe(new Date(T('2026-03-03T11:00:00')).toISOString());
    let consumption = await q(pool, 'SELECT unit_id, consumed_working_minutes::float8 AS m, tasks_finished FROM sla_unit_consumption ORDER BY unit_id');
    expect(consumption).toEqual([
      { unit_id: DESK, m: 70, tasks_finished: 2 }, // 40 + 30
      { unit_id: VHXH, m: 50, tasks_finished: 1 }, // the returned attempt
    ]);

    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.fanOut);
    expect(await q(pool, 'SELECT * FROM sla_board')).toEqual([]); // the overdue step finished
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, [...s.result, ...s.returned]);
    consumption = await q(pool, 'SELECT unit_id, consumed_working_minutes::float8 AS m, tasks_finished, settled_at IS NOT NULL AS settled FROM sla_unit_consumption ORDER BY unit_id');
    // result_ready's ledger attribution, then the hand-over task (60) adds to the desk
    expect(consumption).toEqual([
      { unit_id: BHXH, m: 315, tasks_finished: 1, settled: true },
      { unit_id: COMMUNE, m: 285, tasks_finished: 2, settled: true },
      { unit_id: POLICE, m: 255, tasks_finished: 1, settled: true },
      { unit_id: DESK, m: 130, tasks_finished: 3, settled: true },
      { unit_id: VHXH, m: 80, tasks_finished: 1, settled: true },
    ]);

    const [reg] = await q(pool, 'SELECT * FROM dossier_register');
    expect(reg).toMatchObject({
      dossier_code: code,
      procedure_code: '2.002621',
      receiving_unit_id: DESK,
      channel: 'direct',
      applicant_key: 'ak_fixtureapplicant0001',
      status_code: 10,
      supplement_count: 1,
      extension_count: 1,
      result_outcome: 'granted',
      // against the Form 01 appointment moved by the supplement (Wed 4 March 12:30), not the Form 04 one (Thu 17:00):
      // finished Wed 09:00 the same day, on time, as indicator 2.1 sees it
      classification: 'on_time',
      classification_legal: 'early',
      classification_kpi: 'on_time',
      return_method: 'desk',
      closed_reason: null,
      paused_reason: null,
    });
    expect(iso(reg!.received_at)).toBe(new Date(T('2026-03-02T09:00:00')).toISOString());
    expect(iso(reg!.appointment_at)).toBe(new Date(T('2026-03-05T17:00:00')).toISOString()); // Wed 09:00 + 210 (supplement) then Form 04 → Thu 17:00
    expect(iso(reg!.finished_at)).toBe(new Date(T('2026-03-04T09:00:00')).toISOString());
    expect(iso(reg!.returned_at)).toBe(new Date(T('2026-03-04T10:00:00')).toISOString());

    const slip = await q(pool, `SELECT seq::int, kind, from_task_id, from_unit_id, from_officer_id, to_task_id, to_unit_id, classification, consumed_working_minutes::float8 AS m,
                                       to_char(handed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD HH24:MI') AS handed, to_char(from_due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD HH24:MI') AS due
                                  FROM process_control_slip ORDER BY seq, from_task_id`);
    expect(slip).toEqual([
      { seq: 5, kind: 'handoff', from_task_id: 'tiep-nhan#1', from_unit_id: DESK, from_officer_id: 'desk-1', to_task_id: 'khai-sinh#1', to_unit_id: VHXH, classification: 'on_time', m: 40, handed: '02 09:40', due: '02 10:00' },
      { seq: 8, kind: 'return', from_task_id: 'khai-sinh#1', from_unit_id: VHXH, from_officer_id: 'vh-1', to_task_id: 'tiep-nhan#2', to_unit_id: DESK, classification: 'on_time', m: 50, handed: '02 10:30', due: '02 15:40' },
      { seq: 11, kind: 'handoff', from_task_id: 'tiep-nhan#2', from_unit_id: DESK, from_officer_id: 'desk-1', to_task_id: 'khai-sinh#2', to_unit_id: VHXH, classification: 'on_time', m: 30, handed: '02 11:00', due: '02 11:30' },
      { seq: 12, kind: 'transfer', from_task_id: 'khai-sinh#2', from_unit_id: VHXH, from_officer_id: null, to_task_id: 'khai-sinh#2', to_unit_id: COMMUNE, classification: 'on_time', m: null, handed: '02 13:30', due: '02 17:00' },
      { seq: 20, kind: 'handoff', from_task_id: 'khai-sinh#2', from_unit_id: COMMUNE, from_officer_id: 'cm-1', to_task_id: 'ky-khai-sinh#1', to_unit_id: COMMUNE, classification: 'late', m: 285, handed: '03 11:15', due: '03 10:30' },
      { seq: 23, kind: 'handoff', from_task_id: 'ky-khai-sinh#1', from_unit_id: COMMUNE, from_officer_id: 'cm-2', to_task_id: 'thuong-tru#1', to_unit_id: POLICE, classification: 'on_time', m: 30, handed: '03 13:45', due: '03 15:15' },
      { seq: 24, kind: 'handoff', from_task_id: 'ky-khai-sinh#1', from_unit_id: COMMUNE, from_officer_id: 'cm-2', to_task_id: 'bhyt#1', to_unit_id: BHXH, classification: 'on_time', m: 30, handed: '03 13:45', due: '03 15:15' },
      // the join: both parallel branches hand their result to the desk, the one that finished first included
      { seq: 30, kind: 'result', from_task_id: 'bhyt#1', from_unit_id: BHXH, from_officer_id: 'bh-1', to_task_id: 'tra-ket-qua#1', to_unit_id: DESK, classification: 'on_time', m: 315, handed: '04 09:00', due: '04 13:45' },
      { seq: 30, kind: 'result', from_task_id: 'thuong-tru#1', from_unit_id: POLICE, from_officer_id: 'ca-1', to_task_id: 'tra-ket-qua#1', to_unit_id: DESK, classification: 'on_time', m: 255, handed: '04 09:00', due: '04 13:45' },
    ]);
  });

  it('SLA board at read time: a step past its due shows as overdue, its alert pending, before any alert; once the breach is in, the same row once', async () => {
    const pool = await freshPool();
    const s = birthScenario('OPS-260302-0030');
    const code = 'OPS-260302-0030';
    // khai-sinh#2 (the commune's) is due 10:30 on 3 March; no timer has fired, so no alert has put anything on the board
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, [...s.reception, ...s.returnAndTransfer, ...s.supplement, ...s.resubmit]);
    expect(await q(pool, 'SELECT * FROM sla_board')).toEqual([]);

    const before = await slaBoardPage(pool, { unitIds: [COMMUNE], limit: 50 }, T('2026-03-03T10:00:00'));
    expect(before.items).toEqual([]);
    expect(before.nextStepDueAt?.toISOString()).toBe(new Date(T('2026-03-03T10:30:00')).toISOString());

    const late = await slaBoardPage(pool, { unitIds: [COMMUNE], limit: 50 }, T('2026-03-03T10:45:00'));
    expect(late.items).toHaveLength(1);
    expect(late.items[0]).toMatchObject({ dossierCode: code, scope: 'step', taskId: 'khai-sinh#2', unitId: COMMUNE, status: 'overdue', alertPending: true, breachedAt: null, remainingWorkingMinutes: -15 });
    expect((await slaBoardPage(pool, { unitIds: [COMMUNE], status: 'overdue', limit: 50 }, T('2026-03-03T10:45:00'))).items).toHaveLength(1);
    expect((await slaBoardPage(pool, { unitIds: [COMMUNE], status: 'due_soon', limit: 50 }, T('2026-03-03T10:45:00'))).items).toEqual([]);
    expect((await slaBoardPage(pool, { unitIds: [COMMUNE], scope: 'dossier', limit: 50 }, T('2026-03-03T10:45:00'))).items).toEqual([]);
    expect(await slaBoardByUnit(pool, [COMMUNE, DESK], T('2026-03-03T10:45:00'))).toEqual([{ unitId: COMMUNE, dueSoon: 0, overdue: 1, dossiersOverdue: 1, alertsPending: 1 }]);
    // another unit sees nothing of it
    expect((await slaBoardPage(pool, { unitIds: [POLICE], limit: 50 }, T('2026-03-03T10:45:00'))).items).toEqual([]);

    // the timer fires at 11:00: breach and escalation to the province; the step is on the board once, from the alert
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.breach);
    const alerted = await slaBoardPage(pool, { unitIds: [COMMUNE], limit: 50 }, T('2026-03-03T11:01:00'));
    expect(alerted.items).toHaveLength(1);
    expect(alerted.items[0]).toMatchObject({ taskId: 'khai-sinh#2', status: 'overdue', alertPending: false, supervisorUnitId: 'pt' });
    expect(alerted.items[0]!.breachedAt?.toISOString()).toBe(new Date(T('2026-03-03T11:00:00')).toISOString());
    expect(await slaBoardByUnit(pool, [COMMUNE], T('2026-03-03T11:01:00'))).toEqual([{ unitId: COMMUNE, dueSoon: 0, overdue: 1, dossiersOverdue: 1, alertsPending: 0 }]);
    // the province, escalated to, sees it through the alert's supervisor unit
    expect((await slaBoardPage(pool, { unitIds: ['pt'], limit: 50 }, T('2026-03-03T11:01:00'))).items.map((i) => i.taskId)).toEqual(['khai-sinh#2']);

    // completed: off the board, whatever the clock says
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.fanOut);
    expect((await slaBoardPage(pool, { unitIds: [COMMUNE], limit: 50 }, T('2026-03-03T11:20:00'))).items.filter((i) => i.taskId === 'khai-sinh#2')).toEqual([]);
  });

  it("Form 06 rows carry the decider's classification, made with the dossier's pinned settings", async () => {
    const pool = await freshPool();
    // a dossier pinned to same-day tests in UTC (utcOffsetMinutes 0): tham-dinh#1 is due Tue 08:00 (UTC+7) = Tue 01:00Z
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T14:00:00+07:00', dossierCode: 'OPS-260302-0031', settings: { classifier: { utcOffsetMinutes: 0 } } });
    d.pass('tiep-nhan#1', '2026-03-02T15:00:00+07:00', 'desk-1');
    d.claim('tham-dinh#1', '2026-03-02T16:00:00+07:00', 'vh-1');
    // sent back at 00:30 on Tuesday (UTC+7) = Monday 17:30Z: a day early in the dossier's own terms
    d.do({ type: 'task.return', ...d.ref('tham-dinh#1', 'vh-1'), reason: 'thiếu chữ ký' }, '2026-03-03T00:30:00+07:00');
    d.do({ type: 'task.transfer', ...d.ref('tiep-nhan#2', 'desk-1'), toUnitId: 'pt.p-xuan-hoa.ttphcc', reason: 'chuyển' }, '2026-03-03T00:40:00+07:00');
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, d.log);
    const rows = await q(pool, "SELECT kind, from_task_id, classification FROM process_control_slip WHERE kind IN ('return', 'transfer') ORDER BY seq");
    const returned = d.log.find((e) => e.type === 'task.returned');
    expect(returned?.type === 'task.returned' && returned.payload.classification).toBe('early');
    expect(rows).toEqual([
      { kind: 'return', from_task_id: 'tham-dinh#1', classification: 'early' },
      { kind: 'transfer', from_task_id: 'tiep-nhan#2', classification: 'early' },
    ]);
  });

  it('payment pause: inbox paused with the clock stopped, due shifted on payment; withdrawal empties the inbox and closes the register row', async () => {
    const pool = await freshPool();
    const s = paymentScenario('OPS-260302-0003');
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.untilPayment);
    let [row] = await q(pool, 'SELECT * FROM task_inbox');
    expect(row).toMatchObject({ task_id: 'thue#1', paused: true, paused_reason: 'payment', clock_stopped: true });
    const dueBefore = new Date(row!.due_at as Date).getTime();
    expect((await q(pool, 'SELECT status_code, paused_reason, payment_count FROM dossier_register'))[0]).toEqual({ status_code: 6, paused_reason: 'payment', payment_count: 1 });
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.recorded);
    [row] = await q(pool, 'SELECT * FROM task_inbox');
    expect(row).toMatchObject({ paused: false });
    expect(new Date(row!.due_at as Date).getTime()).toBe(s.d.state.tasks.find((t) => t.taskId === 'thue#1')!.dueMs);
    expect(new Date(row!.due_at as Date).getTime()).toBeGreaterThan(dueBefore);
    await applyBatch(pool, OPERATIONAL_PROJECTIONS, s.withdrawn);
    expect(await q(pool, 'SELECT * FROM task_inbox')).toEqual([]);
    expect((await q(pool, 'SELECT status_code, closed_reason, paid_online, paused_reason FROM dossier_register'))[0]).toEqual({ status_code: 7, closed_reason: 'withdrawn', paid_online: true, paused_reason: null });
  });

  it('replaying is idempotent: once, twice, and in two batches split mid-way with overlap give identical tables', async () => {
    const a = birthScenario('OPS-260302-0021').all;
    const b = paymentScenario('OPS-260302-0022');
    const c = birthScenario('OPS-260302-0023');
    // interleave dossiers as a topic would; the third stops mid-life (open tasks, SLA rows)
    const partial = [...c.reception, ...c.returnAndTransfer, ...c.supplement, ...c.resubmit, ...c.breach];
    const topic: DossierEvent[] = [];
    const streams = [a, [...b.untilPayment, ...b.recorded, ...b.withdrawn], partial];
    for (let i = 0; topic.length < streams.reduce((n, x) => n + x.length, 0); i++) for (const st of streams) if (st[i]) topic.push(st[i]!);

    const once = await freshPool();
    const t0 = Date.now();
    await applyBatch(once, OPERATIONAL_PROJECTIONS, topic);
    const onceMs = Date.now() - t0;
    const twice = await freshPool();
    await applyBatch(twice, OPERATIONAL_PROJECTIONS, topic);
    expect(await applyBatch(twice, OPERATIONAL_PROJECTIONS, topic)).toBe(0);
    const split = await freshPool();
    const mid = Math.floor(topic.length / 2);
    await applyBatch(split, OPERATIONAL_PROJECTIONS, topic.slice(0, mid + 7));
    await applyBatch(split, OPERATIONAL_PROJECTIONS, topic.slice(mid - 5));
    const oneByOne = await freshPool();
    for (const e of topic) await applyBatch(oneByOne, OPERATIONAL_PROJECTIONS, [e]);

    const expected = await digests(once);
    expect(await digests(twice)).toEqual(expected);
    expect(await digests(split)).toEqual(expected);
    expect(await digests(oneByOne)).toEqual(expected);
    // the partial dossier still has its open task and its overdue step on the board
    expect(await q(once, `SELECT task_id FROM task_inbox WHERE dossier_code = 'OPS-260302-0023'`)).toEqual([{ task_id: 'khai-sinh#2' }]);
    expect(await q(once, `SELECT scope, status FROM sla_board WHERE dossier_code = 'OPS-260302-0023'`)).toEqual([{ scope: 'step', status: 'overdue' }]);
    expect(onceMs).toBeLessThan(5000);
  });
});
