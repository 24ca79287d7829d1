import type { Admin } from 'kafkajs';

export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  /** Next offset the group will read; -1 when it has committed nothing yet. */
  committed: number;
  /** Offset the next published message will get. */
  high: number;
  lag: number;
}

/** Lag per partition of a consumer group: how many published events its read models do not reflect yet. */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [high, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return high
    .map((h) => {
      const c = committedByPartition.get(h.partition) ?? -1;
      const hi = Number(h.high);
      const low = Number(h.low);
      return { groupId, topic, partition: h.partition, committed: c, high: hi, lag: c < 0 ? hi - low : Math.max(0, hi - c) };
    })
    .sort((a, b) => a.partition - b.partition);
}
