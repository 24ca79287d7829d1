import type { Role } from '../../contracts/api/principal.contract';

/**
 * Who may call what, in one table: the API checks every route against it (a route without an
 * entry is refused when the server starts) and the access-matrix test is generated from it.
 *
 * Scopes: `public` needs no token; `authenticated` any valid token with one of the roles; `unit`
 * a unit named in the request must be covered by the caller; `units` results are restricted to
 * the caller's units (a unit filter must be covered); `dossier` the dossier must involve a unit the
 * caller covers, as the role relates to dossiers (see dossierRelation).
 */
export type Scope =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'unit'; from: 'params' | 'query' | 'body'; key: string }
  | { kind: 'units'; from: 'query'; key: string }
  | { kind: 'dossier' };

export interface AccessRule {
  roles: readonly Role[];
  scope: Scope;
  /** The answer carries personal data: every read is written to the access log. */
  personalData?: boolean;
}

const ALL_STAFF: readonly Role[] = ['reception', 'officer', 'unit_head', 'supervisor', 'analyst', 'admin'];
const PUBLIC: AccessRule = { roles: [], scope: { kind: 'public' } };
const dossier = (roles: readonly Role[], personalData = false): AccessRule => ({ roles, scope: { kind: 'dossier' }, ...(personalData ? { personalData } : {}) });
const DEPARTMENT: readonly Role[] = ['officer', 'unit_head'];
/** Personal data: reception, the officers of the units handling the dossier, admins (issue: protected personal data). */
const PERSONAL: readonly Role[] = ['reception', 'officer', 'unit_head', 'admin'];

export const ACCESS_POLICY = {
  // operations
  health: PUBLIC,
  readiness: PUBLIC,
  openapi: PUBLIC,
  me: { roles: [...ALL_STAFF, 'backfill'], scope: { kind: 'authenticated' } },

  // reception desk
  submitDossier: { roles: ['reception'], scope: { kind: 'unit', from: 'body', key: 'receivingUnitId' } },
  resubmitSupplement: dossier(['reception']),
  recordPayment: dossier(['reception']),
  returnResult: dossier(['reception']),
  withdrawDossier: dossier(['reception']),
  getForm: dossier(PERSONAL, true),
  getApplicant: dossier(PERSONAL, true),

  // departments
  getInbox: { roles: ['officer', 'unit_head', 'supervisor'], scope: { kind: 'unit', from: 'params', key: 'unitId' } },
  claimTask: dossier(DEPARTMENT),
  completeTask: dossier(DEPARTMENT),
  returnTask: dossier(DEPARTMENT),
  transferTask: dossier(DEPARTMENT),
  reassignTask: dossier(['unit_head']),
  requestSupplement: dossier(DEPARTMENT),
  requestPayment: dossier(DEPARTMENT),
  extendDossier: dossier(DEPARTMENT),
  stopDossier: dossier(DEPARTMENT),

  // the dossier page
  getDossier: dossier(ALL_STAFF),
  getDossierEvents: dossier(ALL_STAFF),
  getDossierSlip: dossier(ALL_STAFF),
  getDossierLedger: dossier(ALL_STAFF),
  getDossierConsumption: dossier(ALL_STAFF),

  // supervisors and analysts
  getSlaBoard: { roles: ['supervisor', 'unit_head', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },
  getSlaBoardUnits: { roles: ['supervisor', 'unit_head', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },
  streamSlaAlerts: { roles: ['supervisor', 'unit_head', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },
  getRegister: { roles: ['reception', 'unit_head', 'supervisor', 'analyst', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },
  getStatistics: { roles: ['supervisor', 'analyst', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },
  getIndicators: { roles: ['supervisor', 'analyst', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },

  // citizens (the dossier code with the ID digits, or the receipt's token, is the credential)
  citizenLookup: PUBLIC,
  citizenSupplement: PUBLIC,
  citizenRate: PUBLIC,
  citizenComplain: PUBLIC,

  // the web pages (web/): shells and assets hold no data and are public; their scripts call the routes
  // above with the signed-in user's bearer token, so every read and command is checked here as from any client
  webRoot: PUBLIC,
  webPage: PUBLIC,
  webAsset: PUBLIC,
  streamInbox: { roles: ['officer', 'unit_head', 'supervisor'], scope: { kind: 'unit', from: 'params', key: 'unitId' } },
  getFormPdf: dossier(PERSONAL, true),
  getUnitConsumption: { roles: ['supervisor', 'analyst', 'admin'], scope: { kind: 'units', from: 'query', key: 'unitId' } },

  // administration
  getCatalog: { roles: [...ALL_STAFF], scope: { kind: 'authenticated' } },
  putCatalog: { roles: ['admin'], scope: { kind: 'authenticated' } },
  listUnits: { roles: [...ALL_STAFF], scope: { kind: 'authenticated' } },
  listCalendars: { roles: [...ALL_STAFF], scope: { kind: 'authenticated' } },
  codecEncode: { roles: ['admin'], scope: { kind: 'authenticated' } },
  codecDecode: { roles: ['admin'], scope: { kind: 'authenticated' } },
  // the browser's CORS preflight carries no credentials
  codecPreflight: PUBLIC,
} as const satisfies Record<string, AccessRule>;

export type OperationId = keyof typeof ACCESS_POLICY;

export function accessRule(operationId: string): AccessRule | undefined {
  return (ACCESS_POLICY as Record<string, AccessRule>)[operationId];
}
