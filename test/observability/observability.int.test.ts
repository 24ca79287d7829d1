import fs from 'node:fs';
import path from 'node:path';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { AN, NGOC } from '../support/applicants';
import { ARTIFACTS_DIR } from '../support/browser';
import { isolatedEngineEnv, spawnCollected, submitAndFinish, type Spawned } from '../support/engine-process';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { dropDatabase, requireStackEnv } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(300_000);

const PROCESSES = ['temporal-worker', 'reporting-consumer', 'api'] as const;

/** One sample of a Prometheus text exposition: the value of the first series of `name` whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string | RegExp> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => (typeof v === 'string' ? got[k] === v : v.test(got[k] ?? '')))) return Number(m[3]);
  }
  return undefined;
}

/**
 * `npm start` as an operator runs it, with an OTLP endpoint configured (a tiny receiver here), and
 * `motcua demo` against it, beside a dossier played to its end over HTTP and one received three weeks
 * ago, whose deadlines have passed; then each process's /metrics (scraped while the demo runs and
 * after it), the trace of an officer's command, and the log lines (the first one of each process is
 * kept in test-results/ for the README).
 */
describe('logs, metrics and traces of a real run', () => {
  const stack = requireStackEnv();
  let engine: Awaited<ReturnType<typeof isolatedEngineEnv>>;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let start: Spawned;
  const metricsUrl: Record<string, string> = {};
  const scrape = async (p: (typeof PROCESSES)[number]) => (await fetch(metricsUrl[p]!)).text();
  let duringDemo: Record<(typeof PROCESSES)[number], string>;
  let demoSummary: { dossiers?: number; byFinalStatus?: Record<string, number> };

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    engine = await isolatedEngineEnv();
    // spans leave each process within 200 ms instead of the default 5 s
    const env = { ...engine.env, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200', MOTCUA_LOG_LEVEL: 'info' };
    start = spawnCollected(process.execPath, [path.join(REPO_ROOT, 'bin', 'motcua.js'), 'start'], env, REPO_ROOT);
    await start.waitFor(/motcua is running/, 'the engine to start');
    for (const p of PROCESSES) {
      const m = new RegExp(`(http://127\\.0\\.0\\.1:\\d+/metrics) \\(${p}\\)`).exec(start.output());
      if (!m) throw new Error(`npm start printed no metrics address for ${p}:\n${start.output()}`);
      metricsUrl[p] = m[1]!;
    }
    await start.waitFor(/"name":"temporal-worker"[^\n]*"msg":"polling task queue/, 'the worker polling');

    const demo = spawnCollected(process.execPath, [path.join(REPO_ROOT, 'bin', 'motcua.js'), 'demo', '--dossiers', '3', '--api', engine.apiUrl, '--timeout', '240'], env, REPO_ROOT);
    const demoExit = new Promise<number | null>((r) => demo.child.once('exit', (code) => r(code)));
    // the demo's first commands reached the API and the consumers: scrape every process while it plays on
    await waitUntil(async () => ((sample(await scrape('api'), 'motcua_api_commands_total', { operation: 'claimTask', code: 'OK' }) ?? 0) > 0 ? true : undefined), 'the demo\'s first claim', 120_000);
    const scrapes = await Promise.all(PROCESSES.map(async (p) => [p, await scrape(p)] as const));
    expect(demo.child.exitCode).toBeNull();
    duringDemo = Object.fromEntries(scrapes) as typeof duringDemo;
    await submitAndFinish(engine.apiUrl, engine.dataDir);
    const desk = await issueDevToken(engine.dataDir, { roles: ['reception'], units: ['pt.p-phuc-yen.ttphcc'], subject: 'desk-1', ttlSeconds: 600, audience: 'motcua' });
    const late = await fetch(`${engine.apiUrl}/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk}` },
      body: JSON.stringify({ procedureCode: '1.001193', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString(), applicant: NGOC }),
    });
    expect(late.status).toBe(201);
    if ((await demoExit) !== 0) throw new Error(`motcua demo failed:\n${demo.output()}`);
    demoSummary = JSON.parse(demo.output().trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '{}') as typeof demoSummary;
  });

  afterAll(async () => {
    await start?.stop('SIGINT');
    await otlp?.close();
    if (engine) {
      await dropDatabase(stack.databaseUrl, engine.dbName);
      fs.rmSync(engine.dataDir, { recursive: true, force: true });
    }
  });

  it('while the demo runs, every process serves its series: the API\'s, the consumers\', the Temporal worker\'s', () => {
    expect(sample(duringDemo.api, 'motcua_http_request_duration_seconds_count', { method: 'POST', route: '/dossiers', status_code: '201' })).toBeGreaterThanOrEqual(1);
    expect(sample(duringDemo.api, 'motcua_api_commands_total', { operation: 'claimTask', code: 'OK' })).toBeGreaterThanOrEqual(1);
    expect(sample(duringDemo['reporting-consumer'], 'motcua_consumer_events_applied_total', { group: /reporting\.task-inbox$/ })).toBeGreaterThan(0);
    expect(sample(duringDemo['reporting-consumer'], 'motcua_consumer_lag', { group: /reporting\.sla-board$/ })).toBeGreaterThanOrEqual(0);
    expect(sample(duringDemo['reporting-consumer'], 'motcua_sla_alerts_total', { kind: /^(warning|breached|escalated|form04_drafted)$/ })).toBeGreaterThanOrEqual(0);
    expect(sample(duringDemo['temporal-worker'], 'temporal_workflow_task_execution_latency_count')).toBeGreaterThan(0);
    // and the demo itself ran to its end: every dossier it submitted reached a final status
    expect(demoSummary.dossiers).toBe(3);
    expect(Object.values(demoSummary.byFinalStatus ?? {}).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('every process serves /metrics: the API, consumer, SLA and Temporal worker series', async () => {
    const api = await scrape('api');
    expect(sample(api, 'motcua_http_request_duration_seconds_count', { method: 'POST', route: '/dossiers', status_code: '201' })).toBeGreaterThanOrEqual(2);
    expect(sample(api, 'motcua_http_request_duration_seconds_bucket', { route: '/dossiers/:code/tasks/:taskId/complete', status_code: '200', le: '+Inf' })).toBeGreaterThanOrEqual(1);
    expect(sample(api, 'motcua_api_commands_total', { operation: 'submitDossier', code: 'OK' })).toBeGreaterThanOrEqual(2);
    expect(sample(api, 'motcua_api_commands_total', { operation: 'completeTask', code: 'OK' })).toBeGreaterThanOrEqual(1);
    expect(sample(api, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    // the late dossier's breaches reach the alert log (the sla-board group), counted by kind
    const consumer = await waitUntil(async () => {
      const text = await scrape('reporting-consumer');
      return (sample(text, 'motcua_sla_alerts_total', { kind: 'breached' }) ?? 0) + (sample(text, 'motcua_sla_alerts_total', { kind: 'breached', scope: 'step' }) ?? 0) > 0 ? text : undefined;
    }, 'the breaches counted by the consumer', 60_000);
    for (const group of ['dossier-summary', 'task-inbox', 'register', 'sla-board', 'statistics']) {
      expect(sample(consumer, 'motcua_consumer_lag', { group: new RegExp(`reporting\\.${group}$`), partition: '0' })).toBeGreaterThanOrEqual(0);
      expect(sample(consumer, 'motcua_consumer_events_applied_total', { group: new RegExp(`reporting\\.${group}$`) })).toBeGreaterThan(0);
      expect(sample(consumer, 'motcua_consumer_dead_letters_total', { group: new RegExp(`reporting\\.${group}$`) })).toBe(0);
    }
    expect(sample(consumer, 'motcua_consumer_lag_up')).toBe(1);

    // the SDK runtime's own exporter, served on the worker's /metrics beside Node's series
    const worker = await scrape('temporal-worker');
    expect(sample(worker, 'temporal_workflow_task_execution_latency_count')).toBeGreaterThan(0);
    expect(sample(worker, 'temporal_local_activity_total', { activity_type: 'publishDossierEvents' })).toBeGreaterThan(0);
    expect(sample(worker, 'temporal_request')).toBeGreaterThan(0);
    expect(sample(worker, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('an officer\'s command is one trace: the request, the workflow update, the publish and every consumer group\'s apply', async () => {
    const trace = await waitUntil(async () => {
      const http = otlp.spans.find((s) => s.service === 'motcua-api' && s.name === 'POST /dossiers/:code/tasks/:taskId/complete');
      if (!http) return undefined;
      const spans = otlp.spans.filter((s) => s.traceId === http.traceId);
      return spans.filter((s) => s.name.startsWith('apply ')).length >= 5 ? { http, spans } : undefined;
    }, 'the spans of a completed task from the three processes', 60_000);
    const one = (service: string, name: string | RegExp): ReceivedSpan => {
      const found = trace.spans.filter((s) => s.service === service && (typeof name === 'string' ? s.name === name : name.test(s.name)));
      if (found.length === 0) throw new Error(`no ${service} span ${String(name)} in the trace: ${trace.spans.map((s) => `${s.service}/${s.name}`).join(', ')}`);
      return found[0]!;
    };
    const update = one('motcua-api', 'StartWorkflowUpdate:dossierCommand');
    const handle = one('motcua-temporal-worker', 'HandleUpdate:dossierCommand');
    const schedule = one('motcua-temporal-worker', 'StartActivity:publishDossierEvents');
    const run = one('motcua-temporal-worker', 'RunActivity:publishDossierEvents');
    const publish = one('motcua-temporal-worker', /^publish .*dossier-events\.v1$/);
    const applies = trace.spans.filter((s) => s.service === 'motcua-reporting-consumer' && s.name.startsWith('apply '));

    expect(trace.http.parentSpanId).toBeUndefined();
    expect(update.parentSpanId).toBe(trace.http.spanId);
    expect(handle.parentSpanId).toBe(update.spanId);
    expect(schedule.parentSpanId).toBe(update.spanId);
    expect(run.parentSpanId).toBe(schedule.spanId);
    expect(publish.parentSpanId).toBe(run.spanId);
    expect(String(publish.attributes['motcua.event_ids'])).toMatch(/^[A-Z0-9.-]+:\d+(,[A-Z0-9.-]+:\d+)*$/);
    expect(applies.map((s) => String(s.attributes['messaging.consumer.group.name']).replace(/^.*reporting\./, '')).sort()).toEqual(['dossier-summary', 'register', 'sla-board', 'statistics', 'task-inbox']);
    for (const a of applies) expect(a.parentSpanId).toBe(publish.spanId);
  });

  it('every process logs one JSON format, with the request id and the dossier code, and no personal data', () => {
    const lines = start
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{"level"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of PROCESSES) {
      const own = lines.filter((l) => l.name === p);
      expect(own.length).toBeGreaterThan(0);
      for (const l of own) expect(l).toEqual(expect.objectContaining({ level: expect.stringMatching(/^(trace|debug|info|warn|error|fatal)$/), time: expect.any(String), msg: expect.any(String) }));
    }
    const completed = lines.find((l) => l.name === 'api' && l.msg === 'request completed' && l.route === '/dossiers/:code/tasks/:taskId/complete');
    expect(completed).toEqual(expect.objectContaining({ reqId: expect.any(String), dossierCode: expect.stringMatching(/^[A-Z0-9.-]+-\d{6}-\d{4}$/), statusCode: 200 }));
    expect(lines.find((l) => l.name === 'temporal-worker' && String(l.msg).startsWith('polling task queue'))).toEqual(expect.objectContaining({ tracing: true }));
    for (const secret of [AN.idNumber, AN.fullName, NGOC.idNumber, NGOC.fullName]) expect(start.output()).not.toContain(secret);
    // one line of each process, as the README shows them
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const firstOf = (p: string, msg: RegExp) => lines.find((l) => l.name === p && msg.test(String(l.msg)));
    const shown = [firstOf('temporal-worker', /^polling task queue/), firstOf('reporting-consumer', /^(?!metrics on)/) ?? firstOf('reporting-consumer', /./), completed].map((l) => JSON.stringify(l));
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'log-lines.jsonl'), `${shown.join('\n')}\n`);
  });
});
