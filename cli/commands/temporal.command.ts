import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { ensureTemporalBinaries } from '../../infra/stack/temporal.service';
import { CliError } from '../program';

/**
 * `motcua temporal …`: the Temporal CLI the stack provisioned (not on PATH), pointed at the engine's
 * Temporal (TEMPORAL_ADDRESS, else the running local stack's) unless the arguments say otherwise.
 */
export function registerTemporal(program: Command): void {
  program
    .command('temporal')
    .description("the provisioned Temporal CLI, pointed at the engine's Temporal (e.g. `motcua temporal workflow list --query \"MotcuaOverdue = true\"`)")
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .argument('[args...]', 'passed to the Temporal CLI as they are')
    .action(async function (this: Command) {
      const ctx = stackContext();
      let cli: string;
      try {
        cli = (await ensureTemporalBinaries(ctx)).cli;
      } catch (err) {
        throw new CliError(`the Temporal CLI could not be provisioned: ${(err as Error).message}`, 1);
      }
      const stack = stackEnv(ctx);
      const env = { ...process.env };
      env.TEMPORAL_ADDRESS ??= stack.TEMPORAL_ADDRESS;
      env.TEMPORAL_NAMESPACE ??= stack.TEMPORAL_NAMESPACE;
      if (!env.TEMPORAL_ADDRESS) delete env.TEMPORAL_ADDRESS;
      if (!env.TEMPORAL_NAMESPACE) delete env.TEMPORAL_NAMESPACE;
      const code = await new Promise<number>((resolve) => {
        const child = spawn(cli, this.args, { stdio: 'inherit', env });
        const forward = (sig: NodeJS.Signals) => child.kill(sig);
        process.on('SIGINT', forward);
        child.on('error', () => resolve(127));
        child.on('exit', (c, signal) => {
          process.off('SIGINT', forward);
          resolve(c ?? (signal ? 1 : 0));
        });
      });
      process.exitCode = code;
    });
}
