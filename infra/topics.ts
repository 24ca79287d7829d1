/**
 * Kafka topics, created explicitly by `motcua stack up` (the broker refuses auto-creation).
 * Partition counts bound how many consumer instances of a group can share the work.
 */
export interface TopicDefinition {
  name: string;
  partitions: number;
  /** Kafka topic configs, e.g. retention; events are facts, so the dossier topic keeps them. */
  config: Record<string, string>;
  description: string;
}

export function topicPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.MOTCUA_TOPIC_PREFIX ?? 'motcua.';
}

export function topics(env: NodeJS.ProcessEnv = process.env) {
  const p = topicPrefix(env);
  return {
    dossierEvents: {
      name: `${p}dossier-events.v1`,
      partitions: 6,
      config: { 'retention.ms': '-1', 'cleanup.policy': 'delete' },
      description: 'Every fact of every dossier, keyed by dossier code so each dossier is ordered.',
    },
    slaAlerts: {
      name: `${p}sla-alerts.v1`,
      partitions: 3,
      config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
      description: 'Warnings, breaches and escalations for supervisors’ tools.',
    },
    deadLetter: {
      name: `${p}dead-letter.v1`,
      partitions: 1,
      config: { 'retention.ms': '-1' },
      description: 'Messages a consumer could not accept (failed validation), with the reason.',
    },
  } satisfies Record<string, TopicDefinition>;
}
