import type { z } from 'zod';
import { CATALOG_SCHEMA_VERSION, type Catalog, type CatalogInput, type CatalogIssue } from '../../contracts/catalog.contract';
import { CatalogOverlay, type ProcedureOverlay } from '../../contracts/catalog-overlay.contract';
import type { Duration } from '../../contracts/duration.contract';
import { NationalProcedureAnswer, NationalProcedureDetail } from '../../contracts/national/procedure-detail.contract';
import type { AdministrativeLevel } from '../../contracts/org-unit.contract';
import { PROCEDURE_SCHEMA_VERSION, type DocumentComponent, type Fee, type ProcedureDefinitionInput, type ProcedureField } from '../../contracts/procedure.contract';
import { issue } from './catalog-issue';
import { checkCatalog } from './validate-catalog';

/**
 * `motcua catalog import`: the national procedure database's records (name, legal deadline per case,
 * fees, components, legal basis, level) joined with a locality's overlay (committed deadlines,
 * internal steps and allotments, cut-off, supplement clock) into catalogue procedures that carry their
 * provenance, then validated like the shipped catalogue. Pure: the caller reads the files.
 */

export interface ImportSource {
  /** Shown in issues and kept in the provenance. */
  file: string;
  /** The file's JSON: a portal answer {code: "OK", data}, a bare detail, or an array of either. */
  json: unknown;
}

export interface ImportRequest {
  sources: ImportSource[];
  overlay: unknown;
  /** The catalogue the procedures join: its units route their steps; with `merge`, its other procedures stay. */
  base: Pick<Catalog, 'units' | 'procedures'>;
  merge?: boolean;
}

export type ImportResult = { ok: true; catalog: Catalog; imported: string[] } | { ok: false; issues: CatalogIssue[] };

type Detail = NationalProcedureDetail & { file: string };

const UNIT_OF: Record<NationalProcedureDetail['cases'][number]['processingDay']['type'], Duration['unit']> = {
  WORKING_DAY: 'working_days',
  DAY: 'calendar_days',
  CALENDAR_DAY: 'calendar_days',
  WORKING_HOUR: 'working_hours',
  HOUR: 'working_hours',
};

/** National categories (lĩnh vực) whose field is unambiguous; others need the overlay's `field`. */
const FIELD_OF_CATEGORY: Record<string, ProcedureField> = {
  'hộ tịch': 'civil_status',
  'chứng thực': 'certification',
  'cư trú': 'residence',
  'đăng ký, quản lý cư trú': 'residence',
  'đất đai': 'land',
  'xây dựng': 'construction',
  'hoạt động xây dựng': 'construction',
  'thành lập và hoạt động của hộ kinh doanh': 'business_registration',
  'thành lập và hoạt động doanh nghiệp': 'business_registration',
  'đầu tư tại việt nam': 'investment',
  'bảo hiểm xã hội': 'social_insurance',
};

const FEE_NAME: Record<string, string> = { FEE: 'Phí', SERVICE_FEE: 'Lệ phí', CHARGE: 'Lệ phí' };

function zodIssues(code: CatalogIssue['code'], file: string, prefix: string, error: z.ZodError, procedureCode?: string): CatalogIssue[] {
  return error.issues.map((zi) => {
    const path = [prefix, ...zi.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '').replace(/\.\[/g, '[');
    return issue(code, procedureCode ? { procedureCode } : {}, `${file}: ${path || '(root)'}`, zi.message);
  });
}

/** The details a source holds, or the issues naming each field that does not fit. */
function readSource(src: ImportSource): { details: Detail[]; issues: CatalogIssue[]; invalidCodes: string[] } {
  const items = Array.isArray(src.json) ? src.json.map((j, i) => ({ j, at: `[${i}]` })) : [{ j: src.json, at: '' }];
  const details: Detail[] = [];
  const issues: CatalogIssue[] = [];
  const invalidCodes: string[] = [];
  for (const { j, at } of items) {
    const wrapped = j !== null && typeof j === 'object' && 'data' in (j as object);
    const raw = wrapped ? (j as { data: unknown }).data : j;
    const code = raw !== null && typeof raw === 'object' && typeof (raw as { code?: unknown }).code === 'string' ? (raw as { code: string }).code : undefined;
    if (wrapped) {
      const parsed = NationalProcedureAnswer.safeParse(j);
      if (parsed.success) details.push({ ...parsed.data.data, file: src.file });
      else issues.push(...zodIssues('IMPORT_SOURCE_INVALID', src.file, at, parsed.error, code));
    } else {
      const parsed = NationalProcedureDetail.safeParse(j);
      if (parsed.success) details.push({ ...parsed.data, file: src.file });
      else issues.push(...zodIssues('IMPORT_SOURCE_INVALID', src.file, at, parsed.error, code));
    }
    if (code !== undefined && !details.some((d) => d.code === code)) invalidCodes.push(code);
  }
  return { details, issues, invalidCodes };
}

function levelOf(d: Detail, o: ProcedureOverlay): AdministrativeLevel | undefined {
  if (o.level) return o.level;
  const levels: AdministrativeLevel[] = [...(d.isWard ? ['commune' as const] : []), ...(d.isProvince ? ['province' as const] : []), ...(d.isMinistry ? ['central' as const] : [])];
  return levels.length === 1 ? levels[0] : undefined;
}

function fieldOf(d: Detail, o: ProcedureOverlay): ProcedureField | undefined {
  if (o.field) return o.field;
  const fields = new Set(d.categoriesDetails.flatMap((c) => (FIELD_OF_CATEGORY[c.name.trim().toLowerCase()] ? [FIELD_OF_CATEGORY[c.name.trim().toLowerCase()]!] : [])));
  return fields.size === 1 ? [...fields][0] : undefined;
}

const tidy = (s: string): string => s.replace(/\s+/g, ' ').replace(/^[-+*•]\s*/, '').trim();

/** The components the applicant hands in (the portal also lists notes as components, with no quantity). */
function documentsOf(d: Detail): DocumentComponent[] {
  const out = new Map<string, DocumentComponent>();
  for (const c of d.executionCases.flatMap((e) => e.profileComponents)) {
    const quantity = c.originalQty + c.copyQty;
    if (quantity === 0) continue;
    const id = (c.code.split(/[-.]/).at(-1) ?? c.code).toLowerCase();
    if (out.has(id)) continue;
    out.set(id, { id, name: tidy(c.name), form: c.originalQty === 0 ? 'certified_copy' : 'original', quantity: Math.max(c.originalQty, c.copyQty), required: c.required });
  }
  return [...out.values()];
}

/** The fees in Vietnamese đồng, once each, naming the submission methods they apply to; other currencies set aside. */
function feesOf(d: Detail, notes: string[]): Fee[] {
  const byKey = new Map<string, { fee: Fee; methods: string[] }>();
  for (const m of d.executionMethods) {
    for (const f of m.fees) {
      const vnd = !f.currencyName || /việt nam đồng|vnd|vnđ/i.test(f.currencyName);
      const description = f.description?.trim() ?? '';
      if (!vnd) {
        notes.push(`fee ${f.type} ${f.value} ${f.currencyName}${description ? ` ${description}` : ''} (${m.submissionMethod}) not imported: not in đồng`);
        continue;
      }
      const key = `${f.type}|${f.value}|${description}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.methods.includes(m.submissionMethod)) known.methods.push(m.submissionMethod);
        continue;
      }
      const id = `${f.type.toLowerCase().replace(/_/g, '-')}-${byKey.size + 1}`;
      const name = `${FEE_NAME[f.type] ?? f.type}${description ? ` ${description}` : ''}`;
      byKey.set(key, { fee: { id, name, amountVnd: Math.round(f.value) }, methods: [m.submissionMethod] });
    }
  }
  return [...byKey.values()].map(({ fee, methods }) => ({ ...fee, note: `national database, submission ${methods.join(', ')}` }));
}

function procedureOf(d: Detail, o: ProcedureOverlay, at: string): { procedure?: ProcedureDefinitionInput; issues: CatalogIssue[] } {
  const scope = { procedureCode: d.code, version: o.version };
  const issues: CatalogIssue[] = [];
  const chosen = o.nationalCase ? d.cases.find((c) => c.code === o.nationalCase) : undefined;
  if (o.nationalCase && !chosen) issues.push(issue('IMPORT_CASE_UNKNOWN', scope, `${at}.nationalCase`, `${o.nationalCase} is not a case of ${d.code} (${d.cases.map((c) => c.code).join(', ')})`));
  const distinct = new Set(d.cases.map((c) => `${c.processingDay.qty} ${c.processingDay.type}`));
  if (!o.nationalCase && distinct.size > 1) {
    issues.push(issue('IMPORT_CASE_AMBIGUOUS', scope, `${at}.nationalCase`, `the cases of ${d.code} differ (${d.cases.map((c) => `${c.code}: ${c.processingDay.qty} ${c.processingDay.type}`).join('; ')}): name one`));
  }
  const theCase = chosen ?? d.cases[0]!;
  const level = levelOf(d, o);
  if (!level) issues.push(issue('IMPORT_LEVEL_AMBIGUOUS', scope, `${at}.level`, `${d.code} sets isWard ${d.isWard}, isProvince ${d.isProvince}, isMinistry ${d.isMinistry ?? false}: state the level`));
  const field = fieldOf(d, o);
  if (!field) issues.push(issue('IMPORT_FIELD_UNKNOWN', scope, `${at}.field`, `no field for the category ${d.categoriesDetails.map((c) => c.name).join(', ') || '(none)'}: state it`));
  if (issues.length > 0 || !level || !field) return { issues };

  const notes: string[] = [];
  const legal: Duration = o.deadlines.legal ?? { amount: theCase.processingDay.qty, unit: UNIT_OF[theCase.processingDay.type] };
  if (o.deadlines.legal) notes.push(`legal deadline stated by the overlay (the national case says ${theCase.processingDay.qty} ${theCase.processingDay.type})`);
  const fees = o.fees ?? feesOf(d, notes);
  const decision = d.procedureProposal?.proposalNumber ?? undefined;
  return {
    issues,
    procedure: {
      schemaVersion: PROCEDURE_SCHEMA_VERSION,
      code: d.code,
      name: d.name.trim(),
      field,
      versions: [
        {
          version: o.version,
          validFrom: o.validFrom,
          ...(o.validTo ? { validTo: o.validTo } : {}),
          level,
          legalBasis: d.legalBasisesDetails.map((b) => (b.code && !tidy(b.name).includes(b.code) ? `${b.code}: ${tidy(b.name)}` : tidy(b.name))),
          deadlines: { legal, committed: o.deadlines.committed, ...(o.deadlines.online ? { online: o.deadlines.online } : {}) },
          ...(o.receptionCutOff ? { receptionCutOff: o.receptionCutOff } : {}),
          onlineLevel: o.onlineLevel ?? (d.isFullProcess ? 'full' : 'partial'),
          supplementClock: o.supplementClock,
          documents: o.documents ?? documentsOf(d),
          fees,
          hasFinancialObligation: o.steps.some((s) => s.kind === 'financial_obligation'),
          steps: o.steps,
          ...(o.calendarVersion ? { calendarVersion: o.calendarVersion } : {}),
          ...(o.timerSettings ? { timerSettings: o.timerSettings } : {}),
          provenance: {
            source: 'national-procedure-database',
            nationalId: d.id,
            caseCode: theCase.code,
            nationalName: d.name,
            ...(decision ? { decision } : {}),
            ...(d.updatedAt !== undefined ? { updatedAt: new Date(d.updatedAt).toISOString() } : {}),
            submissionMethods: [...new Set(d.executionMethods.map((m) => m.submissionMethod))],
            file: d.file,
            notes,
          },
        },
      ],
    },
  };
}

export function importNationalProcedures(req: ImportRequest): ImportResult {
  const issues: CatalogIssue[] = [];
  const details: Detail[] = [];
  // a record that did not parse was still given: its overlay entry is not "unused"
  const given = new Set<string>();
  for (const src of req.sources) {
    const r = readSource(src);
    details.push(...r.details);
    issues.push(...r.issues);
    for (const c of r.invalidCodes) given.add(c);
  }
  const overlay = CatalogOverlay.safeParse(req.overlay);
  if (!overlay.success) return { ok: false, issues: [...issues, ...zodIssues('IMPORT_OVERLAY_INVALID', 'overlay', '', overlay.error)] };

  const seen = new Map<string, string>();
  for (const d of details) {
    if (seen.has(d.code)) issues.push(issue('IMPORT_DUPLICATE_CODE', { procedureCode: d.code }, `${d.file}: data.code`, `${d.code} is also in ${seen.get(d.code)}`));
    seen.set(d.code, d.file);
  }
  const procedures: ProcedureDefinitionInput[] = [];
  for (const d of details) {
    const entries = overlay.data.procedures.map((o, i) => ({ o, i })).filter((x) => x.o.code === d.code);
    if (entries.length === 0) {
      issues.push(issue('IMPORT_OVERLAY_MISSING', { procedureCode: d.code }, `${d.file}: data.code`, `the overlay has no steps or committed deadline for ${d.code}`));
      continue;
    }
    // one overlay entry per version (a locality may publish a new internal process from a date)
    const versions = entries.map(({ o, i }) => procedureOf(d, o, `overlay: procedures[${i}]`));
    issues.push(...versions.flatMap((v) => v.issues));
    const built = versions.flatMap((v) => (v.procedure ? [v.procedure] : []));
    if (built.length === entries.length) procedures.push({ ...built[0]!, versions: built.flatMap((b) => b.versions) });
  }
  overlay.data.procedures.forEach((o, i) => {
    if (!seen.has(o.code) && !given.has(o.code)) issues.push(issue('IMPORT_OVERLAY_UNUSED', { procedureCode: o.code }, `overlay: procedures[${i}].code`, `no national record for ${o.code} was given`));
  });
  if (issues.length > 0) return { ok: false, issues };

  const imported = new Set(procedures.map((p) => p.code));
  const kept = req.merge ? req.base.procedures.filter((p) => !imported.has(p.code)) : [];
  const input: CatalogInput = { schemaVersion: CATALOG_SCHEMA_VERSION, catalogVersion: overlay.data.catalogVersion, units: req.base.units, procedures: [...kept, ...procedures] };
  const check = checkCatalog(input);
  return check.ok ? { ok: true, catalog: check.catalog, imported: [...imported] } : { ok: false, issues: check.issues };
}
