/**
 * The live workload as the read models hold it (task inbox, Form 06 task rows, Form 07 register),
 * and what the forecast needs from it: each open dossier back as a decider state (rebuilt by
 * replaying its recorded hand-offs through the decider, so the process position and every due is
 * the decider's own), and each unit's service measured from its recent completions.
 */
import type { Catalog } from '../../contracts/catalog.contract';
import type { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import type { Channel } from '../../contracts/dossier.contract';
import type { StepKind } from '../../contracts/procedure.contract';
import { workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';
import { isDomainError } from '../domain-error';
import { run } from '../dossier/decide';
import { findTask, initialState, type DossierState } from '../dossier/dossier-state';
import { findProcedure } from '../procedure/procedure-version';
import { startInputFor } from '../reception/start-input';
import { ReceptionPlanner } from './reception-planner';

export type LiveTaskStatus = 'open' | 'claimed' | 'done' | 'returned' | 'cancelled';

export interface LiveTask {
  taskId: string;
  stepId: string;
  stepKind: StepKind;
  unitId: string;
  status: LiveTaskStatus;
  dueAt: number;
  /** Open tasks: when the task reached the unit's inbox. */
  assignedAt: number | null;
  /** Done or returned: when, and in which order among the dossier's hand-offs. */
  finishedAt: number | null;
  finishedSeq: number | null;
}

export interface LiveDossier {
  dossierCode: string;
  procedureCode: string;
  procedureVersion: number;
  receivingUnitId: string;
  channel: Channel;
  calendarVersion: string;
  receivedAt: number;
  /** The appointment as it stands (moved by pauses and Form 04). */
  appointmentAt: number;
  pausedReason: 'supplement' | 'payment' | null;
  pausedAt: number | null;
  tasks: LiveTask[];
}

/** A task a unit finished recently (process_slip_task rows with status done). */
export interface CompletedTask {
  unitId: string;
  officerId: string | null;
  finishedAt: number;
  consumedWorkingMinutes: number;
}

/** What the read models would say of a dossier the decider holds (the simulator's live state, for the backtest). */
export function liveDossierFromState(s: DossierState): LiveDossier | undefined {
  if (!s.ledger || s.phase === 'closed' || s.phase === 'awaiting_reception_supplement' || s.ledger.closedAt !== undefined) return undefined;
  const kinds = new Map(s.input.procedure.steps.map((st) => [st.id, st.kind]));
  const p = s.ledger.pauses.at(-1);
  const paused = p && p.toMs === undefined ? p : undefined;
  const finished = new Map<string, { at: number; seq: number }>();
  // the ledger records when each step ended; the order among them is the order of their entries
  s.ledger.entries.forEach((e) => {
    if ((e.kind === 'step_finished' && e.rule !== 'dossier-closed') && e.stepId) finished.set(e.stepId, { at: e.at, seq: e.seq });
  });
  return {
    dossierCode: s.input.dossierCode,
    procedureCode: s.input.procedureCode,
    procedureVersion: s.input.procedure.version,
    receivingUnitId: s.input.unitId,
    channel: s.input.channel,
    calendarVersion: s.input.calendarVersion,
    // the reception that opened the ledger (after a supplement at the desk, the resubmission)
    receivedAt: s.ledger.receivedAt,
    appointmentAt: s.ledger.committedDueMs,
    pausedReason: paused ? (paused.reason === 'supplement' ? 'supplement' : 'payment') : null,
    pausedAt: paused ? paused.fromMs : null,
    tasks: s.tasks.map((t) => {
      const f = finished.get(t.taskId);
      const done = t.status === 'done' || t.status === 'returned';
      return {
        taskId: t.taskId,
        stepId: t.stepId,
        stepKind: kinds.get(t.stepId) ?? 'appraisal',
        unitId: t.unitId,
        status: t.status,
        dueAt: t.dueMs,
        assignedAt: t.status === 'open' || t.status === 'claimed' ? t.assignedAt : null,
        finishedAt: done ? (f?.at ?? null) : null,
        finishedSeq: done ? (f?.seq ?? null) : null,
      };
    }),
  };
}

/** A unit's service as measured: how many officers worked there, and how long a task took them. */
export interface UnitServiceRate {
  unitId: string;
  officers: number;
  /** Working minutes per task, recent first dropped last (at most `maxSamples`). */
  samples: number[];
}

/**
 * Each unit's officers (distinct officers who finished tasks in the window) and service times: a
 * task's service is its time in the unit (consumed working minutes) or, when its officer finished
 * another task in between, the working time since that one, whichever is shorter (an officer
 * who was busy started it when the previous one ended; an idle one, when it arrived).
 */
export function measureServiceRates(completions: readonly CompletedTask[], cal: WorkingCalendar, maxSamples = 400): Map<string, UnitServiceRate> {
  const byUnit = new Map<string, CompletedTask[]>();
  for (const c of completions) {
    const list = byUnit.get(c.unitId) ?? [];
    list.push(c);
    byUnit.set(c.unitId, list);
  }
  const out = new Map<string, UnitServiceRate>();
  for (const [unitId, list] of [...byUnit.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.finishedAt - b.finishedAt);
    const lastByOfficer = new Map<string, number>();
    const samples: number[] = [];
    for (const c of list) {
      const officer = c.officerId ?? '';
      const prev = lastByOfficer.get(officer);
      const since = prev !== undefined && c.officerId !== null ? workingTimeBetween(prev, c.finishedAt, cal) : Number.POSITIVE_INFINITY;
      samples.push(Math.max(0, Math.min(c.consumedWorkingMinutes, since)));
      lastByOfficer.set(officer, c.finishedAt);
    }
    const officers = [...lastByOfficer.keys()].filter((o) => o !== '').length;
    out.set(unitId, { unitId, officers: Math.max(1, officers), samples: samples.slice(-maxSamples) });
  }
  return out;
}

export type Reconstruction = { ok: true; state: DossierState } | { ok: false; reason: string };

const REPLAY_OFFICER = 'forecast-replay';

/**
 * The decider state of a live dossier: received under its procedure version at its reception
 * instant, then every recorded hand-off replayed through the decider in order, and the pause it
 * waits in. The appointment is then the read model's (earlier supplements and Form 04 moved it),
 * since that is what the dossier will be judged against.
 */
export function reconstructState(live: LiveDossier, catalog: Pick<Catalog, 'units' | 'procedures'> | ReceptionPlanner): Reconstruction {
  let state: DossierState;
  const planner = catalog instanceof ReceptionPlanner ? catalog : new ReceptionPlanner(catalog);
  try {
    const plan = planner.plan(live.procedureCode, live.receivingUnitId, live.receivedAt, live.channel);
    const version = findProcedure(planner.procedures, live.procedureCode).versions.find((v) => v.version === live.procedureVersion) ?? plan.version;
    const input = startInputFor(
      { ...plan, version },
      { dossierCode: live.dossierCode, channel: live.channel, applicantKey: 'ak_forecastreplay000000', receivedAtMs: live.receivedAt, reception: { outcome: 'accept' }, components: undefined, defaultCalendarVersion: live.calendarVersion },
    );
    // where a task was actually held decides its unit (a transfer or a reorganisation since reception)
    const routing = { ...input.routing };
    for (const t of live.tasks) routing[t.stepId] = t.unitId;
    state = run({ type: 'dossier.start' }, initialState({ ...input, routing }), live.receivedAt).state;
    const finished = live.tasks.filter((t) => (t.status === 'done' || t.status === 'returned') && t.finishedAt !== null).sort((a, b) => (a.finishedSeq ?? 0) - (b.finishedSeq ?? 0) || a.finishedAt! - b.finishedAt!);
    for (const t of finished) {
      const mine = findTask(state, t.taskId);
      if (!mine || (mine.status !== 'open' && mine.status !== 'claimed')) return { ok: false, reason: `task ${t.taskId} is not open when its recorded hand-off comes` };
      const ref = { taskId: t.taskId, taskVersion: mine.version, unitId: mine.unitId, officerId: REPLAY_OFFICER };
      const command: DossierCommand = t.status === 'done' ? { type: 'task.complete', ...ref, outcome: 'approved' } : { type: 'task.return', ...ref, reason: 'replayed' };
      state = run(command, state, t.finishedAt!).state;
    }
    const open = new Set(live.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.taskId));
    const mineOpen = new Set(state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.taskId));
    if (open.size !== mineOpen.size || [...open].some((id) => !mineOpen.has(id))) return { ok: false, reason: 'the open tasks differ from the replayed ones' };
    if (live.pausedReason && live.pausedAt !== null) {
      const t = state.tasks.find((x) => (x.status === 'open' || x.status === 'claimed') && (live.pausedReason !== 'payment' || state.input.procedure.steps.find((s) => s.id === x.stepId)?.kind === 'financial_obligation'));
      if (t) {
        const ref = { taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId: REPLAY_OFFICER };
        state = run(
          live.pausedReason === 'supplement'
            ? { type: 'supplement.request', ...ref, reason: 'replayed', missing: ['replayed'] }
            : { type: 'payment.request', ...ref, kind: 'other', amountVnd: 0 },
          state,
          live.pausedAt,
        ).state;
      }
    }
  } catch (e) {
    if (isDomainError(e)) return { ok: false, reason: `${e.code}: ${e.message}` };
    throw e;
  }
  if (state.ledger && state.ledger.committedDueMs !== live.appointmentAt) state = { ...state, ledger: { ...state.ledger, committedDueMs: live.appointmentAt } };
  return { ok: true, state };
}
