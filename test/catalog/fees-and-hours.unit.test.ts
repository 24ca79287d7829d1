import { Catalog } from '../../contracts/catalog.contract';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { getCalendar } from '../../domain/calendar/calendar-registry';
import { validateCatalog } from '../../domain/catalog/validate-catalog';
import { unitServesAt } from '../../domain/organisation/service-hours';
import { feeAmount } from '../../domain/procedure/fees';
import { procedureVersionAt } from '../../domain/procedure/procedure-version';

const catalog = loadShippedCatalog();
const at = (local: string) => Date.parse(`${local}+07:00`);

describe('tiered fees', () => {
  const copy = procedureVersionAt(catalog.procedures.find((p) => p.code === '2.000815')!, '2026-03-01').fees[0]!;

  it('certified copies: 2,000 đ a page, 1,000 đ from page 3, at most 200,000 đ a copy (Thông tư 226/2016/TT-BTC)', () => {
    expect([1, 2, 3, 10, 198, 250].map((pages) => feeAmount(copy, pages))).toEqual([2000, 4000, 5000, 12000, 200000, 200000]);
  });

  it('a flat fee is the same for any count; a count below one is a domain error', () => {
    const flat = { id: 'le-phi', name: 'Lệ phí', amountVnd: 20000 };
    expect(feeAmount(flat, 1)).toBe(20000);
    expect(feeAmount(flat, 5)).toBe(20000);
    expect(() => feeAmount(copy, 0)).toThrow(expect.objectContaining({ code: 'FEE_UNITS_INVALID' }));
  });

  it('the catalogue rejects tiers that do not start at unit 1 at the fee amount, or do not ascend', () => {
    const c: Catalog = structuredClone(catalog);
    const v = c.procedures.find((p) => p.code === '2.000815')!.versions[0]!;
    v.fees[0]!.tiers = [{ fromUnit: 1, amountVnd: 2000 }, { fromUnit: 1, amountVnd: 1000 }];
    expect(validateCatalog(c)).toEqual([expect.objectContaining({ code: 'FEE_TIERS_INVALID', procedureCode: '2.000815', path: expect.stringMatching(/fees\[0\]$/) })]);
  });
});

describe('per-unit service hours', () => {
  const cal = getCalendar('vn-2026.1');
  const police = catalog.units.find((u) => u.id === 'pt.p-xuan-hoa.cong-an')!;
  const centre = catalog.units.find((u) => u.id === 'pt.p-xuan-hoa.ttphcc')!;

  it('commune police receive on Saturday mornings; the service centre keeps the calendar hours', () => {
    expect(unitServesAt(police, at('2026-03-07T09:00:00'), cal)).toBe(true); // Saturday morning
    expect(unitServesAt(police, at('2026-03-07T14:00:00'), cal)).toBe(false); // Saturday afternoon
    expect(unitServesAt(centre, at('2026-03-07T09:00:00'), cal)).toBe(false);
    expect(unitServesAt(police, at('2026-03-09T12:00:00'), cal)).toBe(false); // lunch break
    expect(unitServesAt(centre, at('2026-03-09T09:00:00'), cal)).toBe(true);
  });

  it('no Saturday reception on a holiday, nor on a day swapped off', () => {
    expect(unitServesAt(police, at('2026-02-14T09:00:00'), cal)).toBe(false); // Saturday in Tết
    expect(unitServesAt(police, at('2026-01-02T09:00:00'), cal)).toBe(false); // Friday swapped for Saturday 10 January
  });

  it('the catalogue rejects inverted hours', () => {
    const c: Catalog = structuredClone(catalog);
    c.units.find((u) => u.id === 'pt.p-xuan-hoa.cong-an')!.serviceHours = [{ days: [6], start: '11:30', end: '07:00' }];
    expect(validateCatalog(c)).toEqual([expect.objectContaining({ code: 'UNIT_SERVICE_HOURS_INVALID', unitId: 'pt.p-xuan-hoa.cong-an' })]);
  });
});
