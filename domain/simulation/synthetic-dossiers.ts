import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import type { DossierEvent } from '../../contracts/events';
import { toWorkingMinutes } from '../../contracts/duration.contract';
import { run } from '../dossier/decide';
import { initialState, openTasks, type DossierState } from '../dossier/dossier-state';
import { nextWakeUp } from '../dossier/sla-timers';
import { seeded } from './random';

export { seeded };

// the phase changes inside advance(), which narrowing cannot see
const isClosed = (s: DossierState): boolean => s.phase === 'closed';

/**
 * Drives one dossier through the decider the way officers do, without Temporal: each step takes
 * a random share of its allotment (sometimes more, so SLA timers fire), some dossiers get a
 * supplement request, payments are recorded, and the result is returned and rated. Time only
 * moves forward; SLA ticks happen when the dossier's own timer says so.
 */
export function simulateDossier(input: StartDossierInput, rnd: () => number): DossierEvent[] {
  const events: DossierEvent[] = [];
  let state: DossierState = initialState(input);
  let now = Date.parse(input.receivedAt);
  const apply = (c: Parameters<typeof run>[0]) => {
    const r = run(c, state, now);
    state = r.state;
    events.push(...r.events);
  };
  /** Moves the clock to `until`, firing every SLA timer due on the way. */
  const advance = (until: number) => {
    for (let wake = nextWakeUp(state, now); wake !== undefined && wake <= until && state.phase !== 'closed'; wake = nextWakeUp(state, now)) {
      now = Math.max(now, Math.ceil(wake));
      const before = events.length;
      apply({ type: 'clock.tick' });
      if (events.length === before) break;
    }
    now = Math.max(now, Math.round(until));
  };
  const officer = (c: DossierCommandInput) => apply(DossierCommand.parse(c));
  apply({ type: 'dossier.start' });
  const wantsSupplement = rnd() < 0.15;
  for (let guard = 0; guard < 200 && state.phase !== 'closed'; guard++) {
    if (state.phase === 'supplement') {
      advance(now + 30 * 60_000 * (1 + rnd() * 4));
      if (state.phase === 'supplement') officer({ type: 'supplement.resubmit', componentsDigitised: 1 });
      continue;
    }
    if (state.phase === 'payment') {
      advance(now + 60 * 60_000 * (1 + rnd() * 8));
      officer({ type: 'payment.record', source: 'applicant_payment', paidOnline: rnd() < 0.6, amountVnd: 1_000_000, reference: `SIM-${events.length}` });
      continue;
    }
    if (state.phase === 'returned') {
      advance(now + 60 * 60_000);
      officer({ type: 'dossier.rate', score: rnd() < 0.85 ? 'satisfied' : 'dissatisfied' });
      continue;
    }
    const task = openTasks(state)[0];
    if (!task) break;
    const step = state.input.procedure.steps.find((s) => s.id === task.stepId)!;
    const allotMs = (toWorkingMinutes(step.allotment) ?? 480) * 60_000;
    advance(now + allotMs * (rnd() < 0.1 ? 2 + rnd() * 3 : 0.2 + rnd() * 0.7));
    if (isClosed(state)) break;
    const t = state.tasks.find((x) => x.taskId === task.taskId)!;
    const ref = { taskId: t.taskId, unitId: t.unitId, officerId: `${t.unitId}:o1` };
    if (t.status === 'open') officer({ type: 'task.claim', ...ref, taskVersion: t.version });
    const v = state.tasks.find((x) => x.taskId === task.taskId)!.version;
    if (wantsSupplement && step.kind === 'appraisal' && state.supplementsTotal === 0) {
      officer({ type: 'supplement.request', ...ref, taskVersion: v, reason: 'Thiếu giấy tờ', missing: ['don'] });
    } else if (step.kind === 'financial_obligation' && state.input.procedure.hasFinancialObligation && !state.ledger?.pauses.some((p) => p.reason === 'financial_obligation')) {
      officer({ type: 'payment.request', ...ref, taskVersion: v, kind: 'land_levy', amountVnd: 1_000_000 });
    } else {
      officer({ type: 'task.complete', ...ref, taskVersion: v, outcome: 'approved' });
    }
  }
  return events;
}
