import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { StartDossierInput } from '../contracts/commands/start-dossier.contract';
import type { DossierEvent } from '../contracts/events';
import { eventId } from '../contracts/events/event-envelope';
import { computeDeadline } from '../domain/calendar/deadline';
import { getCalendar } from '../domain/calendar/calendar-registry';
import { formatLocalIso } from '../domain/calendar/local-time';
import { dossierViewQuery, type DossierView } from './messages';

const { publishDossierEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** One durable workflow per dossier (workflow id = dossier code). Walking skeleton: reception only. */
export async function dossierWorkflow(input: StartDossierInput): Promise<DossierView> {
  const view: DossierView = { dossierCode: input.dossierCode, statusCode: 1, events: [] };
  setHandler(dossierViewQuery, () => view);

  const calendar = getCalendar(input.calendarVersion);
  const receivedMs = Date.parse(input.receivedAt);
  const opts = input.cutoff ? { cutoff: input.cutoff } : {};
  const committed = computeDeadline(receivedMs, input.committedBudget, calendar, opts);
  const legal = computeDeadline(receivedMs, input.legalBudget, calendar, opts);

  const received: DossierEvent = {
    id: eventId(input.dossierCode, 1),
    type: 'dossier.received',
    schemaVersion: 1,
    sequence: 1,
    occurredAt: input.receivedAt,
    dossierCode: input.dossierCode,
    procedureCode: input.procedureCode,
    unitId: input.unitId,
    calendarVersion: calendar.version,
    payload: {
      channel: input.channel,
      applicantKey: input.applicantKey,
      procedureVersion: input.procedureVersion,
      receivedAt: input.receivedAt,
      clockStartAt: formatLocalIso(committed.effectiveStartMs),
      appointmentAt: formatLocalIso(committed.dueMs),
      legalDueAt: formatLocalIso(legal.dueMs),
      committedBudget: input.committedBudget,
      legalBudget: input.legalBudget,
      componentsTotal: input.componentsTotal,
      componentsDigitised: input.componentsDigitised,
      componentsReused: input.componentsReused,
    },
  };
  await publishDossierEvents([received]);
  view.events.push(received);
  view.statusCode = 2;
  return view;
}
