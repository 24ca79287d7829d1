import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity, type KafkaSecurity } from './kafka-security';
import { kafkajsLogCreator } from './kafkajs-logging';
import { processLogger } from '../observability/log';

/**
 * The engine's kafkajs client: TLS and SASL from the environment (KAFKA_SSL*, KAFKA_SASL_*), its
 * lines through the process's logger (transient coordinator noise at debug).
 */
export function createKafka(brokers: string[], clientId: string, security: KafkaSecurity = kafkaSecurity()): Kafka {
  return new Kafka({ clientId, brokers, logCreator: kafkajsLogCreator(), logLevel: processLogger().isLevelEnabled('trace') ? logLevel.DEBUG : logLevel.INFO, ...security });
}
