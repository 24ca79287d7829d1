import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { LookupRequest, LookupResponse } from '../../contracts/api/citizen.contract';
import { CitizenComplaintBody, CitizenRatingBody, CitizenSupplementBody, CitizenTokenHeaders, CommandResponse } from '../../contracts/api/commands.contract';
import { DossierCodeParams } from '../../contracts/api/dossiers.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import type { OperationId } from '../../app/access/access-policy';
import { citizenCommand, lookupDossier } from '../../app/citizen';
import { AppError, type ErrorCode } from '../../app/errors';
import type { ApiDeps } from '../api-deps';
import { RateLimiter } from '../rate-limiter';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

/** The citizen's pages: phone-sized, public, rate-limited per client and per dossier code. */
export function registerCitizenRoutes(app: ZodApp, deps: ApiDeps): void {
  const tags = ['citizen'];
  const perClient = new RateLimiter(deps.rateLimits.lookupPerClientPerMinute, 60_000);
  const perCode = new RateLimiter(deps.rateLimits.lookupPerCodePerHour, 3_600_000);
  const commandsPerClient = new RateLimiter(deps.rateLimits.citizenPerClientPerMinute, 60_000);
  const limit = (l: RateLimiter, key: string, what: string) => {
    const wait = l.hit(key);
    if (wait !== undefined) throw new AppError('RATE_LIMITED', `too many ${what}; try again in ${wait} s`, { retryAfterSeconds: wait });
  };

  app.post(
    '/public/lookup',
    {
      config: { operationId: 'citizenLookup' },
      schema: {
        ...routeSchema('citizenLookup', {
          summary: 'Look a dossier up by the code on the receipt and the last 4 digits of the ID number',
          description: 'The same 404 answers "no such dossier" and "wrong digits". Limited per client and per dossier code (429 with Retry-After).',
          tags,
          ok: { 200: LookupResponse },
          codes: ['LOOKUP_NOT_FOUND', 'RATE_LIMITED'],
        }),
        body: LookupRequest,
      },
    },
    async (req) => {
      limit(perClient, req.ip, 'lookups from this client');
      limit(perCode, req.body.dossierCode, 'lookups of this dossier');
      return lookupDossier(deps, req.body.dossierCode, req.body.idLast4);
    },
  );

  const withToken = <B extends z.ZodType>(verb: string, operationId: OperationId, summary: string, body: B, codes: ErrorCode[], toCommand: (b: z.infer<B>) => DossierCommandInput) =>
    app.post(
      `/public/dossiers/:code/${verb}`,
      {
        config: { operationId },
        schema: {
          ...routeSchema(operationId, { summary, tags, ok: { 200: CommandResponse }, codes: ['CITIZEN_TOKEN_INVALID', 'RATE_LIMITED', 'DOSSIER_CLOSED', 'COMMAND_TIMED_OUT', 'TEMPORAL_UNAVAILABLE', ...codes] }),
          params: DossierCodeParams,
          headers: CitizenTokenHeaders,
          body,
          security: [{ dossierToken: [] }],
        },
      },
      async (req: FastifyRequest) => {
        limit(commandsPerClient, req.ip, 'requests from this client');
        const code = (req.params as { code: string }).code;
        const token = req.headers['x-dossier-token'];
        return citizenCommand(deps, code, typeof token === 'string' ? token : undefined, toCommand(req.body as z.infer<B>));
      },
    );

  withToken('supplement', 'citizenSupplement', 'Hand in the documents a supplement request (Form 02) asked for, online', CitizenSupplementBody, ['NOT_AWAITING_SUPPLEMENT'], (b) => ({ type: 'supplement.resubmit', componentsDigitised: b.componentsDigitised }));
  withToken('rating', 'citizenRate', 'Rate your satisfaction once the result is returned', CitizenRatingBody, ['RESULT_NOT_RETURNED'], (b) => ({ type: 'dossier.rate', score: b.score }));
  withToken('complaints', 'citizenComplain', 'File a complaint or feedback about the dossier', CitizenComplaintBody, ['NOT_RECEIVED'], (b) => ({ type: 'dossier.complain', category: b.category, reference: b.reference }));
}
