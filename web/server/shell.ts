import { dictionary, word, type Lang } from '../i18n/messages';

/**
 * The HTML of a page before its data: header, navigation, title and a placeholder, in the chosen
 * language. It carries no data and no personal data, so it is public and the same for everyone; the
 * page's module script reads the API with the user's token and fills `#app`.
 */
export interface PageSpec {
  id: string;
  title: string;
  script: string;
  /** Classic scripts the module needs first (Chart.js's UMD build). */
  before?: string[];
  nav?: string;
  /** A citizen's page: no staff navigation, no sign-in. */
  citizen?: boolean;
}

export const PAGES = {
  home: { id: 'home', title: 'page.home', script: 'home.js', nav: 'home' },
  desk: { id: 'desk', title: 'page.desk', script: 'desk.js', nav: 'desk' },
  inbox: { id: 'inbox', title: 'page.inbox', script: 'inbox.js', nav: 'inbox' },
  dossier: { id: 'dossier', title: 'page.dossier', script: 'dossier.js' },
  board: { id: 'board', title: 'page.board', script: 'board.js', before: ['chart.umd.min.js'], nav: 'board' },
  statistics: { id: 'statistics', title: 'page.statistics', script: 'statistics.js', nav: 'statistics' },
  register: { id: 'register', title: 'page.register', script: 'register.js', nav: 'register' },
  lookup: { id: 'lookup', title: 'page.lookup', script: 'lookup.js', nav: 'lookup', citizen: true },
  form: { id: 'form', title: 'page.form', script: 'form.js' },
} satisfies Record<string, PageSpec>;

const NAV: Array<{ id: string; href: string; key: string }> = [
  { id: 'desk', href: '/ui/desk', key: 'nav.desk' },
  { id: 'inbox', href: '/ui/inbox', key: 'nav.inbox' },
  { id: 'board', href: '/ui/board', key: 'nav.board' },
  { id: 'statistics', href: '/ui/statistics', key: 'nav.statistics' },
  { id: 'register', href: '/ui/register', key: 'nav.register' },
  { id: 'lookup', href: '/ui/lookup', key: 'nav.lookup' },
];

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);
/** JSON inside a <script> element: nothing in it may close the element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

const dictionaries: Partial<Record<Lang, string>> = {};
const dictJson = (lang: Lang) => (dictionaries[lang] ??= scriptJson(dictionary(lang)));

/** `css`: the stylesheets, inlined so that the first paint waits for no request. */
export function renderShell(spec: PageSpec, lang: Lang, opts: { css: string; subtitle?: string; body?: string }): string {
  const w = (k: string) => esc(word(lang, k));
  const title = opts.subtitle ? `${esc(opts.subtitle)} · ${w(spec.title)}` : w(spec.title);
  const nav = NAV.map((n) => `<li><a href="${n.href}"${n.id === spec.nav ? ' aria-current="page"' : ''}>${w(n.key)}</a></li>`).join('');
  const before = (spec.before ?? []).map((s) => `<script src="/ui/assets/${s}" defer></script>`).join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · motcua</title>
<style>${opts.css.replace(/<\/style/gi, '<\\/style')}</style>
<link rel="modulepreload" href="/ui/assets/core.js">
${before}<script type="module" src="/ui/assets/${spec.script}"></script>
</head>
<body data-page="${spec.id}" data-state="loading">
<a class="skip" href="#main">${w('nav.skip')}</a>
<header class="top">
<a class="brand" href="/ui/">${w('app.name')}</a>
${spec.citizen ? '' : `<nav class="main" aria-label="${w('nav.main')}"><ul>${nav}</ul></nav>`}
<div class="right">${spec.citizen ? '' : '<span id="who"></span>'}<button type="button" id="lang-switch" lang="${lang === 'vi' ? 'en' : 'vi'}" aria-label="${w('nav.switch.label')}">${w('nav.switch')}</button>${spec.citizen ? '' : `<button type="button" id="sign-out">${w('nav.signOut')}</button>`}</div>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
<div id="app" aria-busy="true">${opts.body ?? `<p class="loading">${w('loading')}</p>`}</div>
</main>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<script type="application/json" id="i18n">${dictJson(lang)}</script>
</body>
</html>
`;
}
