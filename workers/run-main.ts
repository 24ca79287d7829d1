import { ConfigError } from './config';

/**
 * Shared shell of every process entry point: one stop on SIGINT/SIGTERM (a second one forces exit),
 * a one-line message and exit code 1 on failure.
 */
export function runMain(name: string, main: (onStop: (stop: () => void | Promise<void>) => void) => Promise<void>): void {
  const stops: Array<() => void | Promise<void>> = [];
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`${name}: ${signal}, stopping\n`);
    for (const s of stops) void Promise.resolve(s()).catch((e) => process.stderr.write(`${name}: while stopping: ${String(e)}\n`));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  main((s) => stops.push(s)).then(
    () => process.exit(0),
    (err: unknown) => {
      const msg = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`${name}: ${msg}\n`);
      process.exit(1);
    },
  );
}
