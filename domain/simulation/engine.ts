/**
 * The discrete-event simulation of a set of desks and units in virtual time. Every dossier runs
 * through the workflow's own decider (`run`), so every rule (deadlines, calendar, pauses, SLA timers,
 * Form 04 drafts, classifications) is the production one: this file only decides *when* officers and
 * applicants act and what they do, and wakes each dossier at the instant its single timer names,
 * as the workflow does. Officers work the calendar's service hours; a modelled unit's tasks wait in
 * a first-come-first-served queue for one of its officers; any other unit takes each task's service
 * time as a delay. Deterministic: every draw comes from seeded streams (arrivals per run, everything
 * else per dossier), and ties in time keep the order they were scheduled in.
 */
import type { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import type { StartDossierInput, ReceptionOutcome } from '../../contracts/commands/start-dossier.contract';
import type { Channel } from '../../contracts/dossier.contract';
import type { DossierEvent } from '../../contracts/events';
import type { StepKind } from '../../contracts/procedure.contract';
import type { Behaviour } from '../../contracts/simulation/simulation-profile.contract';
import { WORKING_MINUTES_PER_DAY } from '../../contracts/duration.contract';
import { civilFromDays, formatLocalIso, localDayNumber, MS_PER_DAY, MS_PER_MINUTE } from '../calendar/local-time';
import { addWorkingTime, nextWorkingInstant, workingTimeBetween, type WorkingCalendar } from '../calendar/working-calendar';
import { isDomainError } from '../domain-error';
import { run, type DeciderCommand } from '../dossier/decide';
import { findTask, initialState, type DossierState } from '../dossier/dossier-state';
import { nextWakeUp } from '../dossier/sla-timers';
import { isClockStopped } from '../deadline/deadline-ledger';
import { predecessors } from '../procedure/step-graph';
import { startInputFor } from '../reception/start-input';
import type { ArrivalSchedule, ArrivalSource } from './arrivals';
import { EventQueue } from './event-queue';
import { chance, deriveSeed, sample, seeded, type Rng } from './random';
import type { ReceptionPlanner } from './reception-planner';

/** How a unit works. `officers` Infinity: no queue, every task starts at once. */
export interface UnitModel {
  readonly unitId: string;
  readonly officers: number;
  /** Working minutes an officer spends on one task of this step kind. */
  service(kind: StepKind, rnd: Rng): number;
}

/** What the run measured of a unit (modelled or not). */
export interface UnitStats {
  unitId: string;
  modelled: boolean;
  officers: number | null;
  tasksCompleted: number;
  tasksLate: number;
  /** Working minutes tasks waited for an officer, summed. */
  waitWorkingMinutes: number;
  tasksStarted: number;
  serviceWorkingMinutes: number;
  peakBacklog: number;
  /** Tasks waiting or in hand at each sample instant (see EngineOptions.sampleEveryMs). */
  backlog: number[];
}

/** A dossier in the run: its decider state and what its applicant and officers will do. */
export interface SimDossier {
  readonly n: number;
  state: DossierState;
  /** The instant its timer is armed for, as the workflow would arm it. */
  wake: number | undefined;
  /** Whether its SLA timer is armed at all (the forecast leaves it off where the horizon settles the outcome). */
  timers: boolean;
  finished: boolean;
  /** For the sink's own per-dossier data. */
  slot: unknown;
  readonly rnd: Rng;
  wantsSupplement: boolean;
  resubmits: boolean;
  returnsOnce: boolean;
  supplementTask?: string;
  /** Work officers finished while the dossier waited for its applicant: acted on when it resumes. */
  held: Array<{ taskId: string; officerId: string }>;
  paymentTask?: string;
}

export interface SimulationSink {
  events(d: SimDossier, events: readonly DossierEvent[]): void;
  /** The dossier will produce no more events (`open`: the run ended first). */
  ended(d: SimDossier, open: boolean): void;
}

export interface EngineOptions {
  calendar: WorkingCalendar;
  behaviour: Behaviour;
  /** Units whose officers are modelled; the others get `unmodelled(unitId)`. */
  units: ReadonlyMap<string, UnitModel>;
  unmodelled(unitId: string): UnitModel;
  seed: number;
  /** Names this run in seeds and dossier codes. */
  label: string;
  /** Dossier codes are `<codePrefix>-<yymmdd>-<serial>`. */
  codePrefix: string;
  sink: SimulationSink;
  /** Sample every unit's backlog this often (calendar ms) from `sampleFrom`. */
  sampleEveryMs?: number;
  sampleFrom?: number;
  onProgress?: (at: number) => void;
  /** Stop following a dossier once its processing ended (the forecast needs no hand-over or rating). */
  endAtResult?: boolean;
  /**
   * Wake a dossier only when its appointment would be breached (the forecast): the decider then
   * raises the breach at the very instant the workflow would, with the warnings it overtook.
   */
  breachTimersOnly?: boolean;
  /** false: the dossiers' ledgers record no entries (nothing the run reports reads them; the backtest's live state does). */
  explainLedgers?: false;
  /** Sees every command before the decider does (tests check them against the command contract). */
  onCommand?: (command: DeciderCommand) => void;
}

const enum K {
  Day,
  Arrival,
  ServiceDone,
  Tick,
  Resubmit,
  ReceptionResubmit,
  Pay,
  Collect,
  Rate,
  Complain,
  Withdraw,
  Extend,
  Sample,
}

class Item {
  seq = 0;
  constructor(
    public at: number,
    public k: K,
    public d: SimDossier | undefined = undefined,
    public s = '',
    public n = 0,
    public u: UnitRun | undefined = undefined,
    public a: ArrivalRef | undefined = undefined,
  ) {}
}

interface ArrivalRef {
  source: ArrivalSource;
  channel: Channel;
}

interface QueuedTask {
  d: SimDossier;
  taskId: string;
  kind: StepKind;
  since: number;
  /** Share of a fresh service time still to do (a task resumed after a supplement needs less). */
  share: number;
}

class UnitRun {
  readonly queue: QueuedTask[] = [];
  head = 0;
  busy = 0;
  readonly free: number[] = [];
  slots = 0;
  readonly stats: UnitStats;
  constructor(readonly model: UnitModel, modelled: boolean) {
    this.stats = {
      unitId: model.unitId,
      modelled,
      officers: Number.isFinite(model.officers) ? model.officers : null,
      tasksCompleted: 0,
      tasksLate: 0,
      waitWorkingMinutes: 0,
      tasksStarted: 0,
      serviceWorkingMinutes: 0,
      peakBacklog: 0,
      backlog: [],
    };
  }
  get waiting(): number {
    return this.queue.length - this.head;
  }
  officerId(slot: number): string {
    return `${this.model.unitId}:${slot + 1}`;
  }
  take(): number {
    const slot = this.free.pop();
    return slot ?? this.slots++;
  }
}

const APPLICANT_KEY = 'ak_simulatedapplicant00';
const HOUR = 3_600_000;

export class SimulationEngine {
  private readonly queue = new EventQueue<Item>();
  private readonly unitRuns = new Map<string, UnitRun>();
  private readonly active = new Map<number, SimDossier>();
  private readonly arrivalRnd: Rng;
  private arrivals?: { schedule: ArrivalSchedule; sources: readonly ArrivalSource[]; planner: ReceptionPlanner; lastDay: number };
  private serial = 0;
  private now = 0;
  /** Counters of the run. */
  readonly counts = { dossiers: 0, events: 0, decisions: 0, unreceivable: 0, rejected: {} as Record<string, number> };

  constructor(private readonly o: EngineOptions) {
    this.arrivalRnd = seeded(deriveSeed(o.seed, o.label, 'arrivals'));
    for (const [id, m] of o.units) this.unitRuns.set(id, new UnitRun(m, true));
    if (o.sampleEveryMs && o.sampleFrom !== undefined) this.queue.push(new Item(o.sampleFrom, K.Sample));
  }

  get time(): number {
    return this.now;
  }

  get openDossiers(): number {
    return this.active.size;
  }

  /** Dossiers arrive on calendar days [fromDay, toDay) (indices into the calendar). */
  addArrivals(schedule: ArrivalSchedule, sources: readonly ArrivalSource[], planner: ReceptionPlanner, fromDay: number, toDay: number): void {
    this.arrivals = { schedule, sources, planner, lastDay: toDay };
    if (fromDay < toDay) this.queue.push(new Item(dayStart(fromDay, this.o.calendar), K.Day, undefined, '', fromDay));
  }

  /**
   * Takes over a dossier already under way (the forecast's live state) and arms its timer; its
   * open tasks join their units' queues through `queueTask`, in the order the caller chooses.
   */
  adopt(state: DossierState, at: number, timers = true): SimDossier {
    const d = this.newDossier(state, seeded(deriveSeed(this.o.seed, this.o.label, 'adopted', state.input.dossierCode)));
    d.timers = timers;
    this.now = Math.max(this.now, at);
    this.rearm(d, at);
    return d;
  }

  /** Puts an adopted dossier's open task in its unit's queue (`share`: the part of a service time still to do). */
  queueTask(d: SimDossier, taskId: string, kind: StepKind, since: number, share = 1): void {
    if (kind === 'result_return') this.scheduleCollect(d, this.now);
    else this.enqueue(d, taskId, kind, since, share, this.now);
  }

  /** The dossiers under way (for a snapshot of the live state). */
  liveDossiers(): IterableIterator<SimDossier> {
    return this.active.values();
  }

  /** Processes everything scheduled before `until`. */
  run(until: number): void {
    let n = 0;
    for (let item = this.queue.peek(); item !== undefined && item.at < until; item = this.queue.peek()) {
      this.queue.pop();
      this.now = item.at;
      this.handle(item);
      if (++n % 8192 === 0) this.o.onProgress?.(this.now);
    }
    this.now = Math.max(this.now, until);
  }

  /** Ends the run: dossiers still under way are handed to the sink as open. */
  close(): void {
    for (const d of this.active.values()) {
      d.finished = true;
      this.o.sink.ended(d, true);
    }
    this.active.clear();
  }

  unitStats(): UnitStats[] {
    return [...this.unitRuns.values()].map((u) => u.stats).sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  }

  // -------------------------------------------------------------------------------------------

  private handle(it: Item): void {
    switch (it.k) {
      case K.Day:
        return this.day(it.n);
      case K.Arrival:
        return this.arrive(it.a!, it.at);
      case K.ServiceDone:
        return this.serviceDone(it.d!, it.u!, it.s, it.n, it.at);
      case K.Tick: {
        const d = it.d!;
        if (d.finished || d.wake !== it.at) return; // re-armed since, or over
        d.wake = undefined;
        this.apply(d, TICK, it.at);
        return;
      }
      case K.Resubmit:
        return this.resubmit(it.d!, it.at);
      case K.ReceptionResubmit: {
        const d = it.d!;
        if (!d.finished && d.state.phase === 'awaiting_reception_supplement') this.apply(d, { type: 'supplement.resubmit', componentsDigitised: 0 }, it.at);
        return;
      }
      case K.Pay:
        return this.pay(it.d!, it.at);
      case K.Collect:
        return this.collect(it.d!, it.at);
      case K.Rate:
        return this.rate(it.d!, it.at);
      case K.Complain: {
        const d = it.d!;
        if (!d.finished && (d.state.phase === 'result_ready' || d.state.phase === 'returned')) this.apply(d, { type: 'dossier.complain', category: 'delay', reference: `PAKN-${d.n}` }, it.at);
        return;
      }
      case K.Withdraw: {
        const d = it.d!;
        const p = d.state.phase;
        if (!d.finished && (p === 'processing' || p === 'supplement' || p === 'payment' || p === 'awaiting_reception_supplement')) {
          this.apply(d, { type: 'dossier.withdraw', reason: 'Người nộp rút hồ sơ' }, it.at);
        }
        return;
      }
      case K.Extend:
        return this.extend(it.d!, it.s, it.at);
      case K.Sample: {
        for (const u of this.unitRuns.values()) u.stats.backlog.push(u.waiting + u.busy);
        this.queue.push(new Item(it.at + this.o.sampleEveryMs!, K.Sample));
        return;
      }
    }
  }

  private day(i: number): void {
    const a = this.arrivals!;
    const list = a.schedule.arrivalsOn(i, a.sources, this.arrivalRnd);
    for (const x of list) this.queue.push(new Item(Math.max(x.at, this.now), K.Arrival, undefined, '', 0, undefined, { source: x.source, channel: x.channel }));
    if (i + 1 < a.lastDay) this.queue.push(new Item(dayStart(i + 1, this.o.calendar), K.Day, undefined, '', i + 1));
  }

  private newDossier(state: DossierState, rnd: Rng): SimDossier {
    const d: SimDossier = { n: this.serial++, state, wake: undefined, timers: true, finished: false, slot: undefined, rnd, wantsSupplement: false, resubmits: false, returnsOnce: false, held: [] };
    this.active.set(d.n, d);
    this.counts.dossiers++;
    return d;
  }

  private arrive(a: ArrivalRef, at: number): void {
    const b = this.o.behaviour;
    const src = a.source;
    let input: StartDossierInput;
    const n = this.serial;
    const rnd = seeded(deriveSeed(this.o.seed, this.o.label, 'dossier', n));
    try {
      const plan = this.arrivals!.planner.plan(src.procedureCode, src.receivingUnitId, at, a.channel);
      const settingsWindow = (plan.version.timerSettings?.supplementWindowMinutes ?? 30 * 24 * 60) * MS_PER_MINUTE;
      const reception: ReceptionOutcome = chance(b.refusalRate, rnd)
        ? { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' }
        : chance(b.receptionSupplementRate, rnd)
          ? { outcome: 'supplement', reason: 'Hồ sơ chưa đầy đủ', missing: ['thanh-phan'], applicantDeadlineAt: formatLocalIso(at + settingsWindow) }
          : { outcome: 'accept' };
      const total = plan.version.documents.length;
      const components = { total, digitised: chance(b.digitisedRate, rnd) ? total : Math.floor(total / 2), reused: total > 0 && chance(b.reuseRate, rnd) ? 1 : 0 };
      input = startInputFor(plan, {
        dossierCode: `${this.o.codePrefix}-${yymmdd(at)}-${String(n).padStart(6, '0')}`,
        channel: a.channel,
        applicantKey: APPLICANT_KEY,
        receivedAtMs: at,
        reception,
        components,
        defaultCalendarVersion: this.o.calendar.version,
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      this.counts.unreceivable++;
      return;
    }
    const d = this.newDossier(initialState(input, { explainLedger: this.o.explainLedgers }), rnd);
    d.wantsSupplement = chance(b.supplementRate, rnd);
    d.resubmits = chance(b.supplementResubmitRate, rnd);
    d.returnsOnce = chance(b.returnRate, rnd);
    const withdraws = chance(b.withdrawalRate, rnd);
    const withdrawAfter = withdraws ? Math.round(sample(b.withdrawalAfterDays, rnd) * MS_PER_DAY) : 0;
    this.apply(d, START, at);
    if (d.finished) return;
    const r = input.reception;
    if (r.outcome === 'supplement' && chance(b.receptionSupplementResubmitRate, rnd)) {
      const back = at + Math.round(sample(b.receptionSupplementDelayDays, rnd) * MS_PER_DAY);
      if (back < Date.parse(r.applicantDeadlineAt)) this.schedule(back, K.ReceptionResubmit, d);
    }
    if (withdraws) this.schedule(at + withdrawAfter, K.Withdraw, d);
  }

  private schedule(at: number, k: K, d: SimDossier, s = ''): void {
    this.queue.push(new Item(Math.max(at, this.now), k, d, s));
  }

  /** Decides a command for a dossier as its workflow would; a rejected command changes nothing. */
  private apply(d: SimDossier, command: DeciderCommand, at: number): boolean {
    let r: { events: DossierEvent[]; state: DossierState };
    this.o.onCommand?.(command);
    try {
      r = run(command, d.state, at);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      this.counts.rejected[e.code] = (this.counts.rejected[e.code] ?? 0) + 1;
      return false;
    }
    d.state = r.state;
    this.counts.decisions++;
    const events = r.events;
    if (events.length > 0) {
      this.counts.events += events.length;
      this.o.sink.events(d, events);
      for (const e of events) this.observe(d, e, at);
    }
    if (d.state.phase === 'closed') this.end(d);
    else this.rearm(d, at);
    return true;
  }

  private end(d: SimDossier): void {
    if (d.finished) return;
    d.finished = true;
    d.wake = undefined;
    this.active.delete(d.n);
    this.o.sink.ended(d, false);
  }

  /** The workflow's timer: one instant per dossier, from the decider's own plan. */
  private rearm(d: SimDossier, at: number): void {
    if (d.finished || !d.timers) return;
    const w = this.o.breachTimersOnly ? breachInstant(d.state, at) : nextWakeUp(d.state, at);
    if (w === undefined || w === d.wake) return;
    if (w <= at && d.state.phase === 'returned') return; // the rating window is over: nothing more will happen
    d.wake = w;
    this.queue.push(new Item(Math.max(w, at), K.Tick, d));
  }

  private observe(d: SimDossier, e: DossierEvent, at: number): void {
    const b = this.o.behaviour;
    switch (e.type) {
      case 'task.assigned': {
        const p = e.payload;
        if (p.stepKind === 'result_return') this.scheduleCollect(d, at);
        else this.enqueue(d, p.taskId, p.stepKind, at, 1, at);
        return;
      }
      case 'task.completed': {
        // a hand-over waits for the applicant to come: it says nothing of the unit's work
        if (d.state.input.procedure.steps.find((s) => s.id === e.payload.stepId)?.kind === 'result_return') return;
        const u = this.unitRun(e.payload.unitId);
        u.stats.tasksCompleted++;
        if (e.payload.classification === 'late') u.stats.tasksLate++;
        return;
      }
      case 'sla.form04_drafted':
        if (chance(b.form04Rate, d.rnd)) this.schedule(at, K.Extend, d, e.payload.unitId);
        return;
      case 'dossier.result_ready': {
        if (this.o.endAtResult) return this.end(d);
        if (e.payload.classification === 'late' && chance(b.complaintRate, d.rnd)) this.schedule(at, K.Complain, d);
        if (!d.state.input.procedure.steps.some((s) => s.kind === 'result_return')) this.scheduleCollect(d, at);
        return;
      }
      case 'dossier.result_returned':
        if (chance(b.ratingRate, d.rnd)) this.schedule(at + HOUR * (1 + 4 * d.rnd()), K.Rate, d);
        else if (d.state.phase === 'returned') this.end(d); // no rating: nothing more will happen
        return;
      default:
        return;
    }
  }

  private unitRun(unitId: string): UnitRun {
    let u = this.unitRuns.get(unitId);
    if (!u) {
      u = new UnitRun(this.o.unmodelled(unitId), false);
      this.unitRuns.set(unitId, u);
    }
    return u;
  }

  private enqueue(d: SimDossier, taskId: string, kind: StepKind, since: number, share: number, at: number): void {
    const u = this.unitRun(findTask(d.state, taskId)?.unitId ?? '');
    u.queue.push({ d, taskId, kind, since, share });
    const backlog = u.waiting + u.busy;
    if (backlog > u.stats.peakBacklog) u.stats.peakBacklog = backlog;
    this.dispatch(u, at);
  }

  /** Free officers take the oldest waiting tasks; work starts at the next working instant. */
  private dispatch(u: UnitRun, at: number): void {
    const officers = u.model.officers;
    while (u.busy < officers && u.head < u.queue.length) {
      const q = u.queue[u.head++]!;
      if (u.head > 1024 && u.head * 2 > u.queue.length) {
        u.queue.splice(0, u.head);
        u.head = 0;
      }
      if (q.d.finished) continue;
      const t = findTask(q.d.state, q.taskId);
      if (!t || (t.status !== 'open' && t.status !== 'claimed')) continue; // cancelled while waiting
      const start = nextWorkingInstant(at, this.o.calendar);
      const minutes = Math.max(0, u.model.service(q.kind, q.d.rnd) * q.share);
      const done = addWorkingTime(start, minutes, this.o.calendar);
      const slot = u.take();
      u.busy++;
      u.stats.tasksStarted++;
      u.stats.serviceWorkingMinutes += minutes;
      u.stats.waitWorkingMinutes += workingTimeBetween(q.since, Math.max(q.since, start), this.o.calendar);
      this.queue.push(new Item(Math.max(done, at), K.ServiceDone, q.d, q.taskId, slot, u));
    }
  }

  private serviceDone(d: SimDossier, u: UnitRun, taskId: string, slot: number, at: number): void {
    u.busy--;
    u.free.push(slot);
    if (!d.finished) this.officerActs(d, taskId, u.officerId(slot), at);
    this.dispatch(u, at);
  }

  /** What the officer does with a task once worked: a supplement request, a payment request, a return, or completion. */
  private officerActs(d: SimDossier, taskId: string, officerId: string, at: number): void {
    const t = findTask(d.state, taskId);
    if (!t || (t.status !== 'open' && t.status !== 'claimed')) return;
    const phase = d.state.phase;
    if (phase === 'supplement' || phase === 'payment') {
      d.held.push({ taskId, officerId });
      return;
    }
    if (phase !== 'processing' && phase !== 'result_ready' && phase !== 'returned') return;
    const ref = { taskId, taskVersion: t.version, unitId: t.unitId, officerId };
    const procedure = d.state.input.procedure;
    const step = procedure.steps.find((s) => s.id === t.stepId)!;
    const b = this.o.behaviour;
    if (phase === 'processing' && step.kind === 'financial_obligation' && procedure.hasFinancialObligation && d.paymentTask === undefined) {
      if (this.apply(d, { type: 'payment.request', ...ref, kind: 'land_levy', amountVnd: 1_000_000 }, at)) {
        d.paymentTask = taskId;
        this.schedule(at + Math.round(sample(b.paymentDelayDays, d.rnd) * MS_PER_DAY), K.Pay, d, officerId);
      }
      return;
    }
    if (phase === 'processing' && d.wantsSupplement && step.kind === 'appraisal' && d.supplementTask === undefined) {
      if (this.apply(d, { type: 'supplement.request', ...ref, reason: 'Thiếu thành phần hồ sơ', missing: ['thanh-phan'] }, at)) {
        d.supplementTask = taskId;
        if (d.resubmits) {
          const back = at + Math.round(sample(b.supplementDelayDays, d.rnd) * MS_PER_DAY);
          if (d.state.applicantDeadlineMs === undefined || back < d.state.applicantDeadlineMs) this.schedule(back, K.Resubmit, d);
        }
      }
      return;
    }
    if (phase === 'processing' && d.returnsOnce && (step.kind === 'approval' || step.kind === 'signing') && predecessors(procedure.steps, step.id).length > 0) {
      d.returnsOnce = false;
      if (this.apply(d, { type: 'task.return', ...ref, reason: 'Cần thẩm định lại' }, at)) return;
    }
    this.apply(d, { type: 'task.complete', ...ref, outcome: 'approved' } as DossierCommand, at);
  }

  private resubmit(d: SimDossier, at: number): void {
    if (d.finished || d.state.phase !== 'supplement') return;
    if (!this.apply(d, { type: 'supplement.resubmit', componentsDigitised: 0 }, at)) return;
    const taskId = d.supplementTask;
    const t = taskId ? findTask(d.state, taskId) : undefined;
    // the officer finishes the appraisal with the new documents
    if (t && (t.status === 'open' || t.status === 'claimed')) this.enqueue(d, t.taskId, 'appraisal', at, 0.5, at);
    this.releaseHeld(d, at);
  }

  private pay(d: SimDossier, at: number): void {
    if (d.finished || d.state.phase !== 'payment') return;
    const paidOnline = chance(this.o.behaviour.onlinePaymentRate, d.rnd);
    if (!this.apply(d, { type: 'payment.record', source: 'applicant_payment', paidOnline, amountVnd: 1_000_000, reference: `SIM-${d.n}` }, at)) return;
    // the tax office closes its task on the payment notice
    const taskId = d.paymentTask;
    if (taskId) this.officerActs(d, taskId, `${findTask(d.state, taskId)?.unitId ?? 'tax'}:notice`, at);
    this.releaseHeld(d, at);
  }

  private releaseHeld(d: SimDossier, at: number): void {
    const held = d.held;
    d.held = [];
    for (const h of held) if (!d.finished) this.officerActs(d, h.taskId, h.officerId, at);
  }

  private scheduleCollect(d: SimDossier, at: number): void {
    const online = d.state.input.channel === 'online';
    const delay = online ? 0 : Math.round(sample(this.o.behaviour.pickupDelayDays, d.rnd) * MS_PER_DAY);
    this.schedule(at + delay, K.Collect, d);
  }

  /** The applicant collects the result (the hand-over task, or the desk's result return). */
  private collect(d: SimDossier, at: number): void {
    if (d.finished) return;
    const s = d.state;
    // at the desk during its opening hours; online results are delivered at once
    if (s.input.channel !== 'online') {
      const when = nextWorkingInstant(at, this.o.calendar);
      if (when > at) return this.schedule(when, K.Collect, d);
    }
    const hand = s.tasks.find((t) => (t.status === 'open' || t.status === 'claimed') && s.input.procedure.steps.find((x) => x.id === t.stepId)?.kind === 'result_return');
    if (hand) {
      this.apply(d, { type: 'task.complete', taskId: hand.taskId, taskVersion: hand.version, unitId: hand.unitId, officerId: `${hand.unitId}:desk`, outcome: 'approved' }, at);
      return;
    }
    if (s.phase !== 'result_ready') return;
    const channel = s.input.channel;
    this.apply(d, { type: 'result.return', unitId: s.input.unitId, officerId: `${s.input.unitId}:desk`, method: channel === 'online' ? 'online' : channel === 'post' ? 'post' : 'desk', electronic: channel === 'online' }, at);
  }

  private rate(d: SimDossier, at: number): void {
    if (d.finished) return;
    const b = this.o.behaviour;
    if (d.state.phase !== 'returned') return;
    const late = d.state.ledger !== undefined && d.state.resultReadyAt !== undefined && d.state.resultReadyAt > d.state.ledger.committedDueMs;
    const dissatisfied = chance(Math.min(1, b.dissatisfiedRate * (late ? 3 : 1)), d.rnd);
    this.apply(d, { type: 'dossier.rate', score: dissatisfied ? 'dissatisfied' : d.rnd() < 0.5 ? 'very_satisfied' : 'satisfied' }, at);
  }

  /** Form 04: the unit apologises and moves the appointment, if it still can. */
  private extend(d: SimDossier, unitId: string, at: number): void {
    const l = d.state.ledger;
    if (d.finished || d.state.phase !== 'processing' || !l || !(at < l.committedDueMs)) return;
    const newDue = addWorkingTime(l.committedDueMs, this.o.behaviour.form04ExtensionWorkingDays * WORKING_MINUTES_PER_DAY, this.o.calendar);
    this.apply(d, { type: 'dossier.extend', unitId, officerId: `${unitId}:head`, reason: 'Cần thêm thời gian xác minh', newAppointmentAt: formatLocalIso(newDue) }, at);
  }
}

/** The first overdue instant of the appointment, while its clock runs (a pause stops it; resuming re-arms). */
function breachInstant(s: DossierState, at: number): number | undefined {
  const l = s.ledger;
  if (!l || l.closedAt !== undefined || s.phase === 'closed' || s.phase === 'result_ready' || s.phase === 'returned' || isClockStopped(l)) return undefined;
  // once past it the breach has been raised (or was before the run began)
  return l.committedDueMs + 1 > at ? l.committedDueMs + 1 : undefined;
}

const START: DeciderCommand = { type: 'dossier.start' };
const TICK: DeciderCommand = { type: 'clock.tick' };

function dayStart(i: number, cal: WorkingCalendar): number {
  return (cal.firstDay + i) * MS_PER_DAY - cal.utcOffsetMinutes * MS_PER_MINUTE;
}

function yymmdd(at: number): string {
  const c = civilFromDays(localDayNumber(at));
  return `${String(c.year % 100).padStart(2, '0')}${String(c.month).padStart(2, '0')}${String(c.day).padStart(2, '0')}`;
}
