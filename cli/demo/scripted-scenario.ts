import type { SubmitDossierRequest } from '../../contracts/api/dossiers.contract';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { openTasks, type DossierState } from '../../domain/dossier/dossier-state';
import type { DossierDriver } from './dossier-driver';
import { pick, prng } from './prng';

/**
 * A scripted load whose outcome does not depend on timing, so two runs (one stack and another,
 * today and tomorrow) must build the same read models apart from the instants they ran at:
 * - every dossier is received at one given instant, so codes, budgets and appointments agree;
 * - procedures have budgets of three working days or more, so a run of hours is always early
 *   and no SLA timer fires while it runs (test/cluster/scripted-scenario.unit.test.ts);
 * - officers act at once (no think time) and choose from a seeded generator per dossier, from
 *   the dossier's state alone;
 * - dossier codes count per desk and day, so each desk's submissions go one after another in a
 *   fixed order (desks in parallel): dossier i always gets the same code, whichever API took it.
 */
export type ScriptedProfile = 'standard' | 'returned' | 'supplement' | 'withdrawn' | 'extended' | 'desk_supplement' | 'refused';

interface Desk {
  unitId: string;
  procedures: Array<{ code: string; channels: Array<'direct' | 'online' | 'post'> }>;
}

const ALL = ['direct', 'online', 'post'] as Array<'direct' | 'online' | 'post'>;
const COUNTER = ['direct', 'post'] as Array<'direct' | 'online' | 'post'>;
/**
 * Budgets of three working days or more on every channel offered (1.000894's online budget is two,
 * so not online): received before the desk opens, two working days end the next day, and a run
 * crossing midnight would finish on the due date (on time, not early). Parallel branches: 2.002622
 * and 1.009645.
 */
const COMMUNE: Desk['procedures'] = [
  { code: '1.000894', channels: COUNTER },
  { code: '2.002622', channels: ALL },
  { code: '1.009994', channels: ALL },
];
const DESKS: Desk[] = [
  ...['p-phuc-yen', 'p-xuan-hoa', 'p-vinh-phuc', 'p-vinh-yen', 'p-viet-tri', 'p-hoa-binh', 'x-tam-dao'].map((c) => ({ unitId: `pt.${c}.ttphcc`, procedures: COMMUNE })),
  {
    unitId: 'pt.ttphcc',
    procedures: ['1.004222', '1.009650', '1.012088', '1.009645'].map((code) => ({ code, channels: ALL })),
  },
];

function drawProfile(rnd: () => number): ScriptedProfile {
  const x = rnd();
  if (x < 0.6) return 'standard';
  if (x < 0.7) return 'returned';
  if (x < 0.8) return 'supplement';
  if (x < 0.85) return 'withdrawn';
  if (x < 0.9) return 'extended';
  if (x < 0.95) return 'desk_supplement';
  return 'refused';
}

export interface PlannedDossier {
  index: number;
  desk: number;
  profile: ScriptedProfile;
  body: SubmitDossierRequest;
}

const DAY_MS = 24 * 3600_000;

/** The submissions, in the order each desk makes them. */
export function planScenario(dossiers: number, seed: number, receivedAt: string): PlannedDossier[] {
  const receivedMs = Date.parse(receivedAt);
  return Array.from({ length: dossiers }, (_, index) => {
    const rnd = prng(seed * 7919 + index);
    const desk = index % DESKS.length;
    const d = DESKS[desk]!;
    const proc = pick(rnd, d.procedures);
    const profile = drawProfile(rnd);
    const body: SubmitDossierRequest = {
      procedureCode: proc.code,
      receivingUnitId: d.unitId,
      channel: pick(rnd, proc.channels),
      applicant: { idNumber: String(100_000_000_000 + Math.floor(rnd() * 899_999_999_999)), fullName: `Người dân ${index + 1}` },
      receivedAt,
      components: { total: 3, digitised: rnd() < 0.8 ? 3 : 2, reused: rnd() < 0.4 ? 1 : 0 },
      reception:
        profile === 'refused'
          ? { outcome: 'refuse', reason: 'Không thuộc thẩm quyền (kịch bản)' }
          : profile === 'desk_supplement'
            ? { outcome: 'supplement', reason: 'Thiếu giấy tờ (kịch bản)', missing: ['to-khai'], applicantDeadlineAt: formatLocalIso(receivedMs + 10 * DAY_MS) }
            : { outcome: 'accept' },
    };
    return { index, desk, profile, body };
  });
}

export interface ScenarioProgress {
  submitted: number;
  commands: number;
  closed: number;
}

export interface ScenarioOptions {
  dossiers: number;
  seed: number;
  /** The instant every dossier is received at (ISO 8601 with offset). */
  receivedAt: string;
  /** Dossiers played at once. */
  concurrency?: number;
  onProgress?: (p: ScenarioProgress) => void;
}

export interface ScenarioReport {
  codes: string[];
  profiles: Record<string, number>;
  finalStatus: Record<string, number>;
  /** Commands the engine rejected (none in a run where nothing raced): `<code> <type>: <reason code>`. */
  rejections: string[];
  /** History length of every dossier's workflow, in submission order. */
  historyEvents: number[];
  /** The sequence of every dossier's last event, in submission order (what every projection must reach). */
  lastSequences: number[];
  wallMs: number;
}

class ScenarioError extends Error {}

/** Plays one dossier to its end; commands get ids `<code>/<n>`, so a retried command is the same command. */
async function play(driver: DossierDriver, code: string, profile: ScriptedProfile, rnd: () => number, progress: ScenarioProgress, rejections: string[]): Promise<DossierState> {
  let n = 0;
  let special = false;
  const send = async (c: DossierCommandInput): Promise<boolean> => {
    n += 1;
    if (n > 60) throw new ScenarioError(`${code}: more than 60 commands; the script loops (last ${c.type})`);
    const outcome = await driver.command(code, c, `${code}/${n}`);
    progress.commands += 1;
    if (!outcome.ok) rejections.push(`${code} ${c.type}: ${outcome.code}`);
    return outcome.ok;
  };
  for (;;) {
    const s = await driver.state(code);
    if (s.phase === 'closed') return s;
    if (s.phase === 'awaiting_reception_supplement' || s.phase === 'supplement') {
      await send({ type: 'supplement.resubmit', componentsDigitised: 1 });
      continue;
    }
    if (s.phase === 'returned') {
      await send({ type: 'dossier.rate', score: pick(rnd, ['very_satisfied', 'satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const) });
      continue;
    }
    if (s.phase === 'payment') throw new ScenarioError(`${code}: waits for a payment; the scenario has no procedure with one`);
    const task = openTasks(s)[0];
    if (!task) throw new ScenarioError(`${code}: no open task in phase ${s.phase}`);
    const step = s.input.procedure.steps.find((x) => x.id === task.stepId)!;
    const drawn = `${task.unitId}:officer-${1 + Math.floor(rnd() * 3)}`;
    // a task an officer claimed earlier (before an extension, say) is finished by that officer
    const officerId = task.claimedBy ?? drawn;
    const ref = { taskId: task.taskId, unitId: task.unitId, officerId };
    let version = task.version;
    if (task.status === 'open' && rnd() < 0.3) {
      if (!(await send({ type: 'task.claim', ...ref, taskVersion: version }))) continue;
      version += 1;
    }
    const midway = step.kind !== 'reception' && step.kind !== 'result_return';
    if (!special && midway) {
      if (profile === 'withdrawn') {
        special = true;
        await send({ type: 'dossier.withdraw', reason: 'Người dân rút hồ sơ (kịch bản)' });
        continue;
      }
      if (profile === 'returned') {
        special = true;
        await send({ type: 'task.return', ...ref, taskVersion: version, reason: 'Cần bổ sung ý kiến (kịch bản)' });
        continue;
      }
      if (profile === 'supplement' && step.kind === 'appraisal') {
        special = true;
        await send({ type: 'supplement.request', ...ref, taskVersion: version, reason: 'Thiếu thành phần (kịch bản)', missing: ['don'] });
        continue;
      }
      if (profile === 'extended' && s.ledger) {
        special = true;
        // from the appointment, which depends only on the reception instant: the same in every run
        await send({ type: 'dossier.extend', unitId: task.unitId, officerId, reason: 'Cần xác minh thêm (kịch bản)', newAppointmentAt: formatLocalIso(s.ledger.committedDueMs + 3 * DAY_MS) });
        continue;
      }
    }
    await send({ type: 'task.complete', ...ref, taskVersion: version, outcome: 'approved' });
  }
}

async function waitCompleted(driver: DossierDriver, code: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await driver.describe(code);
    if (d.status === 'COMPLETED') return d.historyLength;
    if (d.status !== 'RUNNING' || Date.now() > deadline) throw new ScenarioError(`${code}: workflow ${d.status} after its dossier closed`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the scenario: desks submit in parallel (each in its fixed order, alternating the APIs), dossiers are played as they arrive. */
export async function runScenario(driver: DossierDriver, opts: ScenarioOptions): Promise<ScenarioReport> {
  const t0 = Date.now();
  const plan = planScenario(opts.dossiers, opts.seed, opts.receivedAt);
  const progress: ScenarioProgress = { submitted: 0, commands: 0, closed: 0 };
  const report = () => opts.onProgress?.({ ...progress });
  const codes: string[] = new Array(plan.length);
  const finals: DossierState[] = new Array(plan.length);
  const history: number[] = new Array(plan.length);
  const rejections: string[] = [];
  const concurrency = opts.concurrency ?? 40;
  let playing = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    while (playing >= concurrency) await new Promise<void>((r) => waiting.push(r));
    playing += 1;
  };
  const release = () => {
    playing -= 1;
    waiting.shift()?.();
  };
  const plays: Array<Promise<void>> = [];
  let failure: unknown;
  const desks = [...new Set(plan.map((p) => p.desk))];
  await Promise.all(
    desks.map(async (desk) => {
      for (const p of plan.filter((x) => x.desk === desk)) {
        await slot();
        if (failure) return release();
        let code: string;
        try {
          code = await driver.submit(p.body, p.index, `scenario-${opts.seed}-${p.index}`);
        } catch (err) {
          failure ??= err;
          return release();
        }
        codes[p.index] = code;
        progress.submitted += 1;
        report();
        const rnd = prng(opts.seed * 104_729 + p.index);
        plays.push(
          (async () => {
            try {
              finals[p.index] = await play(driver, code, p.profile, rnd, progress, rejections);
              history[p.index] = await waitCompleted(driver, code);
              progress.closed += 1;
              report();
            } catch (err) {
              // the first failure ends the run: no more submissions, the others finish their play
              failure ??= err;
            } finally {
              release();
            }
          })(),
        );
      }
    }),
  );
  await Promise.all(plays);
  if (failure) throw failure;
  const profiles: Record<string, number> = {};
  for (const p of plan) profiles[p.profile] = (profiles[p.profile] ?? 0) + 1;
  const finalStatus: Record<string, number> = {};
  for (const s of finals) finalStatus[`${s.statusCode}:${s.closedReason}`] = (finalStatus[`${s.statusCode}:${s.closedReason}`] ?? 0) + 1;
  return { codes, profiles, finalStatus, rejections, historyEvents: history, lastSequences: finals.map((f) => f.sequence), wallMs: Date.now() - t0 };
}
