import { logLevel, type logCreator } from 'kafkajs';
import { processLogger, type Logger } from '../observability/log';

/**
 * kafkajs logs, at ERROR, conditions it retries by itself (a group coordinator still loading after
 * a broker start). Those go to debug; real errors stay errors.
 */
const TRANSIENT = [/coordinator is loading/i, /coordinator is not available/i, /not the correct coordinator/i, /rebalanc/i, /Restarting the consumer/i];

/**
 * The name of errors a fault test throws on purpose (a consumer "crashing" mid-batch): logged as one
 * line saying so, without a stack trace, so a test run's output shows no alarming errors that are not.
 */
export const EXPECTED_FAULT = 'ExpectedFault';

/**
 * kafkajs's lines as the process's pino lines (`component: "kafkajs"`, its namespace and fields).
 * Its INFO lines (joins, commits) are debug here and its DEBUG lines trace.
 */
export function kafkajsLogCreator(base: () => Logger = processLogger): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _ts, logger: _name, ...rest } = log as { message: string; timestamp?: string; logger?: string; [k: string]: unknown };
    const stack = String(rest.stack ?? '');
    const text = `${message} ${String(rest.error ?? '')}`;
    const logger = base().child({ component: 'kafkajs', namespace });
    if (stack.startsWith(`${EXPECTED_FAULT}:`)) {
      const where = [rest.topic, rest.partition].filter((x) => x !== undefined).join('/');
      logger.info({ expectedFault: true, topic: rest.topic, partition: rest.partition }, `expected, injected by a test: ${stack.split('\n')[0]!.slice(EXPECTED_FAULT.length + 2)} (${where}; the batch is redelivered)`);
      return;
    }
    if (level <= logLevel.WARN && TRANSIENT.some((re) => re.test(text))) return void logger.debug(rest, message);
    if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(rest, message);
    else if (level === logLevel.WARN) logger.warn(rest, message);
    else if (level === logLevel.INFO) logger.debug(rest, message);
    else logger.trace(rest, message);
  };
}
