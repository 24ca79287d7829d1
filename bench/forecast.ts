/**
 * The breach forecast over 10,000 open dossiers against the 5 s target: a live workload is built by
 * simulating the two-tier province with four times its arrivals for four weeks, then the forecast
 * (rebuild every dossier through the decider, measure the units, 20 Monte-Carlo runs) is timed on one
 * thread, the default, and on all of them (one thread is the baseline of that ratio, same run).
 *
 *   npm run bench:forecast [-- DAYS ARRIVAL_FACTOR]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { componentEngine } from '../domain/simulation/world';
import { liveDossierFromState, measureServiceRates, type CompletedTask, type LiveDossier } from '../domain/simulation/live-state';
import { forecastLive } from '../simulation/forecast-parallel';
import { prepareRun } from '../simulation/prepare-run';

const days = Number(process.argv[2] ?? 21);
const factor = Number(process.argv[3] ?? 4);
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

async function main(): Promise<void> {
  process.stdout.write(`forecast bench: node ${process.version}, ${os.availableParallelism()} cores, load ${load()}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-forecast-'));
  const policy = path.join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ schemaVersion: 'simulation-policy/v1', name: `arrivals ×${factor}`, changes: [{ kind: 'arrivals', factor }] }));
  const c = prepareRun({ profile: 'phu-tho', policy, years: 1, seed: 1 }).compiled;
  const now = c.fromMs + days * 86_400_000;
  const t0 = performance.now();
  const lives: LiveDossier[] = [];
  const completions: CompletedTask[] = [];
  for (const k of c.components) {
    const e = componentEngine(c, k, {
      seed: 1,
      sink: {
        events(d, events) {
          for (const ev of events) {
            if (ev.type !== 'task.completed') continue;
            if (d.state.input.procedure.steps.find((s) => s.id === ev.payload.stepId)?.kind === 'result_return') continue;
            completions.push({ unitId: ev.payload.unitId, officerId: ev.payload.officerId, finishedAt: Date.parse(ev.payload.completedAt), consumedWorkingMinutes: ev.payload.consumedWorkingMinutes });
          }
        },
        ended() {},
      },
    });
    e.run(now);
    for (const d of e.liveDossiers()) {
      const l = liveDossierFromState(d.state);
      if (l) lives.push(l);
    }
  }
  process.stdout.write(`live workload: ${lives.length.toLocaleString('en-US')} open dossiers after ${days} days of Phú Thọ at ×${factor} arrivals (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  const rates = measureServiceRates(completions.filter((x) => x.finishedAt >= now - 14 * 86_400_000), c.calendar);
  const time = async (threads: number) => {
    const t = performance.now();
    const r = await forecastLive(lives, c.catalog, rates, { now, calendarVersion: c.calendar.version, horizonWorkingMinutes: 480, runs: 20, seed: 1, threads });
    return { ms: performance.now() - t, r };
  };
  const one = await time(1);
  const all = await time(os.availableParallelism());
  const same = JSON.stringify(one.r.forecast) === JSON.stringify(all.r.forecast);
  const risk = all.r.forecast.dossiers.filter((d) => d.status === 'at_risk');
  process.stdout.write(
    [
      `forecast (one thread, the default): ${(one.ms / 1000).toFixed(2)} s, target 5 s: ${(one.ms / 5000).toFixed(2)}× of it`,
      `${os.availableParallelism()} threads: ${(all.ms / 1000).toFixed(2)} s, ${(one.ms / all.ms).toFixed(2)}× as fast as one thread (the baseline, same run); same forecast: ${same}`,
      `${risk.length} dossiers due within a working day, ${risk.filter((d) => d.probability >= 0.5).length} at 50% or more; ${all.r.failed.length} not rebuilt`,
      `load at the end ${load()}`,
    ].join('\n') + '\n',
  );
}

void main();
