import { Catalog, CatalogIssue } from '../../contracts/catalog.contract';
import { issue } from './catalog-issue';
import { validateProcedures } from './validate-procedures';
import { validateUnits } from './validate-units';

/** Rules the schema cannot express; an empty list means the catalogue may be published. */
export function validateCatalog(catalog: Catalog): CatalogIssue[] {
  return [...validateUnits(catalog.units), ...validateProcedures(catalog.procedures, catalog.units)];
}

export type CatalogCheck = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

/** Schema first, then the rules: what a loader runs on untrusted JSON. */
export function checkCatalog(input: unknown): CatalogCheck {
  const parsed = Catalog.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((zi) => {
      const path = zi.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return issue('SCHEMA_INVALID', schemaScope(input, zi.path), path || '(root)', zi.message);
    });
    return { ok: false, issues };
  }
  const issues = validateCatalog(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog: parsed.data };
}

/** Names the procedure and version of a schema error from the raw input, when the path runs through one. */
function schemaScope(input: unknown, path: readonly PropertyKey[]): { procedureCode?: string; version?: number; unitId?: string } {
  const at = (o: unknown, k: PropertyKey): unknown => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined);
  if (path[0] === 'procedures' && typeof path[1] === 'number') {
    const proc = at(at(input, 'procedures'), path[1]);
    const code = at(proc, 'code');
    const procedureCode = typeof code === 'string' ? code : `#${path[1]}`;
    if (path[2] === 'versions' && typeof path[3] === 'number') {
      const v = at(at(at(proc, 'versions'), path[3]), 'version');
      if (typeof v === 'number') return { procedureCode, version: v };
    }
    return { procedureCode };
  }
  if (path[0] === 'units' && typeof path[1] === 'number') {
    const id = at(at(at(input, 'units'), path[1]), 'id');
    return { unitId: typeof id === 'string' ? id : `#${path[1]}` };
  }
  return {};
}
