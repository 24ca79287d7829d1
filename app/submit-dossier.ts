import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Principal } from '../contracts/api/principal.contract';
import type { SubmitDossierRequest, SubmitDossierResponse } from '../contracts/api/dossiers.contract';
import type { StartDossierInput } from '../contracts/commands/start-dossier.contract';
import type { DossierEvent } from '../contracts/events';
import { applicantKey } from './applicant-key';
import { allocateDossierCode } from './stores/dossier-code';
import { run } from '../domain/dossier/decide';
import { initialState, type DossierState } from '../domain/dossier/dossier-state';
import { planReception, type ReceptionPlan } from '../domain/reception/plan-reception';
import { startInputFor } from '../domain/reception/start-input';
import { dossierWorkflow } from '../workflows';
import { dossierReceiptUpdate } from '../workflows/messages';
import { startSearchAttributes } from '../workflows/search-attribute-keys';
import { visibilityOf } from '../domain/dossier/visibility';
import type { AppDeps } from './app-deps';
import { AppError, fromDomain } from './errors';
import { newCitizenToken } from './stores/applicant-store';
import { temporalCall } from './temporal-errors';
import { withClient } from '../infra/db/checked-out-client';

export interface SubmitOptions {
  /** The caller's Idempotency-Key: a retried or concurrent submission with it answers with the same dossier. */
  idempotencyKey?: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Reception: checks the instant, pins the procedure and routing, keeps the applicant encrypted, starts the workflow and answers with the receipt. */
export async function submitDossier(deps: AppDeps, principal: Principal, req: SubmitDossierRequest, opts: SubmitOptions = {}): Promise<SubmitDossierResponse> {
  const now = deps.now();
  const receivedAtMs = req.receivedAt ? Date.parse(req.receivedAt) : now;
  if (receivedAtMs > now + deps.limits.clockSkewMs) {
    throw new AppError('RECEIVED_AT_IN_FUTURE', `receivedAt ${req.receivedAt} is ahead of the server's clock by more than ${deps.limits.clockSkewMs / 1000} s`);
  }
  if (receivedAtMs < now - deps.limits.receivedAtMaxAgeMs && !principal.roles.includes('backfill')) {
    throw new AppError('BACKFILL_NOT_ALLOWED', `receivedAt ${req.receivedAt} is more than ${Math.round(deps.limits.receivedAtMaxAgeMs / 86_400_000)} days ago`);
  }
  if (opts.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(opts.idempotencyKey)) {
    throw new AppError('IDEMPOTENCY_KEY_INVALID', 'an Idempotency-Key is 1–200 visible ASCII characters');
  }
  const catalog = deps.catalog();
  let plan: ReceptionPlan;
  try {
    plan = planReception(catalog, { procedureCode: req.procedureCode, receivingUnitId: req.receivingUnitId, channel: req.channel, receivedAtMs });
  } catch (err) {
    throw fromDomain(err) ?? err;
  }
  const key = applicantKey(req.applicant.idNumber, deps.applicantKeySecret);
  const inputFor = (dossierCode: string): StartDossierInput =>
    startInputFor(plan, {
      dossierCode,
      channel: req.channel,
      applicantKey: key,
      receivedAtMs,
      reception: req.reception,
      components: req.components,
      defaultCalendarVersion: deps.calendarVersion,
    });
  // the workflow's first decision must succeed: take it here, on the same code, before anything is kept
  const dryRun = dryRunStart(inputFor('DRYRUN-000000-0000'), now);

  const firstTaskUnits = [...new Set(dryRun.tasks.map((t) => t.unitId))].sort();
  const { dossierCode, citizenToken, replayed } = await reserve(deps, principal, req, receivedAtMs, key, plan, opts.idempotencyKey, firstTaskUnits);
  const input = inputFor(dossierCode);
  // the search attributes the start decision leads to, set with the start: the workflow's first task upserts nothing
  const visibility = visibilityOf(run({ type: 'dossier.start' }, initialState(input), now).state, now);
  let events: DossierEvent[];
  try {
    const receipt = await temporalCall(() =>
      deps.temporal.workflow.executeUpdateWithStart(dossierReceiptUpdate, {
        args: [],
        startWorkflowOperation: new WithStartWorkflowOperation(dossierWorkflow, {
          workflowId: dossierCode,
          taskQueue: deps.taskQueue,
          args: [input],
          typedSearchAttributes: startSearchAttributes(visibility),
          // a retry finds the run the first attempt started; a closed dossier is never started again
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      }),
    );
    events = receipt.events;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // the dossier ran to its end since the first attempt: its receipt is in the timeline
    events = await startEventsFromTimeline(deps, dossierCode);
  }
  return receiptOf(input, plan, events, citizenToken, replayed);
}

function dryRunStart(input: StartDossierInput, now: number): DossierState {
  try {
    return run({ type: 'dossier.start' }, initialState(input), now).state;
  } catch (err) {
    throw fromDomain(err) ?? err;
  }
}

/** Allocates the code and keeps the applicant (encrypted) in one transaction, or finds what an earlier attempt with the same key kept. */
async function reserve(
  deps: AppDeps,
  principal: Principal,
  req: SubmitDossierRequest,
  receivedAtMs: number,
  key: string,
  plan: ReceptionPlan,
  idempotencyKey: string | undefined,
  firstTaskUnits: string[],
): Promise<{ dossierCode: string; citizenToken: string; replayed: boolean }> {
  const keepRoute = (db: PoolClient, dossierCode: string) =>
    db.query('INSERT INTO dossier_route (dossier_code, receiving_unit_id, first_task_unit_ids) VALUES ($1, $2, $3) ON CONFLICT (dossier_code) DO NOTHING', [dossierCode, plan.unit.id, firstTaskUnits]);
  // a connection the server drops mid-transaction is destroyed, not returned to the pool
  return withClient(deps.pool, async (db) => {
    try {
      await db.query('BEGIN');
      const citizenToken = newCitizenToken();
      if (idempotencyKey !== undefined) {
        const hash = crypto.createHash('sha256').update(JSON.stringify(req)).digest('hex');
        // a concurrent holder of the same key makes this insert wait for its commit, then do nothing
        const taken = await db.query<{ dossier_code: string }>(
          `INSERT INTO idempotency_key (subject, key, request_hash, dossier_code) VALUES ($1, $2, $3, '')
           ON CONFLICT (subject, key) DO NOTHING RETURNING dossier_code`,
          [principal.subject, idempotencyKey, hash],
        );
        if (taken.rowCount === 0) {
          await db.query('ROLLBACK');
          const { rows } = await deps.pool.query<{ request_hash: string; dossier_code: string }>('SELECT request_hash, dossier_code FROM idempotency_key WHERE subject = $1 AND key = $2', [
            principal.subject,
            idempotencyKey,
          ]);
          const prior = rows[0]!;
          if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was sent before with a different request');
          const token = await deps.applicants.citizenToken(prior.dossier_code);
          return { dossierCode: prior.dossier_code, citizenToken: token ?? '', replayed: true };
        }
        const dossierCode = await allocateDossierCode(db, plan.unit.id, receivedAtMs);
        await db.query('UPDATE idempotency_key SET dossier_code = $3 WHERE subject = $1 AND key = $2', [principal.subject, idempotencyKey, dossierCode]);
        await deps.applicants.save(db, { dossierCode, applicantKey: key, applicant: req.applicant, citizenToken });
        await keepRoute(db, dossierCode);
        await db.query('COMMIT');
        return { dossierCode, citizenToken, replayed: false };
      }
      const dossierCode = await allocateDossierCode(db, plan.unit.id, receivedAtMs);
      await deps.applicants.save(db, { dossierCode, applicantKey: key, applicant: req.applicant, citizenToken });
      await keepRoute(db, dossierCode);
      await db.query('COMMIT');
      return { dossierCode, citizenToken, replayed: false };
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

async function startEventsFromTimeline(deps: AppDeps, dossierCode: string): Promise<DossierEvent[]> {
  const { rows } = await deps.pool.query<{ event: DossierEvent }>(
    `SELECT jsonb_build_object('type', type, 'payload', payload, 'sequence', sequence) AS event FROM dossier_event
      WHERE dossier_code = $1 AND type IN ('dossier.received', 'dossier.refused', 'dossier.reception_supplement_requested') ORDER BY sequence LIMIT 1`,
    [dossierCode],
  );
  return rows.map((r) => r.event);
}

function receiptOf(input: StartDossierInput, plan: ReceptionPlan, events: DossierEvent[], citizenToken: string, replayed: boolean): SubmitDossierResponse {
  const received = events.find((e) => e.type === 'dossier.received');
  const supplement = events.find((e) => e.type === 'dossier.reception_supplement_requested');
  const refused = events.find((e) => e.type === 'dossier.refused');
  const self = `/dossiers/${input.dossierCode}`;
  return {
    dossierCode: input.dossierCode,
    outcome: received ? 'accepted' : supplement ? 'supplement_requested' : 'refused',
    statusCode: received ? 2 : supplement ? 5 : 3,
    procedure: { code: input.procedureCode, name: input.procedureName, version: String(input.procedure.version) },
    receivingUnit: { id: plan.unit.id, name: plan.unit.name },
    channel: input.channel,
    receivedAt: received?.payload.receivedAt ?? input.receivedAt,
    clockStartAt: received?.payload.clockStartAt ?? null,
    appointmentAt: received?.payload.appointmentAt ?? null,
    legalDueAt: received?.payload.legalDueAt ?? null,
    supplement: supplement ? { reason: supplement.payload.reason, missing: supplement.payload.missing, applicantDeadlineAt: supplement.payload.applicantDeadlineAt } : null,
    refusal: refused ? { reason: refused.payload.reason } : null,
    calendarVersion: input.calendarVersion,
    citizenToken,
    replayed,
    links: { self, receipt: `${self}/forms/${received ? '01' : supplement ? '02' : '03'}` },
  };
}

