import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { importCatalogFiles } from '../../catalog/import-catalog';
import { importNationalProcedures } from '../../domain/catalog/import-national';
import { feeAmount } from '../../domain/procedure/fees';
import { planReception } from '../../domain/reception/plan-reception';
import { startInputFor } from '../../domain/reception/start-input';
import { Dossier, one } from '../dossier/helpers';

const root = join(__dirname, '..', '..');
const fixtures = join(__dirname, 'fixtures', 'national');
const BIRTH = join(fixtures, 'dvc-api-detail-1.001193.json');
const COPIES = join(fixtures, 'dvc-api-detail-2.000815.json');
const OVERLAY = join(fixtures, 'phu-tho.overlay.json');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const base = loadShippedCatalog();

describe('catalog import: the national procedure database and a local overlay', () => {
  it('loads both public records into valid catalogue procedures that carry their provenance', () => {
    const r = importCatalogFiles([BIRTH, COPIES], OVERLAY, base);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.imported).toEqual(['1.001193', '2.000815']);
    expect(r.catalog).toMatchObject({ catalogVersion: 'phu-tho-2026.03-import', units: base.units });
    const [birth, copies] = r.catalog.procedures;
    expect(birth).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'civil_status' });
    expect(birth!.versions[0]).toMatchObject({
      level: 'commune', // isWard
      deadlines: { legal: { amount: 1, unit: 'working_days' }, committed: { amount: 1, unit: 'working_days' } }, // the case's 1 WORKING_DAY
      receptionCutOff: '15:00',
      onlineLevel: 'partial', // isFullProcess false
      provenance: { source: 'national-procedure-database', nationalId: '019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7', caseCode: '1.001193.02', decision: 'QĐ/0001-BTP', submissionMethods: ['ONLINE', 'POSTAL', 'DIRECT'] },
    });
    expect(birth!.versions[0]!.legalBasis).toEqual(expect.arrayContaining([expect.stringMatching(/60\/2014\/QH13/), expect.stringMatching(/123\/2015\/NĐ-CP/)]));
    // the three submission methods' lệ phí of 0 đ is one fee
    expect(birth!.versions[0]!.fees).toEqual([{ id: 'service-fee-1', name: 'Lệ phí', amountVnd: 0, note: 'national database, submission ONLINE, POSTAL, DIRECT' }]);
    // components the applicant hands in (quantity > 0); the portal's notes listed as components are not
    expect(birth!.versions[0]!.documents.map((d) => d.id)).toEqual(expect.arrayContaining(['kq004389', 'kq003204']));
    expect(birth!.versions[0]!.documents.every((d) => d.quantity >= 1)).toBe(true);
    expect(copies).toMatchObject({ code: '2.000815', field: 'certification' });
    expect(copies!.versions[0]).toMatchObject({ level: 'commune', deadlines: { legal: { amount: 1, unit: 'working_days' } }, provenance: { caseCode: '2.000815.01', decision: '3152/QĐ-BTP', submissionMethods: ['DIRECT'] } });
    // the overlay states the tiered fee the portal gives in words
    expect(feeAmount(copies!.versions[0]!.fees[0]!, 3)).toBe(5000);
  });

  it('an imported procedure receives dossiers like a shipped one', () => {
    const r = importCatalogFiles([BIRTH, COPIES], OVERLAY, base);
    if (!r.ok) throw new Error('import failed');
    const catalog = { units: r.catalog.units, procedures: r.catalog.procedures.filter((p) => p.code === '1.001193') };
    const at = Date.parse('2026-03-02T09:00:00+07:00');
    const plan = planReception(catalog, { procedureCode: '1.001193', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', receivedAtMs: at });
    const input = startInputFor(plan, { dossierCode: 'IMP-260302-0001', channel: 'direct', applicantKey: 'ak_importtestapplicant01', receivedAtMs: at, reception: { outcome: 'accept' }, components: undefined, defaultCalendarVersion: 'vn-2026.1' });
    const { events } = Dossier.startWith(input);
    expect(one(events, 'dossier.received').payload.appointmentAt).toBe('2026-03-03T09:00:00+07:00');
  });

  it('rejects a malformed record naming the file and the field', () => {
    const broken = json(BIRTH);
    broken.data.cases[0].processingDay.qty = 'một';
    broken.data.cases[1].processingDay.type = 'WEEK';
    const overlay = json(OVERLAY);
    const r = importNationalProcedures({ sources: [{ file: 'broken.json', json: broken }], overlay: { ...overlay, procedures: [overlay.procedures[0]] }, base });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.procedureCode, i.path])).toEqual([
      ['IMPORT_SOURCE_INVALID', '1.001193', 'broken.json: data.cases[0].processingDay.qty'],
      ['IMPORT_SOURCE_INVALID', '1.001193', 'broken.json: data.cases[1].processingDay.type'],
    ]);
  });

  it('names what the overlay lacks or has too much of, and validates the result like the shipped catalogue', () => {
    const overlay = json(OVERLAY);
    const missing = importNationalProcedures({ sources: [{ file: 'b.json', json: json(BIRTH) }, { file: 'c.json', json: json(COPIES) }], overlay: { ...overlay, procedures: [overlay.procedures[0]] }, base });
    expect(!missing.ok && missing.issues.map((i) => [i.code, i.procedureCode])).toEqual([['IMPORT_OVERLAY_MISSING', '2.000815']]);
    const unused = importNationalProcedures({ sources: [{ file: 'b.json', json: json(BIRTH) }], overlay, base });
    expect(!unused.ok && unused.issues.map((i) => [i.code, i.procedureCode])).toEqual([['IMPORT_OVERLAY_UNUSED', '2.000815']]);
    const tooLong = structuredClone(overlay);
    tooLong.procedures[0].deadlines.committed = { amount: 2, unit: 'working_days' };
    const invalid = importNationalProcedures({ sources: [{ file: 'b.json', json: json(BIRTH) }, { file: 'c.json', json: json(COPIES) }], overlay: tooLong, base });
    expect(!invalid.ok && invalid.issues.map((i) => [i.code, i.procedureCode])).toEqual([['COMMITTED_EXCEEDS_LEGAL', '1.001193']]);
    const badOverlay = importNationalProcedures({ sources: [], overlay: { ...overlay, procedures: [{ ...overlay.procedures[0], supplementClock: 'sometimes' }] }, base });
    expect(!badOverlay.ok && badOverlay.issues.map((i) => [i.code, i.path])).toEqual([['IMPORT_OVERLAY_INVALID', 'overlay: procedures[0].supplementClock']]);
  });

  it('cases that disagree need the overlay to name the one whose time is the legal deadline', () => {
    const two = json(BIRTH);
    two.data.cases[1].processingDay = { qty: 3, type: 'WORKING_DAY' };
    const overlay = json(OVERLAY);
    const ambiguous = importNationalProcedures({ sources: [{ file: 'b.json', json: two }], overlay: { ...overlay, procedures: [overlay.procedures[0]] }, base });
    expect(!ambiguous.ok && ambiguous.issues.map((i) => i.code)).toEqual(['IMPORT_CASE_AMBIGUOUS']);
    const chosen = importNationalProcedures({ sources: [{ file: 'b.json', json: two }], overlay: { ...overlay, procedures: [{ ...overlay.procedures[0], nationalCase: '1.001193.01' }] }, base });
    expect(chosen.ok && chosen.catalog.procedures[0]!.versions[0]!.deadlines.legal).toEqual({ amount: 3, unit: 'working_days' });
  });
});

describe('motcua catalog import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-import-'));
  const motcua = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'motcua.js'), ...args], { cwd: root, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  jest.setTimeout(60_000);

  it('writes a catalogue that `catalog validate` accepts', () => {
    const out = join(dir, 'imported.json');
    const r = motcua('catalog', 'import', BIRTH, COPIES, '--overlay', OVERLAY, '--out', out);
    expect(r.stderr).toMatch(/imported 1\.001193, 2\.000815: valid catalog phu-tho-2026\.03-import/);
    expect(r.code).toBe(0);
    expect(motcua('catalog', 'validate', out)).toMatchObject({ code: 0 });
  });

  it('exits 1 naming the field of a malformed record, 2 for a file it cannot read', () => {
    const broken = json(COPIES);
    delete broken.data.legalBasisesDetails;
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = motcua('catalog', 'import', file, '--overlay', OVERLAY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`IMPORT_SOURCE_INVALID procedure 2.000815, field ${file}: data.legalBasisesDetails`);
    expect(motcua('catalog', 'import', join(dir, 'nope.json'), '--overlay', OVERLAY)).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read/) });
  });
});
