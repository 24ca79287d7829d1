import { startInput } from '../support/dossier-fixtures';
import { Dossier, one, types, withProcedure } from './helpers';

// 1.001193 received Mon 2 March 2026 09:00 (vn-2026.1): appointment Tue 3 March 09:00.
const RECEIVED = '2026-03-02T09:00:00+07:00';

function appraising() {
  const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: RECEIVED });
  d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
  return d;
}

function resultReady() {
  const d = appraising();
  d.pass('tham-dinh#1', '2026-03-02T10:30:00+07:00');
  d.pass('ky#1', '2026-03-02T11:00:00+07:00');
  expect(d.state.phase).toBe('result_ready');
  return d;
}

describe('withdraw (status 7) and stop (status 8, Form 05)', () => {
  it('withdraw closes the dossier, classified against the appointment', () => {
    const d = appraising();
    const w = d.do({ type: 'dossier.withdraw', reason: 'Công dân rút hồ sơ' }, '2026-03-02T10:00:00+07:00');
    expect(types(w)).toEqual(['dossier.withdrawn']);
    expect(one(w, 'dossier.withdrawn').payload).toEqual({ statusCode: 7, withdrawnAt: '2026-03-02T10:00:00+07:00', reason: 'Công dân rút hồ sơ', classification: 'early' });
    expect(d.state).toMatchObject({ phase: 'closed', closedReason: 'withdrawn', statusCode: 7 });
    expect(d.state.ledger!.closedAt).toBe(Date.parse('2026-03-02T10:00:00+07:00'));
    expect(d.task('tham-dinh#1').status).toBe('cancelled');
  });

  it('withdrawn while the clock is stopped for a supplement: classified against the shifted appointment', () => {
    const d = appraising();
    d.claim('tham-dinh#1', '2026-03-02T09:40:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('tham-dinh#1'), reason: 'x', missing: ['a'] }, '2026-03-02T10:00:00+07:00');
    // waiting Mon 10:00 → Wed 10:00 = 960 working minutes: the appointment becomes Thu 5 March 09:00
    const w = one(d.do({ type: 'dossier.withdraw', reason: 'Không bổ sung được' }, '2026-03-04T10:00:00+07:00'), 'dossier.withdrawn');
    expect(w.payload.classification).toBe('early');
    expect(d.state.ledger!.committedDueMs).toBe(Date.parse('2026-03-05T09:00:00+07:00'));
  });

  it('stop by a unit holding an open task', () => {
    const d = appraising();
    const s = d.do({ type: 'dossier.stop', unitId: 'pt.p-phuc-yen.vh-xh', officerId: 'head-1', reason: 'Đã đăng ký khai sinh nơi khác' }, '2026-03-02T10:00:00+07:00');
    expect(types(s)).toEqual(['dossier.stopped']);
    expect(s[0]!.unitId).toBe('pt.p-phuc-yen.vh-xh');
    expect(one(s, 'dossier.stopped').payload).toEqual({
      statusCode: 8,
      stoppedAt: '2026-03-02T10:00:00+07:00',
      unitId: 'pt.p-phuc-yen.vh-xh',
      officerId: 'head-1',
      reason: 'Đã đăng ký khai sinh nơi khác',
      classification: 'early',
    });
    expect(d.state).toMatchObject({ phase: 'closed', closedReason: 'stopped', statusCode: 8 });
  });

  it('stop while waiting for payment is classified against the shifted appointment', () => {
    const { d } = Dossier.start({ procedureCode: '1.013831', receivedAt: RECEIVED });
    d.claim('tiep-nhan#1', '2026-03-02T09:10:00+07:00');
    d.do({ type: 'payment.request', ...d.ref('tiep-nhan#1'), kind: 'fee', amountVnd: 500_000 }, '2026-03-02T09:30:00+07:00');
    // appointment Wed 11 March 09:00; stopped Fri 13 March 09:30 while still waiting: the 9 working days waited
    // (Mon 09:30 → Fri 09:30) shift the appointment to Tue 24 March 09:00, so the dossier ends early, not late
    const s = one(d.do({ type: 'dossier.stop', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', reason: 'Không nộp' }, '2026-03-13T09:30:00+07:00'), 'dossier.stopped');
    expect(s.payload.classification).toBe('early');
    expect(d.state.ledger!.committedDueMs).toBe(Date.parse('2026-03-24T09:00:00+07:00'));
  });

  it('UNIT_NOT_RESPONSIBLE: a unit without an open task cannot stop the dossier', () => {
    const d = appraising();
    expect(d.rejectCode({ type: 'dossier.stop', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', reason: 'x' }, '2026-03-02T10:00:00+07:00')).toBe('UNIT_NOT_RESPONSIBLE');
  });

  it('WITHDRAW_NOT_ALLOWED and STOP_NOT_ALLOWED after the result', () => {
    const d = resultReady();
    expect(d.rejectCode({ type: 'dossier.withdraw', reason: 'x' }, '2026-03-02T11:30:00+07:00')).toBe('WITHDRAW_NOT_ALLOWED');
    expect(d.rejectCode({ type: 'dossier.stop', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', reason: 'x' }, '2026-03-02T11:30:00+07:00')).toBe('STOP_NOT_ALLOWED');
  });
});

describe('result return, rating, complaints', () => {
  it('a procedure without a return step returns the result by command; then it is rated and closed', () => {
    const input = withProcedure(startInput({ procedureCode: '1.001193', receivedAt: RECEIVED }), (p) => {
      p.steps = p.steps.filter((s) => s.kind !== 'result_return').map((s) => ({ ...s, next: s.next.filter((n) => n !== 'tra-ket-qua') }));
    });
    const { d } = Dossier.startWith(input);
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.pass('tham-dinh#1', '2026-03-02T10:30:00+07:00');
    expect(types(d.pass('ky#1', '2026-03-02T11:00:00+07:00'))).toEqual(['task.claimed', 'task.completed', 'dossier.result_ready']);
    expect(d.rejectCode({ type: 'dossier.rate', score: 'satisfied' }, '2026-03-02T13:30:00+07:00')).toBe('RESULT_NOT_RETURNED');
    const r = d.do({ type: 'result.return', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'desk-1', method: 'post', electronic: false }, '2026-03-02T14:00:00+07:00');
    expect(types(r)).toEqual(['dossier.result_returned']);
    expect(one(r, 'dossier.result_returned').payload).toEqual({ statusCode: 10, returnedAt: '2026-03-02T14:00:00+07:00', unitId: 'pt.p-phuc-yen.ttphcc', method: 'post', electronic: false });
    expect(d.state).toMatchObject({ phase: 'returned', statusCode: 10 });

    const rated = d.do({ type: 'dossier.rate', score: 'very_satisfied' }, '2026-03-02T15:00:00+07:00');
    expect(one(rated, 'dossier.rated').payload).toEqual({ ratedAt: '2026-03-02T15:00:00+07:00', score: 'very_satisfied' });
    expect(d.state).toMatchObject({ phase: 'closed', closedReason: 'finished', rated: true });
    expect(d.rejectCode({ type: 'dossier.rate', score: 'neutral' }, '2026-03-02T15:10:00+07:00')).toBe('DOSSIER_CLOSED');
  });

  it('RESULT_RETURNED_BY_TASK when the procedure hands over through its task; RESULT_NOT_READY before', () => {
    const early = appraising();
    expect(early.rejectCode({ type: 'result.return', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', method: 'desk', electronic: false }, '2026-03-02T10:00:00+07:00')).toBe('RESULT_NOT_READY');
    const d = resultReady();
    expect(d.rejectCode({ type: 'result.return', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', method: 'desk', electronic: false }, '2026-03-02T11:30:00+07:00')).toBe('RESULT_RETURNED_BY_TASK');
  });

  it('RESULT_NOT_RETURNED: rating before the hand-over', () => {
    const d = resultReady();
    expect(d.rejectCode({ type: 'dossier.rate', score: 'satisfied' }, '2026-03-02T11:30:00+07:00')).toBe('RESULT_NOT_RETURNED');
  });

  it('a complaint is recorded while processing and after the result', () => {
    const d = appraising();
    const c = d.do({ type: 'dossier.complain', category: 'delay', reference: 'PAKN-2026-0001' }, '2026-03-02T10:00:00+07:00');
    expect(one(c, 'dossier.complaint_filed').payload).toEqual({ filedAt: '2026-03-02T10:00:00+07:00', category: 'delay', reference: 'PAKN-2026-0001' });
    expect(d.state.complaints).toBe(1);
    expect(d.state.phase).toBe('processing');
    d.pass('tham-dinh#1', '2026-03-02T10:30:00+07:00');
    d.pass('ky#1', '2026-03-02T11:00:00+07:00');
    d.do({ type: 'dossier.complain', category: 'result', reference: 'PAKN-2026-0002' }, '2026-03-02T13:30:00+07:00');
    expect(d.state.complaints).toBe(2);
  });
});

describe('electronic result (indicator 4.1) and electronic delivery are two facts', () => {
  function withoutReturnStep(procedureCode: string, channel: 'direct' | 'online' = 'direct') {
    const input = withProcedure(startInput({ procedureCode, receivedAt: RECEIVED, channel }), (p) => {
      p.steps = p.steps.filter((s) => s.kind !== 'result_return').map((s) => ({ ...s, next: s.next.filter((n) => n !== 'tra-ket-qua') }));
    });
    const { d } = Dossier.startWith(input);
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    return d;
  }

  it('a paper result (2.000815 at the desk) cannot be delivered electronically: RESULT_NOT_ELECTRONIC', () => {
    const d = withoutReturnStep('2.000815');
    expect(one(d.pass('ky#1', '2026-03-02T10:00:00+07:00'), 'dossier.result_ready').payload.electronicResult).toBe(false);
    expect(d.rejectCode({ type: 'result.return', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', method: 'online', electronic: true }, '2026-03-02T10:30:00+07:00')).toBe('RESULT_NOT_ELECTRONIC');
    const r = one(d.do({ type: 'result.return', unitId: 'pt.p-phuc-yen.ttphcc', officerId: 'o', method: 'desk', electronic: false }, '2026-03-02T10:30:00+07:00'), 'dossier.result_returned');
    expect(r.payload.electronic).toBe(false);
  });

  it('an electronic result (1.001193, online level full) handed over at the desk: issued electronically, delivered on paper', () => {
    const d = appraising();
    d.pass('tham-dinh#1', '2026-03-02T10:30:00+07:00');
    expect(one(d.pass('ky#1', '2026-03-02T11:00:00+07:00'), 'dossier.result_ready').payload.electronicResult).toBe(true);
    expect(one(d.pass('tra-ket-qua#1', '2026-03-02T13:30:00+07:00'), 'dossier.result_returned').payload).toMatchObject({ method: 'desk', electronic: false });
  });
});
