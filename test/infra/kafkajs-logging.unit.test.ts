import { logLevel } from 'kafkajs';
import { quietTransientLogs } from '../../infra/kafka/kafkajs-logging';
import { expectedFault } from '../support/expected-fault';

describe('kafkajs logging', () => {
  const captured = (entry: { level: number; log: Record<string, unknown> }): string => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    try {
      quietTransientLogs(logLevel.INFO)({ namespace: 'Runner', label: 'ERROR', level: entry.level as logLevel, log: { timestamp: '', message: '', ...entry.log } as never });
    } finally {
      write.mockRestore();
    }
    return lines.join('');
  };

  it('an expected fault a test injected is one line saying so, without its stack', () => {
    const e = expectedFault('injected crash mid-batch');
    const out = captured({ level: logLevel.ERROR, log: { message: 'Error when calling eachBatch', topic: 't', partition: 2, stack: e.stack, error: e.message } });
    expect(out).toBe('kafkajs: expected, injected by a test: injected crash mid-batch (t/2; the batch is redelivered)\n');
  });

  it('a real error still prints whole, as one JSON line', () => {
    const e = new Error('connection lost');
    const out = captured({ level: logLevel.ERROR, log: { message: 'Error when calling eachBatch', stack: e.stack } });
    expect(JSON.parse(out)).toMatchObject({ level: 'ERROR', logger: 'kafkajs', message: 'Error when calling eachBatch', stack: expect.stringMatching(/^Error: connection lost/) });
  });
});
