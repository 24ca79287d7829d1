/**
 * The image's HEALTHCHECK: asks this container's process whether it is ready (its health server,
 * MOTCUA_HEALTH_PORT), exits 0 or 1. MOTCUA_HEALTHCHECK_URL overrides the address.
 */
const url = process.env.MOTCUA_HEALTHCHECK_URL ?? `http://127.0.0.1:${process.env.MOTCUA_HEALTH_PORT ?? ''}/readyz`;

fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  (err: Error) => {
    process.stderr.write(`healthcheck: ${url}: ${err.message}\n`);
    process.exit(1);
  },
);
