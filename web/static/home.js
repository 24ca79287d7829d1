// Sign-in for development (a token from `motcua token`) and the links to the pages the roles open.
// Deployments put their identity provider in front and hand the page its token the same way.
import { h, me, page, replace, setReady, signIn, signOut, t, token, problemMessage } from './core.js';

const PAGES = [
  { href: '/ui/desk', key: 'nav.desk', roles: ['reception'] },
  { href: '/ui/inbox', key: 'nav.inbox', roles: ['officer', 'unit_head', 'supervisor'] },
  { href: '/ui/board', key: 'nav.board', roles: ['supervisor', 'unit_head', 'admin'] },
  { href: '/ui/statistics', key: 'nav.statistics', roles: ['supervisor', 'analyst', 'admin'] },
  { href: '/ui/register', key: 'nav.register', roles: ['reception', 'unit_head', 'supervisor', 'analyst', 'admin'] },
];

page(async (app) => {
  const area = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, spellcheck: false, autocomplete: 'off', 'aria-describedby': 'token-hint' });
  const status = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form.signin',
    {},
    h('div.field', {}, h('label', { for: 'token' }, t('signin.token')), area, h('small.hint', { id: 'token-hint' }, t('signin.hint'), ' ', h('code', {}, 'npx motcua token --role officer --unit pt.p-phuc-yen.vh-xh'))),
    h('button.primary', { type: 'submit' }, t('signin.submit')),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    signIn(area.value);
    try {
      await me();
      location.reload();
    } catch (err) {
      sessionStorage.clear();
      replace(status, h('p.error', { role: 'alert' }, problemMessage(err)));
    }
  });
  const citizen = h('p.citizen-link', {}, h('a', { href: '/ui/lookup' }, t('home.citizen')));
  if (!token()) {
    replace(app, h('p', {}, t('signin.intro')), form, citizen);
    setReady();
    return;
  }
  const m = await me().catch(() => undefined);
  if (!m) {
    sessionStorage.clear();
    replace(app, h('p', {}, t('signin.intro')), form, citizen);
    setReady();
    return;
  }
  const mine = PAGES.filter((p) => p.roles.some((r) => m.roles.includes(r)));
  replace(
    app,
    h('p', { 'data-signed-in': m.subject }, t('home.hello', { name: m.name ?? m.subject, roles: m.roles.map((r) => t(`role.${r}`)).join(', ') })),
    h('ul.page-links', {}, mine.map((p) => h('li', {}, h('a.button.primary', { href: p.href }, t(p.key))))),
    citizen,
    h('button.secondary', { type: 'button', on: { click: signOut } }, t('nav.signOut')),
  );
  setReady();
});
