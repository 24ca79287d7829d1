import { loadShippedCatalog } from '../../catalog/load-catalog';
import { isDomainError } from '../../domain/domain-error';
import { localityChain, resolveUnit } from '../../domain/organisation/resolve-unit';
import { successorAt } from '../../domain/organisation/successor';

const catalog = loadShippedCatalog();

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('successorAt', () => {
  it('returns the unit itself while in force', () => {
    expect(successorAt('vp.phuc-yen.p-trung-trac', '2024-06-01', catalog).id).toBe('vp.phuc-yen.p-trung-trac');
  });

  it('follows a chain of reorganisations: Trưng Trắc → Hai Bà Trưng → phường Phúc Yên', () => {
    expect(successorAt('vp.phuc-yen.p-trung-trac', '2025-03-01', catalog).id).toBe('vp.phuc-yen.p-hai-ba-trung');
    expect(successorAt('vp.phuc-yen.p-trung-trac', '2025-07-01', catalog).id).toBe('pt.p-phuc-yen');
  });

  it('moves district-level offices and the province to their two-tier successors', () => {
    expect(successorAt('vp.phuc-yen.qldt', '2025-07-01', catalog).id).toBe('pt.p-phuc-yen.kinh-te');
    expect(successorAt('vp.phuc-yen.ldtbxh', '2025-07-01', catalog).id).toBe('pt.p-phuc-yen.vh-xh');
    expect(successorAt('vp.so-khdt', '2025-07-01', catalog).id).toBe('pt.so-tai-chinh');
    expect(successorAt('vp', '2025-07-01', catalog).id).toBe('pt');
  });

  it('refuses a date before the unit existed, and unknown units', () => {
    expect(codeOf(() => successorAt('pt.p-phuc-yen', '2025-06-30', catalog))).toBe('UNIT_NOT_YET_EFFECTIVE');
    expect(codeOf(() => successorAt('nope', '2025-07-01', catalog))).toBe('UNIT_UNKNOWN');
  });

  it('refuses a dissolved unit without successor', () => {
    const c = structuredClone(catalog);
    delete c.units.find((u) => u.id === 'vp.phuc-yen.x-cao-minh')!.successorId;
    expect(codeOf(() => successorAt('vp.phuc-yen.x-cao-minh', '2025-07-02', c))).toBe('UNIT_DISSOLVED_WITHOUT_SUCCESSOR');
  });
});

describe('resolveUnit', () => {
  it('finds the commune office of the receiving ward', () => {
    expect(resolveUnit('commune_culture_social_office', 'pt.p-xuan-hoa.ttphcc', '2025-09-01', catalog).id).toBe('pt.p-xuan-hoa.vh-xh');
    expect(resolveUnit('police', 'pt.p-viet-tri', '2025-09-01', catalog).id).toBe('pt.p-viet-tri.cong-an');
    expect(resolveUnit('commune', 'pt.p-viet-tri.ttphcc', '2025-09-01', catalog).id).toBe('pt.p-viet-tri');
  });

  it('prefers a regional branch that serves the locality over the provincial fallback', () => {
    expect(resolveUnit('tax_office', 'pt.p-phuc-yen.ttphcc', '2025-09-01', catalog).id).toBe('pt.thue.phuc-yen');
    expect(resolveUnit('tax_office', 'pt.p-hoa-binh.ttphcc', '2025-09-01', catalog).id).toBe('pt.thue');
    expect(resolveUnit('land_registration_branch', 'pt.p-xuan-hoa', '2025-09-01', catalog).id).toBe('pt.vpdkdd.cn-phuc-yen');
  });

  it('routes three-tier dossiers through the city of Phúc Yên', () => {
    const at = '2025-05-15';
    expect(localityChain('vp.phuc-yen.p-hung-vuong', at, catalog).map((u) => u.id)).toEqual(['vp.phuc-yen.p-hung-vuong', 'vp.phuc-yen', 'vp']);
    expect(resolveUnit('district_urban_management_office', 'vp.phuc-yen.mot-cua', at, catalog).id).toBe('vp.phuc-yen.qldt');
    expect(resolveUnit('land_registration_branch', 'vp.phuc-yen.p-hung-vuong', at, catalog).id).toBe('vp.vpdkdd.cn-phuc-yen');
    expect(resolveUnit('dept_agriculture_environment', 'vp.phuc-yen.mot-cua', at, catalog).id).toBe('vp.so-nn-mt');
    expect(resolveUnit('dept_agriculture_environment', 'vp.phuc-yen.mot-cua', '2025-01-15', catalog).id).toBe('vp.so-tn-mt');
  });

  it('re-routes an in-flight dossier received at an abolished desk to the successor locality', () => {
    expect(resolveUnit('commune_economic_office', 'vp.phuc-yen.mot-cua', '2025-07-01', catalog).id).toBe('pt.p-phuc-yen.kinh-te');
    expect(resolveUnit('police', 'vp.phuc-yen.x-ngoc-thanh', '2025-07-01', catalog).id).toBe('pt.p-xuan-hoa.cong-an');
  });

  it('fails with UNIT_NOT_RESOLVED when no unit of the kind serves the locality', () => {
    expect(codeOf(() => resolveUnit('district_one_stop', 'pt.p-phuc-yen', '2025-09-01', catalog))).toBe('UNIT_NOT_RESOLVED');
  });
});
