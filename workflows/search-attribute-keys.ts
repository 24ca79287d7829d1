import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type TypedSearchAttributes } from '@temporalio/common';
import type { DossierVisibility } from '../domain/dossier/visibility';

/** Typed keys of the custom search attributes registered by `motcua stack up` (infra/search-attributes.ts). */
export const SA = {
  statusCode: defineSearchAttributeKey('MotcuaStatusCode', SearchAttributeType.INT),
  units: defineSearchAttributeKey('MotcuaUnits', SearchAttributeType.KEYWORD_LIST),
  dueAt: defineSearchAttributeKey('MotcuaDueAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('MotcuaOverdue', SearchAttributeType.BOOL),
  procedureCode: defineSearchAttributeKey('MotcuaProcedureCode', SearchAttributeType.KEYWORD),
};

/** The search attributes a workflow starts with (the API sets them with the start, so the first decision upserts nothing). */
export function startSearchAttributes(v: DossierVisibility): SearchAttributePair[] {
  return [
    { key: SA.statusCode, value: v.statusCode },
    { key: SA.units, value: v.units },
    { key: SA.procedureCode, value: v.procedureCode },
    { key: SA.overdue, value: v.overdue },
    ...(v.dueAtMs !== undefined ? [{ key: SA.dueAt, value: new Date(v.dueAtMs) }] : []),
  ];
}

/** What the workflow was started (or continued as new) with, in the same shape. */
export function visibilityFrom(sa: TypedSearchAttributes): DossierVisibility {
  return {
    statusCode: sa.get(SA.statusCode) ?? -1,
    units: [...(sa.get(SA.units) ?? [])],
    dueAtMs: sa.get(SA.dueAt)?.getTime(),
    overdue: sa.get(SA.overdue) ?? false,
    procedureCode: sa.get(SA.procedureCode) ?? '',
  };
}
