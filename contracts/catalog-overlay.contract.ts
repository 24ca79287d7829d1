import { z } from 'zod';
import { Duration } from './duration.contract';
import { AdministrativeLevel, IsoDate } from './org-unit.contract';
import { DocumentComponent, Fee, OnlineLevel, ProcedureField, ProcedureStep, ProcedureVersion, SupplementClockPolicy } from './procedure.contract';

export const CATALOG_OVERLAY_SCHEMA_VERSION = 'catalog-overlay/v1' as const;

/**
 * A locality's side of one nationally published procedure: what the national database does not hold
 * (the reduced deadlines it committed to, its internal process with each step's allotment, the
 * reception cut-off, the supplement clock), and what it chooses to state otherwise.
 */
export const ProcedureOverlay = z
  .object({
    code: z.string().regex(/^\d\.\d{6}$/, 'national code like 1.001193'),
    /** Defaults from the national category where it maps (Hộ tịch → civil_status, …). */
    field: ProcedureField.optional(),
    version: z.number().int().positive().default(1),
    validFrom: IsoDate,
    validTo: IsoDate.optional(),
    /** Defaults from isWard / isProvince / isMinistry when exactly one is set. */
    level: AdministrativeLevel.optional(),
    /** Which national case's processing time is the legal deadline, when the cases disagree. */
    nationalCase: z.string().min(1).optional(),
    deadlines: z.object({ committed: Duration, online: Duration.optional(), legal: Duration.optional() }).strict(),
    receptionCutOff: ProcedureVersion.shape.receptionCutOff,
    /** Defaults from isFullProcess (toàn trình) or partial. */
    onlineLevel: OnlineLevel.optional(),
    supplementClock: SupplementClockPolicy,
    /** Replace the imported components / fees (e.g. to state a tiered fee the portal gives in words). */
    documents: z.array(DocumentComponent).optional(),
    fees: z.array(Fee).optional(),
    steps: z.array(ProcedureStep).min(1),
    calendarVersion: z.string().min(1).optional(),
    timerSettings: ProcedureVersion.shape.timerSettings,
  })
  .strict();
export type ProcedureOverlay = z.infer<typeof ProcedureOverlay>;

export const CatalogOverlay = z
  .object({
    schemaVersion: z.literal(CATALOG_OVERLAY_SCHEMA_VERSION),
    /** The version of the catalogue the import produces. */
    catalogVersion: z.string().min(1),
    /** Who wrote it (e.g. "UBND tỉnh Phú Thọ, QĐ công bố …"). */
    source: z.string().min(1).optional(),
    procedures: z.array(ProcedureOverlay),
  })
  .strict();
export type CatalogOverlay = z.infer<typeof CatalogOverlay>;
