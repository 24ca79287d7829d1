import { Client, Connection, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { SubmitDossierRequest } from '../../contracts/api/dossiers.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import type { DossierState } from '../../domain/dossier/dossier-state';
import { dossierCommandUpdate, dossierStateQuery, type CommandResult } from '../../workflows/messages';

/**
 * How scripted citizens and officers reach the engine: submissions through the HTTP API, officers'
 * and applicants' commands as the Temporal update the API will send once it serves them (then this
 * module switches to HTTP and nothing else changes). Transient failures (a frontend or broker
 * restarting) are retried until `patienceMs`; a command keeps its id across retries, so Temporal
 * applies it once whatever the number of attempts.
 */
export interface DossierDriver {
  /** POST /dossiers on API number `via` (modulo the number of APIs); the dossier code. */
  submit(body: SubmitDossierRequest, via: number): Promise<string>;
  state(code: string): Promise<DossierState>;
  /** The command's result, or its rejection code (the decider said no: stale task, wrong phase). */
  command(code: string, command: DossierCommandInput, commandId: string): Promise<CommandOutcome>;
  /** The workflow's run status and history length, from Temporal. */
  describe(code: string): Promise<{ status: string; historyLength: number }>;
  readonly stats: DriverStats;
  close(): Promise<void>;
}

export type CommandOutcome = { ok: true; result: CommandResult } | { ok: false; code: string; message: string };

export interface DriverStats {
  submitted: number;
  commands: number;
  rejected: number;
  /** Attempts that failed for a transient reason and were tried again. */
  retries: number;
}

export interface DriverOptions {
  apiUrls: string[];
  temporalAddress: string;
  namespace: string;
  patienceMs?: number;
}

export class SubmitRejected extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`POST /dossiers answered ${status}: ${body.slice(0, 300)}`);
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createDossierDriver(opts: DriverOptions): Promise<DossierDriver> {
  if (opts.apiUrls.length === 0) throw new Error('dossier driver: no API URL');
  const connection = await Connection.connect({ address: opts.temporalAddress });
  const client = new Client({ connection, namespace: opts.namespace });
  const patienceMs = opts.patienceMs ?? 180_000;
  const stats: DriverStats = { submitted: 0, commands: 0, rejected: 0, retries: 0 };

  /** Retries what `transient` accepts, with a capped backoff, until the patience runs out. */
  async function persist<T>(what: string, attempt: () => Promise<T>, transient: (err: unknown) => boolean): Promise<T> {
    const deadline = Date.now() + patienceMs;
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        if (!transient(err) || Date.now() > deadline) throw err instanceof Error ? Object.assign(err, { message: `${what}: ${err.message}` }) : err;
        stats.retries += 1;
        await pause(Math.min(2000, 100 * 2 ** Math.min(n, 5)));
      }
    }
  }
  const temporalTransient = (err: unknown) => !(err instanceof WorkflowUpdateFailedError) && !(err instanceof WorkflowNotFoundError);

  return {
    stats,
    async submit(body, via) {
      const url = `${opts.apiUrls[via % opts.apiUrls.length]}/dossiers`;
      // only a refused connection is retried: nothing reached the API, so no dossier code was spent
      const res = await persist(
        `POST ${url}`,
        () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        (err) => err instanceof TypeError && /ECONNREFUSED/.test(String((err as { cause?: unknown }).cause)),
      );
      if (res.status !== 202) throw new SubmitRejected(res.status, await res.text());
      stats.submitted += 1;
      return ((await res.json()) as { dossierCode: string }).dossierCode;
    },
    state: (code) => persist(`query ${code}`, () => client.workflow.getHandle(code).query(dossierStateQuery), temporalTransient),
    async command(code, command, commandId) {
      try {
        const result = await persist(
          `${command.type} on ${code}`,
          () => client.workflow.getHandle(code).executeUpdate(dossierCommandUpdate, { args: [command], updateId: commandId }),
          temporalTransient,
        );
        stats.commands += 1;
        return { ok: true, result };
      } catch (err) {
        if (!(err instanceof WorkflowUpdateFailedError)) throw err;
        stats.rejected += 1;
        const cause = err.cause as { type?: string; message?: string } | undefined;
        return { ok: false, code: cause?.type ?? 'UPDATE_FAILED', message: cause?.message ?? err.message };
      }
    },
    async describe(code) {
      const d = await persist(`describe ${code}`, () => client.workflow.getHandle(code).describe(), temporalTransient);
      return { status: d.status.name, historyLength: d.historyLength };
    },
    close: () => connection.close(),
  };
}
