/**
 * Custom search attributes the dossier workflow keeps current, so that
 * `temporal workflow list --query "MotcuaOverdue = true AND MotcuaUnits = 'X'"` finds a unit's
 * overdue dossiers. Registered by `motcua stack up` on the namespace the engine uses.
 */
export const SEARCH_ATTRIBUTES = {
  MotcuaStatusCode: 'Int',
  MotcuaUnits: 'KeywordList',
  MotcuaDueAt: 'Datetime',
  MotcuaOverdue: 'Bool',
  MotcuaProcedureCode: 'Keyword',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
export type SearchAttributeKind = (typeof SEARCH_ATTRIBUTES)[SearchAttributeName];
