import { ConfigError, HealthConfig, readConfig } from './config';
import { startHealthServer } from './health-server';

/** Exit code of a process whose configuration is invalid: `npm start` does not restart it (it would fail again). */
export const EXIT_CONFIG = 78;

export interface MainContext {
  /** Registers what to do on SIGINT/SIGTERM. */
  onStop(stop: () => void | Promise<void>): void;
  /** Tells the health server's /readyz how to know this process is ready (until called: not ready). */
  readiness(probe: () => boolean): void;
}

/**
 * Shared shell of every process entry point: one stop on SIGINT/SIGTERM (a second one, a second later, forces exit),
 * a one-line message and exit code 1 on failure (78 for invalid configuration), and, when
 * MOTCUA_HEALTH_PORT is set, /healthz and /readyz for orchestrators.
 */
export function runMain(name: string, main: (onStop: MainContext['onStop'], ctx: MainContext) => Promise<void>): void {
  const stops: Array<() => void | Promise<void>> = [];
  let stopping = false;
  let firstSignalAt = 0;
  let ready: () => boolean = () => false;
  const stop = (signal: string) => {
    // Ctrl-C reaches this process twice at once (from the terminal and from `npm start`'s
    // supervisor): only a signal that comes later is a person insisting
    if (stopping) {
      if (Date.now() - firstSignalAt > 1000) process.exit(130);
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    process.stderr.write(`${name}: ${signal}, stopping\n`);
    for (const s of stops) void Promise.resolve(s()).catch((e) => process.stderr.write(`${name}: while stopping: ${String(e)}\n`));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const ctx: MainContext = { onStop: (s) => stops.push(s), readiness: (probe) => void (ready = probe) };
  const run = async () => {
    const health = readConfig(HealthConfig);
    if (health.MOTCUA_HEALTH_PORT !== undefined) {
      const server = await startHealthServer(health.MOTCUA_HEALTH_HOST, health.MOTCUA_HEALTH_PORT, () => !stopping && ready());
      stops.push(() => server.close());
    }
    await main(ctx.onStop, ctx);
  };
  run().then(
    () => process.exit(0),
    (err: unknown) => {
      const msg = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`${name}: ${msg}\n`);
      process.exit(err instanceof ConfigError ? EXIT_CONFIG : 1);
    },
  );
}
