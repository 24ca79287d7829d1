import fs from 'node:fs';
import { z } from 'zod';

/** `true`/`false` (also `1`/`0`), as the Temporal SDK's environment configuration reads them. */
export const booleanFlag = z.enum(['true', 'false', '1', '0'], { message: 'true or false' }).transform((v) => v === 'true' || v === '1');

function readable(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.R_OK);
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A path to a file this process can read (certificates, keys, a TOML profile), checked at start. */
export const readableFile = z.string().min(1).refine(readable, { message: 'not a readable file' });

/** Inline PEM data (a certificate or a key in the variable itself). */
export const pemData = z.string().refine((v) => v.includes('-----BEGIN '), { message: 'not PEM data (-----BEGIN …)' });

/** Adds an issue on `key` unless `a` and `b` are both set or both unset. */
export function requirePair(ctx: z.RefinementCtx, v: Record<string, unknown>, a: string, b: string): void {
  const has = (k: string) => v[k] !== undefined;
  if (has(a) && !has(b)) ctx.addIssue({ code: 'custom', path: [b], message: `required when ${a} is set` });
  if (has(b) && !has(a)) ctx.addIssue({ code: 'custom', path: [a], message: `required when ${b} is set` });
}
