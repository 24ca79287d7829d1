import { $, api, catalog, download, errorBox, fmtDateTime, fmtMoney, h, localInputToIso, page, problemMessage, replace, setReady, t, unitDirectory, unitsFor } from './core.js';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The version of a procedure in force today (the API checks it again against the reception instant). */
function inForce(p) {
  const d = today();
  return [...p.versions].reverse().find((v) => v.validFrom <= d && (!v.validTo || v.validTo > d));
}

page(async (app) => {
  const [desks, cat, dir] = await Promise.all([unitsFor('reception'), catalog(), unitDirectory()]);
  if (desks.length === 0) throw Object.assign(new Error(t('desk.noDesk')), { code: 'ROLE_NOT_ALLOWED' });
  const procedures = cat.procedures.map((p) => ({ p, v: inForce(p) })).filter((x) => x.v);

  const field = (id, label, input, hint) => h('div.field', {}, h('label', { for: id }, label, input.required ? h('span.req', { 'aria-hidden': 'true' }, ' *') : null), input, hint ? h('small.hint', { id: `${id}-hint` }, hint) : null);
  const desk = h('select', { id: 'desk', name: 'desk' }, desks.map((u) => h('option', { value: u }, dir.get(u)?.name ?? u)));
  const proc = h('select', { id: 'procedure', name: 'procedure', required: true }, h('option', { value: '' }, t('desk.chooseProcedure')), procedures.map(({ p }) => h('option', { value: p.code }, `${p.code} — ${p.name}`)));
  const checklist = h('div', { id: 'checklist', 'aria-live': 'polite' });
  const fullName = h('input', { id: 'fullName', name: 'fullName', required: true, autocomplete: 'name', maxlength: 200 });
  const idNumber = h('input', { id: 'idNumber', name: 'idNumber', required: true, inputmode: 'numeric', pattern: '\\d{12}|\\d{9}', maxlength: 12, 'aria-describedby': 'idNumber-hint' });
  const phone = h('input', { id: 'phone', name: 'phone', type: 'tel', inputmode: 'tel', pattern: '\\+?\\d{9,15}', autocomplete: 'tel' });
  const address = h('input', { id: 'address', name: 'address', autocomplete: 'street-address', maxlength: 500 });
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'email' });
  const channel = h('fieldset.inline', {}, h('legend', {}, t('desk.channel')), ['direct', 'online', 'post'].map((c, i) => h('label', {}, h('input', { type: 'radio', name: 'channel', value: c, checked: i === 0 }), ' ', t(`channel.${c}`))));
  const decision = h('fieldset.inline', {}, h('legend', {}, t('desk.decision')), ['accept', 'supplement', 'refuse'].map((c, i) => h('label', {}, h('input', { type: 'radio', name: 'outcome', value: c, checked: i === 0, on: { change: showDecision } }), ' ', t(`desk.outcome.${c}`))));
  const reason = h('textarea', { id: 'reason', name: 'reason', rows: 2 });
  const missing = h('textarea', { id: 'missing', name: 'missing', rows: 3, 'aria-describedby': 'missing-hint' });
  const deadline = h('input', { id: 'deadline', name: 'deadline', type: 'datetime-local' });
  const decisionFields = h('div.decision-fields', { hidden: true }, field('reason', t('field.reason'), reason), h('div', { 'data-for': 'supplement' }, field('missing', t('field.missing'), missing, t('desk.missing.hint')), field('deadline', t('field.applicantDeadline'), deadline)));
  const result = h('div', { id: 'receipt', 'aria-live': 'polite' });
  const submit = h('button.primary', { type: 'submit' }, t('desk.submit'));

  function showDecision() {
    const o = new FormData(form).get('outcome');
    decisionFields.hidden = o === 'accept';
    decisionFields.querySelector('[data-for="supplement"]').hidden = o !== 'supplement';
    reason.required = o !== 'accept';
    missing.required = o === 'supplement';
    deadline.required = o === 'supplement';
    if (o === 'supplement' && !missing.value) missing.value = [...checklist.querySelectorAll('input[data-doc]:not(:checked)')].map((c) => c.dataset.name).join('\n');
  }

  function renderChecklist() {
    const x = procedures.find(({ p }) => p.code === proc.value);
    if (!x) return replace(checklist);
    replace(
      checklist,
      h(
        'table.data.checklist',
        {},
        h('caption', {}, t('desk.checklist', { name: x.p.name })),
        h('thead', {}, h('tr', {}, ['desk.col.received', 'desk.col.document', 'desk.col.form', 'desk.col.quantity', 'desk.col.digitised'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h(
          'tbody',
          {},
          x.v.documents.map((d, i) =>
            h(
              'tr',
              {},
              h('td.c', {}, h('input', { type: 'checkbox', id: `doc-${i}`, 'data-doc': d.id, 'data-name': d.name, checked: true, 'aria-label': t('desk.docReceived', { name: d.name }) })),
              h('td', {}, h('label', { for: `doc-${i}` }, d.name), d.required ? h('span.req', { title: t('desk.required') }, ' *') : h('small', {}, ` (${t('desk.optional')})`)),
              h('td', {}, t(`docForm.${d.form}`)),
              h('td.c', {}, String(d.quantity)),
              h('td.c', {}, h('input', { type: 'checkbox', 'data-digitised': d.id, checked: d.form === 'electronic', 'aria-label': t('desk.docDigitised', { name: d.name }) })),
            ),
          ),
        ),
      ),
      h('p.small', {}, t('desk.fees'), ': ', x.v.fees.length ? x.v.fees.map((f) => `${f.name} ${fmtMoney(f.amountVnd)}`).join('; ') : t('desk.noFees')),
    );
  }
  proc.addEventListener('change', renderChecklist);

  const form = h(
    'form.desk',
    { novalidate: false, 'aria-describedby': 'desk-intro' },
    h('p', { id: 'desk-intro' }, t('desk.intro')),
    h('div.grid2', {}, field('desk', t('desk.unit'), desk), field('procedure', t('desk.procedure'), proc)),
    checklist,
    h('fieldset', {}, h('legend', {}, t('desk.applicant')), h('div.grid2', {}, field('fullName', t('field.fullName'), fullName), field('idNumber', t('field.idNumber'), idNumber, t('field.idNumber.hint')), field('phone', t('field.phone'), phone), field('email', t('field.email'), email)), field('address', t('field.address'), address)),
    channel,
    decision,
    decisionFields,
    h('div.buttons', {}, submit),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const outcome = data.get('outcome');
    const docs = [...checklist.querySelectorAll('input[data-doc]')];
    const body = {
      procedureCode: proc.value,
      receivingUnitId: desk.value,
      channel: data.get('channel'),
      applicant: { idNumber: idNumber.value.trim(), fullName: fullName.value.trim(), ...(phone.value ? { phone: phone.value.trim() } : {}), ...(address.value ? { address: address.value.trim() } : {}), ...(email.value ? { email: email.value.trim() } : {}) },
      reception: outcome === 'accept' ? { outcome } : outcome === 'refuse' ? { outcome, reason: reason.value.trim() } : { outcome, reason: reason.value.trim(), missing: missing.value.split('\n').map((s) => s.trim()).filter(Boolean), applicantDeadlineAt: localInputToIso(deadline.value) },
      components: { total: docs.filter((d) => d.checked).length, digitised: [...checklist.querySelectorAll('input[data-digitised]:checked')].length, reused: 0 },
    };
    body.components.digitised = Math.min(body.components.digitised, body.components.total);
    submit.disabled = true;
    try {
      const r = await api('/dossiers', { body });
      showReceipt(r);
    } catch (err) {
      replace(result, errorBox(err));
      $('#receipt .error')?.focus?.();
    } finally {
      submit.disabled = false;
    }
  });

  function showReceipt(r) {
    const formNo = r.outcome === 'accepted' ? '01' : r.outcome === 'supplement_requested' ? '02' : '03';
    replace(
      result,
      h(
        'section.receipt',
        { 'aria-labelledby': 'receipt-title', 'data-dossier': r.dossierCode, 'data-outcome': r.outcome },
        h('h2', { id: 'receipt-title', tabindex: '-1' }, t(`desk.receipt.${r.outcome}`, { code: r.dossierCode })),
        h('dl.facts', {}, h('dt', {}, t('col.dossier')), h('dd.mono', {}, r.dossierCode), h('dt', {}, t('dossier.appointmentAt')), h('dd', {}, fmtDateTime(r.appointmentAt)), h('dt', {}, t('desk.citizenToken')), h('dd.mono', {}, r.citizenToken)),
        h(
          'div.buttons',
          {},
          h('a.button.primary', { href: `/ui/forms/${r.dossierCode}/${formNo}`, target: '_blank', 'data-print': formNo }, t(`desk.print.${formNo}`)),
          h('button.secondary', { type: 'button', on: { click: (e) => download(`/dossiers/${r.dossierCode}/forms/${formNo}/pdf`, `mau-${formNo}-${r.dossierCode}.pdf`).catch((err) => e.currentTarget.after(h('span.row-error', {}, problemMessage(err)))) } }, t('form.pdf')),
          h('a.button.secondary', { href: `/ui/dossier/${r.dossierCode}` }, t('desk.openDossier')),
        ),
      ),
    );
    $('#receipt-title')?.focus();
  }

  replace(app, form, result);
  setReady();
});
