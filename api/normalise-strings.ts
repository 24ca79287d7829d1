/**
 * Every string a client sends, in Unicode NFC: Vietnamese text typed on different keyboards
 * (composed "ấ" or "a" + combining marks) compares, stores and searches as one.
 */
export function normaliseStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normaliseStrings) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normaliseStrings(v);
    return out as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null) {
    // fastify parses query strings into prototype-less objects
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normaliseStrings(v);
    return out as T;
  }
  return value;
}
