import { Dossier, one, types } from './helpers';

// 2.002621 received Mon 2 March 2026 08:00 (vn-2026.1); the fan-out at 11:00 opens thuong-tru#1 (police)
// and bhyt#1 (social insurance), both due Tue 3 March 11:00.
const POLICE = 'pt.p-phuc-yen.cong-an';
const SUCCESSOR = 'pt.cong-an.phu-tho.khu-vuc-1';

function fannedOut() {
  const { d } = Dossier.start({ procedureCode: '2.002621', receivedAt: '2026-03-02T08:00:00+07:00' });
  d.pass('tiep-nhan#1', '2026-03-02T08:30:00+07:00');
  d.pass('khai-sinh#1', '2026-03-02T10:00:00+07:00');
  d.pass('ky-khai-sinh#1', '2026-03-02T11:00:00+07:00');
  return d;
}

describe('reorganisation (Resolution 190/2025: the successor continues)', () => {
  it("moves the unit's open tasks to the successor; the due is unchanged; consumed time stays with the old unit", () => {
    const d = fannedOut();
    d.claim('thuong-tru#1', '2026-03-02T13:30:00+07:00', 'police-1');
    const moved = d.do({ type: 'dossier.reorganise', fromUnitId: POLICE, toUnitId: SUCCESSOR, reason: 'Sắp xếp đơn vị hành chính' }, '2026-03-02T15:00:00+07:00');
    expect(types(moved)).toEqual(['task.transferred']);
    expect(moved[0]!.unitId).toBe(SUCCESSOR);
    expect(one(moved, 'task.transferred').payload).toEqual({
      taskId: 'thuong-tru#1',
      fromUnitId: POLICE,
      toUnitId: SUCCESSOR,
      reason: 'Sắp xếp đơn vị hành chính',
      cause: 'reorganisation',
      transferredAt: '2026-03-02T15:00:00+07:00',
      dueAt: '2026-03-03T11:00:00+07:00',
      taskVersion: 2,
      classification: 'early',
    });
    expect(d.task('thuong-tru#1')).toMatchObject({ unitId: SUCCESSOR, status: 'open', dueMs: Date.parse('2026-03-03T11:00:00+07:00') });
    expect(d.task('bhyt#1').unitId).toBe('pt.bhxh');

    const step = d.state.ledger!.steps.find((s) => s.stepId === 'thuong-tru#1')!;
    expect(step.dueMs).toBe(Date.parse('2026-03-03T11:00:00+07:00'));
    expect(step.unitId).toBe(SUCCESSOR);
    // 11:00–11:30 + 13:30–15:00 = 120 working minutes attributed to the police unit
    expect(step.segments[0]).toMatchObject({ unitId: POLICE, consumedWorkingMinutes: 120 });
    expect(d.state.ledger!.entries.at(-1)).toMatchObject({ kind: 'step_reassigned', stepId: 'thuong-tru#1', unitId: POLICE, deltaWorkingMinutes: 120 });

    d.pass('thuong-tru#1', '2026-03-03T08:00:00+07:00', 'successor-1');
    const ready = one(d.pass('bhyt#1', '2026-03-03T09:00:00+07:00'), 'dossier.result_ready');
    expect(ready.payload.consumedByUnit).toMatchObject({ [POLICE]: 120, [SUCCESSOR]: 180, 'pt.bhxh': 360 });
  });

  it('a reorganisation while the clock is stopped: the completed task reports what the ledger records', () => {
    const d = fannedOut();
    d.claim('bhyt#1', '2026-03-02T13:30:00+07:00', 'si-1');
    d.do({ type: 'supplement.request', ...d.ref('bhyt#1', 'si-1'), reason: 'x', missing: ['a'] }, '2026-03-02T14:00:00+07:00');
    d.do({ type: 'dossier.reorganise', fromUnitId: POLICE, toUnitId: SUCCESSOR, reason: 'Sắp xếp' }, '2026-03-02T15:00:00+07:00');
    d.do({ type: 'supplement.resubmit' }, '2026-03-03T08:00:00+07:00');
    const done = one(d.pass('thuong-tru#1', '2026-03-03T09:00:00+07:00', 'successor-1'), 'task.completed');
    const step = d.state.ledger!.steps.find((s) => s.stepId === 'thuong-tru#1')!;
    // police 11:00–11:30 + 13:30–14:00 = 60; successor Tue 08:00–09:00 = 60 (the pause is not working time)
    expect(step.consumedWorkingMinutes).toBe(120);
    expect(done.payload.consumedWorkingMinutes).toBe(step.consumedWorkingMinutes);
  });

  it('steps not started yet follow the successor too, and the successor inherits the escalation line', () => {
    const d = fannedOut();
    const DESK = 'pt.p-phuc-yen.ttphcc';
    const NEW_DESK = 'pt.p-phuc-yen.ttphcc-moi';
    // the desk holds no open task now, but the result hand-over (tra-ket-qua) is still to come there
    const moved = d.do({ type: 'dossier.reorganise', fromUnitId: DESK, toUnitId: NEW_DESK, reason: 'Sắp xếp' }, '2026-03-02T15:00:00+07:00');
    expect(types(moved)).toEqual(['dossier.rerouted']);
    expect(one(moved, 'dossier.rerouted').payload).toMatchObject({ fromUnitId: DESK, toUnitId: NEW_DESK, stepIds: ['tra-ket-qua'] });
    expect(d.state.input.routing['tra-ket-qua']).toBe(NEW_DESK);
    expect(d.state.input.routing['tiep-nhan']).toBe(DESK); // done steps keep the unit that did them
    expect(d.state.input.supervisors[NEW_DESK]).toBe(d.state.input.supervisors[DESK]);
    d.pass('thuong-tru#1', '2026-03-03T08:00:00+07:00');
    const ready = d.pass('bhyt#1', '2026-03-03T09:00:00+07:00');
    expect(one(ready, 'task.assigned').payload).toMatchObject({ stepId: 'tra-ket-qua', unitId: NEW_DESK });
  });

  it('UNIT_HAS_NO_OPEN_TASKS, and the successor must differ', () => {
    const d = fannedOut();
    expect(d.rejectCode({ type: 'dossier.reorganise', fromUnitId: 'pt.so-xay-dung', toUnitId: SUCCESSOR, reason: 'x' }, '2026-03-02T15:00:00+07:00')).toBe('UNIT_HAS_NO_OPEN_TASKS');
    expect(d.rejectCode({ type: 'dossier.reorganise', fromUnitId: POLICE, toUnitId: POLICE, reason: 'x' }, '2026-03-02T15:00:00+07:00')).toBe('TRANSFER_TO_SAME_UNIT');
  });
});
