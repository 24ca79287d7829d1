import { z } from 'zod';
import { OrgUnit } from '../org-unit.contract';
import { IsoDate } from '../org-unit.contract';
import { ProcedureDefinition, StepKind } from '../procedure.contract';
import { Distribution } from './distribution.contract';

export const SIMULATION_PROFILE_SCHEMA_VERSION = 'simulation-profile/v1' as const;

const share = z.number().min(0).max(1);

/** Service time of one task by the kind of its step, in working minutes of an officer's time. */
export const ServiceTimes = z.partialRecord(StepKind, Distribution);
export type ServiceTimes = z.infer<typeof ServiceTimes>;

/**
 * A unit whose officers are modelled: its tasks queue (first come, first served) and each of its
 * officers works one task at a time, within the calendar's service hours. Units that are not listed
 * have no queue: each of their tasks simply takes its service time (a vertical agency, say).
 */
export const UnitCapacity = z
  .object({
    unitId: z.string().min(1),
    officers: z.number().int().min(1),
    /** Working hours per day each officer spends on dossiers (the rest of an 8-hour day goes to other work). */
    hoursPerDay: z.number().positive().max(8).default(8),
    /** Overrides of the profile's service times for this unit. */
    service: ServiceTimes.default({}),
  })
  .strict();
export type UnitCapacity = z.infer<typeof UnitCapacity>;

/** Dossiers of one procedure arriving at some desks: a Poisson stream on working days. */
export const ArrivalStream = z
  .object({
    procedureCode: z.string().min(1),
    /** Each of these desks receives `perYear` dossiers of the procedure a year (before seasonality and growth). */
    receivingUnitIds: z.array(z.string().min(1)).min(1),
    perYear: z.number().nonnegative().finite(),
    /** Relative weights of the reception channels. */
    channels: z
      .object({ direct: z.number().nonnegative(), online: z.number().nonnegative(), post: z.number().nonnegative() })
      .strict()
      .refine((c) => c.direct + c.online + c.post > 0, { message: 'at least one channel must have a weight' })
      .default({ direct: 1, online: 0, post: 0 }),
    /** Online share added each year (e.g. 0.03: three points more of the dossiers arrive online every year), capped at 1. */
    onlineGrowthPerYear: z.number().min(0).max(1).default(0),
    /** Relative change of the rate per year (0.05 = 5% more each year). */
    growthPerYear: z.number().min(-0.9).max(10).default(0),
  })
  .strict();
export type ArrivalStream = z.infer<typeof ArrivalStream>;

export const Seasonality = z
  .object({
    /** Factor per calendar month, January first. */
    monthFactors: z.array(z.number().nonnegative().finite()).length(12).default([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    /** The rush before Tết (lunar new year) and the lull after it, in calendar days around the first day of Tết. */
    tet: z
      .object({
        daysBefore: z.number().int().nonnegative(),
        factorBefore: z.number().nonnegative().finite(),
        daysAfter: z.number().int().nonnegative(),
        factorAfter: z.number().nonnegative().finite(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .default({ monthFactors: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
export type Seasonality = z.infer<typeof Seasonality>;

/** How applicants and officers behave, as shares and delays. */
export const Behaviour = z
  .object({
    /** Refused at the desk (Form 03). */
    refusalRate: share.default(0),
    /** Incomplete at the desk (Form 02 before reception), and how many of those come back, after how many calendar days. */
    receptionSupplementRate: share.default(0),
    receptionSupplementResubmitRate: share.default(1),
    receptionSupplementDelayDays: Distribution.default({ kind: 'uniform', min: 0.5, max: 5 }),
    /** A supplement requested during processing (Form 02) by the first appraisal step, and the applicant's answer. */
    supplementRate: share.default(0),
    supplementResubmitRate: share.default(1),
    supplementDelayDays: Distribution.default({ kind: 'uniform', min: 1, max: 7 }),
    /** An approval or signing step sends the work back once. */
    returnRate: share.default(0),
    /** Calendar days the applicant takes to pay a financial obligation, and the share paid online. */
    paymentDelayDays: Distribution.default({ kind: 'uniform', min: 1, max: 10 }),
    onlinePaymentRate: share.default(0),
    /** The applicant withdraws (status 7), this many calendar days after reception. */
    withdrawalRate: share.default(0),
    withdrawalAfterDays: Distribution.default({ kind: 'uniform', min: 0, max: 10 }),
    /** When the decider drafts a Form 04, the unit issues it with this probability, moving the appointment by so many working days. */
    form04Rate: share.default(0),
    form04ExtensionWorkingDays: z.number().positive().default(3),
    /** Calendar days until a result is collected at the desk (online results are delivered at once). */
    pickupDelayDays: Distribution.default({ kind: 'uniform', min: 0, max: 3 }),
    ratingRate: share.default(0),
    /** Of the ratings: dissatisfied (late dossiers are rated dissatisfied three times as often). */
    dissatisfiedRate: share.default(0),
    /** A complaint about a late dossier. */
    complaintRate: share.default(0),
    /** Dossiers whose components are all digitised, and dossiers reusing digitised data. */
    digitisedRate: share.default(1),
    reuseRate: share.default(0),
  })
  .strict();
export type Behaviour = z.infer<typeof Behaviour>;

export const CalibrationTarget = z
  .object({
    label: z.string().min(1),
    /** Receiving units the figure covers (default: all). */
    receivingUnitIds: z.array(z.string().min(1)).optional(),
    /** received: dossiers received over the whole run (tolerance in percent of the target); rates in percent (tolerance in points). */
    metric: z.enum(['received', 'completion_rate', 'on_time_rate']),
    value: z.number().nonnegative(),
    tolerance: z.number().nonnegative(),
    source: z.string().optional(),
  })
  .strict();
export type CalibrationTarget = z.infer<typeof CalibrationTarget>;

export const ProfileCatalog = z.discriminatedUnion('source', [
  z.object({ source: z.literal('shipped') }).strict(),
  z
    .object({
      source: z.literal('inline'),
      catalogVersion: z.string().min(1),
      units: z.array(OrgUnit),
      procedures: z.array(ProcedureDefinition),
    })
    .strict(),
]);
export type ProfileCatalog = z.infer<typeof ProfileCatalog>;

/**
 * A simulation profile: an organisation and its procedures (the shipped catalogue or its own), who
 * works where, what arrives when, and how people behave. Validated on load; the catalogue part runs
 * the catalogue's rules too.
 */
export const SimulationProfile = z
  .object({
    schemaVersion: z.literal(SIMULATION_PROFILE_SCHEMA_VERSION),
    name: z.string().min(1),
    description: z.string().default(''),
    source: z.string().optional(),
    /** First local day simulated; `years` years follow (the command's --years overrides). */
    start: IsoDate,
    years: z.number().int().min(1).max(30),
    calendarVersion: z.string().min(1),
    catalog: ProfileCatalog,
    units: z.array(UnitCapacity),
    /** Service times in working minutes by step kind, where a unit names none. */
    service: z.record(StepKind, Distribution),
    arrivals: z.array(ArrivalStream).min(1),
    seasonality: Seasonality,
    behaviour: Behaviour.default(Behaviour.parse({})),
    calibration: z.array(CalibrationTarget).default([]),
  })
  .strict();
export type SimulationProfile = z.infer<typeof SimulationProfile>;

export const SIMULATION_POLICY_SCHEMA_VERSION = 'simulation-policy/v1' as const;

/** One change a policy makes to a profile. */
export const PolicyChange = z.discriminatedUnion('kind', [
  /** Committed (and online) deadlines multiplied by `factor` (0.7 = 30% shorter); step allotments shrink alike so the process still fits. */
  z.object({ kind: z.literal('committed_deadlines'), factor: z.number().positive().max(10), procedureCodes: z.array(z.string()).optional() }).strict(),
  /** Officers of a unit: `delta` more (negative: fewer, at least one stays) or `set` to a number. */
  z
    .object({ kind: z.literal('officers'), unitId: z.string().min(1), delta: z.number().int().optional(), set: z.number().int().min(1).optional() })
    .strict()
    .refine((c) => (c.delta === undefined) !== (c.set === undefined), { message: 'give either delta or set' }),
  /** Arrival rates multiplied by `factor`. */
  z.object({ kind: z.literal('arrivals'), factor: z.number().nonnegative().max(100), procedureCodes: z.array(z.string()).optional() }).strict(),
]);
export type PolicyChange = z.infer<typeof PolicyChange>;

export const SimulationPolicy = z
  .object({
    schemaVersion: z.literal(SIMULATION_POLICY_SCHEMA_VERSION),
    name: z.string().min(1),
    description: z.string().default(''),
    changes: z.array(PolicyChange).min(1),
  })
  .strict();
export type SimulationPolicy = z.infer<typeof SimulationPolicy>;
