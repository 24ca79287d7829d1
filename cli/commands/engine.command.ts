import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { LOOPBACK, REPO_ROOT } from '../../infra/stack/stack-config';
import { pickPort, waitFor } from '../../infra/stack/net';
import { stackContext, stackEnv, stackUp } from '../../infra/stack/stack';
import { CliError } from '../program';

/** The engine's processes; each is also its own entry point for deployments that run them apart. */
export const ENGINE_PROCESSES = ['temporal-worker', 'reporting-consumer', 'api', 'breach-forecaster'] as const;

export function spawnWorker(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'workers', `${name}.ts`)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export function registerEngine(program: Command): void {
  program
    .command('start')
    .description('bring the stack up, then run the Temporal worker, the reporting consumer, the HTTP API and the breach forecaster until Ctrl-C')
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
      const metricsPort = process.env.MOTCUA_METRICS_PORT ?? String(await pickPort(LOOPBACK, 18090, ctx.takenPorts));
      const env = { ...process.env, ...up.env, MOTCUA_API_PORT: String(port), MOTCUA_API_HOST: host, MOTCUA_METRICS_PORT: metricsPort };
      const children = ENGINE_PROCESSES.map((name) => ({ name, child: spawnWorker(name, env) }));

      let stopping = false;
      const exited = children.map(
        ({ name, child }) =>
          new Promise<number>((resolve) =>
            child.on('exit', (code, signal) => {
              if (!stopping) {
                process.stderr.write(`motcua: ${name} exited (${signal ?? code}); stopping the engine\n`);
                stopAll('SIGTERM');
              }
              resolve(code ?? 0);
            }),
          ),
      );
      function stopAll(signal: NodeJS.Signals) {
        if (stopping) return;
        stopping = true;
        for (const { child } of children) if (child.exitCode === null) child.kill(signal);
      }
      process.on('SIGINT', () => stopAll('SIGINT'));
      process.on('SIGTERM', () => stopAll('SIGTERM'));

      const apiUrl = `http://${host}:${port}`;
      const ready = await waitFor(async () => {
        if (stopping) return true;
        const res = await fetch(`${apiUrl}/healthz`);
        return res.ok;
      }, 120_000, 300);
      if (ready && !stopping) {
        const ui = up.env.TEMPORAL_UI_URL;
        process.stdout.write(
          [
            'motcua is running (Ctrl-C stops the engine; `npx motcua stack down` stops the stack)',
            `  API          ${apiUrl}`,
            `  API docs     ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`,
            `  Temporal UI  ${ui ?? `(configured Temporal at ${up.env.TEMPORAL_ADDRESS}; its UI is wherever you run it)`}`,
            `  Metrics      http://${LOOPBACK}:${metricsPort}/metrics   (consumer lag per group and partition)`,
            '',
          ].join('\n'),
        );
      } else if (!ready) {
        stopAll('SIGTERM');
      }
      const codes = await Promise.all(exited);
      if (!ready) throw new CliError('the API did not answer /healthz within 120 s', 1);
      process.exitCode = codes.some((c) => c !== 0 && c !== 130) ? 1 : 0;
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
