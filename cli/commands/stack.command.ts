import type { Command } from 'commander';
import { StackError } from '../../infra/stack/processes';
import type { ServiceName } from '../../infra/stack/service';
import { ensureNodeLts } from '../../infra/stack/node-runtime';
import { stackContext, stackDown, stackStatus, stackUp } from '../../infra/stack/stack';
import { VERSIONS } from '../../infra/stack/stack-config';
import { CliError } from '../program';

const NAMES: ServiceName[] = ['temporal', 'kafka', 'postgres'];

export function registerStack(program: Command): void {
  const stack = program
    .command('stack')
    .description('the local stack: Temporal, Kafka and PostgreSQL, configured or started on loopback')
    .addHelpText(
      'after',
      '\nEnvironment: TEMPORAL_ADDRESS, KAFKA_BROKERS, DATABASE_URL point at existing services;\nMOTCUA_CACHE_DIR (downloads, default ~/.cache/motcua) and MOTCUA_DATA_DIR (clusters, logs, PID files, default ./.motcua).',
    );

  stack
    .command('up')
    .description('use configured services when reachable, otherwise provision and start local ones; reuses running ones')
    .action(async () => {
      const ctx = stackContext();
      const t0 = Date.now();
      try {
        const up = await stackUp(ctx);
        for (const s of up.states) process.stdout.write(`${JSON.stringify({ service: s.service, address: s.address, healthy: true, source: s.source, ...s.info })}\n`);
        process.stderr.write(`stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s; started: ${up.started.join(', ') || 'nothing (all running)'}\n`);
      } catch (err) {
        throw new CliError(err instanceof StackError ? err.message : (err as Error).message, 1);
      }
    });

  stack
    .command('node-lts')
    .description(`fetch Node ${VERSIONS.nodeLts} (the current LTS) from the npm registry into the cache once, and print the path of its node binary`)
    .action(async () => {
      try {
        process.stdout.write(`${await ensureNodeLts(stackContext())}\n`);
      } catch (err) {
        throw new CliError((err as Error).message, 1);
      }
    });

  stack
    .command('status')
    .description('one JSON line per service: {"service","address","healthy","source"}; exits 1 if any is unhealthy')
    .action(async () => {
      const lines = await stackStatus(stackContext());
      for (const l of lines) process.stdout.write(`${JSON.stringify(l)}\n`);
      if (lines.some((l) => !l.healthy)) process.exitCode = 1;
    });

  stack
    .command('down')
    .description('stop what `stack up` started (never a configured service)')
    .argument('[service...]', `only these: ${NAMES.join(', ')}`)
    .action(async (services: string[]) => {
      const unknown = services.filter((s) => !NAMES.includes(s as ServiceName));
      if (unknown.length > 0) throw new CliError(`unknown service ${unknown.join(', ')}; expected one of ${NAMES.join(', ')}`);
      const stopped = await stackDown(stackContext(), services.length ? (services as ServiceName[]) : undefined);
      process.stderr.write(`stopped: ${stopped.join(', ') || 'nothing was running'}\n`);
    });
}
