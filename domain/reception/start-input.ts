import { DossierSettings, type ReceptionOutcome, type StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import type { Channel } from '../../contracts/dossier.contract';
import { formatLocalIso } from '../calendar/local-time';
import type { ReceptionPlan } from './plan-reception';

export interface ReceptionRequest {
  dossierCode: string;
  channel: Channel;
  applicantKey: string;
  receivedAtMs: number;
  reception: ReceptionOutcome;
  components: { total: number; digitised: number; reused: number } | undefined;
  /** The locality's official calendar, unless the procedure names its own. */
  defaultCalendarVersion: string;
}

// the parsed settings of a procedure version's timer settings: dossiers share them (inputs are never changed)
const settingsByTimers = new WeakMap<object, DossierSettings>();
const NO_TIMER_SETTINGS = {};

function settingsFor(t: NonNullable<ReceptionPlan['version']['timerSettings']>): DossierSettings {
  let s = settingsByTimers.get(t);
  if (!s) {
    s = DossierSettings.parse({
      classifier: {
        ...(t.dueSoonWorkingMinutes !== undefined ? { dueSoonWorkingMinutes: t.dueSoonWorkingMinutes } : {}),
        ...(t.form04LeadWorkingMinutes !== undefined ? { form04LeadWorkingMinutes: t.form04LeadWorkingMinutes } : {}),
        ...(t.form04Counting !== undefined ? { form04Counting: t.form04Counting } : {}),
      },
      ...(t.supplementWindowMinutes !== undefined ? { supplementWindowMinutes: t.supplementWindowMinutes } : {}),
      ...(t.ratingWindowMinutes !== undefined ? { ratingWindowMinutes: t.ratingWindowMinutes } : {}),
    });
    settingsByTimers.set(t, s);
  }
  return s;
}

/** The workflow's input from a reception plan: the one place that decides what a dossier is pinned to. */
export function startInputFor(plan: ReceptionPlan, r: ReceptionRequest): StartDossierInput {
  const t = plan.version.timerSettings ?? NO_TIMER_SETTINGS;
  const components = r.components ?? { total: plan.version.documents.length, digitised: 0, reused: 0 };
  return {
    schemaVersion: 1,
    dossierCode: r.dossierCode,
    procedureCode: plan.procedure.code,
    procedureName: plan.procedure.name,
    procedure: plan.version,
    unitId: plan.unit.id,
    channel: r.channel,
    applicantKey: r.applicantKey,
    receivedAt: formatLocalIso(r.receivedAtMs),
    calendarVersion: plan.version.calendarVersion ?? r.defaultCalendarVersion,
    routing: plan.routing,
    supervisors: plan.supervisors,
    reception: r.reception,
    componentsTotal: components.total,
    componentsDigitised: components.digitised,
    componentsReused: components.reused,
    settings: settingsFor(t),
  };
}
