import { z } from 'zod';

/**
 * The National Public Service Portal's procedure detail (Cơ sở dữ liệu quốc gia về thủ tục hành
 * chính, as dichvucong.gov.vn serves it): only the fields the catalogue importer reads are checked,
 * everything else passes through untouched. Public examples: test/catalog/fixtures/national/.
 */

const NamedRef = z.looseObject({ id: z.string(), name: z.string(), code: z.string().optional() });

/** How long a case takes: `qty` of WORKING_DAY (working days), DAY / CALENDAR_DAY (calendar days) or WORKING_HOUR. */
export const NationalProcessingDay = z.looseObject({
  qty: z.number().nonnegative(),
  type: z.enum(['WORKING_DAY', 'DAY', 'CALENDAR_DAY', 'WORKING_HOUR', 'HOUR']),
});

export const NationalCase = z.looseObject({ id: z.string().optional(), code: z.string().min(1), name: z.string(), processingDay: NationalProcessingDay });

export const NationalFeeItem = z.looseObject({
  type: z.string().min(1),
  value: z.number().nonnegative(),
  currencyId: z.string().nullable().optional(),
  currencyName: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});

export const NationalExecutionMethod = z.looseObject({
  submissionMethod: z.enum(['DIRECT', 'ONLINE', 'POSTAL']),
  processingTime: z.number().nullable().optional(),
  processingTimeUnit: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  fees: z.array(NationalFeeItem).default([]),
});

export const NationalProfileComponent = z.looseObject({
  code: z.string().min(1),
  name: z.string(),
  originalQty: z.number().int().nonnegative(),
  copyQty: z.number().int().nonnegative(),
  required: z.boolean(),
});

export const NationalProcedureDetail = z.looseObject({
  id: z.string().min(1),
  code: z.string().regex(/^\d\.\d{6}$/, 'national code like 1.001193'),
  name: z.string().min(1),
  cases: z.array(NationalCase).min(1),
  executionMethods: z.array(NationalExecutionMethod).min(1),
  executionCases: z.array(z.looseObject({ name: z.string(), profileComponents: z.array(NationalProfileComponent) })).default([]),
  unitGroupsExecuting: z.array(NamedRef).default([]),
  legalBasisesDetails: z.array(NamedRef).min(1),
  categoriesDetails: z.array(NamedRef).default([]),
  isWard: z.boolean(),
  isProvince: z.boolean(),
  isMinistry: z.boolean().optional(),
  isFullProcess: z.boolean().optional(),
  updatedAt: z.number().int().optional(),
  procedureProposal: z
    .looseObject({ proposalNumber: z.string().nullable().optional(), decisionDate: z.number().nullable().optional(), issuingAgency: NamedRef.nullable().optional() })
    .nullable()
    .optional(),
});
export type NationalProcedureDetail = z.infer<typeof NationalProcedureDetail>;

/** What the portal's API answers: the detail inside an envelope. */
export const NationalProcedureAnswer = z.looseObject({ code: z.literal('OK'), data: NationalProcedureDetail });
