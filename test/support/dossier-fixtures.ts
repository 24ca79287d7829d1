import { loadShippedCatalog } from '../../catalog/load-catalog';
import { StartDossierInput, type DossierSettings, type ReceptionOutcome } from '../../contracts/commands/start-dossier.contract';
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
  return StartDossierInput.parse({
    ...input,
    ...(o.calendarVersion ? { calendarVersion: o.calendarVersion } : {}),
    settings: { ...input.settings, ...o.settings, classifier: { ...input.settings.classifier, ...o.settings?.classifier } },
  });
}
