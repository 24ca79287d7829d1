import type { Pool } from 'pg';
import type { Catalog } from '../../contracts/catalog.contract';
import { checkCatalog } from '../../domain/catalog/validate-catalog';
import { AppError } from '../errors';

/**
 * The catalogue in force: the newest one written through the admin API, else the shipped one.
 * Every API replica reloads it on a timer, so a write reaches all of them within one period.
 */
export interface CatalogSource {
  current(): Catalog;
  /** The revision in force: 0 for the shipped catalogue. */
  revision(): number;
  refresh(): Promise<void>;
  write(document: unknown, writtenBy: string): Promise<{ revision: number; catalogVersion: string }>;
}

export function createCatalogSource(pool: Pool, shipped: Catalog): CatalogSource {
  let catalog = shipped;
  let revision = 0;
  return {
    current: () => catalog,
    revision: () => revision,
    async refresh() {
      const { rows } = await pool.query<{ revision: string; document: unknown }>('SELECT revision, document FROM catalog_document ORDER BY revision DESC LIMIT 1');
      const r = rows[0];
      if (!r || Number(r.revision) === revision) return;
      const check = checkCatalog(r.document);
      // a stored document was valid when written; a code change that invalidates it keeps the last good one
      if (check.ok) {
        catalog = check.catalog;
        revision = Number(r.revision);
      }
    },
    async write(document, writtenBy) {
      const check = checkCatalog(document);
      if (!check.ok) throw new AppError('CATALOG_INVALID', `the catalogue has ${check.issues.length} issue(s)`, { issues: check.issues });
      const { rows } = await pool.query<{ revision: string }>(
        'INSERT INTO catalog_document (catalog_version, document, written_by) VALUES ($1, $2, $3) RETURNING revision',
        [check.catalog.catalogVersion, JSON.stringify(document), writtenBy],
      );
      catalog = check.catalog;
      revision = Number(rows[0]!.revision);
      return { revision, catalogVersion: check.catalog.catalogVersion };
    },
  };
}
