import { z } from 'zod';
import { Duration } from './duration.contract';
import { AdministrativeLevel, IsoDate, UnitKind } from './org-unit.contract';

export const PROCEDURE_SCHEMA_VERSION = 'procedure/v1' as const;

export const ProcedureField = z.enum([
  'civil_status',
  'residence',
  'land',
  'construction',
  'business_registration',
  'investment',
  'social_insurance',
  'certification',
  'demo',
]);
export type ProcedureField = z.infer<typeof ProcedureField>;

export const StepKind = z.enum([
  'reception',
  'appraisal',
  'approval',
  'signing',
  'financial_obligation',
  'interagency',
  'result_return',
]);
export type StepKind = z.infer<typeof StepKind>;

/**
 * A node of the internal process. Every id in `next` starts once this step ends; a step with
 * several `next` forks parallel branches, a step named by several steps is a join that waits
 * for all of them. There is no exclusive choice: optional work is a separate procedure.
 */
export const ProcedureStep = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case step id'),
    name: z.string().min(1),
    kind: StepKind,
    unitKind: UnitKind,
    /** Pins a concrete unit when routing by locality does not apply (e.g. the provincial land office). */
    unitId: z.string().optional(),
    allotment: Duration,
    next: z.array(z.string()).default([]),
  })
  .strict();
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const DocumentComponent = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    form: z.enum(['original', 'certified_copy', 'photocopy', 'electronic']),
    quantity: z.number().int().positive().default(1),
    required: z.boolean().default(true),
    note: z.string().optional(),
  })
  .strict();
export type DocumentComponent = z.infer<typeof DocumentComponent>;

/** From the `fromUnit`-th unit (page, copy) on, each unit costs `amountVnd`. */
export const FeeTier = z.object({ fromUnit: z.number().int().positive(), amountVnd: z.number().int().nonnegative() }).strict();
export type FeeTier = z.infer<typeof FeeTier>;

/**
 * A fee or charge. Flat by default (`amountVnd`); tiered when charged per unit, e.g. certified copies
 * (Thông tư 226/2016/TT-BTC): 2,000 đ a page, 1,000 đ from page 3, at most 200,000 đ a copy.
 */
export const Fee = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** The flat amount, or the price of the first unit when tiered. */
    amountVnd: z.number().int().nonnegative(),
    note: z.string().optional(),
    /** What a tier counts (absent: the fee is flat per dossier). */
    per: z.enum(['page', 'copy', 'item']).optional(),
    /** Ascending `fromUnit`, the first from unit 1 at `amountVnd` (domain/procedure/fees.ts checks it). */
    tiers: z.array(FeeTier).min(1).optional(),
    /** Ceiling of one charge (a copy, however many pages). */
    maxVnd: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Fee = z.infer<typeof Fee>;

/** How the clock treats the applicant's time to supplement a dossier (domain.md §3); the ledger applies it. */
export const SupplementClockPolicy = z.enum(['pause', 'restart', 'kpi-subtract']);
export type SupplementClockPolicy = z.infer<typeof SupplementClockPolicy>;

/** Decree 42/2022/NĐ-CP vocabulary: "một phần" and "toàn trình". */
export const OnlineLevel = z.enum(['partial', 'full']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

export const ProcedureDeadlines = z
  .object({
    /** From the national procedure database. */
    legal: Duration,
    /** The locality's reduced deadline; appointments use it. */
    committed: Duration,
    /** A further reduction for online submission, where published. */
    online: Duration.optional(),
  })
  .strict();
export type ProcedureDeadlines = z.infer<typeof ProcedureDeadlines>;

/** Where an imported version came from: the national procedure database record it was built from. */
export const ProcedureProvenance = z
  .object({
    source: z.literal('national-procedure-database'),
    /** The record's id and the case whose processing time is the legal deadline. */
    nationalId: z.string().min(1),
    caseCode: z.string().min(1),
    /** The national name, as published. */
    nationalName: z.string().min(1),
    /** The announcing decision (procedureProposal.proposalNumber), when given. */
    decision: z.string().optional(),
    /** When the national record last changed (its updatedAt, ISO). */
    updatedAt: z.string().optional(),
    /** How it may be submitted (DIRECT, ONLINE, POSTAL). */
    submissionMethods: z.array(z.string()),
    /** The file it was read from. */
    file: z.string().optional(),
    /** What the import set aside (fees in another currency, …). */
    notes: z.array(z.string()).default([]),
  })
  .strict();
export type ProcedureProvenance = z.infer<typeof ProcedureProvenance>;

export const ProcedureVersion = z
  .object({
    version: z.number().int().positive(),
    validFrom: IsoDate,
    validTo: IsoDate.optional(),
    level: AdministrativeLevel,
    legalBasis: z.array(z.string().min(1)).min(1),
    deadlines: ProcedureDeadlines,
    /** Local time HH:MM after which a submission counts from the next working day. */
    receptionCutOff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM').optional(),
    onlineLevel: OnlineLevel,
    supplementClock: SupplementClockPolicy,
    documents: z.array(DocumentComponent).default([]),
    fees: z.array(Fee).default([]),
    hasFinancialObligation: z.boolean(),
    steps: z.array(ProcedureStep).min(1),
    /** The working calendar this procedure runs on instead of the official one (the demo's is open around the clock). */
    calendarVersion: z.string().min(1).optional(),
    /** Set on versions built by `motcua catalog import` from the national procedure database. */
    provenance: ProcedureProvenance.optional(),
    /** Timer settings that differ from the defaults (minute-long demo deadlines need minute-long warnings). */
    timerSettings: z
      .object({
        dueSoonWorkingMinutes: z.number().nonnegative(),
        form04LeadWorkingMinutes: z.number().nonnegative(),
        supplementWindowMinutes: z.number().int().positive(),
        ratingWindowMinutes: z.number().int().positive(),
        /** How a Form 04 counts (default late_with_apology): a locality's versioned setting, not a second code path. */
        form04Counting: z.enum(['late_with_apology', 'new_appointment']),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type ProcedureVersion = z.infer<typeof ProcedureVersion>;

export const ProcedureDefinition = z
  .object({
    schemaVersion: z.literal(PROCEDURE_SCHEMA_VERSION),
    /** National procedure code (e.g. 1.001193); demo procedures use DEMO.nn. */
    code: z.string().regex(/^(\d\.\d{6}|DEMO\.\d{2})$/, 'national code like 1.001193 or DEMO.nn'),
    name: z.string().min(1),
    field: ProcedureField,
    versions: z.array(ProcedureVersion).min(1),
  })
  .strict();
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;
export type ProcedureDefinitionInput = z.input<typeof ProcedureDefinition>;
