import type { ApiClient } from './api-client';
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

interface OpenTask {
  taskId: string;
  stepKind: string;
  unitId: string;
  taskVersion: number;
  status: 'open' | 'claimed';
  allotmentWorkingMinutes: number | null;
}

export interface DossierView {
  statusCode: number;
  appointmentAt: string | null;
  openTasks: OpenTask[];
  register: { closedReason: string | null; rating: string | null; classification: string | null; extensionCount: number } | null;
}

/** Statuses after which nobody acts: not received, withdrawn, stopped. */
const ENDED = new Set([3, 7, 8]);

/**
 * Plays the officers, the desk and the applicant of one dossier in real time against the running
 * engine, through its HTTP API as people would: officers work the tasks their inbox shows, the
 * desk records payments, the applicant supplements and rates with the receipt's token. Demo
 * procedures count working minutes on a calendar open around the clock, so allotments are wall time.
 */
export async function playDossier(
  api: ApiClient,
  d: { code: string; citizenToken: string; committedMinutes: number },
  profile: Profile,
  rnd: () => number,
  log: (line: string) => void,
): Promise<DossierView> {
  const budgetMs = d.committedMinutes * 60_000;
  const send = async (path: string, as: 'reception' | 'officer' | 'citizen', body: unknown): Promise<boolean> => {
    const r = await api.call<{ code?: string; detail?: string }>('POST', path, { as, body, ...(as === 'citizen' ? { citizenToken: d.citizenToken } : {}) });
    if (r.status === 200) return true;
    // a refused command (the read model lagged, a colleague acted first) is retried from a fresh look
    log(`${d.code}: POST ${path} refused: ${r.status} ${r.body?.code ?? ''} ${r.body?.detail ?? ''}`);
    return false;
  };
  const task = (t: OpenTask, verb: string) => `/dossiers/${d.code}/tasks/${encodeURIComponent(t.taskId)}/${verb}`;
  let usedSpecial = false;
  let paymentAsked = false;
  for (;;) {
    const r = await api.call<DossierView>('GET', `/dossiers/${d.code}`, { as: 'officer' });
    const v = r.body;
    if (r.status !== 200) {
      await sleep(200);
      continue;
    }
    if (ENDED.has(v.statusCode) || v.register?.rating) return v;
    if (v.statusCode === 10) {
      await sleep(budgetMs * 0.05);
      await send(`/public/dossiers/${d.code}/rating`, 'citizen', { score: pick(rnd, ['very_satisfied', 'satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const) });
      continue;
    }
    if (v.statusCode === 5) {
      await sleep(budgetMs * (0.1 + rnd() * 0.2));
      await send(`/public/dossiers/${d.code}/supplement`, 'citizen', { componentsDigitised: 1 });
      continue;
    }
    if (v.statusCode === 6) {
      await sleep(budgetMs * (0.05 + rnd() * 0.1));
      await send(`/dossiers/${d.code}/payments`, 'reception', { source: pick(rnd, ['applicant_payment', 'tax_notice'] as const), paidOnline: rnd() < 0.6, amountVnd: 500_000, reference: `DEMO-${d.code}` });
      continue;
    }
    const t = v.openTasks[0];
    if (!t) {
      await sleep(100);
      continue;
    }
    const allotMs = (t.allotmentWorkingMinutes ?? 1) * 60_000;
    const slow = (profile === 'late' || profile === 'late_with_apology') && !usedSpecial && t.stepKind !== 'reception';
    if (slow && profile === 'late_with_apology' && v.appointmentAt) {
      // the responsible unit apologises before the appointment and sets a new one (Form 04)
      await send(`/dossiers/${d.code}/extend`, 'officer', { unitId: t.unitId, reason: 'Cần xác minh thêm (demo)', newAppointmentAt: new Date(Date.parse(v.appointmentAt) + budgetMs).toISOString() });
    }
    await sleep(slow ? allotMs * 2.5 + budgetMs * 0.5 : allotMs * (0.2 + rnd() * 0.5));
    if (slow) usedSpecial = true;
    let version = t.taskVersion;
    const unit = { unitId: t.unitId };
    // most officers work a task straight from the inbox (an implicit claim); some claim it first
    if (t.status === 'open' && rnd() < 0.3) {
      if (!(await send(task(t, 'claim'), 'officer', { taskVersion: version, ...unit }))) continue;
      version += 1;
    }
    if (profile === 'withdrawn' && t.stepKind !== 'reception') {
      await send(`/dossiers/${d.code}/withdraw`, 'reception', { reason: 'Người dân rút hồ sơ (demo)' });
      continue;
    }
    if (profile === 'supplement' && !usedSpecial && t.stepKind === 'appraisal') {
      usedSpecial = true;
      await send(task(t, 'supplement-request'), 'officer', { taskVersion: version, ...unit, reason: 'Thiếu thành phần hồ sơ (demo)', missing: ['Đơn (demo)'] });
      continue;
    }
    if (profile === 'returned' && !usedSpecial && t.stepKind !== 'reception' && t.stepKind !== 'result_return') {
      usedSpecial = true;
      await send(task(t, 'return'), 'officer', { taskVersion: version, ...unit, reason: 'Hồ sơ cần bổ sung ý kiến (demo)' });
      continue;
    }
    if (t.stepKind === 'financial_obligation' && !paymentAsked) {
      paymentAsked = await send(task(t, 'payment-request'), 'officer', { taskVersion: version, ...unit, kind: 'land_levy', amountVnd: 500_000 });
      continue;
    }
    await send(task(t, 'complete'), 'officer', { taskVersion: version, ...unit, outcome: 'approved' });
  }
}
