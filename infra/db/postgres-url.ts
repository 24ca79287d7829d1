import { z } from 'zod';
import { readableFile } from '../env-fields';

const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

/**
 * DATABASE_URL, TLS included: `?sslmode=verify-full&sslrootcert=/path/ca.pem` (and `sslcert`,
 * `sslkey` for client certificates), read by pg's connection-string parser. The certificate files
 * are checked at start, so a wrong path fails there and not at the first query.
 */
export const PostgresUrl = z.string().superRefine((value, ctx) => {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return void ctx.addIssue({ code: 'custom', message: 'a postgres:// URL' });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return void ctx.addIssue({ code: 'custom', message: `a postgres:// URL, not ${u.protocol}//` });
  const mode = u.searchParams.get('sslmode');
  if (mode !== null && !SSL_MODES.includes(mode)) ctx.addIssue({ code: 'custom', message: `sslmode=${mode}: expected one of ${SSL_MODES.join(', ')}` });
  for (const p of ['sslrootcert', 'sslcert', 'sslkey']) {
    const file = u.searchParams.get(p);
    if (file !== null && !readableFile.safeParse(file).success) ctx.addIssue({ code: 'custom', message: `${p}=${file}: not a readable file` });
  }
  if ((u.searchParams.get('sslcert') === null) !== (u.searchParams.get('sslkey') === null)) ctx.addIssue({ code: 'custom', message: 'sslcert and sslkey go together' });
});
