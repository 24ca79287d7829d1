import { Kafka } from 'kafkajs';
import { kafkaSecurity, type KafkaSecurity } from './kafka-security';
import { quietTransientLogs } from './kafkajs-logging';

/**
 * The engine's kafkajs client: TLS and SASL from the environment (KAFKA_SSL*, KAFKA_SASL_*),
 * transient coordinator noise to debug, real errors to stderr.
 */
export function createKafka(brokers: string[], clientId: string, security: KafkaSecurity = kafkaSecurity()): Kafka {
  return new Kafka({ clientId, brokers, logCreator: quietTransientLogs, ...security });
}
