import type { Message } from 'kafkajs';
import { unacknowledged } from '../../infra/kafka/kafkajs-publisher';

const msg = (key: string): Message => ({ key, value: key });

describe('what a batch still owes after sendBatch resolved', () => {
  const a = msg('a');
  const b = msg('b');
  const c = msg('c');
  const partitionOf = new Map<Message, number>([
    [a, 0],
    [b, 1],
    [c, 2],
  ]);
  const sent = [{ topic: 't', messages: [a, b, c] }];
  const ack = (partition: number, errorCode = 0) => ({ topicName: 't', partition, errorCode });

  it('nothing when every partition was acknowledged', () => {
    expect(unacknowledged(sent, (m) => partitionOf.get(m), [ack(0), ack(1), ack(2)])).toEqual([]);
  });

  it('the messages of a partition that no broker acknowledged (kafkajs skipped it on a retry after a leader change)', () => {
    expect(unacknowledged(sent, (m) => partitionOf.get(m), [ack(0), ack(2)])).toEqual([{ topic: 't', messages: [b] }]);
  });

  it('counts an acknowledgement with an error as none, and keeps topics apart', () => {
    const other = [...sent, { topic: 'u', messages: [msg('d')] }];
    expect(unacknowledged(other, (m) => partitionOf.get(m) ?? 0, [ack(0), ack(1, 6), ack(2)])).toEqual([
      { topic: 't', messages: [b] },
      { topic: 'u', messages: [expect.objectContaining({ key: 'd' })] },
    ]);
  });
});
