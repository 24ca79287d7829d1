import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed keys of the custom search attributes registered by `motcua stack up` (infra/search-attributes.ts). */
export const SA = {
  statusCode: defineSearchAttributeKey('MotcuaStatusCode', SearchAttributeType.INT),
  units: defineSearchAttributeKey('MotcuaUnits', SearchAttributeType.KEYWORD_LIST),
  dueAt: defineSearchAttributeKey('MotcuaDueAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('MotcuaOverdue', SearchAttributeType.BOOL),
  procedureCode: defineSearchAttributeKey('MotcuaProcedureCode', SearchAttributeType.KEYWORD),
};
