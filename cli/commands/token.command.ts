import type { Command } from 'commander';
import { Role } from '../../contracts/api/principal.contract';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { findUnit } from '../../domain/organisation/unit-directory';
import { stackPaths } from '../../infra/stack/stack-config';
import { CliError } from '../program';

const collect = (v: string, prev: string[]) => [...prev, v];

function ttl(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new CliError(`--ttl must look like 30m, 8h or 7d (got '${text}')`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** `motcua token`: a development bearer token for the local API, signed with the clone's key. */
export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print a development bearer token (signed with the local key in .motcua/keys; deployments use their identity provider)')
    .option('--role <role>', `a role (repeatable): ${Role.options.join(', ')}`, collect, [])
    .option('--unit <id>', 'a unit the roles apply to (repeatable), e.g. pt.p-phuc-yen.ttphcc', collect, [])
    .option('--officer <id>', 'the officer id (the token subject); default: <role>@<unit>')
    .option('--name <name>', 'the person’s name, shown in the pages')
    .option('--ttl <duration>', 'lifetime: 30m, 8h, 7d', '8h')
    .option('--audience <aud>', 'audience (MOTCUA_JWT_AUDIENCE of the API)', process.env.MOTCUA_JWT_AUDIENCE ?? 'motcua')
    .action(async (o: { role: string[]; unit: string[]; officer?: string; name?: string; ttl: string; audience: string }) => {
      if (o.role.length === 0) throw new CliError(`--role is required (one of ${Role.options.join(', ')})`);
      const roles = o.role.map((r) => {
        const parsed = Role.safeParse(r);
        if (!parsed.success) throw new CliError(`unknown role '${r}' (expected ${Role.options.join(', ')})`);
        return parsed.data;
      });
      if (o.unit.length === 0) throw new CliError('--unit is required (the unit id the roles apply to)');
      const catalog = loadShippedCatalog();
      for (const u of o.unit) if (!findUnit(catalog, u)) throw new CliError(`unknown unit '${u}' (see \`motcua catalog list\` or GET /admin/units)`);
      const token = await issueDevToken(stackPaths().dataDir, {
        roles,
        units: o.unit,
        subject: o.officer ?? `${roles[0]}@${o.unit[0]}`,
        ...(o.name ? { name: o.name } : {}),
        ttlSeconds: ttl(o.ttl),
        audience: o.audience,
      });
      process.stdout.write(`${token}\n`);
    });
}
