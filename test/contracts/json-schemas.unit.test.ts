import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DOSSIER_EVENT_SCHEMAS } from '../../contracts/events';
import { eventIdentity } from '../../contracts/generate/asyncapi';
import { buildJsonSchemas } from '../../contracts/generate/json-schemas';
import { SAMPLE_EVENTS, SAMPLE_SLA_ALERT } from './sample-events';

const schemas = buildJsonSchemas();
const files = Object.keys(schemas);

// Strict mode: an unknown keyword or a type mismatch in a generated schema fails the test.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

describe('exported JSON Schemas', () => {
  it.each(files)('%s is a titled draft 2020-12 document that compiles in strict mode', (file) => {
    const s = schemas[file]!;
    expect(file).toMatch(/^[a-z0-9._-]+\.schema\.json$/);
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof s.title).toBe('string');
    expect(() => ajv.compile(s)).not.toThrow();
  });

  it('covers every top-level contract', () => {
    for (const f of [
      'catalog',
      'org-unit',
      'procedure-definition',
      'calendar-version',
      'deadline-ledger',
      'start-dossier-input',
      'sla-alert',
      'dossier-event',
      'api.submit-dossier-request',
      'api.submit-dossier-response',
      'api.dossier-view',
      'api.inbox-response',
      'api.command-response',
      'api.lookup-response',
      'api.form-response',
      'api.problem-details',
    ]) {
      expect(files).toContain(`${f}.schema.json`);
    }
  });

  it.each(DOSSIER_EVENT_SCHEMAS.map((s) => eventIdentity(s)))('event $type v$schemaVersion has its own schema, which accepts a real event', ({ type, schemaVersion }) => {
    const s = schemas[`event.${type}.v${schemaVersion}.schema.json`];
    expect(s).toBeDefined();
    const sample = SAMPLE_EVENTS[type as keyof typeof SAMPLE_EVENTS];
    if (!sample) throw new Error(`add a sample ${type} event to test/contracts/sample-events.ts`);
    expect(ajv.validate(s!, sample)).toBe(true);
    expect(ajv.validate(schemas['dossier-event.schema.json']!, sample)).toBe(true);
    expect(ajv.validate(s!, { ...sample, occurredAt: '2025-04-07T09:15:00' })).toBe(false);
  });

  it('the SLA alert schema accepts a real alert and an alert without optional fields', () => {
    const s = schemas['sla-alert.schema.json']!;
    expect(ajv.validate(s, SAMPLE_SLA_ALERT)).toBe(true);
    const { stepId: _s, supervisorUnitId: _u, ...dossierAlert } = SAMPLE_SLA_ALERT;
    expect(ajv.validate(s, { ...dossierAlert, scope: 'dossier', kind: 'breach' })).toBe(true);
    expect(ajv.validate(s, { ...SAMPLE_SLA_ALERT, schemaVersion: 2 })).toBe(false);
  });

  it('API request schemas describe what a producer may send (input side: optional fields stay optional)', () => {
    const s = schemas['api.submit-dossier-request.schema.json']!;
    const request = { procedureCode: '1.001193', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', applicant: { idNumber: '025090000123', fullName: 'Nguyễn Văn A' } };
    expect(ajv.validate(s, request)).toBe(true);
    expect(ajv.validate(s, { ...request, applicant: { ...request.applicant, idNumber: '12' } })).toBe(false);
  });
});
