import { z } from 'zod';
import { topics, type TopicDefinition } from '../../infra/topics';
import { DossierCode } from '../dossier.contract';
import { DOSSIER_EVENT_SCHEMAS, EVENT_HEADERS, TRACE_HEADERS } from '../events';
import { SlaAlert } from '../events/sla-alert.contract';
import { DEAD_LETTER_HEADERS, DeadLetterHeaders, DeadLetterPayload } from '../events/dead-letter.contract';
import { toJsonSchema, type JsonSchema } from '../json-schema';

const KAFKA_BINDING_VERSION = '0.5.0';

/** AsyncAPI's default schema format is a superset of JSON Schema draft-07; `$schema` belongs to documents, not to inline schemas. */
function asyncApiSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...body } = toJsonSchema(schema, 'draft-7');
  return body;
}

/** Event type and schema version, read from the envelope's literals, so a new event needs no change here. */
export function eventIdentity(schema: (typeof DOSSIER_EVENT_SCHEMAS)[number]): { type: string; schemaVersion: number } {
  const shape = (schema as unknown as z.ZodObject).shape;
  const type = shape.type instanceof z.ZodLiteral ? shape.type.value : undefined;
  const schemaVersion = shape.schemaVersion instanceof z.ZodLiteral ? shape.schemaVersion.value : undefined;
  if (typeof type !== 'string' || typeof schemaVersion !== 'number') throw new Error('an event schema must be built with eventEnvelope(type, version, payload)');
  return { type, schemaVersion };
}

/** The Kafka headers an event carries (see activities/publish-events.activity.ts), as a schema. */
export function eventHeaders(type: string, schemaVersion: number) {
  return z
    .object({
      [EVENT_HEADERS.type]: z.literal(type),
      [EVENT_HEADERS.schemaVersion]: z.literal(String(schemaVersion)),
      [EVENT_HEADERS.id]: z.string().regex(/^.+:\d+$/).describe('<dossierCode>:<sequence>, the event id'),
      [EVENT_HEADERS.contentType]: z.literal('application/json'),
      [TRACE_HEADERS.parent]: z
        .string()
        .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
        .optional()
        .describe('W3C trace context of the decision that published the event, when the worker traces'),
      [TRACE_HEADERS.state]: z.string().optional().describe('W3C trace state, beside traceparent'),
    })
    .strict();
}

function kafkaChannelBinding(t: TopicDefinition): JsonSchema {
  const topicConfiguration: JsonSchema = {};
  for (const [key, value] of Object.entries(t.config)) {
    if (key === 'cleanup.policy') topicConfiguration[key] = value.split(',').map((s) => s.trim());
    else topicConfiguration[key] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return { kafka: { topic: t.name, partitions: t.partitions, topicConfiguration, bindingVersion: KAFKA_BINDING_VERSION } };
}

const dossierKey = (description: string) => ({ kafka: { key: { ...asyncApiSchema(DossierCode), description }, bindingVersion: KAFKA_BINDING_VERSION } });
const byDossier = { location: '$message.payload#/dossierCode', description: 'The dossier code, also the Kafka message key: all messages of a dossier share a partition, in order.' };

/**
 * The AsyncAPI 3.0 document of every topic motcua publishes, generated from the zod contracts:
 * one message per entry of DOSSIER_EVENT_SCHEMAS, the SLA alert and the dead letter.
 */
export function buildAsyncApi(version: string, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const t = topics(env);
  const schemas: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  const dossierMessageRefs: Record<string, { $ref: string }> = {};

  for (const schema of DOSSIER_EVENT_SCHEMAS) {
    const { type, schemaVersion } = eventIdentity(schema);
    schemas[type] = asyncApiSchema(schema);
    messages[type] = {
      name: type,
      title: `${type} v${schemaVersion}`,
      contentType: 'application/json',
      headers: asyncApiSchema(eventHeaders(type, schemaVersion)),
      payload: { $ref: `#/components/schemas/${type}` },
      correlationId: byDossier,
      bindings: dossierKey('Dossier code: every event of a dossier lands on one partition, in sequence order.'),
    };
    dossierMessageRefs[type] = { $ref: `#/components/messages/${type}` };
  }

  schemas.SlaAlert = asyncApiSchema(SlaAlert);
  messages.SlaAlert = {
    name: 'SlaAlert',
    title: 'SLA alert',
    summary: 'A warning, breach, escalation or Form 04 draft for a dossier or one of its steps.',
    contentType: 'application/json',
    payload: { $ref: '#/components/schemas/SlaAlert' },
    correlationId: byDossier,
    bindings: dossierKey('Dossier code of the alert.'),
  };

  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A message a consumer refused, re-published unchanged with the reason in its headers.',
    contentType: 'application/octet-stream',
    headers: asyncApiSchema(DeadLetterHeaders),
    payload: asyncApiSchema(DeadLetterPayload),
    correlationId: { location: `$message.header#/${DEAD_LETTER_HEADERS.source}`, description: 'Where the original message was read.' },
    bindings: { kafka: { key: { type: 'string', description: 'The original message key, unchanged (for dossier events, the dossier code).' }, bindingVersion: KAFKA_BINDING_VERSION } },
  };

  const channel = (def: TopicDefinition, title: string, refs: Record<string, { $ref: string }>) => ({
    address: def.name,
    title,
    description: def.description,
    messages: refs,
    bindings: kafkaChannelBinding(def),
  });
  const send = (channelId: string, summary: string, messageIds: string[]) => ({
    action: 'send',
    channel: { $ref: `#/channels/${channelId}` },
    summary,
    messages: messageIds.map((id) => ({ $ref: `#/channels/${channelId}/messages/${id}` })),
    bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
  });

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'motcua events',
      version,
      description: 'Kafka topics motcua publishes: dossier facts, SLA alerts and dead letters. Generated from the zod contracts; never edited by hand.',
    },
    defaultContentType: 'application/json',
    channels: {
      dossierEvents: channel(t.dossierEvents, 'Dossier events', dossierMessageRefs),
      slaAlerts: channel(t.slaAlerts, 'SLA alerts', { SlaAlert: { $ref: '#/components/messages/SlaAlert' } }),
      deadLetter: channel(t.deadLetter, 'Dead letters', { DeadLetter: { $ref: '#/components/messages/DeadLetter' } }),
    },
    operations: {
      publishDossierEvents: send('dossierEvents', 'The dossier workflow publishes each decision’s events.', Object.keys(dossierMessageRefs)),
      publishSlaAlerts: send('slaAlerts', 'Deadline timers publish warnings, breaches and escalations.', ['SlaAlert']),
      publishDeadLetters: send('deadLetter', 'Reporting consumers publish what they cannot accept.', ['DeadLetter']),
    },
    components: { schemas, messages },
  };
}
