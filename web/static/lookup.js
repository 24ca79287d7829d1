// The citizen's page: no sign-in; the dossier code and the ID number's last four digits find the
// dossier, the token printed on the receipt (or carried in its link) allows the rating.
import { api, errorBox, fmtDateTime, h, lang, page, replace, setReady, t } from './core.js';

const SCORES = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'];

page(async (app) => {
  const fromLink = new URLSearchParams(location.hash.slice(1));
  const code = h('input', { id: 'code', name: 'code', required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, value: fromLink.get('code') ?? '', 'aria-describedby': 'code-hint' });
  const last4 = h('input', { id: 'last4', name: 'last4', required: true, inputmode: 'numeric', pattern: '\\d{4}', maxlength: 4, autocomplete: 'off', 'aria-describedby': 'last4-hint' });
  const result = h('div', { id: 'result', 'aria-live': 'polite' });
  const button = h('button.primary.wide', { type: 'submit' }, t('citizen.find'));
  const form = h(
    'form.lookup',
    {},
    h('div.field', {}, h('label', { for: 'code' }, t('citizen.code')), code, h('small.hint', { id: 'code-hint' }, t('citizen.code.hint'))),
    h('div.field', {}, h('label', { for: 'last4' }, t('citizen.last4')), last4, h('small.hint', { id: 'last4-hint' }, t('citizen.last4.hint'))),
    button,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    button.disabled = true;
    try {
      const r = await api('/public/lookup', { anonymous: true, body: { dossierCode: code.value.trim().toUpperCase(), idLast4: last4.value.trim() } });
      replace(result, answer(r, fromLink.get('token') ?? ''));
      result.querySelector('h2')?.focus();
    } catch (err) {
      replace(result, errorBox(err));
    } finally {
      button.disabled = false;
    }
  });
  replace(app, h('p.intro', {}, t('citizen.intro')), form, result);
  setReady();
  (code.value ? last4 : code).focus();
});

function answer(r, token) {
  const status = r.status[lang] ?? r.status.vi;
  return h(
    'section.answer',
    { 'aria-labelledby': 'answer-title', 'data-status-code': String(r.statusCode) },
    h('h2', { id: 'answer-title', tabindex: '-1' }, r.procedureName),
    h('p.status-big', {}, h('span.status-pill', {}, status)),
    h('p', {}, t(`citizen.explain.${r.statusCode}`)),
    h('dl.facts', {}, h('dt', {}, t('citizen.receivedAt')), h('dd', {}, fmtDateTime(r.receivedAt)), h('dt', {}, t('citizen.appointmentAt')), h('dd', { 'data-field': 'appointment' }, fmtDateTime(r.extended?.appointmentAt ?? r.appointmentAt)), r.finishedAt ? [h('dt', {}, t('citizen.finishedAt')), h('dd', {}, fmtDateTime(r.finishedAt))] : null),
    r.extended ? h('div.notice', {}, h('strong', {}, t('citizen.extended')), ' ', r.extended.reason) : null,
    r.supplement ? h('div.notice', {}, h('strong', {}, t('citizen.supplement', { due: fmtDateTime(r.supplement.deadlineAt) })), h('p', {}, r.supplement.reason), h('ul', {}, r.supplement.missing.map((m) => h('li', {}, m)))) : null,
    h('h3', {}, t('citizen.steps')),
    h(
      'ol.steps',
      {},
      r.stepsDone.map((s) => h('li.done', {}, h('span.tick', { 'aria-hidden': 'true' }, '✓ '), s.step, ' — ', h('time', { datetime: s.finishedAt }, fmtDateTime(s.finishedAt)))),
      r.inProgress.map((s) => h('li.now', {}, h('span.tick', { 'aria-hidden': 'true' }, '● '), t('citizen.inProgress', { step: s.step }))),
    ),
    r.canRate ? rating(r, token) : null,
  );
}

function rating(r, token) {
  const tokenInput = h('input', { id: 'token', name: 'token', required: true, autocomplete: 'off', spellcheck: false, value: token, 'aria-describedby': 'token-hint' });
  const status = h('div', { 'aria-live': 'assertive' });
  const choices = h('fieldset.scores', {}, h('legend', {}, t('citizen.rateQuestion')), SCORES.map((s, i) => h('label.score', {}, h('input', { type: 'radio', name: 'score', value: s, required: true, checked: i === 0 }), ' ', t(`score.${s}`))));
  const form = h('form.rating', {}, choices, h('div.field', { hidden: Boolean(token) }, h('label', { for: 'token' }, t('citizen.token')), tokenInput, h('small.hint', { id: 'token-hint' }, t('citizen.token.hint'))), h('button.primary.wide', { type: 'submit' }, t('citizen.rate')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api(`/public/dossiers/${r.dossierCode}/rating`, { anonymous: true, body: { score: new FormData(form).get('score') }, headers: { 'x-dossier-token': tokenInput.value.trim() } });
      replace(form, h('p.thanks', { role: 'status', 'data-rated': 'true' }, t('citizen.thanks')));
    } catch (err) {
      replace(status, errorBox(err));
    }
  });
  return h('section.rate', { 'aria-labelledby': 'rate-title' }, h('h3', { id: 'rate-title' }, t('citizen.rateTitle')), form);
}
