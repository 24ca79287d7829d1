import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { kafkajsLogCreator } from '../../infra/kafka/kafkajs-logging';
import { createLogger } from '../../infra/observability/log';
import { expectedFault } from '../support/expected-fault';

describe('kafkajs logging', () => {
  const captured = (entry: { level: number; log: Record<string, unknown> }, level: 'info' | 'debug' = 'info'): Array<Record<string, unknown>> => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) });
    const log = createLogger('test', { level, stream });
    kafkajsLogCreator(() => log)(logLevel.INFO)({ namespace: 'Runner', label: 'ERROR', level: entry.level as logLevel, log: { timestamp: '', message: '', ...entry.log } as never });
    return lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  it('an expected fault a test injected is one line saying so, without its stack', () => {
    const e = expectedFault('injected crash mid-batch');
    const out = captured({ level: logLevel.ERROR, log: { message: 'Error when calling eachBatch', topic: 't', partition: 2, stack: e.stack, error: e.message } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ level: 'info', name: 'test', component: 'kafkajs', msg: 'expected, injected by a test: injected crash mid-batch (t/2; the batch is redelivered)' });
    expect(out[0]).not.toHaveProperty('stack');
  });

  it('a real error is one JSON line at error, with its stack', () => {
    const e = new Error('connection lost');
    const [line] = captured({ level: logLevel.ERROR, log: { message: 'Error when calling eachBatch', stack: e.stack } });
    expect(line).toMatchObject({ level: 'error', component: 'kafkajs', namespace: 'Runner', msg: 'Error when calling eachBatch', stack: expect.stringMatching(/^Error: connection lost/) });
  });

  it('a coordinator still loading (kafkajs retries it) is debug, not an error', () => {
    const entry = { level: logLevel.ERROR, log: { message: 'Response GroupCoordinator', error: 'The coordinator is loading and hence can\'t process requests' } };
    expect(captured(entry)).toEqual([]);
    expect(captured(entry, 'debug')).toEqual([expect.objectContaining({ level: 'debug', msg: 'Response GroupCoordinator' })]);
  });

  it('its INFO chatter (joins, commits) shows only at debug', () => {
    const entry = { level: logLevel.INFO, log: { message: 'Consumer has joined the group', groupId: 'g' } };
    expect(captured(entry)).toEqual([]);
    expect(captured(entry, 'debug')).toEqual([expect.objectContaining({ level: 'debug', groupId: 'g' })]);
  });
});
