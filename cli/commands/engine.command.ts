import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { LOOPBACK, REPO_ROOT, stackPaths } from '../../infra/stack/stack-config';
import { pickPort, waitFor } from '../../infra/stack/net';
import { stackContext, stackEnv, stackUp } from '../../infra/stack/stack';
import { EXIT_CONFIG } from '../../workers/run-main';
import { Supervisor } from '../engine/supervisor';
import { CliError } from '../program';
import { processLogger } from '../../infra/observability/log';

/** The engine's processes; each is also its own entry point for deployments that run them apart. */
export const ENGINE_PROCESSES = ['temporal-worker', 'reporting-consumer', 'api', 'breach-forecaster'] as const;

/** Compiled (dist/) when this CLI is; otherwise the TypeScript sources through tsx. */
export function workerCommand(name: string): string[] {
  const workers = path.resolve(__dirname, '..', '..', 'workers');
  return __filename.endsWith('.js') ? [path.join(workers, `${name}.js`)] : ['--require', 'tsx/cjs', path.join(workers, `${name}.ts`)];
}

export function spawnWorker(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, workerCommand(name), {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export function registerEngine(program: Command): void {
  program
    .command('start')
    .description('bring the stack up, then run the Temporal worker, the reporting consumer, the HTTP API and the breach forecaster until Ctrl-C, restarting one that dies')
    .option('--port <port>', 'HTTP API port (default: MOTCUA_API_PORT, else 18080 or a free one)')
    .action(async (opts: { port?: string }) => {
      const ctx = stackContext();
      let up;
      try {
        up = await stackUp(ctx);
      } catch (err) {
        throw new CliError((err as Error).message, 1);
      }
      const requested = opts.port ?? process.env.MOTCUA_API_PORT;
      if (requested !== undefined && !/^\d+$/.test(requested)) throw new CliError(`--port must be a number, got ${requested}`);
      const port = requested ? Number(requested) : await pickPort(LOOPBACK, 18080, ctx.takenPorts);
      const host = process.env.MOTCUA_API_HOST ?? LOOPBACK;
      // each process serves its own /metrics: consecutive ports from MOTCUA_METRICS_PORT (default 18090), or free ones
      const metricsBase = process.env.MOTCUA_METRICS_PORT ? Number(process.env.MOTCUA_METRICS_PORT) : 18090;
      if (!Number.isInteger(metricsBase) || metricsBase < 1 || metricsBase > 65535) throw new CliError(`MOTCUA_METRICS_PORT must be a port number, got ${process.env.MOTCUA_METRICS_PORT}`);
      const metricsPorts: Record<string, number> = {};
      for (const [i, name] of ENGINE_PROCESSES.entries()) metricsPorts[name] = await pickPort(LOOPBACK, metricsBase + i, ctx.takenPorts);
      const metricsHost = process.env.MOTCUA_METRICS_HOST ?? LOOPBACK;
      const env = { ...process.env, ...up.env, MOTCUA_API_PORT: String(port), MOTCUA_API_HOST: host, MOTCUA_METRICS_HOST: metricsHost };
      const log = processLogger();
      const supervisor = new Supervisor(
        ENGINE_PROCESSES.map((name) => ({ name, spawn: () => spawnWorker(name, { ...env, MOTCUA_METRICS_PORT: String(metricsPorts[name]) }) })),
        { fatalExitCodes: [EXIT_CONFIG], log: (line) => log[/ restarted /.test(line) ? 'info' : / invalid/.test(line) ? 'error' : 'warn'](line.replace(/^motcua: /, '')) },
      );
      supervisor.start();
      let stopping = false;
      const stopAll = (signal: NodeJS.Signals) => {
        if (!stopping) log.info({ signal }, `stopping the engine (${signal})`);
        stopping = true;
        void supervisor.stop(signal);
      };
      process.on('SIGINT', () => stopAll('SIGINT'));
      process.on('SIGTERM', () => stopAll('SIGTERM'));
      void supervisor.done.then(() => void (stopping = true));

      const apiUrl = `http://${host}:${port}`;
      const ready = await waitFor(async () => {
        if (stopping) return true;
        const res = await fetch(`${apiUrl}/readyz`);
        return res.ok;
      }, 120_000, 300);
      if (ready && !stopping) {
        writeEngineState(ctx.stateDir, apiUrl);
        void supervisor.done.then(() => fs.rmSync(engineStateFile(ctx.stateDir), { force: true }));
        const ui = up.env.TEMPORAL_UI_URL;
        process.stdout.write(
          [
            'motcua is running (Ctrl-C stops the engine; `npx motcua stack down` stops the stack)',
            `  API          ${apiUrl}`,
            `  API docs     ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`,
            `  Pages        ${apiUrl}/ui/   (sign in with \`npx motcua token --role …\`; citizens: ${apiUrl}/ui/lookup)`,
            `  Temporal UI  ${ui ?? `(configured Temporal at ${up.env.TEMPORAL_ADDRESS}; its UI is wherever you run it)`}`,
            `  Metrics      ${ENGINE_PROCESSES.map((name) => `http://${metricsHost === '0.0.0.0' ? LOOPBACK : metricsHost}:${metricsPorts[name]}/metrics (${name})`).join('\n               ')}`,
            '',
          ].join('\n'),
        );
      } else if (!ready) {
        stopAll('SIGTERM');
      }
      const { failure } = await supervisor.done;
      if (failure) throw new CliError(`${failure} cannot start (see its message above)`, 1);
      if (!ready) throw new CliError('the API was not ready (/readyz) within 120 s', 1);
      process.exitCode = 0;
    });

  program
    .command('url')
    .description('print the URL of the API that `npm start` runs in this clone (exit 1 when it is not running)')
    .action(() => {
      const url = runningApiUrl();
      if (!url) throw new CliError('the engine is not running in this clone (start it with `npm start`)', 1);
      process.stdout.write(`${url}\n`);
    });

  for (const name of ENGINE_PROCESSES) {
    program
      .command(`run-${name}`)
      .description(`run only the ${name} process against the stack that \`stack up\` started (or the configured services)`)
      .action(async () => {
        const child = spawnWorker(name, { ...stackEnv(stackContext()), ...process.env });
        process.on('SIGINT', () => child.kill('SIGINT'));
        process.on('SIGTERM', () => child.kill('SIGTERM'));
        const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 0)));
        process.exitCode = code;
      });
  }
}

const engineStateFile = (stateDir: string) => path.join(stateDir, 'engine.json');

function writeEngineState(stateDir: string, apiUrl: string): void {
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(engineStateFile(stateDir), `${JSON.stringify({ apiUrl, pid: process.pid, startedAt: new Date().toISOString() })}\n`);
}

/** The API URL of the engine `npm start` runs in this clone, whatever port it got; undefined when it is not running. */
export function runningApiUrl(stateDir = stackPaths().stateDir): string | undefined {
  try {
    const s = JSON.parse(fs.readFileSync(engineStateFile(stateDir), 'utf8')) as { apiUrl: string; pid: number };
    process.kill(s.pid, 0);
    return s.apiUrl;
  } catch {
    return undefined;
  }
}
