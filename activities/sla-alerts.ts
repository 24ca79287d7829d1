import type { DossierEvent } from '../contracts/events';
import type { SlaAlert, SlaAlertKind } from '../contracts/events/sla-alert.contract';

const KIND: Partial<Record<DossierEvent['type'], SlaAlertKind>> = {
  'sla.warning': 'warning',
  'sla.breached': 'breach',
  'sla.escalated': 'escalation',
  'sla.form04_drafted': 'form04_draft',
};

/** The supervisors' view of an SLA fact: same id as the event, so a re-published alert is recognisably the same. */
export function toSlaAlert(e: DossierEvent): SlaAlert | undefined {
  const kind = KIND[e.type];
  if (!kind || !e.type.startsWith('sla.')) return undefined;
  const p = e.payload as { scope: 'dossier' | 'step'; taskId?: string; unitId: string; dueAt: string; raisedAt: string; supervisorUnitId?: string };
  return {
    id: e.id,
    kind,
    scope: p.scope,
    dossierCode: e.dossierCode,
    ...(p.taskId ? { stepId: p.taskId.split('#')[0] } : {}),
    unitId: p.unitId,
    ...(p.supervisorUnitId ? { supervisorUnitId: p.supervisorUnitId } : {}),
    dueAt: p.dueAt,
    raisedAt: p.raisedAt,
    procedureCode: e.procedureCode,
    calendarVersion: e.calendarVersion,
    schemaVersion: 1,
  };
}
