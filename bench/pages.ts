/**
 * `npm run bench:pages [-- DOSSIERS RUNS]` (needs `npx motcua stack up`): every page's first contentful
 * paint and the moment its data is on screen (the page's `motcua:data` mark), in Debian's Chromium,
 * with the read models empty (the baseline) and then holding DOSSIERS simulated dossiers (default
 * 10,000; a quarter of them left open, so inboxes and the SLA board are full). Each load is a fresh
 * browser context (cold cache); the median of RUNS loads (default 5) is printed, with the ratio to the baseline.
 */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { PROJECTION_GROUPS } from '../projections/groups';
import { applyBatch } from '../projections/projection-consumer';
import type { DossierEvent } from '../contracts/events';
import { ApiDriver, DESK, WARD } from '../test/support/api-driver';
import { AN } from '../test/support/applicants';
import { goto, launchChromium, openContext } from '../test/support/browser';
import { EngineHarness } from '../test/support/engine-harness';
import { stackContext, stackEnv } from '../infra/stack/stack';
import { benchEnv, percentile, simulatedDecisions } from './support';

interface PageCase {
  name: string;
  path: string;
  token: string | undefined;
}

interface Timing {
  fcp: number;
  data: number;
}

async function measure(browser: Browser, base: string, c: PageCase, runs: number): Promise<{ fcp: number; data: number }> {
  const samples: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await openContext(browser, c.token ? { token: c.token } : {});
    try {
      await goto(ctx.page, `${base}${c.path}`);
      const t = (await ctx.page.evaluate(`new Promise((resolve) => {
        const read = () => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, data: performance.getEntriesByName('motcua:data')[0]?.startTime });
        const r = read();
        if (r.fcp !== undefined) return resolve(r);
        new PerformanceObserver(() => resolve(read())).observe({ type: 'paint', buffered: true });
      })`)) as Timing;
      samples.push(t);
    } finally {
      await ctx.context.close();
    }
  }
  const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
  return { fcp: med(samples.map((s) => s.fcp)), data: med(samples.map((s) => s.data)) };
}

/** Simulated dossiers straight into the read models (the projections' own apply, as the consumers run it). */
async function loadReadModels(h: EngineHarness, dossiers: number): Promise<number> {
  const all = simulatedDecisions(dossiers, 29);
  const events: DossierEvent[] = [];
  all.forEach((decisions, i) => {
    // every fourth dossier stops halfway: open tasks, overdue steps, an SLA board to fill
    const keep = i % 4 === 0 ? decisions.slice(0, Math.max(2, Math.floor(decisions.length / 2))) : decisions;
    for (const d of keep) events.push(...d);
  });
  for (let i = 0; i < events.length; i += 5000) {
    const batch = events.slice(i, i + 5000);
    await Promise.all(PROJECTION_GROUPS.map((g) => applyBatch(h.pool, g.projections, batch)));
  }
  return events.length;
}

async function main() {
  const dossiers = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 5);
  benchEnv();
  // the engine harness reads the stack's addresses from the environment, as under `npm test`
  Object.assign(process.env, { ...stackEnv(stackContext()), ...process.env });
  const [h, browser] = await Promise.all([EngineHarness.start({}, {}), launchChromium()]);
  try {
    const api = new ApiDriver(h);
    const reception = await h.token({ roles: ['reception'], units: [DESK], sub: 'le-tan', expiresIn: 3600 });
    const officer = await h.token({ roles: ['officer'], units: [DESK], sub: 'can-bo', expiresIn: 3600 });
    const supervisor = await h.token({ roles: ['supervisor'], units: [WARD], sub: 'giam-sat', expiresIn: 3600 });
    const analyst = await h.token({ roles: ['analyst'], units: [WARD], sub: 'phan-tich', expiresIn: 3600 });
    const { code } = await api.received(reception, { applicant: AN });
    await api.complete(officer, code, 'tiep-nhan');
    await api.status(reception, code, 4);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const cases: PageCase[] = [
      { name: 'home (sign-in)', path: '/ui/', token: undefined },
      { name: 'desk', path: '/ui/desk', token: reception },
      { name: 'inbox', path: `/ui/inbox?unit=${DESK}`, token: officer },
      { name: 'dossier', path: `/ui/dossier/${code}`, token: reception },
      { name: 'form 01', path: `/ui/forms/${code}/01`, token: reception },
      { name: 'form 06', path: `/ui/forms/${code}/06`, token: reception },
      { name: 'board', path: '/ui/board', token: supervisor },
      { name: 'statistics', path: `/ui/statistics?from=${year}-01-01&to=${year}-12-31&by=unit&period=month`, token: analyst },
      { name: 'register (07)', path: `/ui/register?unit=${DESK}&from=2026-03-01&to=2026-03-31`, token: reception },
      { name: 'citizen lookup', path: '/ui/lookup', token: undefined },
    ];
    // one load each first, so the server's and Chromium's first-use costs do not land in the baseline
    for (const c of cases) await measure(browser, h.base, c, 1);
    const baseline = new Map<string, { fcp: number; data: number }>();
    for (const c of cases) baseline.set(c.name, await measure(browser, h.base, c, runs));
    const t0 = Date.now();
    const events = await loadReadModels(h, dossiers);
    const { rows } = await h.pool.query<{ n: string }>('SELECT count(*) AS n FROM dossier_register');
    process.stdout.write(`bench:pages: ${rows[0]!.n} dossiers in the read models (${events} events applied by every projection group in ${((Date.now() - t0) / 1000).toFixed(0)} s); median of ${runs} cold loads per page, Chromium ${browser.version()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores\n`);
    process.stdout.write(`${'page'.padEnd(16)} ${'FCP empty'.padStart(10)} ${`FCP ${dossiers}`.padStart(11)} ${'ratio'.padStart(6)} ${'data empty'.padStart(11)} ${`data ${dossiers}`.padStart(12)} ${'ratio'.padStart(6)}\n`);
    const out: Array<Record<string, unknown>> = [];
    for (const c of cases) {
      const full = await measure(browser, h.base, c, runs);
      const b = baseline.get(c.name)!;
      out.push({ page: c.name, fcpEmptyMs: Math.round(b.fcp), fcpMs: Math.round(full.fcp), dataEmptyMs: Math.round(b.data), dataMs: Math.round(full.data) });
      process.stdout.write(
        `${c.name.padEnd(16)} ${`${b.fcp.toFixed(0)} ms`.padStart(10)} ${`${full.fcp.toFixed(0)} ms`.padStart(11)} ${(full.fcp / b.fcp).toFixed(2).padStart(6)} ${`${b.data.toFixed(0)} ms`.padStart(11)} ${`${full.data.toFixed(0)} ms`.padStart(12)} ${(full.data / b.data).toFixed(2).padStart(6)}\n`,
      );
    }
    process.stdout.write(`${JSON.stringify({ bench: 'pages', dossiers, runs, pages: out })}\n`);
  } finally {
    await browser.close();
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:pages: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
