import { ApplicationFailure } from '@temporalio/common';
import { DossierEvent, EVENT_HEADERS } from '../contracts/events';
import type { EventPublisher, OutgoingMessage } from './ports/event-publisher';

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

/** Publishes one decision's events in one call; a retry re-sends the same ids, which consumers skip. */
export function createPublishActivities(deps: { publisher: EventPublisher; topic: string }) {
  return {
    async publishDossierEvents(events: unknown[]): Promise<number> {
      const valid: DossierEvent[] = [];
      for (const e of events) {
        const parsed = DossierEvent.safeParse(e);
        // a contract violation will not heal on retry: fail the activity for good and let the workflow see it
        if (!parsed.success) throw ApplicationFailure.nonRetryable(`event violates its contract: ${parsed.error.message}`, 'EVENT_CONTRACT_VIOLATION');
        valid.push(parsed.data);
      }
      await deps.publisher.publish(deps.topic, valid.map(toKafkaMessage));
      return valid.length;
    },
  };
}
