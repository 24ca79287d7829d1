import type { ChildProcess } from 'node:child_process';

export interface SupervisedProcess {
  name: string;
  spawn(): ChildProcess;
}

export interface SupervisorOptions {
  /** First restart delay; it doubles with each consecutive crash, up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that ran this long before it died starts again from the first delay. */
  stableAfterMs?: number;
  /** Exit codes that mean "restarting will not help" (invalid configuration): they stop the engine. */
  fatalExitCodes?: number[];
  log(line: string): void;
}

interface Slot {
  spec: SupervisedProcess;
  child?: ChildProcess;
  startedAt: number;
  crashes: number;
  restarts: number;
  timer?: NodeJS.Timeout;
  exited?: Promise<void>;
}

/**
 * Keeps the engine's processes running under `npm start`: one that dies is started again after an
 * exponential backoff and the restart is logged; stop() ends them all and restarts none.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private fatal: string | undefined;
  private resolveDone!: () => void;
  /** Resolves once stop() has ended every process; `failure` names a process that made the engine stop. */
  readonly done: Promise<{ failure: string | undefined }>;
  private readonly opts: Required<SupervisorOptions>;

  constructor(processes: SupervisedProcess[], options: SupervisorOptions) {
    this.opts = { initialBackoffMs: 500, maxBackoffMs: 30_000, stableAfterMs: 30_000, fatalExitCodes: [], ...options };
    this.slots = processes.map((spec) => ({ spec, startedAt: 0, crashes: 0, restarts: 0 }));
    this.done = new Promise<void>((r) => (this.resolveDone = r)).then(() => ({ failure: this.fatal }));
  }

  start(): void {
    for (const slot of this.slots) this.launch(slot);
  }

  /** Restarts so far, per process name. */
  restarts(): Record<string, number> {
    return Object.fromEntries(this.slots.map((s) => [s.spec.name, s.restarts]));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      for (const slot of this.slots) {
        clearTimeout(slot.timer);
        if (slot.child && slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill(signal);
      }
      await Promise.all(this.slots.map((s) => s.exited));
      this.resolveDone();
    }
    await this.done;
  }

  private launch(slot: Slot): void {
    const child = slot.spec.spawn();
    slot.child = child;
    slot.startedAt = Date.now();
    slot.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (!this.stopping) this.onCrash(slot, code, signal);
      });
    });
  }

  private onCrash(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const { name } = slot.spec;
    const how = signal ?? `code ${code}`;
    if (code !== null && this.opts.fatalExitCodes.includes(code)) {
      this.fatal = name;
      this.opts.log(`motcua: ${name} exited (${how}): its configuration is invalid, restarting would not help; stopping the engine`);
      void this.stop('SIGTERM');
      return;
    }
    const ranMs = Date.now() - slot.startedAt;
    slot.crashes = ranMs >= this.opts.stableAfterMs ? 1 : slot.crashes + 1;
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.initialBackoffMs * 2 ** (slot.crashes - 1));
    slot.restarts += 1;
    this.opts.log(`motcua: ${name} exited (${how}) after ${(ranMs / 1000).toFixed(1)} s; restarting it in ${(delay / 1000).toFixed(1)} s (restart ${slot.restarts})`);
    slot.timer = setTimeout(() => {
      if (this.stopping) return;
      this.launch(slot);
      this.opts.log(`motcua: ${name} restarted (pid ${slot.child?.pid ?? '?'})`);
    }, delay);
  }
}
