import { Catalog } from '../../contracts/catalog.contract';
import { ProcedureVersion } from '../../contracts/procedure.contract';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { checkCatalog, validateCatalog } from '../../domain/catalog/validate-catalog';

/** A fresh copy of the shipped catalogue, with one procedure version handed to `mutate`. */
function withVersion(code: string, versionIndex: number, mutate: (v: ProcedureVersion, c: Catalog) => void): Catalog {
  const c = structuredClone(loadShippedCatalog());
  const p = c.procedures.find((x) => x.code === code)!;
  mutate(p.versions[versionIndex]!, c);
  return c;
}

/** The issue of a code, when a change also trips follow-on rules. */
function one(c: Catalog, code: string) {
  const found = validateCatalog(c).filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function only(c: Catalog) {
  const issues = validateCatalog(c);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('validateCatalog rejects', () => {
  it('a committed deadline longer than the legal one', () => {
    const i = only(withVersion('1.004222', 0, (v) => (v.deadlines.committed = { amount: 8, unit: 'working_days' })));
    expect(i).toMatchObject({ code: 'COMMITTED_EXCEEDS_LEGAL', procedureCode: '1.004222', version: 1 });
    expect(i.path).toMatch(/^procedures\[\d+\]\.versions\[0\]\.deadlines\.committed$/);
    expect(i.message).toContain('procedure 1.004222 version 1, field procedures[');
    expect(i.message).toContain('deadlines.committed');
  });

  it('a committed working-day deadline that cannot fit in a calendar-day legal one', () => {
    // 15 calendar days hold at most 10 working days
    const i = only(withVersion('1.009650', 0, (v) => (v.deadlines.committed = { amount: 11, unit: 'working_days' })));
    expect(i).toMatchObject({ code: 'COMMITTED_EXCEEDS_LEGAL', procedureCode: '1.009650', version: 1 });
  });

  it('an online deadline longer than the committed one', () => {
    const i = only(withVersion('1.004222', 0, (v) => (v.deadlines.online = { amount: 6, unit: 'working_days' })));
    expect(i).toMatchObject({ code: 'ONLINE_EXCEEDS_COMMITTED', procedureCode: '1.004222', version: 1 });
    expect(i.path).toMatch(/deadlines\.online$/);
  });

  it('step allotments along the longest path exceeding the committed deadline', () => {
    // the police branch of group 1 becomes the critical path
    const i = only(withVersion('2.002621', 0, (v) => (v.steps.find((s) => s.id === 'thuong-tru')!.allotment = { amount: 2, unit: 'working_days' })));
    expect(i).toMatchObject({ code: 'STEP_ALLOTMENT_EXCEEDS_COMMITTED', procedureCode: '2.002621', version: 1 });
    expect(i.message).toContain('tiep-nhan → khai-sinh → ky-khai-sinh → thuong-tru → tra-ket-qua');
    expect(i.path).toMatch(/versions\[0\]\.steps$/);
  });

  it('a cycle in the step graph', () => {
    const i = only(withVersion('1.001193', 0, (v) => v.steps.find((s) => s.id === 'ky')!.next.push('tham-dinh')));
    expect(i).toMatchObject({ code: 'STEP_GRAPH_CYCLE', procedureCode: '1.001193', version: 1 });
    expect(i.message).toContain('tham-dinh → ky → tham-dinh');
  });

  it('a next step that does not exist', () => {
    const i = only(withVersion('1.001193', 0, (v) => v.steps.find((s) => s.id === 'ky')!.next.push('nowhere')));
    expect(i).toMatchObject({ code: 'STEP_UNKNOWN_NEXT', procedureCode: '1.001193', version: 1 });
    expect(i.path).toMatch(/steps\[2\]\.next\[1\]$/);
  });

  it('more than one start step', () => {
    const issues = validateCatalog(withVersion('1.001193', 0, (v) => (v.steps[0]!.next = [])));
    expect(issues.map((i) => i.code)).toContain('STEP_GRAPH_START');
  });

  it('a step pinned to an unknown unit', () => {
    const i = only(withVersion('1.001193', 0, (v) => (v.steps[0]!.unitId = 'pt.no-such-unit')));
    expect(i).toMatchObject({ code: 'STEP_UNIT_UNKNOWN', procedureCode: '1.001193', version: 1 });
    expect(i.path).toMatch(/steps\[0\]\.unitId$/);
  });

  it('a step pinned to a unit not yet in force when the version starts', () => {
    const i = only(
      withVersion('1.013978', 0, (v) => {
        const s = v.steps.find((x) => x.id === 'tham-dinh')!;
        s.unitId = 'pt.vpdkdd.cn-phuc-yen';
      }),
    );
    expect(i).toMatchObject({ code: 'STEP_UNIT_NOT_EFFECTIVE', procedureCode: '1.013978', version: 1 });
    expect(i.message).toContain('not in force on 2024-08-01');
  });

  it('a unit kind no unit provides while the version is in force', () => {
    // a post-reform version cannot route to a district office
    const i = only(withVersion('1.009994', 1, (v) => (v.steps[1]!.unitKind = 'district_urban_management_office')));
    expect(i).toMatchObject({ code: 'STEP_UNIT_KIND_NOT_EFFECTIVE', procedureCode: '1.009994', version: 2 });
    expect(i.path).toMatch(/versions\[1\]\.steps\[1\]\.unitKind$/);
  });

  it('overlapping versions', () => {
    const i = one(withVersion('1.009994', 1, (v) => (v.validFrom = '2025-06-01')), 'VERSION_OVERLAP');
    expect(i).toMatchObject({ code: 'VERSION_OVERLAP', procedureCode: '1.009994', version: 2 });
    expect(i.path).toMatch(/versions\[1\]\.validFrom$/);
  });

  it('a version whose validTo precedes validFrom', () => {
    const i = one(withVersion('1.001193', 0, (v) => (v.validTo = '2025-01-01')), 'VERSION_VALIDITY_INVERTED');
    expect(i).toMatchObject({ code: 'VERSION_VALIDITY_INVERTED', procedureCode: '1.001193', version: 1 });
  });

  it('a financial-obligation flag that disagrees with the steps', () => {
    const i = only(withVersion('1.013831', 0, (v) => (v.hasFinancialObligation = false)));
    expect(i).toMatchObject({ code: 'FINANCIAL_OBLIGATION_MISMATCH', procedureCode: '1.013831', version: 1 });
  });

  it('a unit whose successor starts after it ends', () => {
    const c = structuredClone(loadShippedCatalog());
    c.units.find((u) => u.id === 'vp.phuc-yen.p-hung-vuong')!.validTo = '2025-05-31';
    const i = only(c);
    expect(i).toMatchObject({ code: 'UNIT_SUCCESSOR_NOT_EFFECTIVE', unitId: 'vp.phuc-yen.p-hung-vuong' });
  });

  it('a successor cycle and an unknown parent', () => {
    const c = structuredClone(loadShippedCatalog());
    const pt = c.units.find((u) => u.id === 'pt')!;
    pt.validTo = '2030-12-31';
    pt.successorId = 'vp';
    c.units.find((u) => u.id === 'pt.bhxh')!.parentId = 'pt.ghost';
    const codes = validateCatalog(c).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['UNIT_SUCCESSOR_CYCLE', 'UNIT_PARENT_UNKNOWN']));
  });

  it('schema errors, naming the procedure and version from the raw input', () => {
    const raw = JSON.parse(JSON.stringify(loadShippedCatalog()));
    raw.procedures[0].versions[0].deadlines.legal.unit = 'fortnights';
    const check = checkCatalog(raw);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.issues[0]).toMatchObject({ code: 'SCHEMA_INVALID', procedureCode: '1.001193', version: 1, path: 'procedures[0].versions[0].deadlines.legal.unit' });
  });

  it('a wrong schemaVersion literal', () => {
    const raw = { ...JSON.parse(JSON.stringify(loadShippedCatalog())), schemaVersion: 'catalog/v0' };
    const check = checkCatalog(raw);
    expect(check.ok).toBe(false);
  });
});
