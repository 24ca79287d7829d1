import { loadShippedCatalog } from '../../catalog/load-catalog';
import { DossierSettings, StartDossierInput, type ReceptionOutcome } from '../../contracts/commands/start-dossier.contract';
import type { Channel } from '../../contracts/dossier.contract';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { planReception } from '../../domain/reception/plan-reception';
import { startInputFor } from '../../domain/reception/start-input';

export interface FixtureOptions {
  procedureCode: string;
  receivingUnitId?: string;
  channel?: Channel;
  receivedAt: string;
  calendarVersion?: string;
  reception?: ReceptionOutcome;
  dossierCode?: string;
  settings?: Partial<Omit<DossierSettings, 'classifier'>> & { classifier?: Partial<DossierSettings['classifier']> };
  /**
   * The demo procedures with minute-scale times (committed 12 working minutes, steps of 2–5) and
   * default timer settings, which hand-computed tests count in; the shipped ones run in seconds.
   */
  minuteDemo?: boolean;
}

const MINUTE_DEMO_ALLOTMENTS: Record<string, number> = { 'tiep-nhan': 2, 'tham-dinh': 3, ky: 3, 'tra-ket-qua': 2, 'ho-tich': 3, 'cong-an': 4, bhxh: 5, thue: 3, 'nop-tien': 2 };

function minuteDemo(input: StartDossierInput): StartDossierInput {
  const wmin = (amount: number) => ({ amount, unit: 'working_minutes' as const });
  const { timerSettings: _ignored, ...procedure } = input.procedure;
  return {
    ...input,
    procedure: {
      ...procedure,
      deadlines: { legal: wmin(15), committed: wmin(12), online: wmin(10) },
      steps: procedure.steps.map((st) => ({ ...st, allotment: wmin(MINUTE_DEMO_ALLOTMENTS[st.id] ?? 2) })),
    },
    settings: DossierSettings.parse({}),
  };
}

let counter = 0;

/** A StartDossierInput planned from the shipped catalogue exactly as the API plans one. */
export function startInput(o: FixtureOptions): StartDossierInput {
  const catalog = loadShippedCatalog();
  const receivedMs = Date.parse(o.receivedAt);
  const unitId = o.receivingUnitId ?? 'pt.p-phuc-yen.ttphcc';
  const plan = planReception(catalog, { procedureCode: o.procedureCode, receivingUnitId: unitId, channel: o.channel ?? 'direct', receivedAtMs: receivedMs });
  counter += 1;
  const input = startInputFor(plan, {
    dossierCode: o.dossierCode ?? `TEST-${formatLocalIso(receivedMs).slice(2, 10).replace(/-/g, '')}-${String(counter).padStart(4, '0')}`,
    channel: o.channel ?? 'direct',
    applicantKey: 'ak_fixtureapplicant0001',
    receivedAtMs: receivedMs,
    reception: o.reception ?? { outcome: 'accept' },
    components: undefined,
    defaultCalendarVersion: 'vn-2026.1',
  });
  // a test may pin another calendar or settings than the catalogue does
  const base = o.minuteDemo ? minuteDemo(input) : input;
  return StartDossierInput.parse({
    ...base,
    ...(o.calendarVersion ? { calendarVersion: o.calendarVersion } : {}),
    settings: { ...base.settings, ...o.settings, classifier: { ...base.settings.classifier, ...o.settings?.classifier } },
  });
}
