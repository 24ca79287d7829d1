import { DossierEvent } from '../../contracts/events';
import { initialState } from '../../domain/dossier/dossier-state';
import { replay } from '../../domain/dossier/evolve';
import { startInput } from '../support/dossier-fixtures';
import { Dossier, MIN, at, withProcedure } from './helpers';

function expectReplayable(d: Dossier): void {
  expect(d.log.length).toBeGreaterThan(0);
  d.log.forEach((e, i) => {
    const parsed = DossierEvent.safeParse(e);
    if (!parsed.success) throw new Error(`${e.type} #${e.sequence} does not parse: ${parsed.error.message}`);
    expect(e.sequence).toBe(i + 1);
    expect(e.id).toBe(`${d.input.dossierCode}:${i + 1}`);
    expect(e.occurredAt).toMatch(/\+07:00$/);
  });
  expect(replay(initialState(d.input), d.log)).toStrictEqual(d.state);
}

describe('replay: the events rebuild exactly the state the decider produced', () => {
  it('interagency fan-out with a supplement, Form 04, a return, a reorganisation, SLA ticks, hand-over and rating', () => {
    const { d } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T08:30:00+07:00');
    d.claim('khai-sinh#1', '2026-03-02T08:40:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('khai-sinh#1'), reason: 'Thiếu giấy chứng sinh', missing: ['giay-chung-sinh'] }, '2026-03-02T09:00:00+07:00');
    d.tick('2026-03-02T16:00:00+07:00');
    d.do({ type: 'supplement.resubmit', componentsDigitised: 1 }, '2026-03-03T08:00:00+07:00');
    d.complete('khai-sinh#1', '2026-03-03T10:00:00+07:00');
    d.claim('ky-khai-sinh#1', '2026-03-03T10:10:00+07:00');
    d.do({ type: 'task.return', ...d.ref('ky-khai-sinh#1'), reason: 'Sai ngày sinh' }, '2026-03-03T10:30:00+07:00');
    d.pass('khai-sinh#2', '2026-03-03T11:00:00+07:00');
    d.pass('ky-khai-sinh#2', '2026-03-03T14:00:00+07:00');
    d.do({ type: 'dossier.extend', unitId: 'pt.bhxh', officerId: 'si-head', reason: 'Chờ dữ liệu dân cư', newAppointmentAt: '2026-03-06T17:00:00+07:00' }, '2026-03-03T15:00:00+07:00');
    d.do({ type: 'dossier.reorganise', fromUnitId: 'pt.p-phuc-yen.cong-an', toUnitId: 'pt.cong-an.khu-vuc-1', reason: 'Sắp xếp' }, '2026-03-03T15:30:00+07:00');
    d.do({ type: 'task.transfer', ...d.ref('bhyt#1'), toUnitId: 'pt.bhxh.phu-tho', reason: 'Đúng thẩm quyền' }, '2026-03-03T15:40:00+07:00');
    d.do({ type: 'dossier.complain', category: 'delay', reference: 'PAKN-9' }, '2026-03-04T08:00:00+07:00');
    for (const t of ['2026-03-04T09:00:00+07:00', '2026-03-05T09:00:00+07:00', '2026-03-05T15:00:00+07:00', '2026-03-05T15:00:00+07:00']) d.tick(t);
    d.pass('thuong-tru#1', '2026-03-05T16:00:00+07:00');
    d.claim('bhyt#1', '2026-03-05T16:10:00+07:00');
    d.do({ type: 'task.reassign', ...d.ref('bhyt#1', 'si-head'), toOfficerId: 'si-2' }, '2026-03-05T16:20:00+07:00');
    d.complete('bhyt#1', '2026-03-06T08:00:00+07:00', 'si-2');
    expect(d.state.phase).toBe('result_ready');
    d.pass('tra-ket-qua#1', '2026-03-06T09:00:00+07:00');
    d.do({ type: 'dossier.rate', score: 'satisfied' }, '2026-03-06T09:05:00+07:00');
    expect(d.state.phase).toBe('closed');
    // the breaches are at the successor and transferee units, which have no entry in input.supervisors:
    // they escalate to the supervisor of the unit the step was routed to; the ticks come a day apart,
    // so every warning was overtaken by its breach and none is raised
    expect(new Set(d.log.map((e) => e.type))).toEqual(
      new Set([
        'dossier.received', 'task.assigned', 'task.claimed', 'task.completed', 'dossier.supplement_requested', 'dossier.supplement_received',
        'task.returned', 'dossier.extended', 'task.transferred', 'task.reassigned', 'dossier.complaint_filed', 'sla.breached',
        'sla.escalated', 'dossier.result_ready', 'dossier.result_returned', 'dossier.rated',
      ]),
    );
    const escalations = d.log.flatMap((e) => (e.type === 'sla.escalated' ? [[e.payload.unitId, e.payload.supervisorUnitId]] : []));
    expect(escalations).toContainEqual(['pt.cong-an.khu-vuc-1', 'pt.p-phuc-yen']);
    expectReplayable(d);
    // and at every point along the way
    for (let n = 1; n <= d.log.length; n++) {
      expect(replay(initialState(d.input), d.log.slice(0, n)).sequence).toBe(n);
    }
  });

  it('land dossier with payment (restart policy copy), breaches and a stop', () => {
    const input = withProcedure(startInput({ procedureCode: '1.013831', receivedAt: '2026-03-02T09:00:00+07:00' }), (p) => (p.supplementClock = 'restart'));
    const { d } = Dossier.startWith(input);
    d.pass('tiep-nhan#1', '2026-03-02T10:00:00+07:00');
    d.claim('tham-dinh#1', '2026-03-02T10:30:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('tham-dinh#1'), reason: 'x', missing: ['a'] }, '2026-03-02T11:00:00+07:00');
    d.do({ type: 'supplement.resubmit' }, '2026-03-04T09:00:00+07:00');
    d.complete('tham-dinh#1', '2026-03-10T09:00:00+07:00');
    d.claim('chuyen-thue#1', '2026-03-10T09:30:00+07:00');
    d.do({ type: 'payment.request', ...d.ref('chuyen-thue#1'), kind: 'tax', amountVnd: 3_000_000 }, '2026-03-10T10:00:00+07:00');
    expect(d.tick('2026-03-12T10:00:00+07:00')).toEqual([]); // the clock is stopped while the tax is paid
    d.do({ type: 'payment.record', source: 'applicant_payment', paidOnline: true, amountVnd: 3_000_000, reference: 'VNPAY-1' }, '2026-03-13T10:00:00+07:00');
    d.tick('2026-03-30T10:00:00+07:00');
    d.do({ type: 'dossier.stop', unitId: 'pt.thue.phuc-yen', officerId: 'tax-head', reason: 'Hồ sơ giả mạo' }, '2026-03-30T11:00:00+07:00');
    expect(d.log.some((e) => e.type === 'sla.breached')).toBe(true);
    expectReplayable(d);
  });

  it('demo dossier on the 24x7 calendar ticking every minute to the rating window', () => {
    const { d } = Dossier.start({ procedureCode: 'DEMO.02', receivedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'demo-24x7', channel: 'online' });
    const T = at('2026-03-02T09:00:00+07:00');
    for (let m = 1; m <= 20; m++) {
      d.tick(T + m * MIN);
      for (const id of d.openTaskIds()) if (m % 3 === 0) d.pass(id, T + m * MIN);
    }
    expect(d.state.phase).toBe('returned');
    expectReplayable(d);
  });
});
