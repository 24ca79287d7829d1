import { ORG_UNIT_SCHEMA_VERSION, OrgUnitInput } from '../../contracts/org-unit.contract';

/** The catalogue tracks units from here on: older history matters to no dossier still open. */
export const HISTORY_START = '2024-01-01';
/** Two-tier local government and the merged provinces (Resolutions 202/2025/QH15, 1676/NQ-UBTVQH15). */
export const TWO_TIER_START = '2025-07-01';
export const THREE_TIER_END = '2025-06-30';

export function unit(u: Omit<OrgUnitInput, 'schemaVersion'>): OrgUnitInput {
  return { schemaVersion: ORG_UNIT_SCHEMA_VERSION, ...u };
}
