import { DossierCodeParams } from '../../contracts/api/dossiers.contract';
import { ConsumptionResponse, DossierView, EventsQuery, EventsResponse, LedgerResponse, SlipResponse } from '../../contracts/api/reads.contract';
import { dossierConsumption, dossierLedger, dossierSlip, dossierTimeline, dossierView } from '../../app/read-dossier';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

/** The dossier page's data: head and open tasks, timeline, Form 06, the deadline ledger, time per unit. */
export function registerDossierRoutes(app: ZodApp, deps: ApiDeps): void {
  const tags = ['dossier'];
  app.get(
    '/dossiers/:code',
    { config: { operationId: 'getDossier' }, schema: { ...routeSchema('getDossier', { summary: 'The dossier: status, dates, open tasks, its Form 07 row', tags, ok: { 200: DossierView }, codes: ['TEMPORAL_UNAVAILABLE'] }), params: DossierCodeParams } },
    async (req) => dossierView(deps, req.params.code),
  );
  app.get(
    '/dossiers/:code/events',
    { config: { operationId: 'getDossierEvents' }, schema: { ...routeSchema('getDossierEvents', { summary: 'Every event of the dossier, in order (the timeline)', tags, ok: { 200: EventsResponse } }), params: DossierCodeParams, querystring: EventsQuery } },
    async (req) => dossierTimeline(deps, req.params.code, req.query),
  );
  app.get(
    '/dossiers/:code/slip',
    { config: { operationId: 'getDossierSlip' }, schema: { ...routeSchema('getDossierSlip', { summary: 'Form 06: one row per hand-off with its result (early, on time, late)', tags, ok: { 200: SlipResponse } }), params: DossierCodeParams } },
    async (req) => dossierSlip(deps, req.params.code),
  );
  app.get(
    '/dossiers/:code/ledger',
    {
      config: { operationId: 'getDossierLedger' },
      schema: { ...routeSchema('getDossierLedger', { summary: 'The deadline ledger: every date and the rule that moved it (holiday, make-up day, cut-off, pause, extension)', tags, ok: { 200: LedgerResponse }, codes: ['LEDGER_NOT_AVAILABLE', 'TEMPORAL_UNAVAILABLE'] }), params: DossierCodeParams },
    },
    async (req) => dossierLedger(deps, req.params.code),
  );
  app.get(
    '/dossiers/:code/consumption',
    {
      config: { operationId: 'getDossierConsumption' },
      schema: { ...routeSchema('getDossierConsumption', { summary: 'Working time each unit consumed against its allotment', tags, ok: { 200: ConsumptionResponse }, codes: ['TEMPORAL_UNAVAILABLE'] }), params: DossierCodeParams },
    },
    async (req) => dossierConsumption(deps, req.params.code),
  );
}
