import { ApplicationFailure } from '@temporalio/common';
import { DossierEvent, EVENT_HEADERS } from '../contracts/events';
import type { EventPublisher, OutgoingMessage } from './ports/event-publisher';
import { toSlaAlert } from './sla-alerts';

export function toKafkaMessage(event: DossierEvent): OutgoingMessage {
  return {
    key: event.dossierCode,
    value: JSON.stringify(event),
    headers: {
      [EVENT_HEADERS.type]: event.type,
      [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
      [EVENT_HEADERS.id]: event.id,
      [EVENT_HEADERS.contentType]: 'application/json',
    },
  };
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
      await deps.publisher.publish(deps.topic, valid.map(toKafkaMessage));
      const alerts = valid.map(toSlaAlert).filter((a) => a !== undefined);
      if (deps.alertsTopic && alerts.length > 0) {
        await deps.publisher.publish(
          deps.alertsTopic,
          alerts.map((a) => ({ key: a.dossierCode, value: JSON.stringify(a), headers: { [EVENT_HEADERS.type]: `sla-alert.${a.kind}`, [EVENT_HEADERS.id]: a.id, [EVENT_HEADERS.schemaVersion]: '1', [EVENT_HEADERS.contentType]: 'application/json' } })),
        );
      }
      return valid.length;
    },
  };
}
