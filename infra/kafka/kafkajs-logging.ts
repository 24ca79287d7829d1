import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs logs, at ERROR, conditions it retries by itself (a group coordinator still loading after
 * a broker start). Those go to debug; real errors still reach stderr as one JSON line.
 */
const TRANSIENT = [/coordinator is loading/i, /coordinator is not available/i, /not the correct coordinator/i, /rebalanc/i, /Restarting the consumer/i];

export const quietTransientLogs: logCreator = () => ({ namespace, level, log }) => {
  if (level > logLevel.WARN) return;
  const text = `${log.message} ${String((log as { error?: unknown }).error ?? '')}`;
  if (TRANSIENT.some((re) => re.test(text))) return;
  process.stderr.write(`${JSON.stringify({ level: logLevel[level], logger: 'kafkajs', namespace, ...log })}\n`);
};
