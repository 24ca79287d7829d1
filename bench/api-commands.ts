/**
 * Officer commands through the HTTP API (token check, update, answer) against the same command
 * sent straight to the workflow as a Temporal update, in one run; and dossiers per second with the
 * payload codec on and off, alternated so drift hits both. One JSON line per figure.
 *
 *   npx motcua stack up && npm run bench:api [-- RATE SECONDS]
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { stackContext, stackEnv } from '../infra/stack/stack';
import { dossierCommandUpdate } from '../workflows/messages';
import { AN } from '../test/support/applicants';
import { DESK, VHXH, WARD } from '../test/support/api-driver';
import { EngineHarness } from '../test/support/engine-harness';
import { benchEnv, percentile } from './support';

const RATE = Number(process.argv[2] ?? 20);
const SECONDS = Number(process.argv[3] ?? 30);
const STEPS = ['tiep-nhan#1', 'tham-dinh#1', 'ky#1', 'tra-ket-qua#1'];

const out = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 0.5)), p95: round(percentile(s, 0.95)), p99: round(percentile(s, 0.99)), max: round(s.at(-1) ?? 0) };
};
const round = (x: number) => Math.round(x * 10) / 10;

interface Engine {
  h: EngineHarness;
  reception: string;
  officer: string;
}

async function engine(encryption: 'on' | 'off'): Promise<Engine> {
  const h = await EngineHarness.start({ MOTCUA_PAYLOAD_ENCRYPTION: encryption });
  return {
    h,
    reception: await h.token({ roles: ['reception'], units: [DESK], sub: 'bench-desk', expiresIn: 7200 }),
    officer: await h.token({ roles: ['officer'], units: [DESK, VHXH, WARD], sub: 'bench-officer', expiresIn: 7200 }),
  };
}

async function submit(e: Engine): Promise<string> {
  const r = await e.h.http<{ dossierCode: string }>('POST', '/dossiers', { token: e.reception, body: { procedureCode: '1.001193', receivingUnitId: DESK, channel: 'direct', applicant: AN } });
  if (r.status !== 201) throw new Error(`submit: ${r.status} ${r.text}`);
  return r.body.dossierCode;
}

/** Completes a fresh task (version 0: worked straight from the inbox) over HTTP; returns the latency. */
async function completeHttp(e: Engine, code: string, taskId: string): Promise<number> {
  const t0 = performance.now();
  const r = await e.h.http('POST', `/dossiers/${code}/tasks/${encodeURIComponent(taskId)}/complete`, { token: e.officer, body: { taskVersion: 0 } });
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`complete ${taskId}: ${r.status} ${r.text}`);
  return ms;
}

/** The same command as a Temporal update from this process: what the API adds is the difference. */
async function completeDirect(e: Engine, code: string, taskId: string, unitId: string): Promise<number> {
  const t0 = performance.now();
  await e.h.api.deps.temporal.workflow.getHandle(code).executeUpdate(dossierCommandUpdate, { args: [{ type: 'task.complete', taskId, taskVersion: 0, unitId, officerId: 'bench-officer' }] });
  return performance.now() - t0;
}

const UNIT_OF: Record<string, string> = { 'tiep-nhan#1': DESK, 'tham-dinh#1': VHXH, 'ky#1': WARD, 'tra-ket-qua#1': DESK };

/** Open loop at `rate` commands/s for `seconds`: each dossier's next command starts once its previous answered. */
async function openLoop(e: Engine, rate: number, seconds: number, send: (code: string, taskId: string) => Promise<number>): Promise<number[]> {
  const latencies: number[] = [];
  const ready: Array<{ code: string; step: number }> = [];
  const total = Math.ceil(rate * seconds);
  // enough dossiers that a command never waits for its dossier's previous one
  for (let i = 0; i < Math.ceil(total / STEPS.length) + 8; i++) ready.push({ code: await submit(e), step: 0 });
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const d = ready.shift();
    if (!d) break;
    inFlight.push(
      send(d.code, STEPS[d.step]!).then((ms) => {
        latencies.push(ms);
        if (d.step + 1 < STEPS.length) ready.push({ code: d.code, step: d.step + 1 });
      }),
    );
  }
  await Promise.all(inFlight);
  return latencies;
}

/** Closed loop: `concurrency` clients each submit a dossier and complete its four steps, for `seconds`. */
async function closedLoop(e: Engine, concurrency: number, seconds: number): Promise<{ dossiersPerSecond: number; commandsPerSecond: number; latencies: number[] }> {
  const end = performance.now() + seconds * 1000;
  let dossiers = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const code = await submit(e);
        for (const s of STEPS) latencies.push(await completeHttp(e, code, s));
        dossiers++;
      }
    }),
  );
  return { dossiersPerSecond: round(dossiers / seconds), commandsPerSecond: round((dossiers * (STEPS.length + 1)) / seconds), latencies };
}

async function main() {
  benchEnv();
  // the harness reads the stack's addresses from the environment, as the test runner sets them
  Object.assign(process.env, { ...stackEnv(stackContext()), ...process.env });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const load = (await import('node:os')).loadavg().map((x) => round(x));
  out({ bench: 'api-commands', rate: RATE, seconds: SECONDS, loadAverage: load });

  const on = await engine('on');
  const off = await engine('off');
  try {
    // warm both (bundles, connections, JIT)
    await closedLoop(on, 2, 3);
    await closedLoop(off, 2, 3);

    const viaApi = await openLoop(on, RATE, SECONDS, (code, taskId) => completeHttp(on, code, taskId));
    const direct = await openLoop(on, RATE, SECONDS, (code, taskId) => completeDirect(on, code, taskId, UNIT_OF[taskId]!));
    const a = stats(viaApi);
    const b = stats(direct);
    out({ figure: 'officer command latency at a fixed rate (ms)', rate: RATE, api: a, directUpdate: b, ratioP50: round(a.p50 / b.p50), ratioP99: round(a.p99 / b.p99), targetP99Ms: 100, meetsTarget: a.p99 < 100 });

    let best = { concurrency: 0, commandsPerSecond: 0, latencies: [] as number[], dossiersPerSecond: 0 };
    for (const c of [2, 4, 8, 16]) {
      const r = await closedLoop(on, c, SECONDS / 2);
      out({ figure: 'closed loop through the API', concurrency: c, dossiersPerSecond: r.dossiersPerSecond, commandsPerSecond: r.commandsPerSecond, commandLatency: stats(r.latencies) });
      if (r.commandsPerSecond > best.commandsPerSecond) best = { concurrency: c, ...r };
    }
    out({ figure: 'maximum sustained rate (commands/s through the API)', concurrency: best.concurrency, commandsPerSecond: best.commandsPerSecond, dossiersPerSecond: best.dossiersPerSecond, commandLatency: stats(best.latencies) });

    // the codec's cost: the same closed loop with encryption on and off, alternated
    const rounds: Array<{ on: number; off: number }> = [];
    for (let i = 0; i < 3; i++) {
      const x = await closedLoop(on, best.concurrency, SECONDS / 3);
      const y = await closedLoop(off, best.concurrency, SECONDS / 3);
      rounds.push({ on: x.dossiersPerSecond, off: y.dossiersPerSecond });
    }
    const sum = (k: 'on' | 'off') => rounds.reduce((s, r) => s + r[k], 0);
    out({ figure: 'payload codec cost (dossiers/s, same run, alternated)', concurrency: best.concurrency, rounds, encrypted: round(sum('on') / rounds.length), plain: round(sum('off') / rounds.length), ratio: round(sum('on') / sum('off') * 100) / 100 });
  } finally {
    await on.h.close();
    await off.h.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench:api: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
