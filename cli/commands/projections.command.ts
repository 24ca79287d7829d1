import type { Command } from 'commander';
import { Pool } from 'pg';
import { consumerLag } from '../../infra/kafka/consumer-lag';
import { createKafka } from '../../infra/kafka/kafkajs-client';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { topics } from '../../infra/topics';
import { consumerGroupId, findGroup, PROJECTION_GROUPS } from '../../projections/groups';
import { rebuildGroup } from '../../projections/rebuild';
import { CliError } from '../program';

function connections() {
  const env = { ...stackEnv(stackContext()), ...process.env };
  if (!env.KAFKA_BROKERS || !env.DATABASE_URL) throw new CliError('KAFKA_BROKERS and DATABASE_URL unknown: run `npx motcua stack up` (or set them)', 1);
  return { brokers: env.KAFKA_BROKERS.split(','), databaseUrl: env.DATABASE_URL, prefix: env.MOTCUA_CONSUMER_GROUP_PREFIX ?? 'motcua.', env };
}

export function registerProjections(program: Command): void {
  const cmd = program.command('projections').description('the read models built from the dossier-event topic');

  cmd
    .command('list')
    .description('projection groups (one consumer group each) and the tables they own')
    .action(() => {
      for (const g of PROJECTION_GROUPS) {
        process.stdout.write(`${JSON.stringify({ group: g.name, projections: g.projections.map((p) => p.name), tables: g.projections.flatMap((p) => p.tables), description: g.description })}\n`);
      }
    });

  cmd
    .command('lag')
    .description('consumer lag per group and partition, one JSON line each')
    .action(async () => {
      const c = connections();
      const admin = createKafka(c.brokers, 'motcua-cli').admin();
      await admin.connect();
      try {
        for (const g of PROJECTION_GROUPS) {
          for (const l of await consumerLag(admin, consumerGroupId(c.prefix, g), topics(c.env).dossierEvents.name)) process.stdout.write(`${JSON.stringify(l)}\n`);
        }
      } finally {
        await admin.disconnect();
      }
    });

  cmd
    .command('rebuild')
    .description('replay the topic from the start into fresh tables and swap them in (all groups, or --name)')
    .option('--name <group>', `one group: ${PROJECTION_GROUPS.map((g) => g.name).join(', ')}`)
    .option('--timeout <seconds>', 'give up after this long', '600')
    .action(async (opts: { name?: string; timeout: string }) => {
      const groups = opts.name ? [findGroup(opts.name)] : PROJECTION_GROUPS;
      if (groups.some((g) => g === undefined)) throw new CliError(`unknown projection group ${opts.name}; expected one of ${PROJECTION_GROUPS.map((g) => g.name).join(', ')}`);
      if (!/^\d+$/.test(opts.timeout)) throw new CliError(`--timeout must be a number of seconds, got ${opts.timeout}`);
      const c = connections();
      const pool = new Pool({ connectionString: c.databaseUrl, max: 4 });
      const t = topics(c.env);
      try {
        for (const group of groups) {
          const r = await rebuildGroup({ pool, brokers: c.brokers, topic: t.dossierEvents.name, deadLetterTopic: t.deadLetter.name, group: group!, timeoutMs: Number(opts.timeout) * 1000 });
          process.stdout.write(`${JSON.stringify(r)}\n`);
        }
      } finally {
        await pool.end();
      }
    });
}
