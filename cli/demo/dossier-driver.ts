import { Client, Connection, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { isoOf } from '../../app/iso';
import type { SubmitDossierRequest } from '../../contracts/api/dossiers.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import type { DossierState } from '../../domain/dossier/dossier-state';
import { engineKeyring } from '../../infra/crypto/engine-keyring';
import { engineDataConverter } from '../../infra/temporal/data-converter';
import { dossierCommandUpdate, dossierStateQuery, type CommandResult } from '../../workflows/messages';

/**
 * How scripted citizens and officers reach the engine: submissions through the HTTP API (a desk's
 * development token, an Idempotency-Key per dossier, so a retried submission is the same dossier),
 * officers' and applicants' commands as the Temporal update the API sends. The commands stay on
 * Temporal until the API's commands take an idempotency key: a command's update id is what makes a
 * retry across a frontend restart apply once, and a retried POST would be refused as stale instead.
 * Transient failures (a frontend or broker restarting) are retried until `patienceMs`.
 */
export interface DossierDriver {
  /** POST /dossiers on API number `via` (modulo the number of APIs), idempotent under `key`; the dossier code. */
  submit(body: SubmitDossierRequest, via: number, key: string): Promise<string>;
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
  /** The engine's MOTCUA_ENCRYPTION_KEYS (unset: the development keys), to read and write its payloads. */
  encryptionKeys?: string;
  /** The data folder whose development signing key the APIs trust (what `motcua token` signs with). */
  devKeyDataDir: string;
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
  const client = new Client({ connection, namespace: opts.namespace, dataConverter: engineDataConverter(engineKeyring(opts.encryptionKeys)) });
  const deskTokens = new Map<string, Promise<string>>();
  const deskToken = (unitId: string) => {
    if (!deskTokens.has(unitId)) deskTokens.set(unitId, issueDevToken(opts.devKeyDataDir, { roles: ['reception'], units: [unitId], subject: `scenario-desk-${unitId}`, ttlSeconds: 6 * 3600, audience: 'motcua' }));
    return deskTokens.get(unitId)!;
  };
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
    async submit(body, via, key) {
      const url = `${opts.apiUrls[via % opts.apiUrls.length]}/dossiers`;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await deskToken(body.receivingUnitId)}`, 'idempotency-key': key };
      // the key makes a retry the same submission, so a lost answer or a 503 is tried again
      const res = await persist(
        `POST ${url}`,
        async () => {
          const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
          if (r.status >= 500) throw new SubmitRejected(r.status, await r.text());
          return r;
        },
        (err) => err instanceof SubmitRejected || err instanceof TypeError,
      );
      if (res.status !== 201) throw new SubmitRejected(res.status, await res.text());
      stats.submitted += 1;
      return ((await res.json()) as { dossierCode: string }).dossierCode;
    },
    state: (code) => persist(`query ${code}`, () => client.workflow.getHandle(code).query(dossierStateQuery), temporalTransient),
    async command(code, command, commandId) {
      // stamped once, as the API does, so a retried workflow task decides the command at the same instant
      const issued = { ...command, issuedAt: command.issuedAt ?? isoOf(Date.now()) };
      try {
        const result = await persist(
          `${command.type} on ${code}`,
          () => client.workflow.getHandle(code).executeUpdate(dossierCommandUpdate, { args: [issued], updateId: commandId }),
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
