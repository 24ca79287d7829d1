import type { FastifyInstance } from 'fastify';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DossierCodeParams, SubmitDossierRequest, type DossierSummaryResponse, type SubmitDossierResponse } from '../../contracts/api/dossiers.contract';
import { isDomainError } from '../../domain/domain-error';
import { DEFAULT_CALENDAR_VERSION } from '../../domain/calendar/calendar-registry';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { planReception } from '../../domain/reception/plan-reception';
import { startInputFor } from '../../domain/reception/start-input';
import { dossierStateQuery } from '../../workflows/messages';
import { applicantKey } from '../applicant-key';
import { allocateDossierCode } from '../dossier-code';
import { problem, sendProblem, validationProblem } from '../problem';
import type { ApiDeps } from '../server';

const DOMAIN_STATUS: Record<string, number> = {
  PROCEDURE_UNKNOWN: 422,
  PROCEDURE_NOT_IN_FORCE: 422,
  UNIT_UNKNOWN: 422,
  UNIT_NOT_EFFECTIVE: 422,
};

export function registerDossierRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const now = deps.now ?? Date.now;

  app.post('/dossiers', async (req, reply) => {
    const body = SubmitDossierRequest.safeParse(req.body);
    if (!body.success) return sendProblem(reply, validationProblem(body.error, 'request body'), req.url);
    const r = body.data;
    const receivedAtMs = r.receivedAt ? Date.parse(r.receivedAt) : now();
    let plan;
    try {
      plan = planReception(deps.catalog, { procedureCode: r.procedureCode, receivingUnitId: r.receivingUnitId, channel: r.channel, receivedAtMs });
    } catch (err) {
      if (isDomainError(err)) return sendProblem(reply, problem(DOMAIN_STATUS[err.code] ?? 422, err.code, 'The dossier cannot be received', err.message), req.url);
      throw err;
    }
    const dossierCode = await allocateDossierCode(deps.pool, plan.unit.id, receivedAtMs);
    const input = startInputFor(plan, {
      dossierCode,
      channel: r.channel,
      applicantKey: applicantKey(r.applicant.idNumber, deps.applicantKeySecret),
      receivedAtMs,
      reception: r.reception,
      components: r.components,
      defaultCalendarVersion: deps.calendarVersion ?? DEFAULT_CALENDAR_VERSION,
    });
    try {
      await deps.temporal.workflow.start('dossierWorkflow', { workflowId: dossierCode, taskQueue: deps.taskQueue, args: [input] });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return sendProblem(reply, problem(409, 'DOSSIER_EXISTS', 'Dossier code already in use', dossierCode), req.url);
      throw err;
    }
    const res: SubmitDossierResponse = {
      dossierCode,
      procedureVersion: String(input.procedure.version),
      calendarVersion: input.calendarVersion,
      links: { self: `/dossiers/${dossierCode}` },
    };
    return reply.code(202).header('location', res.links.self).send(res);
  });

  app.get('/dossiers/:code', async (req, reply) => {
    const params = DossierCodeParams.safeParse(req.params);
    if (!params.success) return sendProblem(reply, validationProblem(params.error, 'dossier code'), req.url);
    const code = params.data.code;
    const { rows } = await deps.pool.query('SELECT * FROM dossier_summary WHERE dossier_code = $1', [code]);
    const row = rows[0];
    if (row) {
      const res: DossierSummaryResponse = {
        dossierCode: row.dossier_code,
        procedureCode: row.procedure_code,
        unitId: row.unit_id,
        channel: row.channel,
        statusCode: row.status_code,
        receivedAt: formatLocalIso(row.received_at.getTime()),
        appointmentAt: row.due_at ? formatLocalIso(row.due_at.getTime()) : null,
        calendarVersion: row.calendar_version,
        lastEventId: row.last_event_id,
        lastEventType: row.last_event_type,
        updatedAt: formatLocalIso(row.updated_at.getTime()),
        source: 'read-model',
      };
      return res;
    }
    // the projection lags the workflow by a moment; answer from the workflow rather than deny a dossier we just accepted
    try {
      const state = await deps.temporal.workflow.getHandle(code).query(dossierStateQuery);
      const res: DossierSummaryResponse = {
        dossierCode: code,
        procedureCode: state.input.procedureCode,
        unitId: state.input.unitId,
        channel: state.input.channel,
        statusCode: state.statusCode,
        receivedAt: state.input.receivedAt,
        appointmentAt: state.ledger ? formatLocalIso(state.ledger.committedDueMs) : null,
        calendarVersion: state.input.calendarVersion,
        lastEventId: `${code}:${state.sequence}`,
        lastEventType: state.lastEventType ?? 'none',
        updatedAt: formatLocalIso(state.lastEventAt ?? Date.parse(state.input.receivedAt)),
        source: 'workflow',
      };
      return res;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    return sendProblem(reply, problem(404, 'DOSSIER_NOT_FOUND', 'No such dossier', code), req.url);
  });
}
