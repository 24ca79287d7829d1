import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { Catalog } from '../../contracts/catalog.contract';
import { CodecPayloads } from '../../contracts/api/operations.contract';
import { CalendarVersionSummary } from '../../contracts/api/admin.contract';
import { listCalendarVersions, getCalendar } from '../../domain/calendar/calendar-registry';
import { EncryptionCodec } from '../../infra/temporal/encryption-codec';
import { AppError } from '../../app/errors';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

const b64 = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('base64') : undefined);
const fromJson = (p: CodecPayloads['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data !== undefined ? Buffer.from(p.data, 'base64') : undefined,
});
const toJson = (p: Payload) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v) ?? ''])), ...(p.data ? { data: b64(p.data) } : {}) });

export function registerAdminRoutes(app: ZodApp, deps: ApiDeps): void {
  const tags = ['admin'];
  app.get('/admin/catalog', { config: { operationId: 'getCatalog' }, schema: routeSchema('getCatalog', { summary: 'The catalogue in force: organisation units and procedures', tags, ok: { 200: Catalog } }) }, async (_req, reply) =>
    reply.header('x-catalog-revision', String(deps.catalogSource.revision())).send(deps.catalog()),
  );
  app.put(
    '/admin/catalog',
    {
      config: { operationId: 'putCatalog' },
      schema: {
        ...routeSchema('putCatalog', {
          summary: 'Publish a catalogue, validated exactly as `motcua catalog validate` (422 lists every issue)',
          tags,
          ok: { 200: z.object({ revision: z.number().int(), catalogVersion: z.string() }) },
          codes: ['CATALOG_INVALID'],
        }),
        // the whole document is checked by the catalogue's own validator, issues by procedure and version
        body: z.record(z.string(), z.unknown()),
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    async (req) => deps.catalogSource.write(req.body, req.principal!.subject),
  );
  app.get('/admin/units', { config: { operationId: 'listUnits' }, schema: routeSchema('listUnits', { summary: 'Organisation units (effective-dated, with successors)', tags, ok: { 200: z.object({ units: Catalog.shape.units }) } }) }, async () => ({
    units: deps.catalog().units,
  }));
  app.get(
    '/admin/calendars',
    { config: { operationId: 'listCalendars' }, schema: routeSchema('listCalendars', { summary: 'Working-calendar versions (immutable; a dossier keeps the one it was received under)', tags, ok: { 200: z.object({ versions: z.array(CalendarVersionSummary), default: z.string() }) } }) },
    async () => ({
      default: deps.calendarVersion,
      versions: listCalendarVersions().map((v) => {
        const c = getCalendar(v);
        return { version: v, fromYear: c.fromYear, toYear: c.toYear, officialYears: [...c.officialYears].sort(), weeklyRestDays: [...c.weeklyRestDays] };
      }),
    }),
  );

  // Temporal's codec-server protocol, for the Temporal UI ("Codec Server endpoint") and `temporal --codec-endpoint`
  const codec = deps.keyring ? new EncryptionCodec(deps.keyring) : undefined;
  const codecRoute = (op: 'codecEncode' | 'codecDecode', verb: 'encode' | 'decode') =>
    app.post(
      `/codec/${verb}`,
      { config: { operationId: op }, schema: { ...routeSchema(op, { summary: `Temporal codec server: ${verb} payloads (admin)`, tags, ok: { 200: CodecPayloads }, codes: ['NOT_READY'] }), body: CodecPayloads } },
      async (req) => {
        if (!codec) throw new AppError('NOT_READY', 'payload encryption is off: there is nothing to decode');
        const payloads = req.body.payloads.map(fromJson);
        const out = verb === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
        return { payloads: out.map(toJson) };
      },
    );
  codecRoute('codecEncode', 'encode');
  codecRoute('codecDecode', 'decode');
  app.options('/codec/:verb', { config: { operationId: 'codecPreflight' }, schema: { hide: true } }, async (_req, reply) => reply.code(204).send());
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/codec/')) return;
    const origin = req.headers.origin;
    if (origin && deps.codecCorsOrigins.includes(origin)) {
      reply.header('access-control-allow-origin', origin).header('vary', 'origin').header('access-control-allow-credentials', 'true');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace').header('access-control-allow-methods', 'POST, OPTIONS');
    }
  });
}
