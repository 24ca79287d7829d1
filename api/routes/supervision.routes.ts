import { z } from 'zod';
import { PeriodGranularity, StatisticsGrouping, StatisticsRow, IndicatorsReport } from '../../contracts/api/statistics.contract';
import { RegisterQuery, RegisterResponse, SlaAlertMessage, SlaAlertsQuery, SlaBoardQuery, SlaBoardResponse, SlaBoardUnitsQuery, SlaBoardUnitsResponse } from '../../contracts/api/reads.contract';
import { indicatorsReport, register, registerCsv, slaBoard, slaBoardUnits, statisticsCsv, statisticsReport } from '../../app/supervision';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
const StatisticsQuery = z
  .object({ from: LocalDate, to: LocalDate, by: StatisticsGrouping.default('total'), period: PeriodGranularity.default('month'), unitId: z.string().min(1).max(128).optional(), format: z.enum(['json', 'csv']).default('json') })
  .strict();
const IndicatorsQuery = z.object({ from: LocalDate, to: LocalDate, unitId: z.string().min(1).max(128).optional() }).strict();
const csvName = (what: string) => `attachment; filename="${what}-${new Date().toISOString().slice(0, 10)}.csv"`;

export function registerSupervisionRoutes(app: ZodApp, deps: ApiDeps): void {
  const tags = ['supervision'];
  app.get(
    '/sla-board',
    { config: { operationId: 'getSlaBoard' }, schema: { ...routeSchema('getSlaBoard', { summary: 'Dossiers and steps about to miss or past their deadline, earliest due first', tags, ok: { 200: SlaBoardResponse }, codes: ['CURSOR_INVALID'] }), querystring: SlaBoardQuery } },
    async (req) => slaBoard(deps, req.scopeUnits!, req.query),
  );
  app.get(
    '/sla-board/units',
    { config: { operationId: 'getSlaBoardUnits' }, schema: { ...routeSchema('getSlaBoardUnits', { summary: 'Due-soon and overdue counts per unit', tags, ok: { 200: SlaBoardUnitsResponse } }), querystring: SlaBoardUnitsQuery } },
    async (req) => slaBoardUnits(deps, req.scopeUnits!),
  );
  app.get(
    '/sla-alerts/stream',
    {
      config: { operationId: 'streamSlaAlerts' },
      schema: {
        ...routeSchema('streamSlaAlerts', {
          summary: 'SLA alerts live (server-sent events `sla-alert`, data: SlaAlertMessage), resumable with Last-Event-ID',
          tags,
          ok: { 200: z.string().describe('text/event-stream') },
        }),
        querystring: SlaAlertsQuery,
      },
    },
    async (req, reply) => {
      const hub = deps.alerts;
      if (!hub) return reply.code(503).type('application/problem+json').send({ type: 'about:blank', title: 'Alert stream not configured', status: 503, code: 'NOT_READY' });
      const units = req.scopeUnits!;
      const unitSet = new Set(units);
      const header = req.headers['last-event-id'];
      const resumeFrom = typeof header === 'string' && /^\d{1,18}$/.test(header) ? Number(header) : undefined;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 3000\n\n');
      const send = (msgs: SlaAlertMessage[]) => {
        for (const m of msgs) {
          if (!unitSet.has(m.unitId) && !(m.supervisorUnitId && unitSet.has(m.supervisorUnitId))) continue;
          res.write(`id: ${m.id}\nevent: sla-alert\ndata: ${JSON.stringify(m)}\n\n`);
        }
      };
      // subscribe first, then catch up: an alert between the two arrives twice (same id), never not at all
      const queued: SlaAlertMessage[][] = [];
      let live = false;
      const unsubscribe = hub.subscribe((msgs) => (live ? send(msgs) : queued.push(msgs)));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      const backlog = resumeFrom !== undefined ? await hub.backlog(resumeFrom, units) : [];
      send(backlog);
      const seen = backlog.at(-1)?.id ?? resumeFrom ?? (await hub.latestId());
      for (const msgs of queued) send(msgs.filter((m) => m.id > seen));
      live = true;
    },
  );
  app.get(
    '/register',
    {
      config: { operationId: 'getRegister' },
      schema: { ...routeSchema('getRegister', { summary: 'Form 07, the dossier register, newest first (format=csv for a spreadsheet)', tags, ok: { 200: RegisterResponse }, codes: ['CURSOR_INVALID', 'PERIOD_INVALID'] }), querystring: RegisterQuery },
    },
    async (req, reply) => {
      const { format, unitId: _unit, ...q } = req.query;
      if (format === 'csv') {
        const { limit: _limit, cursor: _cursor, ...filters } = q;
        const csv = await registerCsv(deps, req.scopeUnits!, filters);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', csvName('so-theo-doi-ho-so')).serializer((p: unknown) => p as string).send(csv);
      }
      return register(deps, req.scopeUnits!, q);
    },
  );
  app.get(
    '/statistics',
    {
      config: { operationId: 'getStatistics' },
      schema: {
        ...routeSchema('getStatistics', { summary: 'The figures a PAR report quotes, per period and unit or procedure (from and to inclusive; format=csv)', tags, ok: { 200: z.object({ rows: z.array(StatisticsRow) }) }, codes: ['PERIOD_INVALID'] }),
        querystring: StatisticsQuery,
      },
    },
    async (req, reply) => {
      const rows = await statisticsReport(deps, req.scopeUnits!, req.query);
      if (req.query.format === 'csv') {
        const csv = statisticsCsv(rows);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', csvName('thong-ke')).serializer((p: unknown) => p as string).send(csv);
      }
      return { rows };
    },
  );
  app.get(
    '/indicators',
    { config: { operationId: 'getIndicators' }, schema: { ...routeSchema('getIndicators', { summary: 'Decision 766 indicators with their points (from and to inclusive)', tags, ok: { 200: IndicatorsReport }, codes: ['PERIOD_INVALID'] }), querystring: IndicatorsQuery } },
    async (req) => indicatorsReport(deps, req.scopeUnits!, req.query),
  );
}
