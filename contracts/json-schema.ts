import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Dialects we generate: OpenAPI 3.1 and the exported files use 2020-12; AsyncAPI's default schema format is draft-07. */
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-7';

/**
 * The one way a zod contract becomes JSON Schema. `io: 'input'` describes what a producer may send
 * (defaults optional); `unrepresentable: 'any'` lets refinements and transforms through as the
 * structural schema they wrap (the refinement itself is enforced by zod only).
 */
export function toJsonSchema(schema: z.ZodType, target: JsonSchemaTarget = 'draft-2020-12'): JsonSchema {
  return z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** A stand-alone JSON Schema document: dialect, `$id`, title and description first, then the schema. */
export function toJsonSchemaDocument(schema: z.ZodType, meta: { title: string; id?: string; description?: string }): JsonSchema {
  // zod writes a registered `.meta({ id })` as a bare `id`, which is not a 2020-12 keyword; the title carries the name.
  const { $schema, id: _registryId, ...body } = toJsonSchema(schema);
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    ...(meta.id ? { $id: meta.id } : {}),
    title: meta.title,
    ...(meta.description ? { description: meta.description } : {}),
    ...body,
  };
}
