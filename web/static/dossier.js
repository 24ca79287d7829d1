import { announce, api, deadlineBadge, errorBox, fmtDateTime, fmtMoney, fmtNumber, fmtWorkingMinutes, h, lang, me, openDialog, page, replace, setReady, t, unitDirectory } from './core.js';

const code = decodeURIComponent(location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const FORM_SOURCES = { '01': ['dossier.received'], '02': ['dossier.supplement_requested', 'dossier.reception_supplement_requested'], '03': ['dossier.refused'], '04': ['dossier.extended'], '05': ['dossier.stopped'] };

const settle = (p) => p.then((value) => ({ value }), (error) => ({ error }));

page(async (app) => {
  const [head, events, ledger, consumption, slip, dir, m] = await Promise.all([
    api(`/dossiers/${code}`),
    settle(api(`/dossiers/${code}/events`)),
    settle(api(`/dossiers/${code}/ledger`)),
    settle(api(`/dossiers/${code}/consumption`)),
    settle(api(`/dossiers/${code}/slip`)),
    unitDirectory(),
    me(),
  ]);
  const unit = (id) => dir.get(id)?.name ?? id ?? '—';
  const evs = events.value?.events ?? [];
  const stepNames = new Map(evs.filter((e) => e.type === 'task.assigned').map((e) => [e.payload.taskId, e.payload.stepName]));
  const step = (taskId) => stepNames.get(taskId) ?? taskId ?? '';

  document.title = `${code} · ${document.title}`;
  replace(
    app,
    headSection(head, unit),
    deskActions(head, m),
    formsSection(evs),
    h('section', { 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, t('dossier.timeline')), events.error ? errorBox(events.error) : timeline(evs, unit, step)),
    h('section', { 'aria-labelledby': 'h-ledger' }, h('h2', { id: 'h-ledger' }, t('dossier.ledger')), ledger.error ? errorBox(ledger.error) : ledgerSection(ledger.value, unit)),
    h('section', { 'aria-labelledby': 'h-consumption' }, h('h2', { id: 'h-consumption' }, t('dossier.consumption')), consumption.error ? errorBox(consumption.error) : consumptionBars(consumption.value)),
    h('section', { 'aria-labelledby': 'h-slip' }, h('h2', { id: 'h-slip' }, t('dossier.slip'), ' ', h('a.print-link', { href: `/ui/forms/${code}/06`, target: '_blank' }, t('dossier.printSlip'))), slip.error ? errorBox(slip.error) : slipTable(slip.value.rows, unit, step)),
  );
  setReady();
});

function dl(pairs) {
  return h('dl.facts', {}, pairs.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function headSection(d, unit) {
  return h(
    'section.head',
    { 'aria-labelledby': 'h-head' },
    h('h2', { id: 'h-head' }, d.procedureName ?? d.procedureCode),
    h('p.status', { 'data-status-code': String(d.statusCode) }, h('span.status-pill', {}, d.statusText[lang] ?? d.statusText.vi)),
    dl([
      [t('col.dossier'), d.dossierCode],
      [t('dossier.receivingUnit'), unit(d.receivingUnitId)],
      [t('dossier.channel'), d.channel ? t(`channel.${d.channel}`) : '—'],
      [t('dossier.receivedAt'), fmtDateTime(d.receivedAt)],
      [t('dossier.appointmentAt'), fmtDateTime(d.appointmentAt)],
      [t('dossier.legalDueAt'), fmtDateTime(d.legalDueAt)],
      [t('dossier.classification'), d.classification ? t(`class.${d.classification}`) : '—'],
    ]),
    d.openTasks.length
      ? h('div', {}, h('h3', {}, t('dossier.openTasks')), h('ul.tasks', {}, d.openTasks.map((task) => h('li', {}, `${task.stepName} — ${unit(task.unitId)} `, deadlineBadge(task.deadlineStatus, task.remainingWorkingMinutes, task.paused)))))
      : null,
  );
}

/** The desk's moves on an existing dossier, by its status (the API refuses the rest anyway). */
function deskActions(d, m) {
  if (!m.roles.includes('reception')) return null;
  const after = async (p, done) => {
    await p;
    announce(t(done, { code: d.dossierCode }));
    setTimeout(() => location.reload(), 400);
  };
  const buttons = [];
  if (d.statusCode === 9)
    buttons.push(
      h('button.primary', { type: 'button', on: { click: () => openDialog({ title: t('desk.return.title'), submitLabel: t('desk.return.submit'), fields: [{ name: 'method', label: t('field.returnMethod'), type: 'select', options: ['desk', 'online', 'post'].map((v) => ({ value: v, label: t(`method.${v}`) })) }, { name: 'electronic', label: t('field.electronic'), type: 'checkbox' }], submit: (v) => after(api(`/dossiers/${d.dossierCode}/result-return`, { body: v }), 'desk.done.returned') }) } }, t('desk.return.title')),
    );
  if (d.statusCode === 6)
    buttons.push(
      h('button.primary', { type: 'button', on: { click: () => openDialog({ title: t('desk.payment.title'), submitLabel: t('desk.payment.submit'), fields: [{ name: 'source', label: t('field.paymentSource'), type: 'select', options: ['applicant_payment', 'tax_notice'].map((v) => ({ value: v, label: t(`paymentSource.${v}`) })) }, { name: 'amountVnd', label: t('field.amountVnd'), type: 'number', min: 0, step: 1000, required: true }, { name: 'reference', label: t('field.reference'), required: true }, { name: 'paidOnline', label: t('field.paidOnline'), type: 'checkbox' }], submit: (v) => after(api(`/dossiers/${d.dossierCode}/payments`, { body: v }), 'desk.done.payment') }) } }, t('desk.payment.title')),
    );
  if (d.statusCode === 5)
    buttons.push(h('button.primary', { type: 'button', on: { click: () => openDialog({ title: t('desk.supplement.title'), submitLabel: t('desk.supplement.submit'), fields: [{ name: 'componentsDigitised', label: t('field.componentsDigitised'), type: 'number', min: 0, value: '0' }], submit: (v) => after(api(`/dossiers/${d.dossierCode}/supplement`, { body: v }), 'desk.done.supplement') }) } }, t('desk.supplement.title')));
  if ([2, 4, 5, 6].includes(d.statusCode))
    buttons.push(h('button.secondary', { type: 'button', on: { click: () => openDialog({ title: t('desk.withdraw.title'), submitLabel: t('desk.withdraw.submit'), fields: [{ name: 'reason', label: t('field.reason'), type: 'textarea', required: true }], submit: (v) => after(api(`/dossiers/${d.dossierCode}/withdraw`, { body: v }), 'desk.done.withdrawn') }) } }, t('desk.withdraw.title')));
  return buttons.length ? h('section.desk-actions', { 'aria-label': t('desk.actions') }, buttons) : null;
}

function formsSection(evs) {
  const have = Object.entries(FORM_SOURCES).filter(([, types]) => evs.some((e) => types.includes(e.type)));
  if (!have.length) return null;
  return h('nav.forms', { 'aria-label': t('dossier.forms') }, h('span', {}, t('dossier.forms'), ': '), have.map(([n]) => h('a.print-link', { href: `/ui/forms/${code}/${n}`, target: '_blank' }, t(`form.short.${n}`))));
}

// ---------------------------------------------------------------------------------------------
// The timeline in plain words

function sentence(e, unit, step) {
  const p = e.payload;
  const at = (x) => fmtDateTime(x);
  const scope = p.scope === 'step' ? t('tl.scope.step', { step: step(p.taskId) }) : t('tl.scope.dossier');
  const key = `tl.${e.type}`;
  const vars = {
    unit: unit(p.unitId ?? e.unitId),
    step: p.stepName ?? step(p.taskId),
    officer: p.officerId ?? p.toOfficerId ?? '',
    due: at(p.dueAt ?? p.applicantDeadlineAt),
    appointment: at(p.appointmentAt),
    reason: p.reason ?? '',
    from: unit(p.fromUnitId),
    to: unit(p.toUnitId),
    minutes: p.consumedWorkingMinutes !== undefined ? fmtWorkingMinutes(p.consumedWorkingMinutes) : '',
    classification: p.classification ? t(`class.${p.classification}`) : '',
    amount: p.amountVnd !== undefined ? fmtMoney(p.amountVnd) : '',
    kind: p.kind ? t(`payment.${p.kind}`) : '',
    method: p.method ? t(`method.${p.method}`) : '',
    score: p.score ? t(`score.${p.score}`) : '',
    category: p.category ? t(`complaint.${p.category}`) : '',
    supervisor: unit(p.supervisorUnitId),
    scope,
    missing: Array.isArray(p.missing) ? p.missing.join('; ') : '',
    outcome: p.outcome ? t(`outcome.${p.outcome}`) : '',
  };
  const text = t(key, vars);
  return text === key ? e.type : text;
}

function timeline(evs, unit, step) {
  if (!evs.length) return h('p.empty', {}, t('dossier.noEvents'));
  return h(
    'ol.timeline',
    {},
    evs.map((e) => h('li', { 'data-type': e.type, class: e.type.startsWith('sla.') ? 'sla' : '' }, h('time', { datetime: e.occurredAt }, fmtDateTime(e.occurredAt)), h('span', {}, sentence(e, unit, step)))),
  );
}

// ---------------------------------------------------------------------------------------------
// The deadline ledger: the dates on a line, then each entry with the rule that moved a date

function ledgerSection(l, unit) {
  const led = l.ledger;
  const marks = [
    ['received', led.receivedAt],
    ['start', led.effectiveStartMs],
    ['committed', led.committedDueMs],
    ['legal', led.legalDueMs],
    ...(led.kpiDueMs !== led.committedDueMs ? [['kpi', led.kpiDueMs]] : []),
    ...(led.closedAt !== undefined ? [['closed', led.closedAt]] : []),
  ];
  const lo = Math.min(...marks.map((x) => x[1]));
  const hi = Math.max(...marks.map((x) => x[1]), lo + 1);
  const W = 1000;
  const x = (ms) => 20 + ((ms - lo) / (hi - lo)) * (W - 40);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} 90`);
  svg.setAttribute('class', 'ledger-line');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('ledger.line.label', { start: fmtDateTime(new Date(led.receivedAt).toISOString()), due: fmtDateTime(new Date(led.committedDueMs).toISOString()) }));
  const add = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text) el.textContent = text;
    svg.append(el);
  };
  add('line', { x1: 20, x2: W - 20, y1: 45, y2: 45, class: 'axis' });
  for (const p of led.pauses) add('rect', { x: x(p.fromMs), y: 36, width: Math.max(2, x(p.toMs ?? hi) - x(p.fromMs)), height: 18, class: 'pause' });
  for (const s of led.steps) add('line', { x1: x(s.dueMs), x2: x(s.dueMs), y1: 40, y2: 50, class: 'step-due' });
  // marks at one instant share a label; labels at the ends are anchored inside the drawing
  const grouped = new Map();
  for (const [k, ms] of marks) grouped.set(ms, [...(grouped.get(ms) ?? []), k]);
  [...grouped].sort((a, b) => a[0] - b[0]).forEach(([ms, keys], i) => {
    add('circle', { cx: x(ms), cy: 45, r: 6, class: `mark ${keys.at(-1)}` });
    const px = x(ms);
    const anchor = px < 120 ? 'start' : px > W - 120 ? 'end' : 'middle';
    add('text', { x: anchor === 'start' ? 10 : anchor === 'end' ? W - 10 : px, y: i % 2 ? 80 : 22, 'text-anchor': anchor, class: 'mark-label' }, keys.map((k) => t(`ledger.mark.${k}`)).join(' = '));
  });
  const legend = h('p.legend', {}, t('ledger.calendar', { version: l.calendarVersion }), ' · ', t('ledger.policy', { policy: t(`policy.${led.supplementPolicy}`) }), led.cutoff ? ` · ${t('ledger.cutoff', { cutoff: led.cutoff })}` : '');
  const entries = h(
    'ol.ledger',
    {},
    l.entries.map((e) =>
      h(
        'li',
        { 'data-kind': e.kind, 'data-rule': e.rule },
        h('div.entry-head', {}, h('time', { datetime: e.at }, fmtDateTime(e.at)), ' ', h('strong', {}, t(`rule.${e.rule}`) === `rule.${e.rule}` ? t(`kind.${e.kind}`) : t(`rule.${e.rule}`))),
        e.dueBefore || e.dueAfter ? h('div.moved', {}, e.dueBefore ? h('del', {}, fmtDateTime(e.dueBefore)) : null, e.dueBefore && e.dueAfter ? ' → ' : '', e.dueAfter ? h('ins', {}, fmtDateTime(e.dueAfter)) : null) : null,
        h('div.entry-detail', {}, [e.unitId ? unit(e.unitId) : null, e.deltaWorkingMinutes !== null ? `${e.deltaWorkingMinutes >= 0 ? '+' : '−'}${fmtWorkingMinutes(e.deltaWorkingMinutes)}` : null, t('ledger.calendarShort', { version: e.calendarVersion })].filter(Boolean).join(' · ')),
        h('small.rule-detail', { lang: 'en' }, e.detail),
      ),
    ),
  );
  return h('div', {}, svg, legend, entries);
}

// ---------------------------------------------------------------------------------------------
// Working time per unit against its allotment, as bars

function consumptionBars(c) {
  if (!c.units.length) return h('p.empty', {}, t('dossier.noConsumption'));
  const max = Math.max(...c.units.map((u) => Math.max(u.allottedWorkingMinutes, u.consumedWorkingMinutes)), 1);
  return h(
    'div.bars',
    {},
    h('p.legend', {}, c.settled ? t('consumption.settled') : t('consumption.running')),
    c.units.map((u) => {
      const over = u.allottedWorkingMinutes > 0 && u.consumedWorkingMinutes > u.allottedWorkingMinutes;
      const label = t('consumption.bar', { used: fmtWorkingMinutes(u.consumedWorkingMinutes), allotted: fmtWorkingMinutes(u.allottedWorkingMinutes), percent: fmtNumber(u.percentOfAllotment) });
      return h(
        'div.bar-row',
        { 'data-unit': u.unitId },
        h('span.bar-label', {}, u.unitName ?? u.unitId),
        h(
          'span.bar-track',
          { role: 'img', 'aria-label': `${u.unitName ?? u.unitId}: ${label}` },
          h('span.bar-fill', { class: over ? 'over' : '', style: `width:${(u.consumedWorkingMinutes / max) * 100}%` }),
          u.allottedWorkingMinutes > 0 ? h('span.bar-allot', { style: `left:${(u.allottedWorkingMinutes / max) * 100}%` }) : null,
        ),
        h('span.bar-value', {}, label),
      );
    }),
  );
}

export function slipTable(rows, unit, step) {
  if (!rows.length) return h('p.empty', {}, t('dossier.noSlip'));
  return h(
    'table.data.slip',
    {},
    h('caption.visually-hidden', {}, t('dossier.slip')),
    h('thead', {}, h('tr', {}, ['slip.from', 'slip.to', 'slip.handedAt', 'slip.due', 'slip.result', 'slip.note'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, unit(r.fromUnitId), h('br'), h('small', {}, step(r.fromTaskId), r.fromOfficerId ? ` · ${r.fromOfficerId}` : '')),
          h('td', {}, unit(r.toUnitId), h('br'), h('small', {}, step(r.toTaskId))),
          h('td', {}, fmtDateTime(r.handedAt)),
          h('td', {}, fmtDateTime(r.fromDueAt)),
          h('td', { 'data-result': r.classification }, t(`class.${r.classification}`)),
          h('td', {}, [r.kind !== 'handoff' ? t(`slipKind.${r.kind}`) : null, r.reason].filter(Boolean).join(': ')),
        ),
      ),
    ),
  );
}
