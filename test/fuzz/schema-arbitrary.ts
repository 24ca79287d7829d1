import fc from 'fast-check';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ArbitraryOptions {
  /** Resolves `$ref`s into the OpenAPI document's components. */
  components: Record<string, Schema>;
  /** Realistic values by property name (unit ids, procedure codes, dossier codes…), so generated requests reach past validation. */
  hints: Record<string, readonly unknown[]>;
  /** Probability of a deliberately wrong value where one is generated (a mutated field, a missing or extra key). */
  invalid: number;
}

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant('\u0000\u202e<script>'),
  fc.constant('Nguye\u0302\u0303n'),
);

/**
 * A fast-check arbitrary of the values a JSON Schema (as @fastify/swagger writes it from the zod
 * contracts) describes, mostly valid so requests reach the rules, sometimes wrong on purpose so the
 * edges are tried too. Covers what the contracts use: objects, arrays, strings (length, pattern,
 * date-time), numbers, booleans, enums, consts, unions and refs.
 */
export function arbitraryOf(schema: Schema, o: ArbitraryOptions, name = ''): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, o, name);
  return o.invalid > 0 ? fc.oneof({ arbitrary: valid, weight: Math.round((1 - o.invalid) * 100) }, { arbitrary: wrongValue, weight: Math.max(1, Math.round(o.invalid * 100)) }) : valid;
}

function validArbitrary(schema: Schema, o: ArbitraryOptions, name: string): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(o.components[String(schema.$ref).split('/').pop()!]!, o, name);
  const hint = o.hints[name];
  const base = typedArbitrary(schema, o);
  return hint && hint.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...hint), weight: 4 }, { arbitrary: base, weight: 1 }) : base;
}

function typedArbitrary(schema: Schema, o: ArbitraryOptions): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...(union as Schema[]).map((s) => arbitraryOf(s, { ...o, invalid: 0 })));
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema, o);
    case 'array': {
      const items = schema.items ? arbitraryOf(schema.items as Schema, { ...o, invalid: o.invalid / 2 }) : fc.anything();
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e9, -1e12), max: Math.min(schema.maximum ?? 1e9, 1e12) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    // around now: some in the past (backfill), some ahead (clock skew), with the Vietnamese offset or Z
    const now = Date.now();
    return fc
      .tuple(fc.integer({ min: now - 45 * 86_400_000, max: now + 3 * 86_400_000 }), fc.boolean())
      .map(([ms, local]) => (local ? new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00') : new Date(ms).toISOString()));
  }
  if (schema.format === 'email') return fc.emailAddress();
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 300);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz Đđăâêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ0123456789-.#'.split('')) });
}

function objectArbitrary(schema: Schema, o: ArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set<string>(schema.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(props)) shape[k] = arbitraryOf(s, o, k);
  const record = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
  if (o.invalid === 0) return record;
  // now and then a required key goes missing or an unknown one appears
  return fc.oneof(
    { arbitrary: record, weight: 8 },
    { arbitrary: record.chain((r) => fc.constantFrom(...Object.keys(r), '__none__').map((k) => Object.fromEntries(Object.entries(r).filter(([x]) => x !== k)))), weight: 1 },
    { arbitrary: record.map((r) => ({ ...r, unexpected: 'field' })), weight: 1 },
  );
}
