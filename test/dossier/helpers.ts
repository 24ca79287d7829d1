import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import { DossierEvent, type DossierEventType, type EventOf } from '../../contracts/events';
import { run, type DeciderCommand } from '../../domain/dossier/decide';
import { findTask, initialState, type DossierState } from '../../domain/dossier/dossier-state';
import { isDomainError } from '../../domain/domain-error';
import { startInput, type FixtureOptions } from '../support/dossier-fixtures';

/** Epoch ms of an ISO instant with offset. */
export const at = (iso: string): number => Date.parse(iso);
export const MIN = 60_000;

/** Deep copy of a fixture input, to change one setting (e.g. the supplement policy) for a test. */
export function withProcedure(input: StartDossierInput, change: (p: StartDossierInput['procedure']) => void): StartDossierInput {
  const copy: StartDossierInput = structuredClone(input);
  change(copy.procedure);
  return copy;
}

/**
 * A dossier driven through the decider as the workflow drives it: each command is decided at an
 * instant and its events evolve the state; every event of the run is kept for replay checks.
 */
export class Dossier {
  state: DossierState;
  readonly log: DossierEvent[] = [];
  constructor(readonly input: StartDossierInput) {
    this.state = initialState(input);
  }

  static start(o: FixtureOptions, now = o.receivedAt): { d: Dossier; events: DossierEvent[] } {
    const d = new Dossier(startInput(o));
    return { d, events: d.do({ type: 'dossier.start' }, now) };
  }

  static startWith(input: StartDossierInput, now = input.receivedAt): { d: Dossier; events: DossierEvent[] } {
    const d = new Dossier(input);
    return { d, events: d.do({ type: 'dossier.start' }, now) };
  }

  /** Decides a command (officer commands parsed by the zod contract, as the workflow validator does). */
  do(command: DossierCommandInput | DeciderCommand, now: string | number): DossierEvent[] {
    const cmd: DeciderCommand = command.type === 'dossier.start' || command.type === 'clock.tick' ? (command as DeciderCommand) : DossierCommand.parse(command);
    const r = run(cmd, this.state, typeof now === 'number' ? now : at(now));
    this.state = r.state;
    this.log.push(...r.events);
    return r.events;
  }

  tick(now: string | number): DossierEvent[] {
    return this.do({ type: 'clock.tick' }, now);
  }

  /** The DomainError code a command is rejected with; the state stays unchanged. */
  rejectCode(command: DossierCommandInput | DeciderCommand, now: string | number): string {
    const before = this.state;
    try {
      this.do(command, now);
    } catch (e) {
      expect(this.state).toBe(before);
      if (isDomainError(e)) return e.code;
      throw e;
    }
    throw new Error(`expected ${command.type} to be rejected`);
  }

  task(taskId: string) {
    const t = findTask(this.state, taskId);
    if (!t) throw new Error(`no task ${taskId}`);
    return t;
  }

  /** The task reference an officer's screen shows: id, current version and unit. */
  ref(taskId: string, officerId = 'officer-1') {
    const t = this.task(taskId);
    return { taskId, taskVersion: t.version, unitId: t.unitId, officerId };
  }

  claim(taskId: string, now: string | number, officerId = 'officer-1'): DossierEvent[] {
    return this.do({ type: 'task.claim', ...this.ref(taskId, officerId) }, now);
  }

  complete(taskId: string, now: string | number, officerId = 'officer-1', outcome: 'approved' | 'denied' = 'approved'): DossierEvent[] {
    return this.do({ type: 'task.complete', ...this.ref(taskId, officerId), outcome }, now);
  }

  /** Claims (when open) and completes a task at the same instant. */
  pass(taskId: string, now: string | number, officerId = 'officer-1'): DossierEvent[] {
    const claimed = this.task(taskId).status === 'open' ? this.claim(taskId, now, officerId) : [];
    return [...claimed, ...this.complete(taskId, now, officerId)];
  }

  openTaskIds(): string[] {
    return this.state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.taskId);
  }
}

export function only<T extends DossierEventType>(events: readonly DossierEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

export function one<T extends DossierEventType>(events: readonly DossierEvent[], type: T): EventOf<T> {
  const found = only(events, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length} in [${events.map((e) => e.type).join(', ')}]`);
  return found[0]!;
}

export const types = (events: readonly DossierEvent[]): string[] => events.map((e) => e.type);
