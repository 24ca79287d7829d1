import fc from 'fast-check';
import { DeadlineLedger as DeadlineLedgerSchema } from '../../contracts/deadline-ledger.contract';
import { DEFAULT_CALENDAR_VERSION, getCalendar } from '../../domain/calendar/calendar-registry';
import { workingTimeBetween } from '../../domain/calendar/working-calendar';
import { consumedByUnit, openLedger, pause, resume, startStep, transferStep } from '../../domain/deadline/deadline-ledger';
import { classifyDossier, classifyStep, timerPlan } from '../../domain/deadline/status-classifier';

const cal = getCalendar(DEFAULT_CALENDAR_VERSION);
const M = 60_000;
const FROM = Date.UTC(2025, 0, 2, 0, 0); // 2 January 2025 07:00 local
const SPAN = 300 * 24 * 60; // minutes within 2025

const instant = fc.integer({ min: 0, max: SPAN }).map((m) => FROM + m * M);
const gap = fc.integer({ min: 0, max: 20 * 24 * 60 }).map((m) => m * M);

describe('deadline ledger properties (real calendar, 2025)', () => {
  it('a shifting pause moves the appointment by exactly the paused working time, and the ledger round-trips through the contract', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), gap, gap, (t0, d, g1, g2) => {
        let l = openLedger(
          {
            receivedAt: t0,
            legalBudget: { amount: d + 5, unit: 'working_days' },
            committedBudget: { amount: d, unit: 'working_days' },
            calendarVersion: cal.version,
            supplementPolicy: 'pause',
          },
          cal,
        );
        const before = l.committedDueMs;
        l = pause(l, { reason: 'supplement', at: t0 + g1, rule: 'r' }, cal);
        l = resume(l, { at: t0 + g1 + g2 }, cal);
        const paused = workingTimeBetween(t0 + g1, t0 + g1 + g2, cal);
        expect(l.pauses[0]?.workingMinutes).toBe(paused);
        expect(workingTimeBetween(before, l.committedDueMs, cal)).toBeCloseTo(paused, 9);
        expect(l.committedDueMs).toBeGreaterThanOrEqual(before);
        expect(DeadlineLedgerSchema.parse(JSON.parse(JSON.stringify(l)))).toEqual(l);
      }),
      { numRuns: 200 },
    );
  });

  it('per-unit consumption across a transfer adds up to the working time of the step', () => {
    fc.assert(
      fc.property(instant, gap, gap, (t0, g1, g2) => {
        let l = openLedger(
          { receivedAt: t0, legalBudget: { amount: 10, unit: 'working_days' }, committedBudget: { amount: 5, unit: 'working_days' }, calendarVersion: cal.version, supplementPolicy: 'pause' },
          cal,
        );
        l = startStep(l, { stepId: 's', unitId: 'A', at: t0, allotment: { amount: 2, unit: 'working_days' } }, cal);
        l = transferStep(l, { stepId: 's', toUnitId: 'B', at: t0 + g1 }, cal);
        const now = t0 + g1 + g2;
        const c = consumedByUnit(l, now, cal);
        expect((c.A ?? 0) + (c.B ?? 0)).toBeCloseTo(workingTimeBetween(t0, now, cal), 9);
        expect(c.A).toBe(workingTimeBetween(t0, t0 + g1, cal));
      }),
      { numRuns: 200 },
    );
  });

  it('timer plan instants are sorted, in the future, and are exactly where the classifier changes', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 24 }), gap, (t0, d, h, g) => {
        let l = openLedger(
          { receivedAt: t0, legalBudget: { amount: d, unit: 'working_days' }, committedBudget: { amount: d, unit: 'working_days' }, calendarVersion: cal.version, supplementPolicy: 'pause' },
          cal,
        );
        l = startStep(l, { stepId: 's', unitId: 'A', at: t0, allotment: { amount: h, unit: 'working_hours' } }, cal);
        const now = t0 + g;
        const plan = timerPlan(l, now, cal);
        for (let i = 0; i < plan.length; i++) {
          const t = plan[i]!;
          expect(t.at).toBeGreaterThan(now);
          if (i > 0) expect(t.at).toBeGreaterThanOrEqual(plan[i - 1]!.at);
          if (t.kind === 'form04_draft') continue;
          const status = (x: number): string => (t.scope === 'dossier' ? classifyDossier(l, x, cal) : classifyStep(l, 's', x, cal));
          expect(status(t.at)).toBe(t.kind === 'warning' ? 'due_soon' : 'overdue');
          expect(status(t.at - 1)).toBe(t.kind === 'warning' ? 'within' : 'due_soon');
        }
      }),
      { numRuns: 200 },
    );
  });
});
