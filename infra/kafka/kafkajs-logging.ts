import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs logs, at ERROR, conditions it retries by itself (a group coordinator still loading after
 * a broker start). Those go to debug; real errors still reach stderr as one JSON line.
 */
const TRANSIENT = [/coordinator is loading/i, /coordinator is not available/i, /not the correct coordinator/i, /rebalanc/i, /Restarting the consumer/i];

/**
 * The name of errors a fault test throws on purpose (a consumer "crashing" mid-batch): logged as one
 * line saying so, without a stack trace, so a test run's output shows no alarming errors that are not.
 */
export const EXPECTED_FAULT = 'ExpectedFault';

// kafkajs's logLevel has no reverse mapping: logLevel[1] is undefined
const LEVEL_NAME: Record<number, string> = { [logLevel.ERROR]: 'ERROR', [logLevel.WARN]: 'WARN', [logLevel.INFO]: 'INFO', [logLevel.DEBUG]: 'DEBUG' };

export const quietTransientLogs: logCreator = () => ({ namespace, level, log }) => {
  if (level > logLevel.WARN) return;
  const stack = String((log as { stack?: unknown }).stack ?? '');
  const text = `${log.message} ${String((log as { error?: unknown }).error ?? '')}`;
  if (TRANSIENT.some((re) => re.test(text))) return;
  if (stack.startsWith(`${EXPECTED_FAULT}:`)) {
    const where = [(log as { topic?: string }).topic, (log as { partition?: number }).partition].filter((x) => x !== undefined).join('/');
    process.stderr.write(`kafkajs: expected, injected by a test: ${stack.split('\n')[0]!.slice(EXPECTED_FAULT.length + 2)} (${where}; the batch is redelivered)\n`);
    return;
  }
  process.stderr.write(`${JSON.stringify({ level: LEVEL_NAME[level] ?? String(level), logger: 'kafkajs', namespace, ...log })}\n`);
};
