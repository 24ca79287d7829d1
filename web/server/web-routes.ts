import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DossierCode } from '../../contracts/dossier.contract';
import { word, type Lang } from '../i18n/messages';
import { loadAssets } from './assets';
import { PAGES, renderShell, type PageSpec } from './shell';

/** The page's language: the switch's cookie, else Vietnamese. */
export function langOf(req: FastifyRequest): Lang {
  return /(?:^|;\s*)motcua_lang=en(?:;|$)/.test(req.headers.cookie ?? '') ? 'en' : 'vi';
}

/**
 * The pages under /ui/ (shells, public, no data) and their assets under /ui/assets/, served by the API
 * process itself. Every route names its operation (webRoot, webPage, webAsset: public in the access
 * policy); the data they show comes from the API's own routes, called with the user's token.
 */
export function registerWebRoutes(app: FastifyInstance): void {
  const assets = loadAssets();
  const css = ['fonts.css', 'app.css'].map((n) => assets.get(n)!.body.toString('utf8')).join('\n');
  const hide = { hide: true };
  const headers = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');

  const sendPage = (req: FastifyRequest, reply: FastifyReply, spec: PageSpec, subtitle?: string) =>
    headers(reply).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'cookie').send(renderShell(spec, langOf(req), subtitle ? { css, subtitle } : { css }));
  const notFound = (req: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(req);
    return headers(reply)
      .code(404)
      .type('text/html; charset=utf-8')
      .send(renderShell({ ...PAGES.home, id: 'not-found', title: 'page.notFound', script: 'core.js' }, lang, { css, body: `<p>${word(lang, 'page.notFound.text')} <a href="/ui/">${word(lang, 'nav.home')}</a></p>` }));
  };

  app.get('/', { config: { operationId: 'webRoot' }, schema: hide }, async (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui', { config: { operationId: 'webRoot' }, schema: hide }, async (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui/', { config: { operationId: 'webPage' }, schema: hide }, async (req, reply) => sendPage(req, reply, PAGES.home));
  for (const spec of [PAGES.desk, PAGES.inbox, PAGES.board, PAGES.statistics, PAGES.register, PAGES.lookup]) {
    app.get(`/ui/${spec.id}`, { config: { operationId: 'webPage' }, schema: hide }, async (req, reply) => sendPage(req, reply, spec));
  }
  app.get('/ui/dossier/:code', { config: { operationId: 'webPage' }, schema: hide }, async (req, reply) => {
    const code = (req.params as { code: string }).code;
    return DossierCode.safeParse(code).success ? sendPage(req, reply, PAGES.dossier, code) : notFound(req, reply);
  });
  app.get('/ui/forms/:code/:form', { config: { operationId: 'webPage' }, schema: hide }, async (req, reply) => {
    const { code, form } = req.params as { code: string; form: string };
    return DossierCode.safeParse(code).success && /^0[1-6]$/.test(form) ? sendPage(req, reply, PAGES.form, `${code} · ${word(langOf(req), `form.short.${form}`)}`) : notFound(req, reply);
  });
  app.get('/ui/*', { config: { operationId: 'webPage' }, schema: hide }, async (req, reply) => notFound(req, reply));
  app.get('/ui/assets/*', { config: { operationId: 'webAsset' }, schema: hide }, async (req, reply) => {
    const a = assets.get((req.params as { '*': string })['*']);
    if (!a) return reply.code(404).type('text/plain').send('no such asset');
    reply.header('etag', a.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
    return reply.type(a.type).send(a.body);
  });
}
