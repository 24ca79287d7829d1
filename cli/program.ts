import { Command, CommanderError } from 'commander';
import { processLogger } from '../infra/observability/log';

/** Exit code for bad arguments or input, so scripts can tell them from failures of the stack. */
export const EXIT_USAGE = 2;

/** A failure the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

export function createProgram(): Command {
  const program = new Command('motcua')
    .description('motcua: workflow engine for the interagency one-stop mechanism (một cửa liên thông)')
    .showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Applies our exit-code conventions to a command and all of its subcommands. */
export function applyConventions(cmd: Command): void {
  cmd.exitOverride();
  cmd.configureOutput({ outputError: (str, write) => write(str) });
  for (const sub of cmd.commands) applyConventions(sub);
}

export async function runProgram(program: Command, argv: string[]): Promise<number> {
  applyConventions(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander but successes to the user
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      process.stderr.write(`motcua: ${err.message}\n`);
      return err.exitCode;
    }
    // not a message to the user but a defect: logged whole, as a diagnostic
    processLogger().fatal({ err }, err instanceof Error ? err.message : String(err));
    return 1;
  }
}
