import type { FastifyInstance } from 'fastify';
import { API_OPERATIONS } from '../../contracts/api/api-operations';
import { buildOpenApi } from '../openapi';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The OpenAPI document and a plain page listing the operations (no CDN: this runs offline). */
export function registerDocsRoutes(app: FastifyInstance): void {
  const doc = buildOpenApi(process.env.npm_package_version ?? '0.1.0');
  app.get('/openapi.json', async () => doc);
  app.get('/docs', async (_req, reply) => {
    const rows = API_OPERATIONS.map(
      (op) =>
        `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escape(op.path)}</code></td><td>${escape(op.summary)}</td><td>${Object.keys(op.responses).join(', ')}</td></tr>`,
    ).join('\n');
    const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>motcua API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><h1>motcua API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the zod contracts). Errors are RFC 9457 problem details.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Responses</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
