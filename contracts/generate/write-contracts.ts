import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../api/openapi-document';
import { buildAsyncApi } from './asyncapi';
import { buildJsonSchemas } from './json-schemas';

export interface WrittenContracts {
  dir: string;
  files: string[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes `<dir>/json-schema/*.schema.json`, `<dir>/asyncapi.json` and `<dir>/openapi.json`; returns the paths written. */
export async function writeContracts(dir: string, version: string, env: NodeJS.ProcessEnv = process.env): Promise<WrittenContracts> {
  const files: string[] = [];
  const write = (path: string, value: unknown) => {
    writeFileSync(path, json(value));
    files.push(path);
  };
  const schemaDir = join(dir, 'json-schema');
  mkdirSync(schemaDir, { recursive: true });
  for (const [file, schema] of Object.entries(buildJsonSchemas())) write(join(schemaDir, file), schema);
  write(join(dir, 'asyncapi.json'), buildAsyncApi(version, env));
  write(join(dir, 'openapi.json'), await buildOpenApiDocument(version));
  return { dir, files };
}
