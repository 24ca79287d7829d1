import { EXPECTED_FAULT } from '../../infra/kafka/kafkajs-logging';

/** An error a fault test throws on purpose: the engine's logging prints it as one line marked expected. */
export function expectedFault(message: string): Error {
  const e = new Error(message);
  e.name = EXPECTED_FAULT;
  // the stack's first line was written with the old name
  e.stack = `${EXPECTED_FAULT}: ${message}\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
  return e;
}
