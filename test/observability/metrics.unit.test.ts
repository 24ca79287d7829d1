import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { createApiMetrics, installHttpMetrics } from '../../api/http-metrics';
import { PROBLEM_CONTENT_TYPE } from '../../api/problem';
import { createLogger } from '../../infra/observability/log';
import type { DossierEvent } from '../../contracts/events';
import { createConsumerMetrics } from '../../workers/consumer-metrics';

const value = async (registry: Registry, name: string, labels: Record<string, string>): Promise<number | undefined> => {
  // a histogram's _count and _bucket values sit under the histogram's own name
  const all = await registry.getMetricsAsJSON();
  const metric = all.find((m) => m.name === name) ?? all.find((m) => String(m.type) === 'histogram' && name.startsWith(`${m.name}_`));
  const v = (metric?.values as Array<{ labels: Record<string, string | number>; value: number; metricName?: string }> | undefined)?.find(
    (x) => (x.metricName ?? name) === name && Object.entries(labels).every(([k, l]) => String(x.labels[k]) === l),
  );
  return v?.value;
};

describe('API metrics', () => {
  const registry = new Registry();
  const app = Fastify({ logger: false });
  installHttpMetrics(app, createApiMetrics(registry));
  app.get('/dossiers/:code', { config: { operationId: 'getDossier' } }, async () => ({ ok: true }));
  app.post('/dossiers/:code/tasks/:taskId/complete', { config: { operationId: 'completeTask' } }, async (req, reply) => {
    if ((req.params as { taskId: string }).taskId === 'stale') return reply.code(409).type(PROBLEM_CONTENT_TYPE).send({ status: 409, code: 'TASK_VERSION_STALE', title: 'stale' });
    return { sequence: 3 };
  });
  app.post('/public/lookup', { config: { operationId: 'citizenLookup' } }, async () => ({ found: false }));

  beforeAll(async () => {
    // a real listener (light-my-request's inject pulls an ECMAScript-only module Jest does not load)
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const [method, url] of [
      ['GET', '/dossiers/PY-1'],
      ['GET', '/dossiers/PY-2'],
      ['POST', '/dossiers/PY-1/tasks/a/complete'],
      ['POST', '/dossiers/PY-1/tasks/stale/complete'],
      ['POST', '/public/lookup'],
      ['GET', '/no/such/route/12345'],
    ] as const) {
      await (await fetch(`${base}${url}`, { method })).text();
    }
  });
  afterAll(() => app.close());

  it('times requests by route template and status, never by the URL itself', async () => {
    expect(await value(registry, 'motcua_http_request_duration_seconds_count', { method: 'GET', route: '/dossiers/:code', status_code: '200' })).toBe(2);
    expect(await value(registry, 'motcua_http_request_duration_seconds_count', { route: '/dossiers/:code/tasks/:taskId/complete', status_code: '409' })).toBe(1);
    expect(await value(registry, 'motcua_http_request_duration_seconds_count', { route: '(unmatched)', status_code: '404' })).toBe(1);
    expect(await registry.metrics()).not.toContain('12345');
  });

  it('counts commands by operation and outcome: OK, or the problem\'s error code; reads are not commands', async () => {
    expect(await value(registry, 'motcua_api_commands_total', { operation: 'completeTask', code: 'OK' })).toBe(1);
    expect(await value(registry, 'motcua_api_commands_total', { operation: 'completeTask', code: 'TASK_VERSION_STALE' })).toBe(1);
    expect(await value(registry, 'motcua_api_commands_total', { operation: 'citizenLookup' })).toBeUndefined();
    expect(await value(registry, 'motcua_api_commands_total', { operation: 'getDossier' })).toBeUndefined();
  });
});

describe('consumer metrics', () => {
  const log = createLogger('test', { level: 'silent' });
  const sla = (type: string, scope: string, seq: number) => ({ id: `PY-1:${seq}`, type, sequence: seq, dossierCode: 'PY-1', payload: { scope } }) as unknown as DossierEvent;

  it('serves lag per group and partition as Kafka answers at the scrape, and says when it cannot', async () => {
    const registry = new Registry();
    let fail = false;
    createConsumerMetrics({
      registry,
      groupIds: ['g.reporting.sla-board'],
      countsSlaAlerts: true,
      log,
      lags: async () => {
        if (fail) throw new Error('broker down');
        return [{ groupId: 'g.reporting.sla-board', topic: 't', partition: 2, committed: 5, high: 12, lag: 7 }];
      },
    });
    expect(await value(registry, 'motcua_consumer_lag', { group: 'g.reporting.sla-board', partition: '2' })).toBe(7);
    expect(await value(registry, 'motcua_consumer_lag_up', {})).toBe(1);
    fail = true;
    expect(await value(registry, 'motcua_consumer_lag', { group: 'g.reporting.sla-board' })).toBeUndefined();
    expect(await value(registry, 'motcua_consumer_lag_up', {})).toBe(0);
  });

  it('asks Kafka once per scrape for both the lag and whether it could be read', async () => {
    const registry = new Registry();
    let asked = 0;
    createConsumerMetrics({ registry, groupIds: ['g.a'], countsSlaAlerts: false, log, lags: async () => (asked++, [{ groupId: 'g.a', topic: 't', partition: 0, committed: 1, high: 1, lag: 0 }]) });
    const text = await registry.metrics();
    expect(text).toMatch(/^motcua_consumer_lag_up 1$/m);
    expect(text).toMatch(/^motcua_consumer_lag\{[^}]*group="g\.a"[^}]*\} 0$/m);
    expect(asked).toBe(1);
    await registry.metrics();
    expect(asked).toBe(2);
  });

  it('counts applied events and dead letters per group, and SLA alerts by kind only as the alert log applies them', async () => {
    const registry = new Registry();
    const m = createConsumerMetrics({ registry, groupIds: ['g.a', 'g.b'], countsSlaAlerts: true, log, lags: async () => [] });
    expect(await value(registry, 'motcua_consumer_events_applied_total', { group: 'g.b' })).toBe(0);
    expect(await value(registry, 'motcua_sla_alerts_total', { kind: 'breached', scope: 'dossier' })).toBe(0);
    m.batch('g.a', { applied: 5, deadLettered: 1 });
    m.batch('g.a', { applied: 2, deadLettered: 0 });
    m.applied('sla-alert-log', [sla('sla.breached', 'dossier', 4), sla('sla.warning', 'step', 5), sla('task.completed', 'step', 6)]);
    // another projection applying the same events counts nothing: one alert is one alert
    m.applied('sla-board', [sla('sla.breached', 'dossier', 4)]);
    expect(await value(registry, 'motcua_consumer_events_applied_total', { group: 'g.a' })).toBe(7);
    expect(await value(registry, 'motcua_consumer_dead_letters_total', { group: 'g.a' })).toBe(1);
    expect(await value(registry, 'motcua_sla_alerts_total', { kind: 'breached', scope: 'dossier' })).toBe(1);
    expect(await value(registry, 'motcua_sla_alerts_total', { kind: 'warning', scope: 'step' })).toBe(1);
  });
});
