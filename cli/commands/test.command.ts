import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { REPO_ROOT, STACK_PROFILES, type StackProfile } from '../../infra/stack/stack-config';
import { stackContext, stackDown, stackUp } from '../../infra/stack/stack';
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

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('typecheck, bring the stack up, run every Jest tier (unit, workflow, integration), stop what this run started')
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
      let up;
      try {
        up = await stackUp(ctx);
      } catch (err) {
        throw new CliError((err as Error).message, 1);
      }
      // workflow tests need the time-skipping server even when Temporal itself is configured elsewhere
      // MOTCUA_STACK_PROFILE also tells jest.config.js to add the cluster tier
      const env = { ...process.env, ...up.env, ...binariesEnv(await ensureTemporalBinaries(ctx)), MOTCUA_STACK_PROFILE: profile };
      const code = await run(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...jestArgs], env);
      if (!opts.keepStack && up.started.length > 0) await stackDown(ctx, up.started);
      process.stderr.write(`motcua test: ${((Date.now() - t0) / 1000).toFixed(0)} s in all\n`);
      if (code !== 0) throw new CliError(`tests failed (jest exited ${code})`, code);
    });
}
