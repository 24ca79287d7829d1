import { createLogger, installProcessLogger, LogLevelError, logLevel, type Logger } from '../infra/observability/log';
import { ConfigError, HealthConfig, readConfig } from './config';
import { startHealthServer } from './health-server';

/** Exit code of a process whose configuration is invalid: `npm start` does not restart it (it would fail again). */
export const EXIT_CONFIG = 78;

export interface MainContext {
  /** Registers what to do on SIGINT/SIGTERM. */
  onStop(stop: () => void | Promise<void>): void;
  /** Tells the health server's /readyz how to know this process is ready (until called: not ready). */
  readiness(probe: () => boolean): void;
  /** The process's logger (pino, JSON lines; MOTCUA_LOG_LEVEL). */
  log: Logger;
}

/** The process's logger; an invalid MOTCUA_LOG_LEVEL is reported as a configuration error by runMain. */
function mainLogger(name: string): { log: Logger; levelError?: LogLevelError } {
  try {
    return { log: installProcessLogger(createLogger(name, { level: logLevel() })) };
  } catch (err) {
    return { log: installProcessLogger(createLogger(name, { level: 'info' })), levelError: err as LogLevelError };
  }
}

/**
 * Shared shell of every process entry point: its logger, one stop on SIGINT/SIGTERM (a second one, a
 * second later, forces exit), a fatal log line and exit code 1 on failure (78 for invalid
 * configuration), and, when MOTCUA_HEALTH_PORT is set, /healthz and /readyz for orchestrators.
 */
export function runMain(name: string, main: (onStop: MainContext['onStop'], ctx: MainContext) => Promise<void>): void {
  const { log, levelError } = mainLogger(name);
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
    log.info({ signal }, `${signal}, stopping`);
    for (const s of stops) void Promise.resolve(s()).catch((err: unknown) => log.error({ err }, 'while stopping'));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const ctx: MainContext = { onStop: (s) => stops.push(s), readiness: (probe) => void (ready = probe), log };
  const run = async () => {
    if (levelError) throw new ConfigError(`invalid configuration: ${levelError.message}`);
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
      if (err instanceof ConfigError) log.fatal({ exitCode: EXIT_CONFIG }, err.message);
      else log.fatal({ err }, err instanceof Error ? err.message : String(err));
      process.exit(err instanceof ConfigError ? EXIT_CONFIG : 1);
    },
  );
}
