import { z } from 'zod';

/** A local (Vietnam) calendar date; string order equals date order, which effective dating relies on. */
export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected an ISO date YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

export const ORG_UNIT_SCHEMA_VERSION = 'org-unit/v1' as const;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');

/** Hours a unit receives the public on some weekdays (0 Sunday … 6 Saturday), local time. */
export const UnitServiceHours = z
  .object({ days: z.array(z.number().int().min(0).max(6)).min(1), start: LocalTime, end: LocalTime })
  .strict();
export type UnitServiceHours = z.infer<typeof UnitServiceHours>;

/** Administrative tier a unit belongs to; `district` exists only before 1 July 2025. */
export const AdministrativeLevel = z.enum(['central', 'province', 'district', 'commune']);
export type AdministrativeLevel = z.infer<typeof AdministrativeLevel>;

/**
 * What a unit does, so procedure steps can name a kind and routing can find the concrete unit
 * from the receiving locality. Localities are units too (province, district, commune).
 */
export const UnitKind = z.enum([
  // localities (their People's Committee)
  'province',
  'district',
  'commune',
  // one-stop desks
  'province_service_centre',
  'district_one_stop',
  'commune_service_centre',
  // provincial departments
  'dept_justice',
  'dept_construction',
  'dept_agriculture_environment',
  'dept_finance',
  'dept_planning_investment',
  'dept_home_affairs',
  // district offices (three-tier era)
  'district_justice_office',
  'district_urban_management_office',
  'district_finance_planning_office',
  'district_natural_resources_office',
  'district_labour_office',
  // commune offices (two-tier era; civil status sits in the culture-social office)
  'commune_culture_social_office',
  'commune_economic_office',
  // vertical agencies
  'police',
  'tax_office',
  'social_insurance',
  'land_registration_office',
  'land_registration_branch',
]);
export type UnitKind = z.infer<typeof UnitKind>;

export const LOCALITY_KINDS: readonly UnitKind[] = ['province', 'district', 'commune'];

/** One-stop desks (Bộ phận một cửa, Trung tâm phục vụ hành chính công): the only units that receive dossiers. */
export const ONE_STOP_DESK_KINDS: readonly UnitKind[] = ['province_service_centre', 'district_one_stop', 'commune_service_centre'];

export const OrgUnit = z
  .object({
    schemaVersion: z.literal(ORG_UNIT_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case id of letters, digits, dots and dashes'),
    /** National administrative code where one exists (localities). */
    adminCode: z.string().optional(),
    name: z.string().min(1),
    kind: UnitKind,
    level: AdministrativeLevel,
    /** Containing locality (a department's province, a ward's district or province). */
    parentId: z.string().optional(),
    /** Localities a vertical agency or regional branch serves besides its parent. */
    servesIds: z.array(z.string()).default([]),
    validFrom: IsoDate,
    validTo: IsoDate.optional(),
    /** Unit that continues its dossiers after validTo (Resolution 190/2025/QH15). */
    successorId: z.string().optional(),
    legalBasis: z.string().optional(),
    /**
     * When the unit receives the public, where it differs from the calendar's service hours on working
     * days (commune police receive residence dossiers on Saturday mornings too). Receiving hours only:
     * deadlines still count on the dossier's working calendar.
     */
    serviceHours: z.array(UnitServiceHours).min(1).optional(),
  })
  .strict();
export type OrgUnit = z.infer<typeof OrgUnit>;
export type OrgUnitInput = z.input<typeof OrgUnit>;
