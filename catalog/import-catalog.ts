import { readFileSync } from 'node:fs';
import type { Catalog } from '../contracts/catalog.contract';
import { importNationalProcedures, type ImportResult } from '../domain/catalog/import-national';
import { DomainError } from '../domain/domain-error';

/** A file's JSON, or CATALOG_UNREADABLE / CATALOG_NOT_JSON naming it. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DomainError('CATALOG_UNREADABLE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { path });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError('CATALOG_NOT_JSON', `${path} is not JSON: ${(e as Error).message}`, { path });
  }
}

/** Reads the national records and the overlay, and joins them onto `base` (the shipped catalogue's units by default). */
export function importCatalogFiles(files: string[], overlayFile: string, base: Pick<Catalog, 'units' | 'procedures'>, merge = false): ImportResult {
  return importNationalProcedures({ sources: files.map((file) => ({ file, json: readJsonFile(file) })), overlay: readJsonFile(overlayFile), base, merge });
}
