import { ACCESS_POLICY, type AccessRule, type OperationId } from '../../app/access/access-policy';
import type { Role } from '../../contracts/api/principal.contract';
import { AN } from '../support/applicants';
import { ApiDriver, DESK, OTHER_DESK, OTHER_WARD, WARD } from '../support/api-driver';
import { EngineHarness } from '../support/engine-harness';

jest.setTimeout(300_000);

/** Answers that mean "access denied" (as opposed to the request being wrong for the dossier's state). */
const DENIALS = new Set(['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_CLAIMS_INVALID', 'ROLE_NOT_ALLOWED', 'UNIT_NOT_COVERED', 'DOSSIER_NOT_COVERED']);
const ROLES: Role[] = ['reception', 'officer', 'unit_head', 'supervisor', 'analyst', 'admin', 'backfill'];
const OVERSEERS = new Set<Role>(['supervisor', 'analyst', 'admin']);

interface Probe {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  stream?: boolean;
}

interface Fixture {
  open: string;
  closed: string;
  closedToken: string;
}

/**
 * A harmless request per operation: it passes access control when allowed and is then refused by the
 * dossier's state (a stale task version, a closed dossier, an unknown procedure), so the matrix never
 * changes what the next probe sees. `unit` is the unit the request is about where the operation takes one.
 */
const PROBES: Record<OperationId, (f: Fixture, unit: string) => Probe> = {
  health: () => ({ method: 'GET', path: '/healthz' }),
  readiness: () => ({ method: 'GET', path: '/readyz' }),
  openapi: () => ({ method: 'GET', path: '/openapi.json' }),
  me: () => ({ method: 'GET', path: '/me' }),
  submitDossier: (_f, unit) => ({ method: 'POST', path: '/dossiers', body: { procedureCode: '9.999999', receivingUnitId: unit, channel: 'direct', applicant: AN } }),
  resubmitSupplement: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/supplement`, body: {} }),
  recordPayment: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/payments`, body: { source: 'applicant_payment', paidOnline: false, amountVnd: 1, reference: 'r' } }),
  returnResult: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/result-return`, body: { method: 'desk', electronic: false } }),
  withdrawDossier: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/withdraw`, body: { reason: 'r' } }),
  getForm: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/forms/01` }),
  // the PDF is printed by Chromium; without it the route answers 503 after access control, which is what is probed here
  getFormPdf: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/forms/01/pdf` }),
  getApplicant: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/applicant` }),
  getInbox: (_f, unit) => ({ method: 'GET', path: `/units/${unit}/inbox` }),
  streamInbox: (_f, unit) => ({ method: 'GET', path: `/units/${unit}/inbox/stream`, stream: true }),
  claimTask: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/claim`, body: { taskVersion: 99 } }),
  completeTask: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/complete`, body: { taskVersion: 99 } }),
  returnTask: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/return`, body: { taskVersion: 99, reason: 'r' } }),
  transferTask: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/transfer`, body: { taskVersion: 99, toUnitId: WARD, reason: 'r' } }),
  reassignTask: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/reassign`, body: { taskVersion: 99, toOfficerId: 'x' } }),
  requestSupplement: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/supplement-request`, body: { taskVersion: 99, reason: 'r', missing: ['m'] } }),
  requestPayment: (f) => ({ method: 'POST', path: `/dossiers/${f.open}/tasks/tiep-nhan%231/payment-request`, body: { taskVersion: 99, kind: 'fee', amountVnd: 1 } }),
  extendDossier: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/extend`, body: { reason: 'r', newAppointmentAt: '2030-01-01T10:00:00+07:00' } }),
  stopDossier: (f) => ({ method: 'POST', path: `/dossiers/${f.closed}/stop`, body: { reason: 'r' } }),
  getDossier: (f) => ({ method: 'GET', path: `/dossiers/${f.open}` }),
  getDossierEvents: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/events` }),
  getDossierSlip: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/slip` }),
  getDossierLedger: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/ledger` }),
  getDossierConsumption: (f) => ({ method: 'GET', path: `/dossiers/${f.open}/consumption` }),
  getSlaBoard: (_f, unit) => ({ method: 'GET', path: `/sla-board?unitId=${unit}` }),
  getSlaBoardUnits: (_f, unit) => ({ method: 'GET', path: `/sla-board/units?unitId=${unit}` }),
  streamSlaAlerts: (_f, unit) => ({ method: 'GET', path: `/sla-alerts/stream?unitId=${unit}`, stream: true }),
  getRegister: (_f, unit) => ({ method: 'GET', path: `/register?unitId=${unit}` }),
  getStatistics: (_f, unit) => ({ method: 'GET', path: `/statistics?from=2026-01-01&to=2026-12-31&unitId=${unit}` }),
  getIndicators: (_f, unit) => ({ method: 'GET', path: `/indicators?from=2026-01-01&to=2026-12-31&unitId=${unit}` }),
  getUnitConsumption: (_f, unit) => ({ method: 'GET', path: `/statistics/consumption?from=2026-01-01&to=2026-12-31&unitId=${unit}` }),
  citizenLookup: (f) => ({ method: 'POST', path: '/public/lookup', body: { dossierCode: f.open, idLast4: '0000' } }),
  citizenSupplement: (f) => ({ method: 'POST', path: `/public/dossiers/${f.closed}/supplement`, headers: { 'x-dossier-token': f.closedToken }, body: {} }),
  citizenRate: (f) => ({ method: 'POST', path: `/public/dossiers/${f.closed}/rating`, headers: { 'x-dossier-token': f.closedToken }, body: { score: 'neutral' } }),
  citizenComplain: (f) => ({ method: 'POST', path: `/public/dossiers/${f.closed}/complaints`, headers: { 'x-dossier-token': f.closedToken }, body: { category: 'other', reference: 'r' } }),
  getCatalog: () => ({ method: 'GET', path: '/admin/catalog' }),
  putCatalog: () => ({ method: 'PUT', path: '/admin/catalog', body: { schemaVersion: 'catalog/v1' } }),
  listUnits: () => ({ method: 'GET', path: '/admin/units' }),
  listCalendars: () => ({ method: 'GET', path: '/admin/calendars' }),
  codecEncode: () => ({ method: 'POST', path: '/codec/encode', body: { payloads: [] } }),
  codecDecode: () => ({ method: 'POST', path: '/codec/decode', body: { payloads: [] } }),
  codecPreflight: () => ({ method: 'OPTIONS', path: '/codec/decode' }),
  webRoot: () => ({ method: 'GET', path: '/' }),
  webPage: () => ({ method: 'GET', path: '/ui/inbox' }),
  webAsset: () => ({ method: 'GET', path: '/ui/assets/core.js' }),
};

type Caller = { label: string; role?: Role; variant: 'own' | 'other' | 'none' | 'expired' | 'wrong-signature' };

/** What the table grants: the one source the expectations come from. */
function granted(rule: AccessRule, c: Caller): boolean {
  if (rule.scope.kind === 'public') return true;
  if (!c.role || c.variant === 'none' || c.variant === 'expired' || c.variant === 'wrong-signature') return false;
  if (!rule.roles.includes(c.role)) return false;
  if (rule.scope.kind === 'authenticated') return true;
  return c.variant === 'own';
}

describe('access matrix: every role × every operation × own unit / other unit / no token / expired / wrong signature', () => {
  let h: EngineHarness;
  let f: Fixture;
  const tokens = new Map<string, string>();
  const callers: Caller[] = [
    ...ROLES.flatMap((role): Caller[] => [
      { label: `${role}@own`, role, variant: 'own' },
      { label: `${role}@other`, role, variant: 'other' },
    ]),
    { label: 'no token', variant: 'none' },
    { label: 'expired (admin@pt)', role: 'admin', variant: 'expired' },
    { label: 'wrong signature (admin@pt)', role: 'admin', variant: 'wrong-signature' },
  ];
  // the unit a request is about (the fixture's desk, or the ward above it for overseers) …
  const subjectUnit = (c: Caller): string => (c.role !== undefined && OVERSEERS.has(c.role) ? WARD : DESK);
  // … and the unit the caller's token names: the same (own), or the neighbouring ward's (other)
  const tokenUnit = (c: Caller): string => (c.variant === 'other' ? (subjectUnit(c) === WARD ? OTHER_WARD : OTHER_DESK) : subjectUnit(c));

  beforeAll(async () => {
    h = await EngineHarness.start({ MOTCUA_CITIZEN_LIMIT_PER_MINUTE: '100000', MOTCUA_LOOKUP_LIMIT_PER_MINUTE: '100000', MOTCUA_LOOKUP_LIMIT_PER_CODE_HOUR: '100000' });
    const d = new ApiDriver(h);
    const reception = await h.token({ roles: ['reception'], units: [DESK] });
    const open = await d.received(reception);
    const closed = await d.received(reception);
    await d.task(await h.token({ roles: ['officer'], units: [DESK] }), closed.code, 'tiep-nhan');
    const w = await d.dossierCommand(reception, closed.code, 'withdraw', { reason: 'rút' });
    if (w.status !== 200) throw new Error(w.text);
    await d.task(await h.token({ roles: ['officer'], units: [DESK] }), open.code, 'tiep-nhan');
    f = { open: open.code, closed: closed.code, closedToken: closed.citizenToken };
    for (const c of callers) {
      if (c.variant === 'none') continue;
      const role = c.role!;
      const units = c.variant === 'expired' || c.variant === 'wrong-signature' ? ['pt'] : [tokenUnit(c)];
      tokens.set(c.label, await h.token({ roles: [role], units, sub: c.label, ...(c.variant === 'expired' ? { expiresIn: -600 } : {}), ...(c.variant === 'wrong-signature' ? { wrongKey: true } : {}) }));
    }
  });
  afterAll(async () => h?.close());

  it('has a probe for every operation of the access policy', () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(ACCESS_POLICY).sort());
  });

  it('allows exactly what the table grants, and nothing else', async () => {
    const wrong: string[] = [];
    let probes = 0;
    for (const [op, rule] of Object.entries(ACCESS_POLICY) as Array<[OperationId, AccessRule]>) {
      for (const c of callers) {
        const p = PROBES[op](f, subjectUnit(c));
        const headers: Record<string, string> = { ...(p.headers ?? {}) };
        const token = tokens.get(c.label);
        if (token) headers.authorization = `Bearer ${token}`;
        if (p.body !== undefined) headers['content-type'] = 'application/json';
        const abort = new AbortController();
        const res = await fetch(`${h.base}${p.path}`, { method: p.method, headers, signal: abort.signal, ...(p.body !== undefined ? { body: JSON.stringify(p.body) } : {}) });
        let code: string | undefined;
        if (res.headers.get('content-type')?.includes('problem+json')) code = ((await res.json()) as { code?: string }).code;
        else if (p.stream) abort.abort();
        else await res.arrayBuffer();
        probes++;
        const denied = res.status === 401 || (res.status === 403 && code !== undefined && DENIALS.has(code));
        const expected = granted(rule, c);
        if (res.status >= 500) wrong.push(`${op} as ${c.label}: ${res.status} ${code ?? ''}`);
        else if (denied === expected) wrong.push(`${op} as ${c.label}: ${expected ? 'granted by the table but denied' : 'not granted by the table but allowed'} (${res.status} ${code ?? ''})`);
      }
    }
    expect(probes).toBe(Object.keys(ACCESS_POLICY).length * callers.length);
    expect(wrong).toEqual([]);
  });
});
