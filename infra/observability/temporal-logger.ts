import type { Logger as TemporalLogger, LogLevel as TemporalLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from './log';
import { pinoLevel, type LogLevelName } from './log';

/** The dossier workflow's id is the dossier code: a log line about it carries `dossierCode` as every other process's does. */
function fields(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  // symbol keys (the SDK's timestamp) stay out: pino stamps its own time
  const out: Record<string, unknown> = { ...meta };
  if (typeof meta.workflowId === 'string' && meta.workflowType === 'dossierWorkflow') out.dossierCode = meta.workflowId;
  if (meta.error instanceof Error) {
    out.err = meta.error;
    delete out.error;
  }
  return out;
}

/**
 * The Temporal runtime's logger (the SDK's own lines, the workflow and activity context loggers, and
 * Core's native lines when forwarded) as pino lines of the worker's logger.
 */
export function temporalLogger(log: Logger): TemporalLogger {
  const emit = (level: TemporalLevel, message: string, meta?: LogMetadata) => log[pinoLevel(level)](fields(meta), message);
  return {
    log: emit,
    trace: (m, meta) => emit('TRACE', m, meta),
    debug: (m, meta) => emit('DEBUG', m, meta),
    info: (m, meta) => emit('INFO', m, meta),
    warn: (m, meta) => emit('WARN', m, meta),
    error: (m, meta) => emit('ERROR', m, meta),
  };
}

/**
 * Core's (native) filter for a MOTCUA_LOG_LEVEL: its INFO lines are start-up chatter, so below
 * `debug` it keeps warnings and errors only.
 */
export function coreLogLevel(level: LogLevelName): TemporalLevel {
  if (level === 'trace') return 'TRACE';
  if (level === 'debug') return 'DEBUG';
  if (level === 'error' || level === 'fatal' || level === 'silent') return 'ERROR';
  return 'WARN';
}
