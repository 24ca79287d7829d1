import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/** The levels MOTCUA_LOG_LEVEL takes (any case), from the most verbose. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Personal data and credentials never reach a log line, whatever logs them: each field at the top,
 * one and two levels down (a request body, an applicant inside a command).
 */
const PERSONAL_FIELDS = ['applicant', 'idNumber', 'fullName', 'phone', 'address', 'email', 'idLast4'];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-dossier-token"]',
  'headers.authorization',
  'headers["x-dossier-token"]',
  ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];
export const REDACTED = '[redacted]';

export class LogLevelError extends Error {}

/** MOTCUA_LOG_LEVEL, validated; `info` when unset. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): LogLevelName {
  const raw = env.MOTCUA_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevelName;
  throw new LogLevelError(`MOTCUA_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.MOTCUA_LOG_LEVEL)}`);
}

/**
 * JSON lines on stderr (stdout stays for a command's own output), or pino-pretty's readable lines
 * when stderr is a terminal (`npm start` in a shell) and pino-pretty is installed (a development
 * dependency). MOTCUA_LOG_FORMAT=json|pretty overrides the choice.
 */
function destination(env: NodeJS.ProcessEnv): DestinationStream {
  const format = env.MOTCUA_LOG_FORMAT?.trim().toLowerCase() || (process.stderr.isTTY ? 'pretty' : 'json');
  if (format === 'pretty') {
    try {
      const pretty = require('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
      return pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    } catch {
      // production images have no pino-pretty: JSON it is
    }
  }
  return pino.destination({ fd: 2, sync: true });
}

export interface LoggerOptions {
  level?: LogLevelName;
  env?: NodeJS.ProcessEnv;
  /** Where lines go (tests); default stderr as above. */
  stream?: DestinationStream;
}

/**
 * One JSON format for every process: `level` as a word, `time` ISO 8601, `name` the process, then
 * the fields (`dossierCode`, `eventId`, `reqId`, `workflowId` where they exist) and `msg`.
 */
export function createLogger(name: string, opts: LoggerOptions = {}): Logger {
  const env = opts.env ?? process.env;
  return pino(
    {
      name,
      level: opts.level ?? logLevel(env),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.stream ?? destination(env),
  );
}

let root: Logger | undefined;

/**
 * The process's logger: the one its entry point installed (`installProcessLogger`), else one named
 * `motcua` (the CLI, tests). Library code (the Kafka client, the publisher) logs through it.
 */
export function processLogger(): Logger {
  if (!root) {
    let level: LogLevelName = 'info';
    try {
      level = logLevel();
    } catch {
      // an invalid level is reported by the entry point that reads its configuration
    }
    root = createLogger('motcua', { level });
  }
  return root;
}

export function installProcessLogger(logger: Logger): Logger {
  root = logger;
  return logger;
}

/** pino's level for a Temporal or kafkajs level word. */
export function pinoLevel(level: string): Level {
  const l = level.toLowerCase();
  return l === 'trace' || l === 'debug' || l === 'info' || l === 'warn' || l === 'error' || l === 'fatal' ? l : 'info';
}
