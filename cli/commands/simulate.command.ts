import path from 'node:path';
import type { Command } from 'commander';
import { isDomainError } from '../../domain/domain-error';
import { comparePolicy, type PolicyComparison } from '../../simulation/compare-policy';
import { writeReport } from '../../simulation/render/report-files';
import { prepareRun } from '../../simulation/prepare-run';
import { runSimulation, type RunOutcome } from '../../simulation/run-simulation';
import type { SimulationResult } from '../../simulation/simulation-result';
import { CliError } from '../program';
import { progressBar } from '../simulate/progress-bar';

const positiveInt = (name: string, v: string, max = Number.MAX_SAFE_INTEGER): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new CliError(`${name} must be an integer from 1 to ${max}, got ${v}`);
  return Number(v);
};

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const n = (v: number | null | undefined, suffix = '') => (v === null || v === undefined ? '–' : `${v.toLocaleString('en-US')}${suffix}`);

function printSummary(r: SimulationResult, out: (line: string) => void): void {
  out(`${r.profile.name}: ${r.profile.years} years from ${r.profile.start}, seed ${r.profile.seed}${r.profile.policy ? `, policy ${r.profile.policy}` : ''}`);
  out(`  ${n(r.counts.dossiers)} dossiers, ${n(r.counts.events)} events, ${n(r.counts.decisions)} decisions${Object.keys(r.counts.rejected).length ? `, rejected ${JSON.stringify(r.counts.rejected)}` : ''}`);
  const ind = new Map(r.indicators.byUnit.map((i) => [i.unitId, i]));
  out(`  ${pad('receiving unit', 36)}${lpad('received', 10)}${lpad('finished', 10)}${lpad('completed', 11)}${lpad('on time', 9)}${lpad('766 2.1', 9)}${lpad('points', 8)}`);
  for (const s of [...r.statistics.byUnit, { ...r.statistics.total, unitId: '(all)' }]) {
    const i = s.unitId === '(all)' ? r.indicators.total : ind.get(s.unitId);
    out(`  ${pad(s.unitId ?? '', 36)}${lpad(n(s.received.new), 10)}${lpad(n(s.finished.total), 10)}${lpad(n(s.completionRate.percent, '%'), 11)}${lpad(n(s.onTimeRate.percent, '%'), 9)}${lpad(n(i?.indicators.find((x) => x.code === '2.1')?.value, '%'), 9)}${lpad(n(i?.points), 8)}`);
  }
  for (const c of r.calibration) out(`  calibration ${c.within ? 'ok ' : 'OFF'} ${c.label}: report ${n(c.target)}, simulated ${n(c.simulated)} (${c.difference !== null && c.difference > 0 ? '+' : ''}${n(c.difference)}${c.metric === 'received' ? '%' : ' points'}, tolerance ${c.tolerance})`);
}

function printComparison(c: PolicyComparison, out: (line: string) => void): void {
  out(`policy ${c.policy}: before → after`);
  for (const t of c.totals) out(`  ${pad(t.measure, 36)}${lpad(n(t.before), 12)} → ${n(t.after)}`);
  out(`  ${pad('unit', 36)}${lpad('officers', 10)}${lpad('utilisation', 18)}${lpad('wait h', 16)}${lpad('late tasks', 18)}`);
  for (const u of c.units) {
    const flag = c.bottleneck?.unitId === u.unitId ? '  ← bottleneck' : '';
    out(`  ${pad(u.unitId, 36)}${lpad(`${n(u.before.officers)}→${n(u.after.officers)}`, 10)}${lpad(`${n(u.before.utilisationPercent, '%')}→${n(u.after.utilisationPercent, '%')}`, 18)}${lpad(`${n(u.before.meanWaitWorkingHours)}→${n(u.after.meanWaitWorkingHours)}`, 16)}${lpad(`${n(u.before.lateTaskPercent, '%')}→${n(u.after.lateTaskPercent, '%')}`, 18)}${flag}`);
  }
  if (c.bottleneck) out(`bottleneck: ${c.bottleneck.unitId} (${c.bottleneck.name})`);
}

/** `motcua simulate`: ten years of a city in virtual time, through the workflow's own decider. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run a profile through the workflow’s decider in virtual time: statistics and Decision 766 indicators per unit and year, charts, HTML report')
    .requiredOption('--profile <file>', 'a profile file, or a shipped one: phuc-yen, phu-tho')
    .option('--years <n>', 'years to simulate (default: the profile’s)')
    .option('--seed <s>', 'seed of every random draw (same seed, same output)', '1')
    .option('--policy <file>', 'also run with this policy and compare (before/after table, bottleneck unit)')
    .option('--out <dir>', 'write result.json, on-time.svg, backlog.svg and report.html here')
    .option('--threads <n>', 'worker threads (default: one per core)')
    .option('--progress', 'draw the progress bar even when stderr is not a terminal')
    .action(async (o: { profile: string; years?: string; seed: string; policy?: string; out?: string; threads?: string; progress?: boolean }) => {
      const seed = positiveInt('--seed', o.seed, 2 ** 31);
      const years = o.years !== undefined ? positiveInt('--years', o.years, 30) : undefined;
      const threads = o.threads !== undefined ? positiveInt('--threads', o.threads, 64) : undefined;
      const out = (line: string) => process.stdout.write(`${line}\n`);
      // a bad profile or policy is reported before anything runs
      try {
        prepareRun({ profile: o.profile, ...(o.policy ? { policy: o.policy } : {}), ...(years ? { years } : {}), seed });
      } catch (e) {
        if (isDomainError(e)) throw new CliError(e.message);
        throw e;
      }
      const run = async (policy: string | undefined, label: string): Promise<RunOutcome> => {
        const bar = progressBar(label, process.stderr, o.progress === true);
        try {
          const r = await runSimulation({ profile: o.profile, ...(policy ? { policy } : {}), ...(years ? { years } : {}), seed }, { ...(threads ? { threads } : {}), onProgress: bar.update });
          bar.done();
          const t = r.timing;
          process.stderr.write(`${label}: ${(t.wallMs / 1000).toFixed(1)} s on ${t.threads} thread(s), ${r.result.counts.events.toLocaleString('en-US')} events, ${t.eventsPerSecond.toLocaleString('en-US')} events/s\n`);
          return r;
        } catch (e) {
          bar.done();
          if (isDomainError(e)) throw new CliError(e.message);
          throw e;
        }
      };
      const base = await run(undefined, 'simulating');
      printSummary(base.result, out);
      let after: { result: SimulationResult; comparison: PolicyComparison } | undefined;
      if (o.policy) {
        const withPolicy = await run(o.policy, 'with the policy');
        const comparison = comparePolicy(base.result, withPolicy.result);
        after = { result: withPolicy.result, comparison };
        printSummary(withPolicy.result, out);
        printComparison(comparison, out);
      }
      if (o.out) {
        const files = writeReport(path.resolve(o.out), base.result, after);
        out(`wrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
      }
      if (base.result.calibration.some((c) => !c.within)) process.stderr.write('motcua simulate: some calibration figures are outside their tolerance\n');
    });
}
