import { Writable } from 'node:stream';
import { createLogger, logLevel, LogLevelError, REDACTED, type LogLevelName } from '../../infra/observability/log';
import { coreLogLevel, temporalLogger } from '../../infra/observability/temporal-logger';

function capture(level: LogLevelName = 'info') {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), cb()) });
  return { log: createLogger('api', { level, stream }), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the one log format', () => {
  it('is a JSON line with the level as a word, an ISO time, the process name and the fields', () => {
    const { log, lines } = capture();
    log.child({ reqId: 'r-1' }).info({ dossierCode: 'PY-HV-250407-0012', eventId: 'PY-HV-250407-0012:3' }, 'request completed');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'info', name: 'api', reqId: 'r-1', dossierCode: 'PY-HV-250407-0012', eventId: 'PY-HV-250407-0012:3', msg: 'request completed' });
    expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
  });

  it('redacts personal fields and credentials wherever a caller puts them', () => {
    const { log, lines } = capture();
    log.warn(
      {
        idNumber: '001099012345',
        body: { applicant: { idNumber: '001099012345', fullName: 'Nguyễn Văn An' }, phone: '0912345678' },
        command: { payload: { email: 'an@example.vn', address: '1 Hùng Vương', idLast4: '2345' } },
        req: { headers: { authorization: 'Bearer eyJ…', 'x-dossier-token': 'receipt-secret-xyz' } },
      },
      'a rejected submission',
    );
    const text = JSON.stringify(lines());
    for (const secret of ['001099012345', 'Nguyễn Văn An', '0912345678', 'an@example.vn', 'Hùng Vương', '2345', 'eyJ', 'receipt-secret-xyz']) expect(text).not.toContain(secret);
    expect(lines()[0]).toMatchObject({ idNumber: REDACTED, body: { applicant: REDACTED, phone: REDACTED }, req: { headers: { authorization: REDACTED, 'x-dossier-token': REDACTED } } });
  });

  it('takes its level from MOTCUA_LOG_LEVEL in any case, info by default, and names a wrong value', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ MOTCUA_LOG_LEVEL: 'WARN' })).toBe('warn');
    expect(logLevel({ MOTCUA_LOG_LEVEL: ' debug ' })).toBe('debug');
    expect(() => logLevel({ MOTCUA_LOG_LEVEL: 'loud' })).toThrow(LogLevelError);
    expect(() => logLevel({ MOTCUA_LOG_LEVEL: 'loud' })).toThrow(/MOTCUA_LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "loud"/);
    const { log, lines } = capture('warn');
    log.info('not shown');
    log.warn('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('the Temporal runtime logger', () => {
  it('writes the SDK\'s lines through pino, a dossier workflow\'s id as its dossier code', () => {
    const { log, lines } = capture('debug');
    const t = temporalLogger(log);
    t.warn('Workflow task failed', { workflowId: 'PY-HV-250407-0012', workflowType: 'dossierWorkflow', runId: 'r', [Symbol.for('ts')]: 1n });
    t.debug('Activity completed', { activityType: 'publishDossierEvents' });
    t.error('boom', { error: new Error('kaput') });
    t.trace('not shown at debug');
    const out = lines();
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ level: 'warn', workflowId: 'PY-HV-250407-0012', dossierCode: 'PY-HV-250407-0012', runId: 'r', msg: 'Workflow task failed' });
    expect(out[1]).toMatchObject({ level: 'debug', activityType: 'publishDossierEvents' });
    expect(out[1]).not.toHaveProperty('dossierCode');
    expect(out[2]).toMatchObject({ level: 'error', err: { message: 'kaput', type: 'Error' } });
  });

  it('keeps Core\'s native chatter to warnings unless debug or trace is asked for', () => {
    expect(coreLogLevel('info')).toBe('WARN');
    expect(coreLogLevel('warn')).toBe('WARN');
    expect(coreLogLevel('debug')).toBe('DEBUG');
    expect(coreLogLevel('trace')).toBe('TRACE');
    expect(coreLogLevel('silent')).toBe('ERROR');
  });
});
