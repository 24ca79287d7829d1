/**
 * Kafka topics, created explicitly by `motcua stack up` (the broker refuses auto-creation).
 * Partition counts bound how many consumer instances of a group can share the work.
 */
export interface TopicDefinition {
  name: string;
  partitions: number;
  /** Copies of each partition; a cluster keeps 3 so one broker can be lost without losing an acknowledged event. */
  replicationFactor: number;
  /** Kafka topic configs, e.g. retention; events are facts, so the dossier topic keeps them. */
  config: Record<string, string>;
  description: string;
}

export function topicPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.MOTCUA_TOPIC_PREFIX ?? 'motcua.';
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return Number(raw);
}

/**
 * Replication of every topic: MOTCUA_TOPIC_REPLICATION_FACTOR (1 on one broker, 3 on a cluster).
 * With more than one copy, a write acknowledged by the producer (acks=all) is on at least
 * min.insync.replicas of them (replicas − 1, so one broker may be down and writes go on).
 */
function replication(env: NodeJS.ProcessEnv): { replicationFactor: number; config: Record<string, string> } {
  const replicationFactor = positiveInt(env, 'MOTCUA_TOPIC_REPLICATION_FACTOR', 1);
  return { replicationFactor, config: replicationFactor > 1 ? { 'min.insync.replicas': String(replicationFactor - 1) } : {} };
}

/** The settings above that a stack fixes for its topics (the cluster profile's replication and partitions), as they are set in `env`. */
export function topicSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['MOTCUA_TOPIC_REPLICATION_FACTOR', 'MOTCUA_DOSSIER_EVENTS_PARTITIONS']) if (env[k]) out[k] = env[k];
  return out;
}

export function topics(env: NodeJS.ProcessEnv = process.env) {
  const p = topicPrefix(env);
  const r = replication(env);
  return {
    dossierEvents: {
      name: `${p}dossier-events.v1`,
      // the ceiling on instances per consumer group; MOTCUA_DOSSIER_EVENTS_PARTITIONS (the cluster profile: 12)
      partitions: positiveInt(env, 'MOTCUA_DOSSIER_EVENTS_PARTITIONS', 6),
      replicationFactor: r.replicationFactor,
      config: { 'retention.ms': '-1', 'cleanup.policy': 'delete', ...r.config },
      description: 'Every fact of every dossier, keyed by dossier code so each dossier is ordered.',
    },
    slaAlerts: {
      name: `${p}sla-alerts.v1`,
      partitions: 3,
      replicationFactor: r.replicationFactor,
      config: { 'retention.ms': String(30 * 24 * 3600 * 1000), ...r.config },
      description: 'Warnings, breaches and escalations for supervisors’ tools.',
    },
    deadLetter: {
      name: `${p}dead-letter.v1`,
      partitions: 1,
      replicationFactor: r.replicationFactor,
      config: { 'retention.ms': '-1', ...r.config },
      description: 'Messages a consumer could not accept (failed validation), with the reason.',
    },
  } satisfies Record<string, TopicDefinition>;
}
