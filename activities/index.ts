import type { EventPublisher } from './ports/event-publisher';
import { createPublishActivities } from './publish-events.activity';

export interface ActivityDeps {
  publisher: EventPublisher;
  dossierEventsTopic: string;
  slaAlertsTopic?: string;
}

/** All activities, built from injected clients (real ones in workers and integration tests). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPublishActivities({ publisher: deps.publisher, topic: deps.dossierEventsTopic, ...(deps.slaAlertsTopic ? { alertsTopic: deps.slaAlertsTopic } : {}) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
