import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FormPdfParams } from '../../contracts/api/pages.contract';
import { AppError } from '../../app/errors';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

/** Where this server answers, for the headless browser that renders its own print page. */
function selfBase(req: FastifyRequest): string {
  const addr = req.server.server.address();
  if (!addr || typeof addr === 'string') throw new AppError('NOT_READY', 'the server address is unknown');
  const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return `http://${host}:${addr.port}`;
}

export function registerFormPdfRoutes(app: ZodApp, deps: ApiDeps): void {
  app.get(
    '/dossiers/:code/forms/:form/pdf',
    {
      config: { operationId: 'getFormPdf' },
      schema: {
        ...routeSchema('getFormPdf', {
          summary: 'Form 01–05 as a PDF (A4), rendered by headless Chromium from the print page (personal data; every read is logged)',
          description: 'The print page reads GET /dossiers/{code}/forms/{form} with the caller’s own token, so the form read is checked and logged as for the page. 503 NOT_READY when no Chromium is installed (MOTCUA_CHROMIUM_PATH).',
          tags: ['reception', 'forms'],
          ok: { 200: z.string().describe('application/pdf') },
          codes: ['FORM_NOT_AVAILABLE', 'APPLICANT_NOT_FOUND', 'NOT_READY', 'TEMPORAL_UNAVAILABLE'],
        }),
        params: FormPdfParams,
      },
    },
    async (req, reply) => {
      if (!deps.pdf) throw new AppError('NOT_READY', 'PDF rendering is not configured');
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new AppError('TOKEN_MISSING', 'send Authorization: Bearer <token>');
      const { code, form } = req.params;
      const pdf = await deps.pdf.render(`${selfBase(req)}/ui/forms/${code}/${form}?pdf=1`, token);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="mau-${form}-${code}.pdf"`).header('cache-control', 'no-store').send(pdf);
    },
  );
}
