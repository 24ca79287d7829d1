import { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildAsyncApi } from '../../contracts/generate/asyncapi';
import { writeContracts } from '../../contracts/generate/write-contracts';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { CliError } from '../program';

const DEFAULT_OUT = join('dist', 'contracts');

/** The documents carry the package version, read once from package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function registerContracts(program: Command): void {
  const contracts = program
    .command('contracts')
    .description('JSON Schema, AsyncAPI and OpenAPI documents generated from the zod contracts')
    .argument('[command]')
    .action((cmd?: string) => {
      throw new CliError(cmd ? `unknown contracts command '${cmd}' (expected export | asyncapi)` : 'contracts needs a command: export | asyncapi');
    });

  contracts
    .command('export')
    .description(`write json-schema/*.schema.json, asyncapi.json and openapi.json (default directory: ${DEFAULT_OUT})`)
    .option('--out <dir>', 'directory to write to', DEFAULT_OUT)
    .action(async (opts: { out: string }) => {
      if (opts.out.trim() === '') throw new CliError('--out needs a directory');
      const dir = resolve(opts.out);
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--out ${opts.out} is a file, not a directory`);
      const written = await writeContracts(dir, packageVersion());
      for (const f of written.files) {
        const rel = relative(process.cwd(), f);
        process.stdout.write(`${rel.startsWith('..') ? f : rel}\n`);
      }
      process.stderr.write(`wrote ${written.files.length} files to ${dir}\n`);
    });

  contracts
    .command('asyncapi')
    .description('print the AsyncAPI 3.0 document of the Kafka topics to stdout')
    .action(() => {
      process.stdout.write(`${JSON.stringify(buildAsyncApi(packageVersion()), null, 2)}\n`);
    });
}
