import { Kafka } from 'kafkajs';
import { quietTransientLogs } from './kafkajs-logging';

/** The engine's kafkajs client: transient coordinator noise goes to debug, real errors to stderr. */
export function createKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logCreator: quietTransientLogs });
}
