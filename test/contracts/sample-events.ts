import type { DossierEvent, DossierEventType } from '../../contracts/events';
import type { SlaAlert } from '../../contracts/events/sla-alert.contract';

const code = 'PY-HV-250407-0012';
const envelope = {
  dossierCode: code,
  procedureCode: '1.001193',
  unitId: 'pt.p-phuc-yen.ttphcc',
  calendarVersion: 'vn-2025.1',
};

/**
 * One real event per type on the dossier topic. Adding an event type to DOSSIER_EVENT_SCHEMAS
 * means adding its sample here: the contract tests check each against the published schemas.
 */
export const SAMPLE_EVENTS: { [T in DossierEventType]: Extract<DossierEvent, { type: T }> } = {
  'dossier.received': {
    ...envelope,
    id: `${code}:1`,
    type: 'dossier.received',
    schemaVersion: 1,
    sequence: 1,
    occurredAt: '2025-04-07T09:15:00+07:00',
    payload: {
      channel: 'direct',
      applicantKey: 'ak_0123456789abcdefXYZ',
      procedureVersion: '1',
      receivedAt: '2025-04-07T09:15:00+07:00',
      clockStartAt: '2025-04-07T09:15:00+07:00',
      appointmentAt: '2025-04-10T09:15:00+07:00',
      legalDueAt: '2025-04-14T09:15:00+07:00',
      committedBudget: { amount: 3, unit: 'working_days' },
      legalBudget: { amount: 5, unit: 'working_days' },
      componentsTotal: 3,
      componentsDigitised: 2,
      componentsReused: 1,
    },
  },
};

export const SAMPLE_SLA_ALERT: SlaAlert = {
  id: `${code}:step:tham-dinh:warning`,
  kind: 'warning',
  scope: 'step',
  dossierCode: code,
  stepId: 'tham-dinh',
  unitId: 'pt.p-phuc-yen.tu-phap',
  supervisorUnitId: 'pt.p-phuc-yen.ubnd',
  dueAt: '2025-04-09T16:30:00+07:00',
  raisedAt: '2025-04-09T14:30:00+07:00',
  procedureCode: '1.001193',
  calendarVersion: 'vn-2025.1',
  schemaVersion: 1,
};
