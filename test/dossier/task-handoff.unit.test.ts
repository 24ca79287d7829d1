import { Dossier, one, only, types } from './helpers';

// 1.001193 (birth registration, 1 working day): tiep-nhan 2 h (desk) → tham-dinh 3 h (vh-xh) → ky 2 h (commune) → tra-ket-qua 1 h (desk).
// vn-2026.1 service hours 07:00–11:30, 13:30–17:00; Monday 2 March 2026.
const DESK = 'pt.p-phuc-yen.ttphcc';
const VHXH = 'pt.p-phuc-yen.vh-xh';
const COMMUNE = 'pt.p-phuc-yen';

function birth() {
  return Dossier.start({ procedureCode: '1.001193', receivedAt: '2026-03-02T09:00:00+07:00' }).d;
}

describe('tasks: claim, complete, hand-off', () => {
  it('claim then complete hands off to the next step with fromTaskIds (Form 06 row)', () => {
    const d = birth();
    const claimed = d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00', 'desk-1');
    expect(types(claimed)).toEqual(['task.claimed']);
    expect(claimed[0]!.unitId).toBe(DESK);
    expect(one(claimed, 'task.claimed').payload).toEqual({ taskId: 'tiep-nhan#1', unitId: DESK, officerId: 'desk-1', claimedAt: '2026-03-02T09:05:00+07:00', taskVersion: 1 });
    expect(d.task('tiep-nhan#1')).toMatchObject({ status: 'claimed', claimedBy: 'desk-1', version: 1 });

    const done = d.complete('tiep-nhan#1', '2026-03-02T09:30:00+07:00', 'desk-1');
    expect(types(done)).toEqual(['task.completed', 'task.assigned']);
    expect(one(done, 'task.completed').payload).toEqual({
      taskId: 'tiep-nhan#1',
      stepId: 'tiep-nhan',
      unitId: DESK,
      officerId: 'desk-1',
      outcome: 'approved',
      completedAt: '2026-03-02T09:30:00+07:00',
      dueAt: '2026-03-02T11:00:00+07:00',
      consumedWorkingMinutes: 30,
      classification: 'on_time', // before the due, on the due's date
      taskVersion: 2,
    });
    const next = one(done, 'task.assigned');
    expect(next.unitId).toBe(VHXH);
    expect(next.payload).toMatchObject({
      taskId: 'tham-dinh#1',
      stepId: 'tham-dinh',
      stepKind: 'appraisal',
      unitId: VHXH,
      assignedAt: '2026-03-02T09:30:00+07:00',
      dueAt: '2026-03-02T14:30:00+07:00', // 09:30–11:30 (120) + 13:30–14:30 (60)
      fromTaskIds: ['tiep-nhan#1'],
      fromUnitIds: [DESK],
      taskVersion: 0,
    });
    expect(d.state.doneSteps).toEqual(['tiep-nhan']);
    expect(d.state.ledger!.steps.find((s) => s.stepId === 'tiep-nhan#1')).toMatchObject({ finishedAt: Date.parse('2026-03-02T09:30:00+07:00'), consumedWorkingMinutes: 30 });
  });

  it('processing complete → result_ready (status 9), then the result_return task; completing it → result_returned (status 10)', () => {
    const d = birth();
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.claim('tham-dinh#1', '2026-03-02T10:00:00+07:00');
    const appraised = d.complete('tham-dinh#1', '2026-03-02T14:00:00+07:00');
    expect(one(appraised, 'task.completed').payload.consumedWorkingMinutes).toBe(150);
    expect(one(appraised, 'task.assigned').payload).toMatchObject({ taskId: 'ky#1', unitId: COMMUNE, dueAt: '2026-03-02T16:00:00+07:00', fromTaskIds: ['tham-dinh#1'], fromUnitIds: [VHXH] });

    const signed = d.pass('ky#1', '2026-03-02T15:00:00+07:00');
    expect(types(signed)).toEqual(['task.claimed', 'task.completed', 'dossier.result_ready', 'task.assigned']);
    expect(one(signed, 'dossier.result_ready').payload).toEqual({
      statusCode: 9,
      finishedAt: '2026-03-02T15:00:00+07:00',
      outcome: 'granted',
      electronicResult: true, // online level 'full'
      appointmentAt: '2026-03-03T09:00:00+07:00',
      form01AppointmentAt: '2026-03-03T09:00:00+07:00',
      extensions: 0,
      legalDueAt: '2026-03-03T09:00:00+07:00',
      classification: 'early',
      classificationLegal: 'early',
      classificationKpi: 'early',
      processingWorkingMinutes: 240, // 09:00–11:30 + 13:30–15:00
      kpiWaitingWorkingMinutes: 0,
      supplementRequests: 0,
      consumedByUnit: { [DESK]: 30, [VHXH]: 150, [COMMUNE]: 60 },
    });
    const ret = one(signed, 'task.assigned');
    expect(ret.payload).toMatchObject({ taskId: 'tra-ket-qua#1', stepKind: 'result_return', unitId: DESK, dueAt: '2026-03-02T16:00:00+07:00' });
    expect(d.state).toMatchObject({ phase: 'result_ready', statusCode: 9, outcome: 'granted' });
    expect(d.task('tra-ket-qua#1').inLedger).toBe(false);
    expect(d.state.ledger!.closedAt).toBe(Date.parse('2026-03-02T15:00:00+07:00'));

    d.claim('tra-ket-qua#1', '2026-03-02T15:10:00+07:00');
    const handed = d.complete('tra-ket-qua#1', '2026-03-02T15:30:00+07:00');
    expect(types(handed)).toEqual(['task.completed', 'dossier.result_returned']);
    expect(one(handed, 'task.completed').payload.consumedWorkingMinutes).toBe(30);
    expect(one(handed, 'dossier.result_returned').payload).toEqual({ statusCode: 10, returnedAt: '2026-03-02T15:30:00+07:00', unitId: DESK, method: 'desk', electronic: false });
    expect(d.state).toMatchObject({ phase: 'returned', statusCode: 10 });
  });

  it('a denied outcome ends processing with outcome denied; later steps never open', () => {
    const d = birth();
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.claim('tham-dinh#1', '2026-03-02T10:00:00+07:00');
    const denied = d.complete('tham-dinh#1', '2026-03-02T11:00:00+07:00', 'officer-1', 'denied');
    expect(types(denied)).toEqual(['task.completed', 'dossier.result_ready', 'task.assigned']);
    expect(one(denied, 'task.completed').payload.outcome).toBe('denied');
    expect(one(denied, 'dossier.result_ready').payload).toMatchObject({ outcome: 'denied', statusCode: 9, processingWorkingMinutes: 120 });
    expect(one(denied, 'task.assigned').payload.taskId).toBe('tra-ket-qua#1');
    expect(d.state.outcome).toBe('denied');
    expect(d.state.attempts['ky']).toBeUndefined();
  });
});

describe('tasks: parallel fan-out and join (2.002621, Decree 63 group 1)', () => {
  const POLICE = 'pt.p-phuc-yen.cong-an';
  const SI = 'pt.bhxh';

  it('signing fans out to police and social insurance; the result is ready only after both branches', () => {
    const { d } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00' });
    expect(one(d.log, 'dossier.received').payload).toMatchObject({ appointmentAt: '2026-03-04T08:00:00+07:00', legalDueAt: '2026-03-05T08:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T08:30:00+07:00');
    expect(d.task('khai-sinh#1').dueMs).toBe(Date.parse('2026-03-02T14:30:00+07:00'));
    d.pass('khai-sinh#1', '2026-03-02T10:00:00+07:00');
    const fanOut = d.pass('ky-khai-sinh#1', '2026-03-02T11:00:00+07:00');
    expect(types(fanOut)).toEqual(['task.claimed', 'task.completed', 'task.assigned', 'task.assigned']);
    const [police, si] = only(fanOut, 'task.assigned');
    for (const [e, taskId, unitId] of [[police!, 'thuong-tru#1', POLICE], [si!, 'bhyt#1', SI]] as const) {
      expect(e.unitId).toBe(unitId);
      expect(e.payload).toMatchObject({
        taskId,
        unitId,
        stepKind: 'interagency',
        dueAt: '2026-03-03T11:00:00+07:00', // 1 working day: Mon 11:00–11:30, 13:30–17:00, Tue 07:00–11:00
        fromTaskIds: ['ky-khai-sinh#1'],
        fromUnitIds: ['pt.p-phuc-yen'],
      });
    }
    expect(d.openTaskIds()).toEqual(['thuong-tru#1', 'bhyt#1']);

    const firstBranch = d.pass('thuong-tru#1', '2026-03-02T15:00:00+07:00');
    expect(types(firstBranch)).toEqual(['task.claimed', 'task.completed']);
    expect(d.state.phase).toBe('processing');

    const join = d.pass('bhyt#1', '2026-03-03T09:00:00+07:00');
    expect(types(join)).toEqual(['task.claimed', 'task.completed', 'dossier.result_ready', 'task.assigned']);
    expect(one(join, 'dossier.result_ready').payload).toMatchObject({
      classification: 'early',
      processingWorkingMinutes: 540,
      consumedByUnit: { 'pt.p-phuc-yen.ttphcc': 30, 'pt.p-phuc-yen.vh-xh': 90, 'pt.p-phuc-yen': 60, [POLICE]: 120, [SI]: 360 },
    });
    expect(one(join, 'task.assigned').payload.taskId).toBe('tra-ket-qua#1');
  });

  it('a branch returned before the fork is redone alone: the sibling branch keeps its open task', () => {
    const { d } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T08:30:00+07:00');
    d.pass('khai-sinh#1', '2026-03-02T10:00:00+07:00');
    d.pass('ky-khai-sinh#1', '2026-03-02T11:00:00+07:00');
    d.claim('thuong-tru#1', '2026-03-02T13:30:00+07:00', 'police-1');
    d.do({ type: 'task.return', ...d.ref('thuong-tru#1', 'police-1'), reason: 'Sai địa chỉ thường trú' }, '2026-03-02T14:00:00+07:00');
    expect(d.openTaskIds()).toEqual(['bhyt#1', 'ky-khai-sinh#2']);
    const again = d.pass('ky-khai-sinh#2', '2026-03-02T15:00:00+07:00');
    // only the returned branch opens again; bhyt#1 is still being worked
    expect(only(again, 'task.assigned').map((e) => e.payload.taskId)).toEqual(['thuong-tru#2']);
    d.pass('bhyt#1', '2026-03-02T16:00:00+07:00');
    expect(d.state.phase).toBe('processing');
    const join = d.pass('thuong-tru#2', '2026-03-03T08:00:00+07:00');
    expect(types(join)).toContain('dossier.result_ready');
  });
});

describe('tasks: return to the previous step', () => {
  function atSigning() {
    const d = birth();
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    d.pass('tham-dinh#1', '2026-03-02T14:00:00+07:00');
    d.claim('ky#1', '2026-03-02T14:10:00+07:00');
    return d;
  }

  it('reopens the previous step as attempt #2; the returning step reopens after it', () => {
    const d = atSigning();
    const returned = d.do({ type: 'task.return', ...d.ref('ky#1'), reason: 'Sai tên cha' }, '2026-03-02T14:30:00+07:00');
    expect(types(returned)).toEqual(['task.returned', 'task.assigned']);
    expect(one(returned, 'task.returned').payload).toEqual({
      taskId: 'ky#1',
      stepId: 'ky',
      unitId: COMMUNE,
      officerId: 'officer-1',
      reason: 'Sai tên cha',
      returnedAt: '2026-03-02T14:30:00+07:00',
      toStepIds: ['tham-dinh'],
      consumedWorkingMinutes: 30,
      taskVersion: 2,
      classification: 'on_time', // the hand-off back, against ky#1's due, with the dossier's settings
    });
    expect(one(returned, 'task.assigned').payload).toMatchObject({
      taskId: 'tham-dinh#2',
      unitId: VHXH,
      dueAt: '2026-03-03T07:30:00+07:00', // 14:30–17:00 (150) + Tue 07:00–07:30
      fromTaskIds: ['ky#1'],
      fromUnitIds: [COMMUNE],
    });
    expect(d.task('ky#1').status).toBe('returned');
    expect(d.state.doneSteps).toEqual(['tiep-nhan']);

    const redone = d.pass('tham-dinh#2', '2026-03-02T16:00:00+07:00');
    expect(one(redone, 'task.assigned').payload).toMatchObject({ taskId: 'ky#2', fromTaskIds: ['tham-dinh#2'], fromUnitIds: [VHXH] });
    expect(d.state.attempts).toEqual({ 'tiep-nhan': 1, 'tham-dinh': 2, ky: 2 });
    const finished = d.pass('ky#2', '2026-03-02T16:30:00+07:00');
    expect(one(finished, 'dossier.result_ready').payload.consumedByUnit).toEqual({ [DESK]: 30, [VHXH]: 150 + 90, [COMMUNE]: 30 + 30 });
  });

  it('RETURN_FROM_FIRST_STEP and RETURN_TARGET_NOT_PREVIOUS', () => {
    const d = birth();
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00');
    expect(d.rejectCode({ type: 'task.return', ...d.ref('tiep-nhan#1'), reason: 'x' }, '2026-03-02T09:10:00+07:00')).toBe('RETURN_FROM_FIRST_STEP');
    const s = atSigning();
    expect(s.rejectCode({ type: 'task.return', ...s.ref('ky#1'), reason: 'x', toStepId: 'tiep-nhan' }, '2026-03-02T14:30:00+07:00')).toBe('RETURN_TARGET_NOT_PREVIOUS');
  });

  it('the result-return task cannot send work back into a closed processing (RETURN_NOT_ALLOWED)', () => {
    const d = atSigning();
    d.complete('ky#1', '2026-03-02T15:00:00+07:00');
    d.claim('tra-ket-qua#1', '2026-03-02T15:10:00+07:00');
    expect(d.rejectCode({ type: 'task.return', ...d.ref('tra-ket-qua#1'), reason: 'Sai sót' }, '2026-03-02T15:20:00+07:00')).toBe('RETURN_NOT_ALLOWED');
  });
});

describe('tasks: transfer and reassign', () => {
  it('transfer moves the task to another unit, due unchanged; the old unit can no longer act', () => {
    const d = birth();
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    const moved = d.do({ type: 'task.transfer', ...d.ref('tham-dinh#1'), toUnitId: 'pt.p-phuc-yen.kinh-te', reason: 'Thuộc lĩnh vực kinh tế' }, '2026-03-02T10:00:00+07:00');
    expect(types(moved)).toEqual(['task.transferred']);
    expect(moved[0]!.unitId).toBe('pt.p-phuc-yen.kinh-te');
    expect(one(moved, 'task.transferred').payload).toEqual({
      taskId: 'tham-dinh#1',
      fromUnitId: VHXH,
      toUnitId: 'pt.p-phuc-yen.kinh-te',
      reason: 'Thuộc lĩnh vực kinh tế',
      cause: 'transfer',
      transferredAt: '2026-03-02T10:00:00+07:00',
      dueAt: '2026-03-02T14:30:00+07:00',
      taskVersion: 1,
      classification: 'on_time',
    });
    expect(d.task('tham-dinh#1')).toMatchObject({ unitId: 'pt.p-phuc-yen.kinh-te', status: 'open', version: 1 });
    expect(d.rejectCode({ type: 'task.claim', taskId: 'tham-dinh#1', taskVersion: 1, unitId: VHXH, officerId: 'o' }, '2026-03-02T10:05:00+07:00')).toBe('TASK_NOT_ASSIGNED_TO_UNIT');
    const step = d.state.ledger!.steps.find((s) => s.stepId === 'tham-dinh#1')!;
    expect(step.dueMs).toBe(Date.parse('2026-03-02T14:30:00+07:00'));
    expect(step.segments).toEqual([
      { unitId: VHXH, fromMs: Date.parse('2026-03-02T09:30:00+07:00'), toMs: Date.parse('2026-03-02T10:00:00+07:00'), consumedWorkingMinutes: 30 },
      { unitId: 'pt.p-phuc-yen.kinh-te', fromMs: Date.parse('2026-03-02T10:00:00+07:00') },
    ]);
  });

  it('TRANSFER_TO_SAME_UNIT', () => {
    const d = birth();
    expect(d.rejectCode({ type: 'task.transfer', ...d.ref('tiep-nhan#1'), toUnitId: DESK, reason: 'x' }, '2026-03-02T09:10:00+07:00')).toBe('TRANSFER_TO_SAME_UNIT');
  });

  it('reassign a claimed task: the new officer holds it, the previous one cannot complete it', () => {
    const d = birth();
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00', 'desk-1');
    const r = d.do({ type: 'task.reassign', ...d.ref('tiep-nhan#1', 'desk-lead'), toOfficerId: 'desk-2' }, '2026-03-02T09:10:00+07:00');
    expect(one(r, 'task.reassigned').payload).toEqual({ taskId: 'tiep-nhan#1', unitId: DESK, fromOfficerId: 'desk-1', toOfficerId: 'desk-2', reassignedAt: '2026-03-02T09:10:00+07:00', taskVersion: 2 });
    expect(d.rejectCode({ type: 'task.complete', ...d.ref('tiep-nhan#1', 'desk-1') }, '2026-03-02T09:20:00+07:00')).toBe('TASK_CLAIMED_BY_OTHER');
    expect(types(d.complete('tiep-nhan#1', '2026-03-02T09:20:00+07:00', 'desk-2'))).toEqual(['task.completed', 'task.assigned']);
  });

  it('reassign an open task: it is held by the named officer, who completes it without claiming', () => {
    const d = birth();
    const r = d.do({ type: 'task.reassign', ...d.ref('tiep-nhan#1', 'desk-lead'), toOfficerId: 'desk-2' }, '2026-03-02T09:10:00+07:00');
    expect(one(r, 'task.reassigned').payload).not.toHaveProperty('fromOfficerId');
    expect(d.task('tiep-nhan#1')).toMatchObject({ status: 'claimed', claimedBy: 'desk-2', version: 1 });
    expect(d.rejectCode({ type: 'task.claim', ...d.ref('tiep-nhan#1', 'desk-3') }, '2026-03-02T09:15:00+07:00')).toBe('TASK_NOT_OPEN');
    expect(types(d.complete('tiep-nhan#1', '2026-03-02T09:20:00+07:00', 'desk-2'))).toEqual(['task.completed', 'task.assigned']);
  });
});

describe('tasks: rejections', () => {
  it('TASK_UNKNOWN', () => {
    const d = birth();
    expect(d.rejectCode({ type: 'task.claim', taskId: 'ky#7', taskVersion: 0, unitId: COMMUNE, officerId: 'o' }, '2026-03-02T09:10:00+07:00')).toBe('TASK_UNKNOWN');
  });

  it('TASK_NOT_ASSIGNED_TO_UNIT', () => {
    const d = birth();
    expect(d.rejectCode({ type: 'task.claim', taskId: 'tiep-nhan#1', taskVersion: 0, unitId: VHXH, officerId: 'o' }, '2026-03-02T09:10:00+07:00')).toBe('TASK_NOT_ASSIGNED_TO_UNIT');
  });

  it('TASK_VERSION_STALE: two officers claim the version they saw; the second is rejected', () => {
    const d = birth();
    const seen = d.ref('tiep-nhan#1');
    expect(types(d.do({ type: 'task.claim', ...seen, officerId: 'desk-1' }, '2026-03-02T09:05:00+07:00'))).toEqual(['task.claimed']);
    expect(d.rejectCode({ type: 'task.claim', ...seen, officerId: 'desk-2' }, '2026-03-02T09:05:01+07:00')).toBe('TASK_VERSION_STALE');
    expect(d.task('tiep-nhan#1').claimedBy).toBe('desk-1');
  });

  it('completing an unclaimed task claims it implicitly: one command per hand-off', () => {
    const d = birth();
    const done = d.do({ type: 'task.complete', ...d.ref('tiep-nhan#1', 'desk-9') }, '2026-03-02T09:05:00+07:00');
    expect(types(done)).toEqual(['task.completed', 'task.assigned']);
    expect(one(done, 'task.completed').payload.officerId).toBe('desk-9');
  });

  it('TASK_NOT_OPEN: claiming or completing a finished task', () => {
    const d = birth();
    d.pass('tiep-nhan#1', '2026-03-02T09:30:00+07:00');
    expect(d.rejectCode({ type: 'task.claim', ...d.ref('tiep-nhan#1') }, '2026-03-02T09:35:00+07:00')).toBe('TASK_NOT_OPEN');
    expect(d.rejectCode({ type: 'task.complete', ...d.ref('tiep-nhan#1') }, '2026-03-02T09:35:00+07:00')).toBe('TASK_NOT_OPEN');
  });

  it('TASK_CLAIMED_BY_OTHER', () => {
    const d = birth();
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00', 'desk-1');
    expect(d.rejectCode({ type: 'task.complete', ...d.ref('tiep-nhan#1', 'desk-2') }, '2026-03-02T09:10:00+07:00')).toBe('TASK_CLAIMED_BY_OTHER');
  });

  it('DOSSIER_PAUSED while waiting for the applicant', () => {
    const d = birth();
    d.claim('tiep-nhan#1', '2026-03-02T09:05:00+07:00');
    d.do({ type: 'supplement.request', ...d.ref('tiep-nhan#1'), reason: 'Thiếu giấy', missing: ['giay-chung-sinh'] }, '2026-03-02T09:10:00+07:00');
    expect(d.rejectCode({ type: 'task.complete', ...d.ref('tiep-nhan#1') }, '2026-03-02T09:20:00+07:00')).toBe('DOSSIER_PAUSED');
    expect(d.rejectCode({ type: 'task.transfer', ...d.ref('tiep-nhan#1'), toUnitId: VHXH, reason: 'x' }, '2026-03-02T09:20:00+07:00')).toBe('DOSSIER_PAUSED');
  });

  it('DOSSIER_CLOSED after withdrawal', () => {
    const d = birth();
    d.do({ type: 'dossier.withdraw', reason: 'Rút hồ sơ' }, '2026-03-02T09:10:00+07:00');
    expect(d.rejectCode({ type: 'task.claim', ...d.ref('tiep-nhan#1') }, '2026-03-02T09:20:00+07:00')).toBe('DOSSIER_CLOSED');
    expect(d.task('tiep-nhan#1').status).toBe('cancelled');
  });
});

describe('the result hand-over after a parallel fork names every branch that joins it (Form 06)', () => {
  it('2.002621: tra-ket-qua#1 is handed over by thuong-tru#1 (finished first) and bhyt#1', () => {
    const { d } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00' });
    d.pass('tiep-nhan#1', '2026-03-02T08:30:00+07:00');
    d.pass('khai-sinh#1', '2026-03-02T10:00:00+07:00');
    d.pass('ky-khai-sinh#1', '2026-03-02T11:00:00+07:00');
    expect(types(d.pass('thuong-tru#1', '2026-03-02T14:00:00+07:00'))).toEqual(['task.claimed', 'task.completed']);
    const joined = d.pass('bhyt#1', '2026-03-02T15:00:00+07:00');
    expect(one(joined, 'task.assigned').payload).toMatchObject({
      taskId: 'tra-ket-qua#1',
      fromTaskIds: ['thuong-tru#1', 'bhyt#1'],
      fromUnitIds: ['pt.p-phuc-yen.cong-an', 'pt.bhxh'],
    });
  });
});
