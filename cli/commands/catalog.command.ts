import { Command } from 'commander';
import { Catalog } from '../../contracts/catalog.contract';
import { IsoDate } from '../../contracts/org-unit.contract';
import { ProcedureDefinition, ProcedureField } from '../../contracts/procedure.contract';
import { writeFileSync } from 'node:fs';
import { importCatalogFiles } from '../../catalog/import-catalog';
import { loadCatalogFile, loadShippedCatalog, readCatalogFile } from '../../catalog/load-catalog';
import { formatIssue } from '../../domain/catalog/catalog-issue';
import { isDomainError } from '../../domain/domain-error';
import { isEffectiveAt } from '../../domain/organisation/effective-dating';
import { formatDuration } from '../../domain/procedure/comparable-duration';
import { CliError } from '../program';

/** Today as a Vietnamese local date: versions are effective by local dates. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

function truncate(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function procedureRows(catalog: Catalog, at: string, field?: ProcedureField): string[][] {
  const rows = [['CODE', 'NAME', 'FIELD', 'LEVEL', 'LEGAL', 'COMMITTED', 'ONLINE', 'VERSIONS']];
  const chosen = catalog.procedures.filter((p: ProcedureDefinition) => field === undefined || p.field === field);
  for (const p of chosen) {
    const current = p.versions.find((v) => isEffectiveAt(v, at));
    const shown = current ?? p.versions[p.versions.length - 1]!;
    const versions = p.versions.map((v) => `v${v.version}${v === current ? '*' : ''}`).join(',');
    rows.push([
      p.code,
      truncate(p.name, 56),
      p.field,
      current ? shown.level : `(${shown.level})`,
      formatDuration(shown.deadlines.legal),
      formatDuration(shown.deadlines.committed),
      shown.deadlines.online ? formatDuration(shown.deadlines.online) : '-',
      versions,
    ]);
  }
  return rows;
}

export function registerCatalog(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('procedure and organisation catalogue')
    .argument('[command]')
    .action((cmd?: string) => {
      throw new CliError(cmd ? `unknown catalog command '${cmd}' (expected list | validate FILE | import FILE… --overlay FILE)` : 'catalog needs a command: list | validate FILE | import FILE… --overlay FILE');
    });

  catalog
    .command('list')
    .description('list the shipped procedures (* marks the version in force)')
    .option('--at <date>', 'local date YYYY-MM-DD whose versions to show (default: today in Vietnam)')
    .option('--field <field>', `only one field: ${ProcedureField.options.join(', ')}`)
    .action((opts: { at?: string; field?: string }) => {
      const at = opts.at ?? todayInVietnam();
      if (!IsoDate.safeParse(at).success) throw new CliError(`--at expects a date YYYY-MM-DD, got '${at}'`);
      const field = opts.field === undefined ? undefined : ProcedureField.safeParse(opts.field);
      if (field && !field.success) throw new CliError(`--field expects one of ${ProcedureField.options.join(', ')}, got '${opts.field}'`);
      const shipped = loadShippedCatalog();
      process.stdout.write(`catalog ${shipped.catalogVersion}, versions in force on ${at}; deadlines in wd/wh/wmin working days/hours/minutes, cd calendar days\n`);
      process.stdout.write(`${table(procedureRows(shipped, at, field?.data))}\n`);
    });

  catalog
    .command('validate')
    .description('validate a JSON catalogue file: exit 0 valid, 1 with one line per issue, 2 unreadable')
    .argument('<file>', 'catalogue JSON file')
    .action((file: string) => {
      let check;
      try {
        check = readCatalogFile(file);
      } catch (e) {
        if (isDomainError(e)) throw new CliError(e.message);
        throw e;
      }
      if (!check.ok) {
        for (const i of check.issues) process.stderr.write(`${formatIssue(i)}\n`);
        process.exitCode = 1;
        return;
      }
      const c = check.catalog;
      process.stdout.write(`${file}: valid catalog ${c.catalogVersion} (${c.units.length} units, ${c.procedures.length} procedures)\n`);
    });

  catalog
    .command('import')
    .description('build catalogue procedures from the national procedure database (portal detail JSON) and a local overlay; validated like the shipped catalogue')
    .argument('<files...>', 'national procedure detail JSON files (a portal answer {code, data}, a detail, or an array of them)')
    .requiredOption('--overlay <file>', "the locality's overlay: committed deadlines, internal steps and allotments (catalog-overlay/v1)")
    .option('--base <file>', 'catalogue JSON whose units the steps are routed to (default: the shipped catalogue)')
    .option('--merge', "keep the base catalogue's other procedures")
    .option('--out <file>', 'write the catalogue JSON here (default: stdout)')
    .action((files: string[], opts: { overlay: string; base?: string; merge?: boolean; out?: string }) => {
      let result;
      try {
        const base = opts.base ? loadCatalogFile(opts.base) : loadShippedCatalog();
        result = importCatalogFiles(files, opts.overlay, base, opts.merge ?? false);
      } catch (e) {
        if (isDomainError(e)) throw new CliError(e.message);
        throw e;
      }
      if (!result.ok) {
        for (const i of result.issues) process.stderr.write(`${formatIssue(i)}\n`);
        process.exitCode = 1;
        return;
      }
      const json = `${JSON.stringify(result.catalog, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, json);
      else process.stdout.write(json);
      const c = result.catalog;
      process.stderr.write(`imported ${result.imported.join(', ')}: valid catalog ${c.catalogVersion} (${c.units.length} units, ${c.procedures.length} procedures)${opts.out ? ` written to ${opts.out}` : ''}\n`);
    });
}
