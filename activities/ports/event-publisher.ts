/**
 * The one thing activities need from a message broker. kafkajs implements it today; another client
 * (e.g. @platformatic/kafka) can replace it without touching activities or workflows.
 */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface EventPublisher {
  /** Sends the messages in order; resolves once the broker has acknowledged all of them. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}
