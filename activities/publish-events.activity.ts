import { ApplicationFailure } from '@temporalio/common';
import { DossierEvent, EVENT_HEADERS } from '../contracts/events';
import type { EventPublisher, OutgoingMessage } from './ports/event-publisher';
import type { SlaAlert } from '../contracts/events/sla-alert.contract';
import { toSlaAlert } from './sla-alerts';
import { publishTraced } from './traced-publish';

function message(key: string, id: string, type: string, schemaVersion: number, body: unknown): OutgoingMessage {
  return {
    key,
    value: JSON.stringify(body),
    headers: {
      [EVENT_HEADERS.type]: type,
      [EVENT_HEADERS.schemaVersion]: String(schemaVersion),
      [EVENT_HEADERS.id]: id,
      [EVENT_HEADERS.contentType]: 'application/json',
    },
  };
}

/** An SLA alert as the alerts topic carries it (header event-type `sla-alert.<kind>`). */
export function toAlertMessage(a: SlaAlert): OutgoingMessage {
  return message(a.dossierCode, a.id, `sla-alert.${a.kind}`, a.schemaVersion, a);
}

export function toKafkaMessage(event: DossierEvent): OutgoingMessage {
  return message(event.dossierCode, event.id, event.type, event.schemaVersion, event);
}

/**
 * Publishes one decision's events in one call, then relays its SLA facts to the alerts topic. A
 * retry re-sends the same ids, which consumers skip.
 */
export function createPublishActivities(deps: { publisher: EventPublisher; topic: string; alertsTopic?: string }) {
  return {
    async publishDossierEvents(events: unknown[]): Promise<number> {
      const valid: DossierEvent[] = [];
      for (const e of events) {
        const parsed = DossierEvent.safeParse(e);
        // a contract violation will not heal on retry: fail for good and let the workflow see it
        if (!parsed.success) throw ApplicationFailure.nonRetryable(`event violates its contract: ${parsed.error.message}`, 'EVENT_CONTRACT_VIOLATION');
        valid.push(parsed.data);
      }
      await publishTraced(deps.publisher, deps.topic, valid.map(toKafkaMessage));
      const alerts = valid.map(toSlaAlert).filter((a) => a !== undefined);
      if (deps.alertsTopic && alerts.length > 0) {
        await publishTraced(deps.publisher, deps.alertsTopic, alerts.map(toAlertMessage));
      }
      return valid.length;
    },
  };
}
