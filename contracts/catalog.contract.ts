import { z } from 'zod';
import { OrgUnit } from './org-unit.contract';
import { ProcedureDefinition } from './procedure.contract';

export const CATALOG_SCHEMA_VERSION = 'catalog/v1' as const;

export const Catalog = z
  .object({
    schemaVersion: z.literal(CATALOG_SCHEMA_VERSION),
    /** Bumped on every published change; dossiers record the version they were opened with. */
    catalogVersion: z.string().min(1),
    units: z.array(OrgUnit),
    procedures: z.array(ProcedureDefinition),
  })
  .strict();
export type Catalog = z.infer<typeof Catalog>;
export type CatalogInput = z.input<typeof Catalog>;

export const CatalogIssueCode = z.enum([
  'SCHEMA_INVALID',
  'UNIT_DUPLICATE_ID',
  'UNIT_VALIDITY_INVERTED',
  'UNIT_PARENT_UNKNOWN',
  'UNIT_PARENT_NOT_EFFECTIVE',
  'UNIT_SERVES_UNKNOWN',
  'UNIT_SUCCESSOR_UNKNOWN',
  'UNIT_SUCCESSOR_NOT_EFFECTIVE',
  'UNIT_SUCCESSOR_CYCLE',
  'PROCEDURE_DUPLICATE_CODE',
  'VERSION_DUPLICATE_NUMBER',
  'VERSION_VALIDITY_INVERTED',
  'VERSION_OVERLAP',
  'COMMITTED_EXCEEDS_LEGAL',
  'ONLINE_EXCEEDS_COMMITTED',
  'STEP_DUPLICATE_ID',
  'STEP_UNKNOWN_NEXT',
  'STEP_GRAPH_CYCLE',
  'STEP_GRAPH_START',
  'STEP_ALLOTMENT_EXCEEDS_COMMITTED',
  'STEP_UNIT_UNKNOWN',
  'STEP_UNIT_NOT_EFFECTIVE',
  'STEP_UNIT_KIND_MISMATCH',
  'STEP_UNIT_KIND_NOT_EFFECTIVE',
  'FINANCIAL_OBLIGATION_MISMATCH',
  'DOCUMENT_DUPLICATE_ID',
  'FEE_TIERS_INVALID',
  'UNIT_SERVICE_HOURS_INVALID',
  // catalog import: the national record, the overlay, and how they meet
  'IMPORT_SOURCE_INVALID',
  'IMPORT_OVERLAY_INVALID',
  'IMPORT_OVERLAY_MISSING',
  'IMPORT_OVERLAY_UNUSED',
  'IMPORT_DUPLICATE_CODE',
  'IMPORT_CASE_AMBIGUOUS',
  'IMPORT_CASE_UNKNOWN',
  'IMPORT_LEVEL_AMBIGUOUS',
  'IMPORT_FIELD_UNKNOWN',
]);
export type CatalogIssueCode = z.infer<typeof CatalogIssueCode>;

export const CatalogIssue = z
  .object({
    code: CatalogIssueCode,
    procedureCode: z.string().optional(),
    version: z.number().int().optional(),
    unitId: z.string().optional(),
    /** Where in the catalogue, e.g. procedures[3].versions[0].deadlines.committed. */
    path: z.string(),
    message: z.string(),
  })
  .strict();
export type CatalogIssue = z.infer<typeof CatalogIssue>;
