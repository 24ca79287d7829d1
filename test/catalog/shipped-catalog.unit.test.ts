import { loadShippedCatalog } from '../../catalog/load-catalog';
import { shippedCatalogInput } from '../../catalog/shipped-catalog';
import { checkCatalog, validateCatalog } from '../../domain/catalog/validate-catalog';
import { isEffectiveAt } from '../../domain/organisation/effective-dating';
import { procedureVersionAt } from '../../domain/procedure/procedure-version';
import { comparableWorkingMinutes } from '../../domain/procedure/comparable-duration';
import { isJoin, longestPath } from '../../domain/procedure/step-graph';

const catalog = loadShippedCatalog();
const real = catalog.procedures.filter((p) => p.field !== 'demo');

describe('shipped catalogue', () => {
  it('passes schema and rules', () => {
    expect(checkCatalog(shippedCatalogInput)).toMatchObject({ ok: true });
    expect(validateCatalog(catalog)).toEqual([]);
  });

  it('is memoised', () => {
    expect(loadShippedCatalog()).toBe(catalog);
  });

  it('holds at least 15 real procedures across the required fields', () => {
    expect(real.length).toBeGreaterThanOrEqual(15);
    const fields = new Set(real.map((p) => p.field));
    for (const f of ['civil_status', 'residence', 'land', 'construction', 'business_registration', 'investment', 'social_insurance']) {
      expect(fields).toContain(f);
    }
  });

  it('has a two-tier province with at least 6 communes/wards, departments and vertical agencies today', () => {
    const today = '2025-09-01';
    const inForce = catalog.units.filter((u) => isEffectiveAt(u, today));
    const communes = inForce.filter((u) => u.kind === 'commune' && u.parentId === 'pt');
    expect(communes.length).toBeGreaterThanOrEqual(6);
    expect(inForce.some((u) => u.kind === 'district')).toBe(false);
    for (const kind of ['dept_justice', 'dept_construction', 'dept_agriculture_environment', 'dept_finance', 'police', 'tax_office', 'social_insurance', 'land_registration_office', 'land_registration_branch', 'commune_service_centre'] as const) {
      expect(inForce.some((u) => u.kind === kind)).toBe(true);
    }
  });

  it('has the historic city of Phúc Yên with its wards and communes in three tiers', () => {
    const before = '2025-06-15';
    const city = catalog.units.find((u) => u.id === 'vp.phuc-yen')!;
    expect(city).toMatchObject({ kind: 'district', parentId: 'vp', validTo: '2025-06-30' });
    const wards = catalog.units.filter((u) => u.parentId === 'vp.phuc-yen' && u.kind === 'commune' && isEffectiveAt(u, before));
    expect(wards.map((w) => w.name)).toEqual(expect.arrayContaining(['Phường Hùng Vương', 'Phường Xuân Hòa', 'Xã Cao Minh', 'Xã Ngọc Thanh']));
    expect(wards.every((w) => w.successorId !== undefined)).toBe(true);
  });

  it('models both Decree 63/2024 groups as parallel interagency fan-outs', () => {
    for (const code of ['2.002621', '2.002622']) {
      const v = procedureVersionAt(catalog.procedures.find((p) => p.code === code)!, '2025-09-01');
      const join = v.steps.find((s) => isJoin(v.steps, s.id));
      expect(join?.kind).toBe('result_return');
      expect(v.steps.filter((s) => s.kind === 'interagency').map((s) => s.unitKind).sort()).toEqual(['police', 'social_insurance']);
    }
  });

  it('routes land first registration through the tax office and a financial obligation', () => {
    const land = catalog.procedures.find((p) => p.code === '1.013978')!;
    expect(land.versions.map((v) => v.level)).toEqual(['district', 'commune']);
    for (const v of land.versions) {
      expect(v.hasFinancialObligation).toBe(true);
      const kinds = v.steps.map((s) => `${s.kind}:${s.unitKind}`);
      expect(kinds).toEqual(expect.arrayContaining(['interagency:tax_office', 'financial_obligation:tax_office']));
      // QĐ 2304/QĐ-BNNMT: 17 working days to register, 20 in all with the certificate (not 20 + 3)
      expect(v.deadlines.legal).toEqual({ amount: 20, unit: 'working_days' });
    }
  });

  it('uses the national procedure codes and names checked against public sources (verified-facts.md §2)', () => {
    const byCode = new Map(catalog.procedures.map((p) => [p.code, p.name]));
    const expected: Record<string, RegExp> = {
      '2.002621': /khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi/,
      '2.002622': /khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất/,
      '1.004222': /^Đăng ký thường trú$/,
      '1.004194': /^Đăng ký tạm trú$/,
      '1.001612': /^Đăng ký thành lập hộ kinh doanh$/,
      '2.001610': /^Đăng ký thành lập doanh nghiệp tư nhân$/,
      '1.013978': /lần đầu$/,
      '1.013831': /^Đăng ký biến động/,
      '2.000815': /^Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam/,
    };
    for (const [code, name] of Object.entries(expected)) expect([code, byCode.get(code)]).toEqual([code, expect.stringMatching(name)]);
    // codes that no source uses, or that name another procedure
    for (const wrong of ['1.011536', '1.011537', '1.004204', '2.000720', '1.012766', '1.012770']) expect(byCode.has(wrong)).toBe(false);
  });

  it('keeps committed deadlines no longer than legal and step paths within committed', () => {
    for (const p of catalog.procedures) {
      for (const v of p.versions) {
        expect(comparableWorkingMinutes(v.deadlines.committed)).toBeLessThanOrEqual(comparableWorkingMinutes(v.deadlines.legal));
        expect(longestPath(v.steps).minutes).toBeLessThanOrEqual(comparableWorkingMinutes(v.deadlines.committed));
      }
    }
  });

  it('ships demo procedures in working minutes: single unit, parallel fan-out, financial obligation', () => {
    const demo = catalog.procedures.filter((p) => p.field === 'demo');
    expect(demo.map((p) => p.code)).toEqual(['DEMO.01', 'DEMO.02', 'DEMO.03']);
    for (const p of demo) {
      const v = p.versions[0]!;
      // a one-minute appointment: warnings, breaches and apologies fire within a minute of real time
      expect(v.deadlines.committed).toEqual({ amount: 1, unit: 'working_minutes' });
      expect(v.calendarVersion).toBe('demo-24x7');
      expect(v.steps.every((s) => s.allotment.unit === 'working_minutes')).toBe(true);
    }
    const [single, parallel, financial] = demo.map((p) => p.versions[0]!);
    expect(single!.steps.some((s) => s.kind === 'interagency')).toBe(false);
    expect(parallel!.steps.some((s) => isJoin(parallel!.steps, s.id))).toBe(true);
    expect(financial!.hasFinancialObligation).toBe(true);
  });
});
