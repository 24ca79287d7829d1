import { z } from 'zod';

/**
 * A message a consumer could not accept, re-published unchanged to the dead-letter topic: same key,
 * same value bytes, the original headers, plus these three.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq-reason',
  consumerGroup: 'dlq-consumer-group',
  source: 'dlq-source',
} as const;

/** `<topic>/<partition>/<offset>` of the original message. */
export const DeadLetterSource = z.string().regex(/^.+\/\d+\/\d+$/, 'expected <topic>/<partition>/<offset>');

export const DeadLetterHeaders = z
  .object({
    [DEAD_LETTER_HEADERS.reason]: z.string().min(1).describe('Why the consumer refused the message (not JSON, fails the event contract, …).'),
    [DEAD_LETTER_HEADERS.consumerGroup]: z.string().min(1).describe('Consumer group that refused it.'),
    [DEAD_LETTER_HEADERS.source]: DeadLetterSource.describe('Where the original was read: <topic>/<partition>/<offset>.'),
  })
  .catchall(z.string())
  .describe('The original message headers are kept; these three are added.');
export type DeadLetterHeaders = z.infer<typeof DeadLetterHeaders>;

/** The original value, byte for byte (it may not be JSON, or not even UTF-8). */
export const DeadLetterPayload = z.string().describe('The original message value, unchanged (raw bytes; usually, but not necessarily, JSON).');

export function deadLetterSource(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}
