import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tiersSelected } from '../../cli/commands/test.command';
import { kafkaSecurity } from '../../infra/kafka/kafka-security';
import { REPO_ROOT } from '../../infra/stack/stack-config';
import { temporalTarget } from '../../infra/temporal/temporal-connection';
import { ApiConfig, ConfigError, ConsumerConfig, readConfig, WorkerConfig } from '../../workers/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const PEM = (what: string) => `-----BEGIN ${what}-----\nMIIB${what.replace(/\s/g, '')}\n-----END ${what}-----\n`;
const cert = file('client.pem', PEM('CERTIFICATE'));
const key = file('client.key', PEM('PRIVATE KEY'));
const ca = file('ca.pem', PEM('CERTIFICATE'));

const base = { TEMPORAL_ADDRESS: 'temporal.example:7233', KAFKA_BROKERS: 'k1:9092,k2:9092', DATABASE_URL: 'postgres://u:p@db:5432/motcua' };

/** The message readConfig throws for this environment (the test fails if it does not throw). */
function problem(schema: Parameters<typeof readConfig>[0], env: Record<string, string>): string {
  try {
    readConfig(schema, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('configuration was accepted');
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('configuration validated at start names the missing or malformed variable', () => {
  it.each([
    [WorkerConfig, { KAFKA_BROKERS: 'k:9092' }, 'TEMPORAL_ADDRESS: '],
    [WorkerConfig, { ...base, TEMPORAL_ADDRESS: 'no-port' }, 'TEMPORAL_ADDRESS: host:port'],
    [WorkerConfig, { ...base, KAFKA_BROKERS: 'k1:9092;k2' }, 'KAFKA_BROKERS: host:port[,host:port…]'],
    [WorkerConfig, { ...base, TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS: true or false'],
    [WorkerConfig, { ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: cert }, 'TEMPORAL_TLS_CLIENT_KEY_PATH: required when TEMPORAL_TLS_CLIENT_CERT_PATH is set'],
    [WorkerConfig, { ...base, TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'nope.pem') }, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH: not a readable file'],
    [WorkerConfig, { ...base, TEMPORAL_TLS_CLIENT_CERT_DATA: 'not pem', TEMPORAL_TLS_CLIENT_KEY_PATH: key }, 'TEMPORAL_TLS_CLIENT_CERT_DATA: not PEM data'],
    [WorkerConfig, { ...base, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }, 'TEMPORAL_TLS: false, but a client certificate or an API key is set'],
    [WorkerConfig, { ...base, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'motcua' }, 'KAFKA_SASL_PASSWORD: required when SASL is configured'],
    [WorkerConfig, { ...base, KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM: '],
    [ConsumerConfig, { ...base, KAFKA_SSL_CA_PATH: ca }, 'KAFKA_SSL: must be true when KAFKA_SSL_CA_PATH is set'],
    [ConsumerConfig, { ...base, KAFKA_SSL: 'true', KAFKA_SSL_KEY_PATH: key }, 'KAFKA_SSL_CERT_PATH: required when KAFKA_SSL_KEY_PATH is set'],
    [ConsumerConfig, { ...base, DATABASE_URL: 'mysql://db/motcua' }, 'DATABASE_URL: a postgres:// URL, not mysql://'],
    [ConsumerConfig, { ...base, DATABASE_URL: `${base.DATABASE_URL}?sslmode=always` }, 'DATABASE_URL: sslmode=always: expected one of'],
    [ApiConfig, { ...base, DATABASE_URL: `${base.DATABASE_URL}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem` }, 'DATABASE_URL: sslrootcert=/nonexistent/ca.pem: not a readable file'],
    [ApiConfig, { ...base, DATABASE_URL: `${base.DATABASE_URL}?sslmode=verify-full&sslcert=${cert}` }, 'DATABASE_URL: sslcert and sslkey go together'],
  ] as const)('%#: %j', (schema, env, expected) => {
    expect(problem(schema, env as Record<string, string>)).toContain(expected);
  });

  it('accepts the deployments it is meant for', () => {
    const cloud = readConfig(WorkerConfig, { ...base, TEMPORAL_NAMESPACE: 'motcua.a1b2c', TEMPORAL_API_KEY: 'secret-key' });
    expect(cloud).toMatchObject({ TEMPORAL_NAMESPACE: 'motcua.a1b2c', KAFKA_SSL: false, MOTCUA_TASK_QUEUE: 'motcua-dossiers' });
    const managed = readConfig(ConsumerConfig, {
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_PATH: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'motcua',
      KAFKA_SASL_PASSWORD: 'pw',
      DATABASE_URL: `${base.DATABASE_URL}?sslmode=verify-full&sslrootcert=${ca}`,
    });
    expect(managed.KAFKA_SSL).toBe(true);
  });
});

describe('Temporal connection through the SDK environment configuration', () => {
  it('an API key turns TLS on (Temporal Cloud) and is never in the description', () => {
    const t = temporalTarget({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'motcua.a1b2c', TEMPORAL_API_KEY: 'secret-key' });
    expect(t).toEqual({
      namespace: 'motcua.a1b2c',
      connection: { address: 'eu-west-1.aws.api.temporal.io:7233', tls: true, apiKey: 'secret-key' },
      describe: 'eu-west-1.aws.api.temporal.io:7233 (TLS, API key)',
    });
  });

  it('mTLS from certificate files, with the CA and the server name', () => {
    const t = temporalTarget({ ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: cert, TEMPORAL_TLS_CLIENT_KEY_PATH: key, TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' });
    const tls = t.connection.tls as { clientCertPair: { crt: Uint8Array; key: Uint8Array }; serverRootCACertificate: Uint8Array; serverNameOverride: string };
    const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
    expect(text(tls.clientCertPair.crt)).toBe(fs.readFileSync(cert, 'utf8'));
    expect(text(tls.clientCertPair.key)).toBe(fs.readFileSync(key, 'utf8'));
    expect(text(tls.serverRootCACertificate)).toBe(fs.readFileSync(ca, 'utf8'));
    expect(tls.serverNameOverride).toBe('temporal.internal');
  });

  it('plaintext when nothing asks for TLS (the local dev server)', () => {
    expect(temporalTarget({ TEMPORAL_ADDRESS: '127.0.0.1:17233' })).toEqual({ namespace: 'default', connection: { address: '127.0.0.1:17233' }, describe: '127.0.0.1:17233 (plaintext)' });
  });

  it('a TOML profile supplies TLS and the API key, the variables override it, a missing profile is named', () => {
    const toml = file('temporal.toml', `[profile.prod]\naddress = "ignored:7233"\nnamespace = "prod-ns"\napi_key = "from-file"\n[profile.prod.grpc_meta]\nx-tenant = "vinh-phuc"\n`);
    const t = temporalTarget({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' });
    expect(t.connection).toEqual({ address: 'temporal.example:7233', tls: true, apiKey: 'from-file', metadata: { 'x-tenant': 'vinh-phuc' } });
    expect(t.namespace).toBe('prod-ns');
    expect(() => temporalTarget({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'staging' })).toThrow(/TEMPORAL_CONFIG_FILE \(profile staging\): Profile 'staging' not found/);
  });
});

describe('Kafka TLS and SASL', () => {
  it('is off unless configured', () => {
    expect(kafkaSecurity({})).toEqual({});
  });

  it('builds kafkajs ssl and sasl options from the variables', () => {
    const s = kafkaSecurity({ KAFKA_SSL: 'true', KAFKA_SSL_CA_PATH: ca, KAFKA_SSL_CERT_PATH: cert, KAFKA_SSL_KEY_PATH: key, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'motcua', KAFKA_SASL_PASSWORD: 'pw' });
    expect(s).toEqual({
      ssl: { rejectUnauthorized: true, ca: [fs.readFileSync(ca, 'utf8')], cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') },
      sasl: { mechanism: 'scram-sha-256', username: 'motcua', password: 'pw' },
    });
    expect(kafkaSecurity({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(() => kafkaSecurity({ KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_MECHANISM: required/);
  });
});

describe('motcua test brings up only what the selected tiers need', () => {
  it.each([
    [['--selectProjects', 'unit'], ['unit']],
    [['--selectProjects=unit,workflow'], ['unit', 'workflow']],
    [['--selectProjects', 'unit', 'workflow', '--silent'], ['unit', 'workflow']],
    [['test/calendar/deadline.unit.test.ts'], ['unit']],
    [['test/x.int.test.ts', 'test/y.unit.test.ts'], ['unit', 'integration']],
    [['test/api/rejections.api.test.ts'], ['api']],
    [['test/web/pages.browser.test.ts'], ['browser']],
    [['--selectProjects', 'fault', '--runInBand'], ['fault']],
    [['test/faults/worker-kill.fault.test.ts'], ['fault']],
    [['deadline'], ['unit', 'workflow', 'integration', 'api', 'browser', 'privacy', 'fuzz', 'fault']],
    [[], ['unit', 'workflow', 'integration', 'api', 'browser', 'privacy', 'fuzz', 'fault']],
  ])('%j → %j', (args, tiers) => {
    expect([...tiersSelected(args)].sort()).toEqual([...tiers].sort());
  });

  it('`npm test -- --selectProjects unit` starts no stack', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-unit-only-'));
    const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_DATA_DIR: data };
    for (const k of ['TEMPORAL_ADDRESS', 'KAFKA_BROKERS', 'DATABASE_URL']) delete env[k];
    // --listTests: Jest resolves the tier's files and exits, so the run proves the wiring, not the tests
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'motcua.js'), 'test', '--no-typecheck', '--listTests', '--selectProjects', 'unit'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('supervisor.unit.test.ts');
    expect(r.stdout).not.toContain('.int.test.ts');
    expect(r.stderr).not.toMatch(/stack up|temporal:|kafka:|postgres:/);
    expect(fs.readdirSync(path.join(data, 'stack'))).toEqual([]);
    expect(fs.existsSync(path.join(data, 'logs', 'postgres.log'))).toBe(false);
    fs.rmSync(data, { recursive: true, force: true });
  });
});
