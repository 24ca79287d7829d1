import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import { toWorkingMinutes } from '../../contracts/duration.contract';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { openTasks, type DossierState } from '../../domain/dossier/dossier-state';
import { dossierCommandUpdate, dossierStateQuery } from '../../workflows/messages';
import { pick } from './prng';

/** How this dossier's officers and applicant behave; drawn once per dossier from the seed. */
export type Profile = 'on_time' | 'late_with_apology' | 'late' | 'supplement' | 'returned' | 'withdrawn';

export function drawProfile(rnd: () => number): Profile {
  const x = rnd();
  if (x < 0.6) return 'on_time';
  if (x < 0.7) return 'late_with_apology';
  if (x < 0.78) return 'late';
  if (x < 0.88) return 'supplement';
  if (x < 0.95) return 'returned';
  return 'withdrawn';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Plays the officers and the applicant of one dossier in real time against the running engine,
 * through the same workflow updates the HTTP API will send. Demo procedures count working
 * minutes on a calendar open around the clock, so a step's allotment is wall-clock time.
 */
export async function playDossier(client: Client, code: string, profile: Profile, rnd: () => number, log: (line: string) => void): Promise<DossierState> {
  const handle = client.workflow.getHandle(code);
  const send = async (c: DossierCommandInput): Promise<boolean> => {
    try {
      await handle.executeUpdate(dossierCommandUpdate, { args: [c] });
      return true;
    } catch (err) {
      // a rejected command (the state moved on) is retried from a fresh look at the dossier
      if (err instanceof WorkflowUpdateFailedError) {
        log(`${code}: ${c.type} rejected (${err.cause?.message ?? err.message})`);
        return false;
      }
      throw err;
    }
  };
  let usedSpecial = false;
  for (;;) {
    const s = await handle.query(dossierStateQuery);
    if (s.phase === 'closed') return s;
    const budgetMs = (toWorkingMinutes(s.input.procedure.deadlines.committed) ?? 1) * 60_000;
    if (s.phase === 'returned') {
      await sleep(budgetMs * 0.05);
      await send({ type: 'dossier.rate', score: pick(rnd, ['very_satisfied', 'satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const) });
      continue;
    }
    if (s.phase === 'supplement') {
      await sleep(budgetMs * (0.1 + rnd() * 0.2));
      await send({ type: 'supplement.resubmit', componentsDigitised: 1 });
      continue;
    }
    if (s.phase === 'payment') {
      await sleep(budgetMs * (0.05 + rnd() * 0.1));
      await send({ type: 'payment.record', source: pick(rnd, ['applicant_payment', 'tax_notice'] as const), paidOnline: rnd() < 0.6, amountVnd: 500_000, reference: `DEMO-${code}` });
      continue;
    }
    const task = openTasks(s)[0];
    if (!task) {
      await sleep(50);
      continue;
    }
    const step = s.input.procedure.steps.find((x) => x.id === task.stepId)!;
    const allotMs = (toWorkingMinutes(step.allotment) ?? 1) * 60_000;
    const officerId = `${task.unitId}:officer-${1 + Math.floor(rnd() * 3)}`;
    const ref = { taskId: task.taskId, unitId: task.unitId, officerId };
    const slow = (profile === 'late' || profile === 'late_with_apology') && !usedSpecial && step.kind !== 'reception';
    if (slow && profile === 'late_with_apology' && s.ledger) {
      // the responsible unit apologises before the appointment and sets a new one (Form 04)
      await send({ type: 'dossier.extend', unitId: task.unitId, officerId, reason: 'Cần xác minh thêm (demo)', newAppointmentAt: formatLocalIso(s.ledger.committedDueMs + budgetMs) });
    }
    await sleep(slow ? allotMs * 2.5 + budgetMs * 0.5 : allotMs * (0.2 + rnd() * 0.5));
    if (slow) usedSpecial = true;
    let version = task.version;
    // most officers work a task straight from the inbox (an implicit claim); some claim it first
    if (task.status === 'open' && rnd() < 0.3) {
      if (!(await send({ type: 'task.claim', ...ref, taskVersion: version }))) continue;
      version += 1;
    }
    if (profile === 'withdrawn' && step.kind !== 'reception') {
      await send({ type: 'dossier.withdraw', reason: 'Người dân rút hồ sơ (demo)' });
      continue;
    }
    if (profile === 'supplement' && !usedSpecial && step.kind === 'appraisal') {
      usedSpecial = true;
      await send({ type: 'supplement.request', ...ref, taskVersion: version, reason: 'Thiếu thành phần hồ sơ (demo)', missing: ['don'] });
      continue;
    }
    if (profile === 'returned' && !usedSpecial && step.kind !== 'reception' && step.kind !== 'result_return') {
      usedSpecial = true;
      await send({ type: 'task.return', ...ref, taskVersion: version, reason: 'Hồ sơ cần bổ sung ý kiến (demo)' });
      continue;
    }
    if (step.kind === 'financial_obligation' && s.input.procedure.hasFinancialObligation && !s.ledger?.pauses.some((p) => p.reason === 'financial_obligation')) {
      await send({ type: 'payment.request', ...ref, taskVersion: version, kind: 'land_levy', amountVnd: 500_000 });
      continue;
    }
    await send({ type: 'task.complete', ...ref, taskVersion: version, outcome: 'approved' });
  }
}
