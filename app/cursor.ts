import type { z } from 'zod';
import { AppError } from './errors';

/** Opaque page cursors: the keyset of the last row, base64url JSON, validated on the way back. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError('CURSOR_INVALID', 'the cursor was not issued by this API (or has been altered)');
}
