import { z } from 'zod';
import { UnitParams } from '../../contracts/api/reads.contract';
import type { InboxStreamMessage } from '../../contracts/api/pages.contract';
import type { InboxListener } from '../inbox-change-hub';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

/** The inbox pages' live list: a colleague claims a task, a hand-off arrives, a task leaves. */
export function registerInboxStreamRoutes(app: ZodApp, deps: ApiDeps): void {
  app.get(
    '/units/:unitId/inbox/stream',
    {
      config: { operationId: 'streamInbox' },
      schema: {
        ...routeSchema('streamInbox', {
          summary: 'A unit’s inbox changes live (server-sent events `inbox-ready`, then `inbox-change`; data: InboxStreamMessage)',
          description: 'Read the inbox (GET /units/{unitId}/inbox) on every `inbox-ready`: it is sent once the stream listens and again whenever changes may have been missed, so a client that does misses nothing. No Last-Event-ID: the inbox is state, re-read on reconnecting.',
          tags: ['department'],
          ok: { 200: z.string().describe('text/event-stream') },
          codes: ['NOT_READY', 'DATABASE_UNAVAILABLE'],
        }),
        params: UnitParams,
      },
    },
    async (req, reply) => {
      const hub = deps.inboxChanges;
      if (!hub) return reply.code(503).type('application/problem+json').send({ type: 'about:blank', title: 'Inbox stream not configured', status: 503, code: 'NOT_READY' });
      const unitId = req.params.unitId;
      const frame = (event: string, data: InboxStreamMessage) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      const toFrame: (ev: Parameters<InboxListener>[0]) => string = (ev) => (ev.kind === 'resync' ? frame('inbox-ready', { unitId, changes: [] }) : frame('inbox-change', { unitId, changes: ev.changes }));
      // listening before the first frame: a client that reads the inbox on `inbox-ready` misses no change
      const early: string[] = [];
      let res: typeof reply.raw | undefined;
      const unsubscribe = await hub.subscribe(unitId, (ev) => (res ? res.write(toFrame(ev)) : early.push(toFrame(ev))));
      reply.hijack();
      res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 3000\n\n${frame('inbox-ready', { unitId, changes: [] })}`);
      for (const f of early) res.write(f);
      const heartbeat = setInterval(() => res?.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
