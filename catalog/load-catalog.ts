import { readFileSync } from 'node:fs';
import { Catalog, CatalogIssue } from '../contracts/catalog.contract';
import { checkCatalog, CatalogCheck } from '../domain/catalog/validate-catalog';
import { formatIssue } from '../domain/catalog/catalog-issue';
import { DomainError } from '../domain/domain-error';
import { shippedCatalogInput } from './shipped-catalog';

function invalid(source: string, issues: CatalogIssue[]): DomainError {
  const first = issues.slice(0, 5).map(formatIssue).join('; ');
  return new DomainError('CATALOG_INVALID', `catalogue ${source} has ${issues.length} issue(s): ${first}`, { issues });
}

let shipped: Catalog | undefined;

/** The catalogue shipped with the code, validated once per process; an invalid one fails fast. */
export function loadShippedCatalog(): Catalog {
  if (!shipped) {
    const check = checkCatalog(shippedCatalogInput);
    if (!check.ok) throw invalid('(shipped)', check.issues);
    shipped = check.catalog;
  }
  return shipped;
}

/**
 * Reads a JSON catalogue and runs the schema and the rules. Throws CATALOG_UNREADABLE or
 * CATALOG_NOT_JSON when there is nothing to validate; rule breaches come back as issues.
 */
export function readCatalogFile(path: string): CatalogCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DomainError('CATALOG_UNREADABLE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DomainError('CATALOG_NOT_JSON', `${path} is not JSON: ${(e as Error).message}`, { path });
  }
  return checkCatalog(json);
}

/** A validated catalogue from a file, or a CATALOG_* DomainError. */
export function loadCatalogFile(path: string): Catalog {
  const check = readCatalogFile(path);
  if (!check.ok) throw invalid(path, check.issues);
  return check.catalog;
}
