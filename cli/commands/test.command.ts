import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { REPO_ROOT, STACK_PROFILES, type StackProfile } from '../../infra/stack/stack-config';
import { stackContext, stackDown, stackUp, type StackUp } from '../../infra/stack/stack';
import { binariesEnv, ensureTemporalBinaries } from '../../infra/stack/temporal.service';
import { CliError } from '../program';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const TIERS = ['unit', 'workflow', 'integration', 'api', 'browser', 'privacy', 'fuzz', 'fault'] as const;
type Tier = (typeof TIERS)[number];
/** The file suffix of each tier's tests (`*.int.test.ts` for integration). */
const SUFFIX: Record<Tier, string> = { unit: 'unit', workflow: 'workflow', integration: 'int', api: 'api', browser: 'browser', privacy: 'privacy', fuzz: 'fuzz', fault: 'fault' };
/** Tiers that talk to the real stack (the others need at most the time-skipping server; the fault tier brings up a stack of its own, test/support/fault-stack.ts). */
const NEEDS_STACK: ReadonlySet<Tier> = new Set<Tier>(['integration', 'api', 'browser', 'privacy', 'fuzz']);

/**
 * The Jest tiers these arguments run, so that only what they need is brought up: unit tests need
 * nothing, workflow tests the time-skipping server, integration and API tests the stack. Without
 * --selectProjects, test paths that all name unit (or workflow) files narrow it the same way.
 */
export function tiersSelected(jestArgs: string[]): Set<Tier> {
  const selected: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < jestArgs.length; i++) {
    const a = jestArgs[i]!;
    if (a.startsWith('--selectProjects=')) selected.push(...a.slice('--selectProjects='.length).split(','));
    else if (a === '--selectProjects') while (jestArgs[i + 1] !== undefined && !jestArgs[i + 1]!.startsWith('-')) selected.push(jestArgs[++i]!);
    else if (!a.startsWith('-')) paths.push(a);
  }
  if (selected.length > 0) return new Set(TIERS.filter((t) => selected.includes(t)));
  const bySuffix = (p: string): Tier | undefined => TIERS.find((t) => p.endsWith(`.${SUFFIX[t]}.test.ts`));
  const tiers = paths.map(bySuffix);
  if (paths.length > 0 && tiers.every((t) => t !== undefined)) return new Set(tiers as Tier[]);
  return new Set(TIERS);
}

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('typecheck, bring the stack up, run every Jest tier (unit, workflow, integration, api, browser), then the privacy scan, stop what this run started')
    .option('--no-typecheck', 'skip tsc --noEmit')
    .option('--keep-stack', 'leave services this run started running')
    .option('--profile <profile>', 'the stack to test against: single (default) or cluster (adds the cluster tier, test/**/*.cluster.test.ts)', 'single')
    .argument('[jestArgs...]', 'passed to Jest, e.g. --selectProjects unit')
    .allowUnknownOption(true)
    .action(async (jestArgs: string[], opts: { typecheck: boolean; keepStack?: boolean; profile: string }) => {
      const t0 = Date.now();
      if (!(STACK_PROFILES as readonly string[]).includes(opts.profile)) throw new CliError(`--profile must be one of ${STACK_PROFILES.join(', ')}, got ${opts.profile}`);
      const profile = opts.profile as StackProfile;
      if (opts.typecheck) {
        const code = await run(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], process.env);
        if (code !== 0) throw new CliError('typecheck failed', code);
      }
      const ctx = stackContext(process.env, undefined, profile);
      const tiers = tiersSelected(jestArgs);
      let up: StackUp | undefined;
      // the cluster profile's own tier (the `cluster` project) talks to its stack too
      if ([...tiers].some((t) => NEEDS_STACK.has(t)) || profile === 'cluster') {
        try {
          up = await stackUp(ctx);
        } catch (err) {
          throw new CliError((err as Error).message, 1);
        }
      }
      // workflow tests need the time-skipping server even when Temporal itself is configured elsewhere
      const binEnv = tiers.has('workflow') || up ? binariesEnv(await ensureTemporalBinaries(ctx)) : {};
      // MOTCUA_STACK_PROFILE also tells jest.config.js to add the cluster tier
      const env = { ...process.env, ...up?.env, ...binEnv, MOTCUA_STACK_PROFILE: profile };
      const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
      let code: number;
      if (jestArgs.length === 0 && profile !== 'cluster') {
        // the whole suite: its databases are kept for the privacy scan, which runs last and drops them
        code = await run(process.execPath, [jest, '--selectProjects', 'unit', 'workflow', 'integration', 'api', 'browser'], { ...env, MOTCUA_KEEP_TEST_DATABASES: '1' });
        const scan = await run(process.execPath, [jest, '--selectProjects', 'privacy'], { ...env, MOTCUA_KEEP_TEST_DATABASES: '1' });
        code = code || scan;
      } else {
        code = await run(process.execPath, [jest, ...jestArgs], env);
      }
      if (up && !opts.keepStack && up.started.length > 0) await stackDown(ctx, up.started);
      process.stderr.write(`motcua test: ${((Date.now() - t0) / 1000).toFixed(0)} s in all\n`);
      if (code !== 0) throw new CliError(`tests failed (jest exited ${code})`, code);
    });
}
