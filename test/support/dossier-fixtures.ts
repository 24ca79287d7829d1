import { loadShippedCatalog } from '../../catalog/load-catalog';
import { DossierSettings, StartDossierInput, type ReceptionOutcome } from '../../contracts/commands/start-dossier.contract';
import type { Channel } from '../../contracts/dossier.contract';
import { formatLocalIso } from '../../domain/calendar/local-time';
import { planReception } from '../../domain/reception/plan-reception';

export interface FixtureOptions {
  procedureCode: string;
  receivingUnitId?: string;
  channel?: Channel;
  receivedAt: string;
  calendarVersion?: string;
  reception?: ReceptionOutcome;
  dossierCode?: string;
  settings?: Partial<DossierSettings>;
}

let counter = 0;

/** A StartDossierInput planned from the shipped catalogue exactly as the API plans one. */
export function startInput(o: FixtureOptions): StartDossierInput {
  const catalog = loadShippedCatalog();
  const receivedMs = Date.parse(o.receivedAt);
  const unitId = o.receivingUnitId ?? 'pt.p-phuc-yen.ttphcc';
  const plan = planReception(catalog, { procedureCode: o.procedureCode, receivingUnitId: unitId, channel: o.channel ?? 'direct', receivedAtMs: receivedMs });
  counter += 1;
  return StartDossierInput.parse({
    schemaVersion: 1,
    dossierCode: o.dossierCode ?? `TEST-${formatLocalIso(receivedMs).slice(2, 10).replace(/-/g, '')}-${String(counter).padStart(4, '0')}`,
    procedureCode: plan.procedure.code,
    procedureName: plan.procedure.name,
    procedure: plan.version,
    unitId: plan.unit.id,
    channel: o.channel ?? 'direct',
    applicantKey: 'ak_fixtureapplicant0001',
    receivedAt: formatLocalIso(receivedMs),
    calendarVersion: o.calendarVersion ?? 'vn-2026.1',
    routing: plan.routing,
    supervisors: plan.supervisors,
    reception: o.reception ?? { outcome: 'accept' },
    componentsTotal: plan.version.documents.length,
    componentsDigitised: 0,
    componentsReused: 0,
    settings: DossierSettings.parse(o.settings ?? {}),
  });
}
