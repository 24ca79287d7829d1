import { computeDeadline } from '../../domain/calendar/deadline';
import { iso, t, vn } from './helpers';

const rules = (r: { applied: { rule: string }[] }): string[] => r.applied.map((a) => a.rule);

describe('computeDeadline', () => {
  it('a reception after the cut-off counts from the next working day', () => {
    const r = computeDeadline(t('2025-04-14T15:30'), { amount: 1, unit: 'working_days' }, vn, { cutoff: '15:00' });
    expect(iso(r.effectiveStartMs)).toBe('2025-04-15T07:00:00+07:00');
    expect(iso(r.dueMs)).toBe('2025-04-15T17:00:00+07:00');
    expect(rules(r)).toContain('reception_after_cutoff');
    const noCutoff = computeDeadline(t('2025-04-14T15:30'), { amount: 1, unit: 'working_days' }, vn);
    expect(iso(noCutoff.dueMs)).toBe('2025-04-15T15:30:00+07:00');
    const atCutoff = computeDeadline(t('2025-04-14T15:00'), { amount: 1, unit: 'working_days' }, vn, { cutoff: '15:00' });
    expect(iso(atCutoff.dueMs)).toBe('2025-04-15T15:00:00+07:00');
  });

  it('the cut-off of a Friday reaches over the weekend', () => {
    const r = computeDeadline(t('2025-04-18T16:00'), { amount: 2, unit: 'working_hours' }, vn, { cutoff: '15:00' });
    expect(iso(r.dueMs)).toBe('2025-04-21T09:00:00+07:00');
  });

  it('explains a reception outside service hours, holidays with their decisions, and rest days', () => {
    const r = computeDeadline(t('2025-04-29T18:00'), { amount: 1, unit: 'working_days' }, vn);
    expect(iso(r.dueMs)).toBe('2025-05-05T17:00:00+07:00');
    expect(r.workingMinutes).toBe(480);
    expect(rules(r)).toEqual(
      expect.arrayContaining(['start_outside_service_hours', 'holiday', 'swapped_day_off', 'weekly_rest_day', 'working_time']),
    );
    const swap = r.applied.find((a) => a.rule === 'swapped_day_off');
    expect(swap?.decision).toMatch(/8726\/VPCP-KGVX/);
  });

  it('names the lunch break', () => {
    expect(rules(computeDeadline(t('2025-04-14T12:00'), { amount: 1, unit: 'working_hours' }, vn))).toContain('lunch_break');
    expect(rules(computeDeadline(t('2025-04-14T09:00'), { amount: 150, unit: 'working_minutes' }, vn))).toContain('lunch_break');
  });

  it('calendar days add whole days, then move to the next working instant', () => {
    const landed = computeDeadline(t('2025-04-14T09:00'), { amount: 7, unit: 'calendar_days' }, vn);
    expect(iso(landed.dueMs)).toBe('2025-04-21T09:00:00+07:00');
    expect(landed.workingMinutes).toBeUndefined();
    const moved = computeDeadline(t('2026-02-13T16:00'), { amount: 7, unit: 'calendar_days' }, vn);
    expect(iso(moved.dueMs)).toBe('2026-02-23T07:00:00+07:00');
    expect(rules(moved)).toContain('calendar_days_landed_outside_working_time');
    expect(() => computeDeadline(t('2025-04-14T09:00'), { amount: 1.5, unit: 'calendar_days' }, vn)).toThrow(
      expect.objectContaining({ code: 'DURATION_INVALID' }),
    );
  });

  it('says when a year has no official decision data', () => {
    const r = computeDeadline(t('2030-03-04T09:00'), { amount: 1, unit: 'working_days' }, vn);
    expect(rules(r)).toContain('no_official_decision_data');
    expect(rules(computeDeadline(t('2025-03-04T09:00'), { amount: 1, unit: 'working_days' }, vn))).not.toContain('no_official_decision_data');
  });

  it('refuses a malformed cut-off', () => {
    expect(() => computeDeadline(t('2025-04-14T15:30'), { amount: 1, unit: 'working_days' }, vn, { cutoff: '3pm' })).toThrow(
      expect.objectContaining({ code: 'LOCAL_TIME_INVALID' }),
    );
  });
});
