import crypto from 'node:crypto';
import type { Principal, Role } from '../contracts/api/principal.contract';
import type { DossierCommandInput } from '../contracts/commands/dossier-commands.contract';
import { openTasks } from '../domain/dossier/dossier-state';
import { dossierCommandUpdate, dossierStateQuery, type CommandResult } from '../workflows/messages';
import { coveredByAny } from './access/unit-scope';
import type { AppDeps } from './app-deps';
import { AppError } from './errors';
import { isoOf } from './iso';
import { closed, temporalCall } from './temporal-errors';

export interface CommandResponse extends CommandResult {
  dossierCode: string;
}

export interface CommandOptions {
  /** The caller's Idempotency-Key and who they are: the same command sent again with it answers as the first time. */
  idempotency?: { key: string; subject: string };
}

/**
 * Sends a decider command to the dossier's workflow and waits until its events are on the topic.
 * With an Idempotency-Key the Temporal update id is derived from it (and the command), so a client
 * retrying after a lost answer gets the first outcome instead of a stale-version refusal. The
 * command carries the instant it was issued at, which the workflow decides it at: a retried
 * workflow task then decides the very events it published before (workflows/dossier.workflow.ts).
 */
export async function sendCommand(deps: AppDeps, dossierCode: string, command: DossierCommandInput, opts: CommandOptions = {}): Promise<CommandResponse> {
  const i = opts.idempotency;
  if (i && !/^[\x21-\x7e]{1,200}$/.test(i.key)) throw new AppError('IDEMPOTENCY_KEY_INVALID', 'an Idempotency-Key is 1–200 visible ASCII characters');
  // the update id hashes the command as the client sent it, not the instant stamped here, so a retry maps to the same update
  const updateId = i ? `http-${crypto.createHash('sha256').update(JSON.stringify([i.subject, i.key, command])).digest('hex').slice(0, 40)}` : undefined;
  const issued = { ...command, issuedAt: command.issuedAt ?? isoOf(deps.now()) };
  const handle = deps.temporal.workflow.getHandle(dossierCode);
  try {
    const result = await temporalCall(() =>
      deps.temporal.withDeadline(deps.now() + deps.limits.commandTimeoutMs, () => handle.executeUpdate(dossierCommandUpdate, { args: [issued], ...(updateId ? { updateId } : {}) })),
    );
    return { dossierCode, ...result };
  } catch (err) {
    // a retried update racing the workflow's end (the rating closes it) can be refused as "not found": the dossier exists, closed
    if (err instanceof AppError && err.code === 'DOSSIER_NOT_FOUND' && (await hasEnded(handle))) throw closed();
    throw err;
  }
}

async function hasEnded(handle: { describe(): Promise<{ status: { name: string } }> }): Promise<boolean> {
  try {
    return (await handle.describe()).status.name !== 'RUNNING';
  } catch {
    return false;
  }
}

/**
 * The unit an officer acts for: the one asked for (if theirs), their only unit, or the unit that
 * holds the task (or, for a whole-dossier command, the one of theirs with an open task). The acting
 * officer and unit come from the token, never from the request.
 */
export async function actingUnit(deps: AppDeps, principal: Principal, roles: readonly Role[], dossierCode: string, opts: { taskId?: string; requested?: string }): Promise<string> {
  const mine = coveredByAny(principal, roles, deps.catalog());
  if (opts.requested !== undefined) {
    if (!mine.has(opts.requested)) throw new AppError('UNIT_NOT_COVERED', `${opts.requested} is not one of your units`);
    return opts.requested;
  }
  if (mine.size === 1) return [...mine][0]!;
  if (opts.taskId !== undefined) {
    const { rows } = await deps.pool.query<{ unit_id: string }>('SELECT unit_id FROM task_inbox WHERE dossier_code = $1 AND task_id = $2', [dossierCode, opts.taskId]);
    const unit = rows[0]?.unit_id;
    if (unit && mine.has(unit)) return unit;
  }
  const state = await temporalCall(() => deps.temporal.workflow.getHandle(dossierCode).query(dossierStateQuery));
  const holding = [...new Set(openTasks(state).filter((t) => (opts.taskId === undefined || t.taskId === opts.taskId) && mine.has(t.unitId)).map((t) => t.unitId))];
  if (holding.length === 1) return holding[0]!;
  throw new AppError('UNIT_REQUIRED', 'you act for several units here: name one with unitId');
}
