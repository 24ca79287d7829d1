/**
 * Ten years of the Phúc Yên profile (over 616,000 dossiers) against the 30 s target: wall time,
 * events per second, CPU seconds, peak memory, the result's hash (the same seed must give the same
 * bytes), the calibration; and, measured in the same run, the baseline: the decider alone driving
 * shipped-catalogue dossiers one at a time (domain/simulation/synthetic-dossiers.ts), no queues.
 *
 *   npm run bench:simulate [-- YEARS THREADS PROFILE]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { planReception } from '../domain/reception/plan-reception';
import { startInputFor } from '../domain/reception/start-input';
import { seeded, simulateDossier } from '../domain/simulation/synthetic-dossiers';
import { runSimulation } from '../simulation/run-simulation';

const years = Number(process.argv[2] ?? 10);
const threads = Number(process.argv[3] ?? os.availableParallelism());
const profile = process.argv[4] ?? 'phuc-yen';
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

function baselineEventsPerSecond(dossiers = 4000): number {
  const catalog = loadShippedCatalog();
  const rnd = seeded(11);
  const codes = ['2.000815', '1.001193', '1.000894', '2.002621', '1.013831'];
  const inputs = Array.from({ length: dossiers }, (_, i) => {
    const receivedAtMs = Date.parse('2026-03-02T08:00:00+07:00') + i * 7 * 60_000;
    const plan = planReception(catalog, { procedureCode: codes[i % codes.length]!, receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', receivedAtMs });
    return startInputFor(plan, { dossierCode: `BASE-260302-${String(i + 1).padStart(6, '0')}`, channel: 'direct', applicantKey: 'ak_benchmarkapplicant01', receivedAtMs, reception: { outcome: 'accept' }, components: undefined, defaultCalendarVersion: 'vn-2026.1' });
  });
  for (const input of inputs.slice(0, 500)) simulateDossier(input, rnd); // warm-up
  const t0 = performance.now();
  let events = 0;
  for (const input of inputs) events += simulateDossier(input, rnd).length;
  return events / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  process.stdout.write(`simulate ${profile}, ${years} years, ${threads} thread(s); node ${process.version}, ${os.availableParallelism()} cores, load ${load()}\n`);
  const baseline = baselineEventsPerSecond();
  process.stdout.write(`baseline (the decider alone, one dossier at a time, one thread): ${Math.round(baseline).toLocaleString('en-US')} events/s\n`);
  const cpu0 = process.cpuUsage();
  const { result, timing } = await runSimulation({ profile, years, seed: 1 }, { threads });
  const cpu = process.cpuUsage(cpu0);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const hash = crypto.createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16);
  const wall = timing.wallMs / 1000;
  process.stdout.write(
    [
      `dossiers ${result.counts.dossiers.toLocaleString('en-US')}, events ${result.counts.events.toLocaleString('en-US')}, decisions ${result.counts.decisions.toLocaleString('en-US')}`,
      `wall ${wall.toFixed(1)} s (target 30 s: ${(wall / 30).toFixed(2)}× of it), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, peak RSS ${Math.round(rssMb)} MB (target 1024 MB)`,
      `events/s ${timing.eventsPerSecond.toLocaleString('en-US')} = ${(timing.eventsPerSecond / baseline).toFixed(2)}× the baseline`,
      `result sha256 ${hash} (the same seed gives the same hash)`,
      ...result.calibration.map((c) => `calibration ${c.within ? 'ok ' : 'OFF'} ${c.label}: report ${c.target}, simulated ${c.simulated} (${c.difference}${c.metric === 'received' ? '%' : ' points'}, tolerance ${c.tolerance})`),
      `load at the end ${load()}`,
    ].join('\n') + '\n',
  );
}

void main();
