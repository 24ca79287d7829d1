import { DossierEvent } from '../../contracts/events';
import { nextWakeUp } from '../../domain/dossier/sla-timers';
import { startInput } from '../support/dossier-fixtures';
import { Dossier, one, types } from './helpers';

// vn-2026.1: service hours 07:00–11:30 and 13:30–17:00 (UTC+7); 2 March 2026 is a Monday.
const MON_0900 = '2026-03-02T09:00:00+07:00';

describe('reception: accept', () => {
  it('received and the first task in one decision; Form 01 appointment from the committed deadline', () => {
    const { d, events } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900 });
    expect(types(events)).toEqual(['dossier.received', 'task.assigned']);
    for (const e of events) expect(DossierEvent.safeParse(e).success).toBe(true);

    const received = one(events, 'dossier.received');
    expect(received.sequence).toBe(1);
    expect(received.id).toBe(`${d.input.dossierCode}:1`);
    expect(received.payload).toMatchObject({
      channel: 'direct',
      receivedAt: MON_0900,
      clockStartAt: MON_0900,
      // 1 working day = 480 working minutes: Mon 09:00–11:30 (150) + 13:30–17:00 (210) + Tue 07:00–09:00 (120)
      appointmentAt: '2026-03-03T09:00:00+07:00',
      legalDueAt: '2026-03-03T09:00:00+07:00',
      committedBudget: { amount: 1, unit: 'working_days' },
      legalBudget: { amount: 1, unit: 'working_days' },
      componentsTotal: 2,
    });

    const task = one(events, 'task.assigned');
    expect(task.sequence).toBe(2);
    expect(task.unitId).toBe('pt.p-phuc-yen.ttphcc');
    expect(task.payload).toEqual({
      taskId: 'tiep-nhan#1',
      stepId: 'tiep-nhan',
      stepName: expect.any(String),
      stepKind: 'reception',
      unitId: 'pt.p-phuc-yen.ttphcc',
      assignedAt: MON_0900,
      dueAt: '2026-03-02T11:00:00+07:00', // 2 working hours
      allotment: { amount: 2, unit: 'working_hours' },
      fromTaskIds: [],
      fromUnitIds: [],
      taskVersion: 0,
    });

    expect(d.state.phase).toBe('processing');
    expect(d.state.statusCode).toBe(4);
    expect(d.state.ledger!.committedDueMs).toBe(Date.parse('2026-03-03T09:00:00+07:00'));
    expect(d.state.tasks).toEqual([expect.objectContaining({ taskId: 'tiep-nhan#1', status: 'open', version: 0, inLedger: true })]);
  });

  it('the online channel uses the online deadline (1.000894: committed 3, online 2, legal 5 working days)', () => {
    const online = one(Dossier.start({ procedureCode: '1.000894', receivedAt: MON_0900, channel: 'online' }).events, 'dossier.received');
    expect(online.payload.channel).toBe('online');
    expect(online.payload.committedBudget).toEqual({ amount: 2, unit: 'working_days' });
    expect(online.payload.appointmentAt).toBe('2026-03-04T09:00:00+07:00');
    expect(online.payload.legalDueAt).toBe('2026-03-09T09:00:00+07:00'); // Tue Wed Thu Fri Mon

    const direct = one(Dossier.start({ procedureCode: '1.000894', receivedAt: MON_0900 }).events, 'dossier.received');
    expect(direct.payload.committedBudget).toEqual({ amount: 3, unit: 'working_days' });
    expect(direct.payload.appointmentAt).toBe('2026-03-05T09:00:00+07:00');
    expect(direct.payload.legalDueAt).toBe('2026-03-09T09:00:00+07:00');
  });

  it('received after the 15:00 cut-off: the clock starts at the next working day opening', () => {
    const r = one(Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T15:30:00+07:00' }).events, 'dossier.received');
    expect(r.payload.receivedAt).toBe('2026-03-02T15:30:00+07:00');
    expect(r.payload.clockStartAt).toBe('2026-03-03T07:00:00+07:00');
    // without the cut-off it would be Tue 15:30 (90 + 390 minutes); with it, a full Tuesday
    expect(r.payload.appointmentAt).toBe('2026-03-03T17:00:00+07:00');
    expect(r.payload.legalDueAt).toBe('2026-03-03T17:00:00+07:00');
  });

  it('received before the cut-off counts from the reception instant', () => {
    const r = one(Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T14:45:00+07:00' }).events, 'dossier.received');
    expect(r.payload.clockStartAt).toBe('2026-03-02T14:45:00+07:00');
    // 14:45–17:00 = 135, Tue 07:00–11:30 = 270, 13:30 + 75 = 14:45
    expect(r.payload.appointmentAt).toBe('2026-03-03T14:45:00+07:00');
  });

  it('DOSSIER_ALREADY_STARTED: a second start is rejected', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900 });
    expect(d.rejectCode({ type: 'dossier.start' }, '2026-03-02T09:01:00+07:00')).toBe('DOSSIER_ALREADY_STARTED');
  });
});

describe('reception: supplement at the desk (Form 02)', () => {
  const reception = { outcome: 'supplement' as const, reason: 'Thiếu giấy chứng sinh', missing: ['giay-chung-sinh'], applicantDeadlineAt: '2026-03-09T17:00:00+07:00' };

  it('waits for the applicant without a ledger; the resubmission is the reception instant', () => {
    const { d, events } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900, reception });
    expect(types(events)).toEqual(['dossier.reception_supplement_requested']);
    expect(one(events, 'dossier.reception_supplement_requested').payload).toEqual({
      statusCode: 5,
      requestedAt: MON_0900,
      reason: 'Thiếu giấy chứng sinh',
      missing: ['giay-chung-sinh'],
      applicantDeadlineAt: '2026-03-09T17:00:00+07:00',
    });
    expect(d.state.phase).toBe('awaiting_reception_supplement');
    expect(d.state.statusCode).toBe(5);
    expect(d.state.ledger).toBeUndefined();
    expect(d.state.tasks).toEqual([]);

    // a tick before the applicant's deadline changes nothing
    expect(d.tick('2026-03-04T09:00:00+07:00')).toEqual([]);

    const resubmitted = d.do({ type: 'supplement.resubmit', componentsDigitised: 1 }, '2026-03-04T10:00:00+07:00');
    expect(types(resubmitted)).toEqual(['dossier.received', 'task.assigned']);
    const r = one(resubmitted, 'dossier.received');
    expect(r.payload.receivedAt).toBe('2026-03-04T10:00:00+07:00');
    expect(r.payload.clockStartAt).toBe('2026-03-04T10:00:00+07:00');
    expect(r.payload.appointmentAt).toBe('2026-03-05T10:00:00+07:00');
    expect(r.payload.componentsDigitised).toBe(1);
    expect(one(resubmitted, 'task.assigned').payload.assignedAt).toBe('2026-03-04T10:00:00+07:00');
    expect(d.state.phase).toBe('processing');
    expect(d.state.applicantDeadlineMs).toBeUndefined();
    expect(d.state.ledger!.receivedAt).toBe(Date.parse('2026-03-04T10:00:00+07:00'));
  });

  it('the applicant deadline passes: a tick closes the dossier as not received (status 3)', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900, reception });
    expect(d.tick('2026-03-09T16:59:59+07:00')).toEqual([]);
    const events = d.tick('2026-03-09T17:00:00+07:00');
    expect(types(events)).toEqual(['dossier.not_received']);
    expect(one(events, 'dossier.not_received').payload).toEqual({ statusCode: 3, closedAt: '2026-03-09T17:00:00+07:00', reason: 'supplement_deadline_expired' });
    expect(d.state.phase).toBe('closed');
    expect(d.state.closedReason).toBe('not_received');
    expect(d.state.statusCode).toBe(3);
    expect(d.tick('2026-03-10T09:00:00+07:00')).toEqual([]);
    expect(d.rejectCode({ type: 'supplement.resubmit' }, '2026-03-10T09:00:00+07:00')).toBe('DOSSIER_CLOSED');
  });

  it('a complaint is refused before reception (NOT_RECEIVED); withdrawal is allowed, unclassified', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900, reception });
    expect(d.rejectCode({ type: 'dossier.complain', category: 'attitude', reference: 'PAKN-1' }, '2026-03-03T09:00:00+07:00')).toBe('NOT_RECEIVED');
    const w = one(d.do({ type: 'dossier.withdraw', reason: 'Không bổ sung nữa' }, '2026-03-03T09:00:00+07:00'), 'dossier.withdrawn');
    expect(w.payload).toEqual({ statusCode: 7, withdrawnAt: '2026-03-03T09:00:00+07:00', reason: 'Không bổ sung nữa', classification: null });
    expect(d.state.phase).toBe('closed');
  });
});

describe('reception: refuse (Form 03)', () => {
  it('closes with status 3; every later command is DOSSIER_CLOSED, a tick does nothing', () => {
    const { d, events } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900, reception: { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' } });
    expect(types(events)).toEqual(['dossier.refused']);
    expect(one(events, 'dossier.refused').payload).toEqual({ statusCode: 3, refusedAt: MON_0900, reason: 'Không thuộc thẩm quyền' });
    expect(d.state).toMatchObject({ phase: 'closed', statusCode: 3, closedReason: 'refused', tasks: [] });
    expect(d.state.ledger).toBeUndefined();
    expect(d.rejectCode({ type: 'dossier.start' }, MON_0900)).toBe('DOSSIER_CLOSED');
    expect(d.rejectCode({ type: 'dossier.withdraw', reason: 'x' }, MON_0900)).toBe('DOSSIER_CLOSED');
    expect(d.rejectCode({ type: 'supplement.resubmit' }, MON_0900)).toBe('DOSSIER_CLOSED');
    expect(d.tick('2026-03-03T09:00:00+07:00')).toEqual([]);
  });
});

describe('reception: a dossier entered after the fact (receivedAt in the past)', () => {
  // 1.001193 received Mon 7 July 2025 09:00 (appointment Tue 8 July 09:00), entered 15 months later
  const RECEIVED = '2025-07-07T09:00:00+07:00';
  const ENTERED = '2026-10-05T10:00:00+07:00';

  it('dues come from the reception instant, and every SLA instant already past fires in the same decision', () => {
    const { d, events } = Dossier.start({ procedureCode: '1.001193', receivedAt: RECEIVED }, ENTERED);
    expect(one(events, 'dossier.received').payload).toMatchObject({ receivedAt: RECEIVED, appointmentAt: '2025-07-08T09:00:00+07:00' });
    // the desk's task has been open since reception: 2 working hours from 09:00
    expect(one(events, 'task.assigned').payload).toMatchObject({ assignedAt: RECEIVED, dueAt: '2025-07-07T11:00:00+07:00' });
    expect(d.task('tiep-nhan#1')).toMatchObject({ assignedAt: Date.parse(RECEIVED), dueMs: Date.parse('2025-07-07T11:00:00+07:00') });
    // breaches, not the warnings they overtook, and no Form 04 draft after the appointment
    const sla = events.filter((e) => e.type.startsWith('sla.')).map((e) => [e.type, (e.payload as { scope: string }).scope, (e.payload as { dueAt: string }).dueAt]);
    expect(sla).toEqual([
      ['sla.breached', 'step', '2025-07-07T11:00:00+07:00'],
      ['sla.escalated', 'step', '2025-07-07T11:00:00+07:00'],
      ['sla.breached', 'dossier', '2025-07-08T09:00:00+07:00'],
      ['sla.escalated', 'dossier', '2025-07-08T09:00:00+07:00'],
    ]);
    expect(events.every((e) => e.occurredAt === ENTERED)).toBe(true);
    // nothing is left to raise: the next wake-up lies in the future
    expect(nextWakeUp(d.state, Date.parse(ENTERED))).toBeUndefined();
  });

  it('an officer finishing the desk step now is late against the step due from reception', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: RECEIVED }, ENTERED);
    const done = one(d.pass('tiep-nhan#1', '2026-10-05T10:30:00+07:00'), 'task.completed');
    expect(done.payload).toMatchObject({ dueAt: '2025-07-07T11:00:00+07:00', classification: 'late' });
  });
});

describe('reception: instants outside the dossier calendar are domain errors', () => {
  it.each(['2099-03-02T09:00:00+07:00', '9999-03-01T09:00:00+07:00', '2023-12-29T09:00:00+07:00'])('receivedAt %s: INSTANT_OUTSIDE_CALENDAR', (receivedAt) => {
    const d = new Dossier(startInput({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' }));
    const far = new Dossier({ ...d.input, receivedAt });
    expect(far.rejectCode({ type: 'dossier.start' }, '2026-03-02T09:00:00+07:00')).toBe('INSTANT_OUTSIDE_CALENDAR');
  });

  it('a due past the end of the calendar: CALENDAR_RANGE_EXCEEDED, also a domain error', () => {
    const d = new Dossier(startInput({ procedureCode: '1.004222', receivedAt: '2036-12-30T09:00:00+07:00' }));
    expect(d.rejectCode({ type: 'dossier.start' }, '2036-12-30T09:00:00+07:00')).toBe('CALENDAR_RANGE_EXCEEDED');
  });

  it('a Form 04 appointment or an applicant deadline outside the calendar: INSTANT_OUTSIDE_CALENDAR', () => {
    const { d } = Dossier.start({ procedureCode: '1.001193', receivedAt: MON_0900 });
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    expect(d.rejectCode({ type: 'dossier.extend', unitId: 'pt.p-phuc-yen.vh-xh', officerId: 'h', reason: 'x', newAppointmentAt: '9999-01-01T09:00:00+07:00' }, '2026-03-02T10:00:00+07:00')).toBe('INSTANT_OUTSIDE_CALENDAR');
    d.claim('tham-dinh#1', '2026-03-02T10:00:00+07:00');
    expect(d.rejectCode({ type: 'supplement.request', ...d.ref('tham-dinh#1'), reason: 'x', missing: ['a'], applicantDeadlineAt: '2099-01-01T09:00:00+07:00' }, '2026-03-02T10:30:00+07:00')).toBe('INSTANT_OUTSIDE_CALENDAR');
  });
});
