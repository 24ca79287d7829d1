import { DECISION_766_GROUPS, DECISION_766_SCORING, percent, ratePoints } from '../../domain/indicators/decision-766';
import { foldFact, type FactRow } from '../../projections/dossier-fact.projection';
import { localMidnight, periodsBetween, reportRange } from '../../projections/queries/statistics.query';
import { buildScenario } from './scenario';

describe('Decision 766 scoring table', () => {
  it('rates are linear up to the threshold: 3.3 full at 50%, 4.3 at 80%, 5.4 at 90%', () => {
    expect(ratePoints('3.3', 1, 2)).toBe(DECISION_766_SCORING['3.3'].maxPoints);
    expect(ratePoints('3.3', 1, 4)).toBe(6); // 25% of a 50% threshold: half of 12
    expect(ratePoints('4.3', 4, 5)).toBe(2); // (c) min(2, 2 × 80% / 80%)
    expect(ratePoints('4.3', 2, 5)).toBe(1);
    expect(ratePoints('5.4', 9, 10)).toBe(6);
    expect(ratePoints('5.4', 45, 100)).toBe(3);
    expect(ratePoints('2.1', 949, 1000)).toBe(18.98);
    expect(ratePoints('2.1', 0, 0)).toBeNull();
  });

  it('the maxima of the national dashboard (verified-facts.md §3): 2.1 20, 2.2 none, 3.6 6, 4.1 6, 4.2 4, 4.3 2, 5.4 6', () => {
    const max = Object.fromEntries(Object.values(DECISION_766_SCORING).map((s) => [s.code, s.maxPoints]));
    expect(max).toEqual({ '2.1': 20, '2.2': 0, '3.3': 12, '3.6': 6, '4.1': 6, '4.2': 4, '4.3': 2, '5.4': 6 });
    expect(ratePoints('3.6', 1, 2)).toBe(3);
    expect(ratePoints('4.1', 1, 1)).toBe(6);
  });

  it('group weights 18, 20, 22, 22, 18 make 100; each indicator counts towards its group', () => {
    expect(Object.values(DECISION_766_GROUPS).map((g) => g.weight)).toEqual([18, 20, 22, 22, 18]);
    expect(Object.values(DECISION_766_GROUPS).reduce((s, g) => s + g.weight, 0)).toBe(100);
    expect(Object.values(DECISION_766_SCORING).map((s) => [s.code, s.group])).toEqual([
      ['2.1', 2], ['2.2', 2], ['3.3', 3], ['3.6', 3], ['4.1', 4], ['4.2', 4], ['4.3', 4], ['5.4', 5],
    ]);
    // within its group, no indicator earns more than the group weighs
    for (const [g, { weight }] of Object.entries(DECISION_766_GROUPS)) {
      expect(Object.values(DECISION_766_SCORING).filter((s) => s.group === Number(g)).reduce((x, s) => x + s.maxPoints, 0)).toBeLessThanOrEqual(weight);
    }
  });

  it('5.4 with nothing to count scores 0, as the dashboard does; other empty indicators are unknown', () => {
    expect(ratePoints('5.4', 0, 0)).toBe(0);
    expect(ratePoints('4.1', 0, 0)).toBeNull();
  });

  it("percentages to one decimal: the article's 94.9% and 100%", () => {
    expect(percent(28_414, 29_940)).toBe(94.9);
    expect(percent(586_600, 586_600)).toBe(100);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBeNull();
  });

  it('3.3 (its own maximum) and 4.2 (its threshold: 80% in the docx, 100% in the API) stay marked unverified', () => {
    expect(Object.values(DECISION_766_SCORING).filter((s) => !s.verified).map((s) => s.code)).toEqual(['3.3', '4.2']);
  });
});

describe('periods (local time UTC+7)', () => {
  it('--to is the last day included: 1–31 December ends at 1 January 00:00 local', () => {
    const { startMs, endMs } = reportRange('2026-12-01', '2026-12-31');
    expect(new Date(startMs).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(new Date(endMs).toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(periodsBetween('2026-12-01', '2026-12-31', 'day').at(-1)!.label).toBe('2026-12-31');
  });

  it('months clipped to the dates', () => {
    expect(periodsBetween('2026-02-15', '2026-03-31', 'month')).toEqual([
      { label: '2026-02', start: '2026-02-14T17:00:00.000Z', end: '2026-02-28T17:00:00.000Z' },
      { label: '2026-03', start: '2026-02-28T17:00:00.000Z', end: '2026-03-31T17:00:00.000Z' },
    ]);
  });
  it('days and years', () => {
    expect(periodsBetween('2026-03-01', '2026-03-02', 'day').map((p) => p.label)).toEqual(['2026-03-01', '2026-03-02']);
    expect(periodsBetween('2026-03-01', '2026-03-01', 'day').map((p) => p.label)).toEqual(['2026-03-01']);
    expect(periodsBetween('2025-12-31', '2026-01-01', 'year').map((p) => p.label)).toEqual(['2025', '2026']);
  });
  it('rejects bad dates and inverted ranges', () => {
    expect(() => localMidnight('2026-02-30')).toThrow(/no such date/);
    expect(() => localMidnight('March')).toThrow(/YYYY-MM-DD/);
    expect(() => periodsBetween('2026-03-02', '2026-03-01', 'day')).toThrow(/must not be after/);
  });
});

describe('foldFact', () => {
  const { dossiers } = buildScenario();
  const fold = (key: string): FactRow => dossiers[key]!.log.reduce<FactRow | undefined>((f, e) => foldFact(f, e), undefined)!;

  it('D4: two supplement requests, early against the appointment, late for the KPI', () => {
    expect(fold('D4')).toMatchObject({
      unit_id: 'pt.p-xuan-hoa.ttphcc',
      end_kind: 'result_ready',
      classification: 'early',
      classification_kpi: 'late',
      supplement_requested_at: ['2026-03-09T10:00:00+07:00', '2026-03-11T11:00:00+07:00'],
      processing_minutes: 210,
      rating_score: 'dissatisfied',
      appointment_at: '2026-03-12T09:30:00+07:00',
    });
  });

  it('D5 refused at the desk and D12 never supplemented: never received', () => {
    expect(fold('D5')).toMatchObject({ received_at: null, channel: null, end_kind: 'refused', finished_at: '2026-03-10T09:00:00+07:00' });
    expect(fold('D12')).toMatchObject({ received_at: null, end_kind: 'not_received', reception_supplement_at: '2026-03-16T09:00:00+07:00' });
  });

  it('D9 paid at the desk; D10 online; a second end never moves the first', () => {
    expect(fold('D9')).toMatchObject({ paid_online: false, payments_recorded: 1, electronic_result: false, committed_budget_minutes: 3360, legal_budget_minutes: 4800 });
    expect(fold('D10')).toMatchObject({ paid_online: true, finished_at: null });
    const d6 = fold('D6');
    const again = foldFact(d6, { ...dossiers.D6!.log.at(-1)!, sequence: 99, id: 'STAT-260301-0006:99' } as never);
    expect(again.finished_at).toBe(d6.finished_at);
    expect(again.end_kind).toBe('withdrawn');
  });

  it('4.1 counts the result issued electronically (result_ready), never the delivery (result_returned)', () => {
    const log = dossiers.D9!.log; // 1.013831 at the desk: a paper result
    const ready = log.find((e) => e.type === 'dossier.result_ready')!;
    const returned = log.find((e) => e.type === 'dossier.result_returned')!;
    expect(ready.type === 'dossier.result_ready' && ready.payload.electronicResult).toBe(false);
    // an outside producer (or an older engine) that marks the hand-over electronic does not make the result electronic
    const tampered = log.map((e) => (e === returned ? ({ ...e, payload: { ...e.payload, electronic: true } } as typeof e) : e));
    expect(tampered.reduce<FactRow | undefined>((f, e) => foldFact(f, e), undefined)!.electronic_result).toBe(false);
  });
});
