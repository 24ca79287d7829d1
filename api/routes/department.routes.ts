import type { z } from 'zod';
import {
  ClaimTaskBody,
  CommandResponse,
  CompleteTaskBody,
  ExtendDossierBody,
  ReassignTaskBody,
  RequestPaymentBody,
  RequestSupplementBody,
  ReturnTaskBody,
  StopDossierBody,
  TaskParams,
  TransferTaskBody,
} from '../../contracts/api/commands.contract';
import { DossierCodeParams } from '../../contracts/api/dossiers.contract';
import { InboxQuery, InboxResponse, UnitParams } from '../../contracts/api/reads.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import type { OperationId } from '../../app/access/access-policy';
import type { ErrorCode } from '../../app/errors';
import { unitInbox } from '../../app/inbox';
import { actingUnit, sendCommand } from '../../app/send-command';
import { CommandHeaders, idempotency } from '../command-headers';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

const TASK_CODES: ErrorCode[] = ['IDEMPOTENCY_KEY_INVALID', 'TASK_UNKNOWN', 'TASK_NOT_ASSIGNED_TO_UNIT', 'TASK_VERSION_STALE', 'TASK_NOT_OPEN', 'TASK_CLAIMED_BY_OTHER', 'DOSSIER_PAUSED', 'DOSSIER_CLOSED', 'UNIT_REQUIRED', 'UNIT_NOT_COVERED', 'COMMAND_INVALID', 'COMMAND_TIMED_OUT', 'TEMPORAL_UNAVAILABLE'];

interface Officer {
  unitId: string;
  officerId: string;
}

export function registerDepartmentRoutes(app: ZodApp, deps: ApiDeps): void {
  app.get(
    '/units/:unitId/inbox',
    {
      config: { operationId: 'getInbox' },
      schema: {
        ...routeSchema('getInbox', { summary: 'A unit’s hand-off tasks (all open, mine, unassigned, due soon, overdue), earliest due first', tags: ['department'], ok: { 200: InboxResponse }, codes: ['CURSOR_INVALID'] }),
        params: UnitParams,
        querystring: InboxQuery,
      },
    },
    async (req) => unitInbox(deps, req.principal!, req.params.unitId, req.query),
  );

  /** One officer command: the acting unit and officer come from the token, the rest from the body. */
  const taskCommand = <B extends z.ZodType<{ taskVersion: number; unitId?: string | undefined }>>(
    verb: string,
    operationId: OperationId,
    summary: string,
    body: B,
    codes: ErrorCode[],
    toCommand: (b: z.infer<B>, taskId: string, o: Officer) => DossierCommandInput,
  ) =>
    app.post(
      `/dossiers/:code/tasks/:taskId/${verb}`,
      { config: { operationId }, schema: { ...routeSchema(operationId, { summary, tags: ['department'], ok: { 200: CommandResponse }, codes: [...TASK_CODES, ...codes] }), params: TaskParams, headers: CommandHeaders, body } },
      async (req) => {
        const { code, taskId } = req.params as z.infer<typeof TaskParams>;
        const b = req.body as z.infer<B>;
        const p = req.principal!;
        const unitId = await actingUnit(deps, p, req.dossierRoles ?? [], code, { taskId, ...(b.unitId !== undefined ? { requested: b.unitId } : {}) });
        return sendCommand(deps, code, toCommand(b, taskId, { unitId, officerId: p.subject }), idempotency(req));
      },
    );

  taskCommand('claim', 'claimTask', 'Claim a task (nhận xử lý): it becomes yours', ClaimTaskBody, [], (b, taskId, o) => ({ type: 'task.claim', taskId, taskVersion: b.taskVersion, ...o }));
  taskCommand('complete', 'completeTask', 'Complete a task: the dossier moves to the next step (hand-off) or its result', CompleteTaskBody, [], (b, taskId, o) => ({
    type: 'task.complete',
    taskId,
    taskVersion: b.taskVersion,
    ...o,
    outcome: b.outcome,
    ...(b.note !== undefined ? { note: b.note } : {}),
  }));
  taskCommand('return', 'returnTask', 'Send the work back to an earlier step', ReturnTaskBody, ['RETURN_NOT_ALLOWED', 'RETURN_FROM_FIRST_STEP', 'RETURN_TARGET_NOT_PREVIOUS', 'STEP_NOT_FOUND'], (b, taskId, o) => ({
    type: 'task.return',
    taskId,
    taskVersion: b.taskVersion,
    ...o,
    reason: b.reason,
    ...(b.toStepId !== undefined ? { toStepId: b.toStepId } : {}),
  }));
  taskCommand('transfer', 'transferTask', 'Move a task to another unit (its clock runs on)', TransferTaskBody, ['TRANSFER_TO_SAME_UNIT'], (b, taskId, o) => ({ type: 'task.transfer', taskId, taskVersion: b.taskVersion, ...o, toUnitId: b.toUnitId, reason: b.reason }));
  taskCommand('reassign', 'reassignTask', 'Give a task to another officer of the unit (unit head)', ReassignTaskBody, [], (b, taskId, o) => ({ type: 'task.reassign', taskId, taskVersion: b.taskVersion, ...o, toOfficerId: b.toOfficerId }));
  taskCommand('supplement-request', 'requestSupplement', 'Ask the applicant for missing documents (Form 02): the clock pauses as the procedure says', RequestSupplementBody, ['SUPPLEMENT_NOT_ALLOWED', 'SUPPLEMENT_DEADLINE_IN_PAST'], (b, taskId, o) => ({
    type: 'supplement.request',
    taskId,
    taskVersion: b.taskVersion,
    ...o,
    reason: b.reason,
    missing: b.missing,
    ...(b.applicantDeadlineAt !== undefined ? { applicantDeadlineAt: b.applicantDeadlineAt } : {}),
  }));
  taskCommand('payment-request', 'requestPayment', 'Ask for the financial obligation (status 6): the clock pauses until it is met', RequestPaymentBody, ['PAYMENT_NOT_ALLOWED', 'PAYMENT_NOT_APPLICABLE'], (b, taskId, o) => ({
    type: 'payment.request',
    taskId,
    taskVersion: b.taskVersion,
    ...o,
    kind: b.kind,
    amountVnd: b.amountVnd,
  }));

  const dossierCommand = <B extends z.ZodType<{ unitId?: string | undefined }>>(verb: string, operationId: OperationId, summary: string, body: B, codes: ErrorCode[], toCommand: (b: z.infer<B>, o: Officer) => DossierCommandInput) =>
    app.post(
      `/dossiers/:code/${verb}`,
      { config: { operationId }, schema: { ...routeSchema(operationId, { summary, tags: ['department'], ok: { 200: CommandResponse }, codes: ['DOSSIER_CLOSED', 'UNIT_NOT_RESPONSIBLE', 'UNIT_REQUIRED', 'UNIT_NOT_COVERED', 'COMMAND_INVALID', 'COMMAND_TIMED_OUT', 'TEMPORAL_UNAVAILABLE', ...codes] }), params: DossierCodeParams, headers: CommandHeaders, body } },
      async (req) => {
        const code = (req.params as { code: string }).code;
        const b = req.body as z.infer<B>;
        const p = req.principal!;
        const unitId = await actingUnit(deps, p, req.dossierRoles ?? [], code, b.unitId !== undefined ? { requested: b.unitId } : {});
        return sendCommand(deps, code, toCommand(b, { unitId, officerId: p.subject }), idempotency(req));
      },
    );

  dossierCommand('extend', 'extendDossier', 'Apologise and set a new appointment (Form 04), before the current one', ExtendDossierBody, ['EXTENSION_NOT_ALLOWED', 'EXTENSION_AFTER_DUE', 'EXTENSION_NOT_LATER'], (b, o) => ({
    type: 'dossier.extend',
    ...o,
    reason: b.reason,
    newAppointmentAt: b.newAppointmentAt,
  }));
  dossierCommand('stop', 'stopDossier', 'Stop processing (Form 05, status 8)', StopDossierBody, ['STOP_NOT_ALLOWED'], (b, o) => ({ type: 'dossier.stop', ...o, reason: b.reason }));
}
