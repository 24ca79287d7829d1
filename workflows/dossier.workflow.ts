import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { StartDossierInput } from '../contracts/commands/start-dossier.contract';
import type { DossierEvent } from '../contracts/events';
import type { DeciderCommand } from '../domain/dossier/decide';
import type { DossierState } from '../domain/dossier/dossier-state';
import { dossierCommandUpdate, dossierReceiptUpdate, dossierStateQuery, type CommandResult, type DossierReceipt } from './messages';
import { SA, startSearchAttributes, visibilityFrom } from './search-attribute-keys';
import { sharedCore } from './worker-memo';

// the decider, its contracts and the calendars, evaluated once per worker rather than once per workflow
const { DossierCommand: DossierCommandSchema, StartDossierInput: StartDossierInputSchema, run, initialState, openTasks, isDomainError, isDone, nextWakeUp, referenceDueMs, visibilityKey, visibilityOf, decisionInstant, planningInstant } = sharedCore(() => require('./dossier-core') as typeof import('./dossier-core'));

// one recorded marker per decision instead of three activity events: publishing is short and idempotent
const { publishDossierEvents } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Workflows started before this patch re-arm their timer after every command; see test/histories/v1. */
const KEEP_TIMER_PATCH = 'keep-timer-when-deadline-unchanged';
/**
 * Workflows started before this patch judged a Form 04 dossier against its extended appointment:
 * they keep doing so (the locality setting `new_appointment`), so their timers replay as recorded.
 */
const FORM04_LATE_PATCH = 'form04-late-against-form01';
/**
 * Before this patch the update handler was registered before the start was decided, so an update
 * delivered with the first workflow task (update-with-start, or a command sent right after the
 * start) was validated against a dossier with no task yet and rejected.
 */
const START_BEFORE_HANDLERS_PATCH = 'decide-start-before-update-handlers';
/**
 * One patch standing for the three above and a leaner history: a workflow that records it records
 * none of theirs (a marker each), starts with the search attributes the API gave it, and names every
 * unit of its route in MotcuaUnits, so a hand-off upserts nothing. Workflows started before it
 * replay along the older patches and upsert as they did.
 */
const LEAN_HISTORY_PATCH = 'lean-history';
/**
 * Every decision at an instant its history fixes, not at the workflow task's clock: the start at the
 * execution's start time (its started event; `runStartTime` is the first task's clock), a command at
 * the instant its caller stamped (`issuedAt`), a timer at the instant it was armed for. A workflow task that is lost after its local activity published (the worker
 * killed mid-task) is decided again by the next attempt, at a later clock: before this patch the
 * topic then held two versions of the same event id with different `occurredAt`.
 */
const STABLE_INSTANTS_PATCH = 'stable-decision-instants';

/** The input a workflow started before FORM04_LATE_PATCH runs with: Form 04 counted against the new appointment. */
function withLegacyForm04Counting(input: StartDossierInput): StartDossierInput {
  if (input.settings?.classifier?.form04Counting !== undefined) return input;
  return { ...input, settings: { ...input.settings, classifier: { ...input.settings?.classifier, form04Counting: 'new_appointment' } } };
}

interface ArmedTimer {
  at: number;
  fired: boolean;
  scope: CancellationScope;
}

function armTimer(at: number, now: number): ArmedTimer {
  const scope = new CancellationScope();
  const t: ArmedTimer = { at, fired: false, scope };
  scope.run(() => sleep(at - now)).then(
    () => void (t.fired = true),
    () => undefined, // cancelled because the deadline moved
  );
  return t;
}

function rejection(err: unknown): never {
  if (isDomainError(err)) throw ApplicationFailure.create({ type: err.code, message: err.message, details: [err.details], nonRetryable: true });
  throw err;
}

/**
 * A decision the workflow takes by itself (the start, a timer) has no caller to reject to: an error
 * there would fail the workflow task, and Temporal would retry it forever, since the decider is
 * deterministic. The workflow fails instead, with the domain error's code (or DECIDER_FAILED).
 */
function workflowFailure(err: unknown, during: string): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (isDomainError(err)) return ApplicationFailure.create({ type: err.code, message: `${during}: ${err.message}`, details: [err.details], nonRetryable: true });
  return ApplicationFailure.create({ type: 'DECIDER_FAILED', message: `${during}: ${err instanceof Error ? err.message : String(err)}`, nonRetryable: true });
}

/**
 * One durable workflow per dossier (workflow id = dossier code): a loop around the pure decider.
 * It waits for a command or the earliest SLA instant, decides, publishes the decision's events in
 * one call, and re-derives its single timer from the deadline ledger. No polling.
 */
export async function dossierWorkflow(rawInput: StartDossierInput, resumeFrom?: DossierState): Promise<DossierState> {
  // asked once, before the first command, so every replay sees the answer the first run recorded
  const lean = patched(LEAN_HISTORY_PATCH);
  const keepTimer = lean || patched(KEEP_TIMER_PATCH);
  const form04Late = lean || patched(FORM04_LATE_PATCH);
  const startFirst = lean || patched(START_BEFORE_HANDLERS_PATCH);
  const stable = patched(STABLE_INSTANTS_PATCH);
  // the contract the API planned the input with; what it rejects could only make the decider throw
  const parsedInput = StartDossierInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    throw ApplicationFailure.create({
      type: 'START_INPUT_INVALID',
      message: parsedInput.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      nonRetryable: true,
    });
  }
  const input = parsedInput.data;
  let state = resumeFrom ?? initialState(form04Late ? input : withLegacyForm04Counting(input));
  const unpublished: DossierEvent[][] = [];
  let publishedThrough = resumeFrom ? resumeFrom.sequence : 0;
  // what Temporal holds already: the start's (or the previous run's) search attributes
  let lastSearchAttributes = lean ? visibilityKey(visibilityFrom(workflowInfo().typedSearchAttributes)) : '';

  // the latest instant a decision of this run was taken at: a fixed instant never goes before it
  let decidedAt: number | undefined;
  /** The instant a decision is taken at: with the patch, the one its history fixes (`at`, or the command's `issuedAt`); else the clock. */
  const instantOf = (command: DeciderCommand, at?: number): number => {
    if (!stable) return Date.now();
    const fixed = at ?? ('issuedAt' in command && typeof command.issuedAt === 'string' ? Date.parse(command.issuedAt) : undefined);
    return decisionInstant({ clock: Date.now(), fixed, lastEventAt: state.lastEventAt, decidedAt });
  };

  const apply = (command: DeciderCommand, at?: number): DossierEvent[] => {
    const instant = instantOf(command, at);
    decidedAt = Math.max(decidedAt ?? instant, instant);
    const result = run(command, state, instant);
    state = result.state;
    if (result.events.length > 0) unpublished.push(result.events);
    syncSearchAttributes();
    return result.events;
  };

  function syncSearchAttributes(): void {
    if (lean) {
      const v = visibilityOf(state, Date.now());
      const key = visibilityKey(v);
      if (key === lastSearchAttributes) return;
      lastSearchAttributes = key;
      upsertSearchAttributes([...startSearchAttributes(v), ...(v.dueAtMs === undefined ? [{ key: SA.dueAt, value: null }] : [])]);
      return;
    }
    const now = Date.now();
    const open = state.ledger && state.ledger.closedAt === undefined ? state.ledger : undefined;
    const due = open?.committedDueMs;
    // overdue once the reference due passed: a Form 04 moves the appointment, not the lateness
    const late = open !== undefined && now > referenceDueMs(open, state.input.settings.classifier);
    const units = [...new Set(openTasks(state).map((t) => t.unitId))].sort();
    const values = { status: state.statusCode, units, due, overdue: late, code: state.input.procedureCode };
    const key = JSON.stringify(values);
    if (key === lastSearchAttributes) return;
    lastSearchAttributes = key;
    upsertSearchAttributes([
      { key: SA.statusCode, value: values.status },
      { key: SA.units, value: units },
      { key: SA.procedureCode, value: values.code },
      { key: SA.overdue, value: values.overdue },
      { key: SA.dueAt, value: due !== undefined ? new Date(due) : null },
    ]);
  }

  /** A decision of the workflow's own (start, timer): its failure ends the workflow rather than retrying its task forever. */
  const decideOwn = (command: DeciderCommand, at?: number): DossierEvent[] => {
    try {
      return apply(command, at);
    } catch (err) {
      throw workflowFailure(err, command.type);
    }
  };
  let startEvents: DossierEvent[] = [];
  const decideStart = () => {
    if (!resumeFrom) startEvents = decideOwn({ type: 'dossier.start' }, workflowInfo().startTime.getTime());
  };
  if (startFirst) decideStart();

  setHandler(dossierStateQuery, () => state);
  setHandler(dossierReceiptUpdate, async (): Promise<DossierReceipt> => {
    const last = startEvents.at(-1)?.sequence ?? 0;
    await condition(() => publishedThrough >= last);
    return { sequence: state.sequence, statusCode: state.statusCode, phase: state.phase, events: startEvents };
  });
  setHandler(
    dossierCommandUpdate,
    async (raw): Promise<CommandResult> => {
      const command = DossierCommandSchema.parse(raw);
      let events: DossierEvent[];
      try {
        events = apply(command);
      } catch (err) {
        return rejection(err);
      }
      const last = events.at(-1)?.sequence ?? state.sequence;
      // the caller learns of success only once its facts are on the topic
      await condition(() => publishedThrough >= last);
      return { sequence: last, statusCode: state.statusCode, phase: state.phase, events: events.map((e) => ({ id: e.id, type: e.type })) };
    },
    {
      validator: (raw) => {
        const parsed = DossierCommandSchema.safeParse(raw);
        if (!parsed.success) {
          throw ApplicationFailure.create({ type: 'COMMAND_INVALID', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), nonRetryable: true });
        }
        try {
          run(parsed.data, state, instantOf(parsed.data));
        } catch (err) {
          rejection(err);
        }
      },
    },
  );

  if (!startFirst) decideStart();
  let timer: ArmedTimer | undefined;

  for (;;) {
    while (unpublished.length > 0) {
      const batch = unpublished[0]!;
      await publishDossierEvents(batch);
      unpublished.shift();
      publishedThrough = batch.at(-1)!.sequence;
    }
    const now = Date.now();
    if (isDone(state, now)) break;
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > state.input.settings.historyEventsLimit) {
      await condition(allHandlersFinished);
      if (unpublished.length === 0) await continueAsNew<typeof dossierWorkflow>(state.input, state);
      continue;
    }
    let wake: number | undefined;
    // with stable instants the plan starts at the last decision, so an instant that passed since is ticked at itself, not at the clock
    const planFrom = stable ? planningInstant({ clock: now, lastEventAt: state.lastEventAt, decidedAt }) : now;
    try {
      wake = nextWakeUp(state, planFrom);
    } catch (err) {
      throw workflowFailure(err, 'planning the next timer');
    }
    if (wake !== undefined && wake <= now) {
      decideOwn({ type: 'clock.tick' }, stable ? wake : undefined);
      continue;
    }
    const seen = state.sequence;
    const changed = () => state.sequence !== seen || unpublished.length > 0;
    if (keepTimer) {
      // a command that leaves the earliest deadline where it was keeps the armed timer (saves two history events)
      if (timer && timer.at !== wake) {
        timer.scope.cancel();
        timer = undefined;
      }
      if (!timer && wake !== undefined) timer = armTimer(wake, now);
      const armed = timer;
      await condition(() => changed() || armed?.fired === true);
      if (armed?.fired && !changed()) {
        timer = undefined;
        decideOwn({ type: 'clock.tick' }, stable ? armed.at : undefined);
      }
      continue;
    }
    const woke = wake !== undefined ? await condition(changed, wake - now) : (await condition(changed), true);
    if (!woke) decideOwn({ type: 'clock.tick' });
  }
  await condition(allHandlersFinished);
  return state;
}
