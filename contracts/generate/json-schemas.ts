import { z } from 'zod';
import { API_SCHEMAS } from '../api';
import { CalendarVersion } from '../calendar.contract';
import { Catalog } from '../catalog.contract';
import { StartDossierInput } from '../commands/start-dossier.contract';
import { DeadlineLedger } from '../deadline-ledger.contract';
import { DOSSIER_EVENT_SCHEMAS, DossierEvent } from '../events';
import { DeadLetterHeaders } from '../events/dead-letter.contract';
import { SlaAlert } from '../events/sla-alert.contract';
import { toJsonSchemaDocument, type JsonSchema } from '../json-schema';
import { OrgUnit } from '../org-unit.contract';
import { ProcedureDefinition } from '../procedure.contract';
import { eventIdentity } from './asyncapi';

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

interface Entry {
  title: string;
  schema: z.ZodType;
  description?: string;
}

/** The top-level contracts, by the file their JSON Schema is exported to. New events and API operations are picked up from their lists. */
export function contractEntries(): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  const add = (file: string, e: Entry) => {
    if (entries[file]) throw new Error(`two contracts export to ${file}`);
    entries[file] = e;
  };

  add('catalog.schema.json', { title: 'Catalog', schema: Catalog, description: 'Organisation units and procedure definitions, published together.' });
  add('org-unit.schema.json', { title: 'OrgUnit', schema: OrgUnit });
  add('procedure-definition.schema.json', { title: 'ProcedureDefinition', schema: ProcedureDefinition });
  add('calendar-version.schema.json', { title: 'CalendarVersion', schema: CalendarVersion, description: 'One immutable working-calendar version.' });
  add('deadline-ledger.schema.json', { title: 'DeadlineLedger', schema: DeadlineLedger });
  add('start-dossier-input.schema.json', { title: 'StartDossierInput', schema: StartDossierInput, description: 'What the reception desk hands the dossier workflow.' });

  for (const schema of DOSSIER_EVENT_SCHEMAS) {
    const { type, schemaVersion } = eventIdentity(schema);
    add(`event.${type}.v${schemaVersion}.schema.json`, { title: `${type} v${schemaVersion}`, schema, description: `The ${type} event on the dossier-events topic.` });
  }
  add('dossier-event.schema.json', { title: 'DossierEvent', schema: DossierEvent, description: 'Any event on the dossier-events topic.' });
  add('sla-alert.schema.json', { title: 'SlaAlert', schema: SlaAlert, description: 'A message on the SLA-alerts topic.' });
  add('dead-letter-headers.schema.json', { title: 'DeadLetterHeaders', schema: DeadLetterHeaders, description: 'Headers of a message on the dead-letter topic.' });

  for (const schema of API_SCHEMAS) {
    const name = z.globalRegistry.get(schema)?.id;
    if (!name) throw new Error('an API schema in contracts/api/index.ts has no .meta({ id })');
    add(`api.${kebab(name)}.schema.json`, { title: name, schema });
  }
  return entries;
}

/** Every exported JSON Schema (draft 2020-12), by file name. */
export function buildJsonSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [file, e] of Object.entries(contractEntries())) {
    out[file] = toJsonSchemaDocument(e.schema, { title: e.title, ...(e.description ? { description: e.description } : {}) });
  }
  return out;
}
