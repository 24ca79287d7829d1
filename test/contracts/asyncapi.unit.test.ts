import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DOSSIER_EVENT_SCHEMAS, DossierEvent, EVENT_HEADERS, TRACE_HEADERS } from '../../contracts/events';
import { DEAD_LETTER_HEADERS } from '../../contracts/events/dead-letter.contract';
import { SlaAlert } from '../../contracts/events/sla-alert.contract';
import { buildAsyncApi, eventIdentity } from '../../contracts/generate/asyncapi';
import { topics } from '../../infra/topics';
import { SAMPLE_EVENTS, SAMPLE_SLA_ALERT } from './sample-events';

jest.setTimeout(60_000);

const env = {} as NodeJS.ProcessEnv;
const doc = buildAsyncApi('0.0.0-test', env);
const eventTypes = DOSSIER_EVENT_SCHEMAS.map((s) => eventIdentity(s).type);

// The parser adds x-parser-* keys to every schema, so ajv must tolerate unknown keywords.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

async function parse(document: unknown) {
  const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  return { parsed, errors: errors.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`) };
}

describe('AsyncAPI document', () => {
  let parsed: Awaited<ReturnType<typeof parse>>['parsed'];
  const channel = (address: string) => parsed!.channels().all().find((c) => c.address() === address)!;

  beforeAll(async () => {
    const r = await parse(doc);
    expect(r.errors).toEqual([]);
    parsed = r.parsed;
  });

  it('is AsyncAPI 3.0.0 and parses with no error-severity diagnostics', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(parsed).toBeDefined();
    expect(parsed!.version()).toBe('3.0.0');
  });

  it('the parser does report errors, so the check above means something', async () => {
    const broken = structuredClone(doc) as { components: { messages: Record<string, unknown> } };
    delete broken.components.messages.SlaAlert;
    const r = await parse(broken);
    expect(r.errors.length).toBeGreaterThan(0);
  });

  it('has the three topics as channels, with Kafka bindings from infra/topics.ts', () => {
    const t = topics(env);
    const byAddress = new Map(parsed!.channels().all().map((c) => [c.address(), c]));
    for (const def of [t.dossierEvents, t.slaAlerts, t.deadLetter]) {
      const channel = byAddress.get(def.name);
      expect(channel).toBeDefined();
      const kafka = channel!.bindings().get('kafka')!.value() as { topic: string; partitions: number };
      expect(kafka).toMatchObject({ topic: def.name, partitions: def.partitions });
    }
  });

  it('motcua sends on every channel', () => {
    const ops = parsed!.operations().all();
    expect(ops.every((o) => o.action() === 'send')).toBe(true);
    const channels = new Set(ops.flatMap((o) => o.channels().all().map((c) => c.address())));
    const t = topics(env);
    expect(channels).toEqual(new Set([t.dossierEvents.name, t.slaAlerts.name, t.deadLetter.name]));
  });

  describe.each(eventTypes)('event %s', (type) => {
    const message = () => channel(topics(env).dossierEvents.name).messages().all().find((m) => m.name() === type);

    it('is a message on the dossier-events channel, sent by an operation', () => {
      expect(message()).toBeDefined();
      const sends = parsed!.operations().all().filter((o) => o.messages().all().some((m) => m.name() === type));
      expect(sends.map((o) => [o.action(), o.channels().all().map((c) => c.address())])).toEqual([['send', [topics(env).dossierEvents.name]]]);
    });

    it('is keyed by dossier code and carries the event headers', () => {
      const m = message()!;
      const key = (m.bindings().get('kafka')!.value() as { key: Record<string, unknown> }).key;
      expect(ajv.validate(key, SAMPLE_EVENTS[type as keyof typeof SAMPLE_EVENTS]?.dossierCode ?? 'PY-HV-250407-0012')).toBe(true);
      expect(ajv.validate(key, 'not a dossier code')).toBe(false);
      expect(m.correlationId()?.location()).toBe('$message.payload#/dossierCode');
      const headers = m.headers()!.json() as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(headers.properties).sort()).toEqual([...Object.values(EVENT_HEADERS), ...Object.values(TRACE_HEADERS)].sort());
      expect(headers.required.sort()).toEqual(Object.values(EVENT_HEADERS).sort());
      expect(ajv.validate(headers, { 'event-type': type, 'schema-version': '1', 'event-id': 'PY-HV-250407-0012:1', 'content-type': 'application/json' })).toBe(true);
    });

    it('has a payload schema that accepts a real event and rejects a broken one', () => {
      const sample = SAMPLE_EVENTS[type as keyof typeof SAMPLE_EVENTS];
      if (!sample) throw new Error(`add a sample ${type} event to test/contracts/sample-events.ts`);
      expect(DossierEvent.parse(sample)).toEqual(sample);
      const payload = message()!.payload()!.json();
      const ok = ajv.validate(payload, sample);
      expect(ajv.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(ajv.validate(payload, { ...sample, type: 'something.else' })).toBe(false);
      expect(ajv.validate(payload, { ...sample, unexpected: true })).toBe(false);
    });
  });

  it('the SLA alert message accepts a real alert', () => {
    expect(SlaAlert.parse(SAMPLE_SLA_ALERT)).toEqual(SAMPLE_SLA_ALERT);
    const m = channel(topics(env).slaAlerts.name).messages().all().find((x) => x.name() === 'SlaAlert')!;
    expect(ajv.validate(m.payload()!.json(), SAMPLE_SLA_ALERT)).toBe(true);
    expect(ajv.validate(m.payload()!.json(), { ...SAMPLE_SLA_ALERT, kind: 'nudge' })).toBe(false);
    expect(ajv.validate(m.payload()!.json(), { ...SAMPLE_SLA_ALERT, stepId: undefined, dueAt: '2025-04-09 16:30' })).toBe(false);
  });

  it('the dead-letter message describes the headers projection-consumer adds', () => {
    const m = channel(topics(env).deadLetter.name).messages().all().find((x) => x.name() === 'DeadLetter')!;
    const headers = m.headers()!.json();
    const written = {
      [EVENT_HEADERS.type]: 'dossier.received',
      [DEAD_LETTER_HEADERS.reason]: 'not JSON: Unexpected token',
      [DEAD_LETTER_HEADERS.consumerGroup]: 'motcua.reporting',
      [DEAD_LETTER_HEADERS.source]: 'motcua.dossier-events.v1/3/42',
    };
    expect(ajv.validate(headers, written)).toBe(true);
    expect(ajv.validate(headers, { [DEAD_LETTER_HEADERS.reason]: 'x' })).toBe(false);
    expect(m.contentType()).toBe('application/octet-stream');
  });

  it('the document is plain JSON (what `motcua contracts asyncapi` prints)', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
