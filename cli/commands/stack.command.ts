import type { Command } from 'commander';
import { CLUSTER_MEMBERS, clusterDown, clusterUp, engineStatus } from '../../infra/stack/cluster-profile';
import { stopLeftoverRuns } from '../../infra/stack/engine-fleet';
import { StackError } from '../../infra/stack/processes';
import type { ServiceName } from '../../infra/stack/service';
import { STACK_PROFILES, type StackProfile } from '../../infra/stack/stack-config';
import { ensureNodeLts } from '../../infra/stack/node-runtime';
import { stackContext, stackDown, stackStatus, stackUp } from '../../infra/stack/stack';
import { VERSIONS } from '../../infra/stack/stack-config';
import { CliError } from '../program';

const NAMES: ServiceName[] = ['temporal', 'kafka', 'postgres'];

function profileOf(value: string | undefined): StackProfile {
  const p = value ?? process.env.MOTCUA_STACK_PROFILE ?? 'single';
  if (!(STACK_PROFILES as readonly string[]).includes(p)) throw new CliError(`--profile must be one of ${STACK_PROFILES.join(', ')}, got ${p}`);
  return p as StackProfile;
}

const PROFILE_HELP = 'single (default: dev server, one broker) or cluster (Temporal server ×2 on PostgreSQL, three brokers, the engine ×2); also MOTCUA_STACK_PROFILE';

export function registerStack(program: Command): void {
  const stack = program
    .command('stack')
    .description('the local stack: Temporal, Kafka and PostgreSQL, configured or started on loopback')
    .addHelpText(
      'after',
      '\nEnvironment: TEMPORAL_ADDRESS, KAFKA_BROKERS, DATABASE_URL point at existing services (single profile);\nMOTCUA_CACHE_DIR (downloads, default ~/.cache/motcua) and MOTCUA_DATA_DIR (clusters, logs, PID files, default ./.motcua; the cluster profile uses its cluster/ folder).',
    );

  stack
    .command('up')
    .description('use configured services when reachable, otherwise provision and start local ones; reuses running ones')
    .option('--profile <profile>', PROFILE_HELP)
    .option('--no-engine', 'cluster profile: the services only, not the engine’s processes')
    .action(async (opts: { profile?: string; engine: boolean }) => {
      const profile = profileOf(opts.profile);
      const ctx = stackContext(process.env, undefined, profile);
      const t0 = Date.now();
      try {
        const up = profile === 'cluster' ? await clusterUp(ctx, { engine: opts.engine }) : { ...(await stackUp(ctx)), engine: undefined, engineStarted: [] };
        for (const s of up.states) process.stdout.write(`${JSON.stringify({ service: s.service, address: s.address, healthy: true, source: s.source, ...s.info, layout: undefined })}\n`);
        if (up.engine) process.stdout.write(`${JSON.stringify({ service: 'engine', healthy: true, processes: up.engine.processes.map((p) => p.name), apiUrls: up.engine.apiUrls })}\n`);
        const started = [...up.started, ...(up.engineStarted.length > 0 ? [`engine (${up.engineStarted.length} processes)`] : [])];
        process.stderr.write(`stack up${profile === 'cluster' ? ' (cluster)' : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s; started: ${started.join(', ') || 'nothing (all running)'}\n`);
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
    .option('--profile <profile>', PROFILE_HELP)
    .action(async (opts: { profile?: string }) => {
      const ctx = stackContext(process.env, undefined, profileOf(opts.profile));
      const lines = await stackStatus(ctx);
      for (const l of lines) process.stdout.write(`${JSON.stringify(l)}\n`);
      const engine = ctx.profile === 'cluster' ? engineStatus(ctx) : undefined;
      if (engine) process.stdout.write(`${JSON.stringify({ service: 'engine', address: engine.apiUrls.join(','), healthy: engine.running === engine.total, running: engine.running, total: engine.total })}\n`);
      if (lines.some((l) => !l.healthy) || (engine && engine.running < engine.total)) process.exitCode = 1;
    });

  stack
    .command('down')
    .description('stop what `stack up` started (never a configured service)')
    .option('--profile <profile>', PROFILE_HELP)
    .argument('[service...]', `only these: ${NAMES.join(', ')}; with --profile cluster also ${CLUSTER_MEMBERS.join(', ')}`)
    .action(async (services: string[], opts: { profile?: string }) => {
      const ctx = stackContext(process.env, undefined, profileOf(opts.profile));
      const known: string[] = ctx.profile === 'cluster' ? [...NAMES, ...CLUSTER_MEMBERS] : NAMES;
      const unknown = services.filter((s) => !known.includes(s));
      if (unknown.length > 0) throw new CliError(`unknown service ${unknown.join(', ')}; expected one of ${known.join(', ')}`);
      const only = services.length ? services : undefined;
      // a whole-stack down also ends engine processes that a killed test or benchmark run left behind
      const leftovers = only ? [] : await stopLeftoverRuns(ctx.dataDir);
      const stopped = ctx.profile === 'cluster' ? await clusterDown(ctx, only) : await stackDown(ctx, only as ServiceName[] | undefined);
      if (leftovers.length > 0) stopped.push(`${leftovers.length} leftover run processes`);
      process.stderr.write(`stopped: ${stopped.join(', ') || 'nothing was running'}\n`);
    });
}
