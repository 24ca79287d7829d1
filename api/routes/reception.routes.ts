import { z } from 'zod';
import { RecordPaymentBody, ResubmitSupplementBody, ReturnResultBody, WithdrawDossierBody, CommandResponse } from '../../contracts/api/commands.contract';
import { DossierCodeParams, SubmitDossierRequest, SubmitDossierResponse } from '../../contracts/api/dossiers.contract';
import { ApplicantResponse, FormParams, FormResponse } from '../../contracts/api/forms.contract';
import { formData } from '../../app/forms';
import { actingUnit, sendCommand } from '../../app/send-command';
import { submitDossier } from '../../app/submit-dossier';
import { CommandHeaders, idempotency } from '../command-headers';
import { AppError } from '../../app/errors';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();

export function registerReceptionRoutes(app: ZodApp, deps: ApiDeps): void {
  app.post(
    '/dossiers',
    {
      config: { operationId: 'submitDossier' },
      schema: {
        ...routeSchema('submitDossier', {
          summary: 'Receive a dossier (tiếp nhận hồ sơ): answers with the receipt (Form 01, or the desk’s Form 02 / 03)',
          description: 'Send an `Idempotency-Key` header: a retried or concurrent submission with the same key answers with the same dossier, never a second one.',
          tags: ['reception'],
          ok: { 201: SubmitDossierResponse },
          codes: ['PROCEDURE_UNKNOWN', 'PROCEDURE_NOT_IN_FORCE', 'UNIT_UNKNOWN', 'UNIT_NOT_EFFECTIVE', 'UNIT_NOT_A_DESK', 'UNIT_NOT_RESOLVED', 'RECEIVED_AT_IN_FUTURE', 'INSTANT_OUTSIDE_CALENDAR', 'CALENDAR_RANGE_EXCEEDED', 'BACKFILL_NOT_ALLOWED', 'IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED', 'TEMPORAL_UNAVAILABLE', 'DATABASE_UNAVAILABLE'],
        }),
        body: SubmitDossierRequest,
        headers: IdempotencyHeaders,
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const res = await submitDossier(deps, req.principal!, req.body, typeof key === 'string' ? { idempotencyKey: key } : {});
      return reply.code(201).header('location', res.links.self).send(res);
    },
  );

  const deskCommand = <B extends z.ZodType>(
    url: string,
    operationId: 'resubmitSupplement' | 'recordPayment' | 'returnResult' | 'withdrawDossier',
    summary: string,
    body: B,
    codes: Parameters<typeof routeSchema>[1]['codes'],
    toCommand: (b: z.infer<B>, unitId: () => Promise<string>, officerId: string) => Promise<Parameters<typeof sendCommand>[2]>,
  ) =>
    app.post(
      url,
      { config: { operationId }, schema: { ...routeSchema(operationId, { summary, tags: ['reception'], ok: { 200: CommandResponse }, codes: [...(codes ?? []), 'DOSSIER_CLOSED', 'COMMAND_INVALID', 'COMMAND_TIMED_OUT', 'TEMPORAL_UNAVAILABLE', 'IDEMPOTENCY_KEY_INVALID'] }), params: DossierCodeParams, headers: CommandHeaders, body } },
      async (req) => {
        const p = req.principal!;
        const code = (req.params as { code: string }).code;
        const command = await toCommand(req.body as z.infer<B>, () => actingUnit(deps, p, ['reception'], code, {}), p.subject);
        return sendCommand(deps, code, command, idempotency(req));
      },
    );

  deskCommand('/dossiers/:code/supplement', 'resubmitSupplement', 'The applicant’s supplement, handed in at the desk (Form 02 answered: at reception or during processing)', ResubmitSupplementBody, ['NOT_AWAITING_SUPPLEMENT'], async (b) => ({ type: 'supplement.resubmit', componentsDigitised: b.componentsDigitised }));
  deskCommand('/dossiers/:code/payments', 'recordPayment', 'Record the applicant’s payment or the tax notice (financial obligation met)', RecordPaymentBody, ['NOT_AWAITING_PAYMENT'], async (b) => ({ type: 'payment.record', ...b }));
  deskCommand('/dossiers/:code/result-return', 'returnResult', 'Hand the result over to the applicant (status 10)', ReturnResultBody, ['RESULT_NOT_READY', 'RESULT_RETURNED_BY_TASK', 'UNIT_REQUIRED', 'UNIT_NOT_COVERED'], async (b, unit, officerId) => ({
    type: 'result.return',
    unitId: b.unitId ?? (await unit()),
    officerId,
    method: b.method,
    electronic: b.electronic,
  }));
  deskCommand('/dossiers/:code/withdraw', 'withdrawDossier', 'The applicant withdraws the dossier (status 7), recorded at the desk', WithdrawDossierBody, ['WITHDRAW_NOT_ALLOWED'], async (b) => ({ type: 'dossier.withdraw', reason: b.reason }));

  app.get(
    '/dossiers/:code/forms/:form',
    {
      config: { operationId: 'getForm' },
      schema: {
        ...routeSchema('getForm', { summary: 'The data of Form 01–05 for printing (personal data; every read is logged)', tags: ['reception', 'forms'], ok: { 200: FormResponse }, codes: ['FORM_NOT_AVAILABLE', 'APPLICANT_NOT_FOUND', 'TEMPORAL_UNAVAILABLE'] }),
        params: FormParams,
      },
    },
    async (req) => {
      const roles = req.dossierRoles ?? [];
      return formData(deps, req.params.code, req.params.form, { includeCitizenToken: roles.includes('reception') || roles.includes('admin') });
    },
  );

  app.get(
    '/dossiers/:code/applicant',
    {
      config: { operationId: 'getApplicant' },
      schema: { ...routeSchema('getApplicant', { summary: 'The applicant’s personal data (every read is logged)', tags: ['reception', 'department'], ok: { 200: ApplicantResponse }, codes: ['APPLICANT_NOT_FOUND'] }), params: DossierCodeParams },
    },
    async (req) => {
      const a = await deps.applicants.read(req.params.code);
      if (!a) throw new AppError('APPLICANT_NOT_FOUND', `no applicant data is kept for ${req.params.code}`);
      return { dossierCode: req.params.code, fullName: a.fullName, idNumber: a.idNumber, phone: a.phone ?? null, address: a.address ?? null, email: a.email ?? null };
    },
  );
}
