import { Dossier, one, only, types } from './helpers';

// 1.013831 (land change, financial obligation with the tax office), received Mon 2 March 2026 09:00 (vn-2026.1):
// committed 7 working days → Wed 11 March 09:00; legal 10 → Mon 16 March 09:00.
const TAX = 'pt.thue.phuc-yen';

function atTaxOffice() {
  const { d } = Dossier.start({ procedureCode: '1.013831', receivedAt: '2026-03-02T09:00:00+07:00' });
  expect(one(d.log, 'dossier.received').payload).toMatchObject({ appointmentAt: '2026-03-11T09:00:00+07:00', legalDueAt: '2026-03-16T09:00:00+07:00' });
  d.pass('tiep-nhan#1', '2026-03-02T10:00:00+07:00');
  d.pass('tham-dinh#1', '2026-03-02T11:00:00+07:00');
  d.claim('chuyen-thue#1', '2026-03-02T13:30:00+07:00', 'tax-1');
  return d;
}

describe('financial obligation (status 6)', () => {
  it('request stops the clock; recording shifts the appointment by the waiting working time', () => {
    const d = atTaxOffice();
    const req = d.do({ type: 'payment.request', ...d.ref('chuyen-thue#1', 'tax-1'), kind: 'land_levy', amountVnd: 12_500_000 }, '2026-03-02T14:00:00+07:00');
    expect(types(req)).toEqual(['dossier.payment_requested']);
    expect(req[0]!.unitId).toBe(TAX);
    expect(one(req, 'dossier.payment_requested').payload).toEqual({ statusCode: 6, taskId: 'chuyen-thue#1', unitId: TAX, kind: 'land_levy', amountVnd: 12_500_000, requestedAt: '2026-03-02T14:00:00+07:00' });
    expect(d.state).toMatchObject({ phase: 'payment', statusCode: 6 });
    // the clock is stopped: no SLA events even well past the appointment
    expect(d.tick('2026-03-12T09:00:00+07:00')).toEqual([]);
    expect(d.rejectCode({ type: 'task.complete', ...d.ref('chuyen-thue#1', 'tax-1') }, '2026-03-03T09:00:00+07:00')).toBe('DOSSIER_PAUSED');
  });

  it('record: waiting Mon 14:00 → Wed 10:30 = 180 + 480 + 210 = 870 working minutes', () => {
    const d = atTaxOffice();
    d.do({ type: 'payment.request', ...d.ref('chuyen-thue#1', 'tax-1'), kind: 'land_levy', amountVnd: 12_500_000 }, '2026-03-02T14:00:00+07:00');
    const rec = d.do({ type: 'payment.record', source: 'tax_notice', paidOnline: true, amountVnd: 12_500_000, reference: 'TB-THUE-0001' }, '2026-03-04T10:30:00+07:00');
    expect(types(rec)).toEqual(['dossier.payment_recorded']);
    expect(one(rec, 'dossier.payment_recorded').payload).toEqual({
      statusCode: 4,
      recordedAt: '2026-03-04T10:30:00+07:00',
      source: 'tax_notice',
      paidOnline: true,
      amountVnd: 12_500_000,
      reference: 'TB-THUE-0001',
      waitingWorkingMinutes: 870,
      appointmentAt: '2026-03-13T07:30:00+07:00', // Wed 11 09:00 + 360 + 480 + 30
      legalDueAt: '2026-03-18T07:30:00+07:00', // Mon 16 09:00 + 360 + 480 + 30
      // the tax step's own due, moved by the ledger by the same 870 working minutes
      taskDues: [{ taskId: 'chuyen-thue#1', dueAt: '2026-03-06T09:30:00+07:00' }],
    });
    // the tax step's due moved by the same 870 working minutes as the appointment
    expect(d.task('chuyen-thue#1').dueMs).toBe(d.state.ledger!.steps.find((s) => s.stepId === 'chuyen-thue#1')!.dueMs);
    expect(d.state).toMatchObject({ phase: 'processing', statusCode: 4 });
  });

  it('PAYMENT_NOT_APPLICABLE on a procedure without financial obligation', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00');
    expect(d.rejectCode({ type: 'payment.request', ...d.ref('tiep-nhan#1'), kind: 'fee', amountVnd: 8000 }, '2026-03-02T09:10:00+07:00')).toBe('PAYMENT_NOT_APPLICABLE');
  });

  it('PAYMENT_NOT_ALLOWED once the result is ready (the ledger is closed)', () => {
    const d = atTaxOffice();
    d.complete('chuyen-thue#1', '2026-03-02T14:00:00+07:00', 'tax-1');
    d.pass('nghia-vu-tai-chinh#1', '2026-03-02T14:30:00+07:00');
    d.pass('cap-nhat#1', '2026-03-02T15:00:00+07:00');
    expect(d.state.phase).toBe('result_ready');
    d.claim('tra-ket-qua#1', '2026-03-02T15:10:00+07:00');
    expect(d.rejectCode({ type: 'payment.request', ...d.ref('tra-ket-qua#1'), kind: 'fee', amountVnd: 1000 }, '2026-03-02T15:20:00+07:00')).toBe('PAYMENT_NOT_ALLOWED');
  });

  it('NOT_AWAITING_PAYMENT', () => {
    const d = atTaxOffice();
    expect(d.rejectCode({ type: 'payment.record', source: 'applicant_payment', paidOnline: false, amountVnd: 1, reference: 'r' }, '2026-03-02T14:00:00+07:00')).toBe('NOT_AWAITING_PAYMENT');
  });
});

describe('extension (Form 04)', () => {
  // 1.001193 received Mon 09:00: appointment Tue 3 March 09:00; tham-dinh#1 open at vh-xh from 09:30.
  function appraising() {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    return d;
  }
  const extend = (unitId: string, newAppointmentAt: string) => ({ type: 'dossier.extend' as const, unitId, officerId: 'head-1', reason: 'Chờ xác minh', newAppointmentAt });

  it('allowed before the due by a unit holding an open task; moves the appointment, not the legal due', () => {
    const d = appraising();
    const ext = d.do(extend('pt.p-phuc-yen.vh-xh', '2026-03-04T09:00:00+07:00'), '2026-03-02T16:00:00+07:00');
    expect(types(ext)).toEqual(['dossier.extended']);
    expect(ext[0]!.unitId).toBe('pt.p-phuc-yen.vh-xh');
    expect(one(ext, 'dossier.extended').payload).toEqual({
      unitId: 'pt.p-phuc-yen.vh-xh',
      officerId: 'head-1',
      reason: 'Chờ xác minh',
      extendedAt: '2026-03-02T16:00:00+07:00',
      previousAppointmentAt: '2026-03-03T09:00:00+07:00',
      appointmentAt: '2026-03-04T09:00:00+07:00',
      extensionNumber: 1,
    });
    expect(d.state.extensions).toBe(1);
    expect(d.state.ledger!.committedDueMs).toBe(Date.parse('2026-03-04T09:00:00+07:00'));
    expect(d.state.ledger!.legalDueMs).toBe(Date.parse('2026-03-03T09:00:00+07:00'));
    const second = one(d.do(extend('pt.p-phuc-yen.vh-xh', '2026-03-05T09:00:00+07:00'), '2026-03-03T09:00:00+07:00'), 'dossier.extended');
    expect(second.payload).toMatchObject({ previousAppointmentAt: '2026-03-04T09:00:00+07:00', extensionNumber: 2 });
  });

  it('EXTENSION_AFTER_DUE: at the due instant it is too late', () => {
    const d = appraising();
    expect(d.rejectCode(extend('pt.p-phuc-yen.vh-xh', '2026-03-04T09:00:00+07:00'), '2026-03-03T09:00:00+07:00')).toBe('EXTENSION_AFTER_DUE');
  });

  it('EXTENSION_NOT_LATER', () => {
    const d = appraising();
    expect(d.rejectCode(extend('pt.p-phuc-yen.vh-xh', '2026-03-03T09:00:00+07:00'), '2026-03-02T16:00:00+07:00')).toBe('EXTENSION_NOT_LATER');
  });

  it('UNIT_NOT_RESPONSIBLE: the desk no longer holds a task', () => {
    const d = appraising();
    expect(d.rejectCode(extend('pt.p-phuc-yen.ttphcc', '2026-03-04T09:00:00+07:00'), '2026-03-02T16:00:00+07:00')).toBe('UNIT_NOT_RESPONSIBLE');
  });

  it('EXTENSION_NOT_ALLOWED while waiting for a supplement', () => {
    const d = appraising();
    d.claim('tham-dinh#1', '2026-03-02T10:00:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('tham-dinh#1'), reason: 'x', missing: ['a'] }, '2026-03-02T10:30:00+07:00');
    expect(d.rejectCode(extend('pt.p-phuc-yen.vh-xh', '2026-03-04T09:00:00+07:00'), '2026-03-02T16:00:00+07:00')).toBe('EXTENSION_NOT_ALLOWED');
  });
});

describe('a dossier extended with Form 04 is late against its Form 01 appointment', () => {
  // 1.001193 received Mon 2 March 09:00: Form 01 appointment Tue 3 March 09:00; Form 04 on Monday 16:00 sets Wed 4 March 09:00
  function extended(settings?: { form04Counting: 'late_with_apology' | 'new_appointment' }) {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00', ...(settings ? { settings: { classifier: settings } } : {}) });
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.do({ type: 'dossier.extend', unitId: 'pt.p-phuc-yen.vh-xh', officerId: 'head-1', reason: 'Chờ xác minh', newAppointmentAt: '2026-03-04T09:00:00+07:00' }, '2026-03-02T16:00:00+07:00');
    return d;
  }

  it('finished after the Form 01 appointment, before the new one: late against Form 01, for the appointment view and the KPI alike', () => {
    const d = extended();
    d.pass('tham-dinh#1', '2026-03-03T10:00:00+07:00');
    const ready = one(d.pass('ky#1', '2026-03-03T11:00:00+07:00'), 'dossier.result_ready').payload;
    expect(ready).toMatchObject({
      appointmentAt: '2026-03-04T09:00:00+07:00', // what the citizen now holds
      form01AppointmentAt: '2026-03-03T09:00:00+07:00', // what lateness is judged against
      extensions: 1,
      classification: 'late',
      classificationKpi: 'late',
    });
  });

  it('finished before the Form 01 appointment despite the apology: on time', () => {
    const d = extended();
    d.pass('tham-dinh#1', '2026-03-02T16:30:00+07:00');
    const ready = one(d.pass('ky#1', '2026-03-03T08:00:00+07:00'), 'dossier.result_ready').payload;
    expect(ready).toMatchObject({ classification: 'on_time', classificationKpi: 'on_time', extensions: 1 });
  });

  it('the dossier breaches at the Form 01 appointment, and again if the new appointment passes', () => {
    const d = extended();
    const first = d.tick('2026-03-03T09:00:00.001+07:00');
    expect(only(first, 'sla.breached').filter((e) => e.payload.scope === 'dossier').map((e) => e.payload.dueAt)).toEqual(['2026-03-03T09:00:00+07:00']);
    const second = d.tick('2026-03-04T09:30:00+07:00');
    expect(only(second, 'sla.breached').filter((e) => e.payload.scope === 'dossier').map((e) => e.payload.dueAt)).toEqual(['2026-03-04T09:00:00+07:00']);
  });

  it('a locality that counts Form 04 against the new appointment says so in a setting, and the same rule applies it', () => {
    const d = extended({ form04Counting: 'new_appointment' });
    expect(only(d.tick('2026-03-03T09:30:00+07:00'), 'sla.breached').filter((e) => e.payload.scope === 'dossier')).toEqual([]);
    d.pass('tham-dinh#1', '2026-03-03T10:00:00+07:00');
    const ready = one(d.pass('ky#1', '2026-03-03T11:00:00+07:00'), 'dossier.result_ready').payload;
    expect(ready).toMatchObject({ form01AppointmentAt: '2026-03-03T09:00:00+07:00', classification: 'early', classificationKpi: 'late' });
  });
});
