import { announce, api, catalog, deadlineBadge, errorBox, fmtDateTime, h, liveIndicator, localInputToIso, me, openDialog, page, problemMessage, query, replace, setReady, stream, t, unitDirectory, unitName, unitsFor } from './core.js';

const VIEWS = ['all', 'mine', 'unassigned', 'due_soon', 'overdue'];
const COUNT_KEY = { all: 'all', mine: 'mine', unassigned: 'unassigned', due_soon: 'dueSoon', overdue: 'overdue' };

page(async (app) => {
  const [units, m] = await Promise.all([unitsFor('officer', 'unit_head', 'supervisor'), me()]);
  if (units.length === 0) throw Object.assign(new Error(t('inbox.noUnit')), { code: 'ROLE_NOT_ALLOWED' });
  const state = { unit: units.includes(query.get('unit')) ? query.get('unit') : units[0], view: VIEWS.includes(query.get('view')) ? query.get('view') : 'all', items: [], cursor: null };
  const isHead = m.roles.includes('unit_head');
  const names = await unitDirectory();
  const procNames = new Map();
  catalog().then((c) => {
    for (const p of c.procedures) procNames.set(p.code, p.name);
    for (const el of document.querySelectorAll('[data-procedure]')) el.textContent = procNames.get(el.dataset.procedure) ?? el.dataset.procedure;
  }, () => undefined);

  const unitSelect = h(
    'select',
    { id: 'unit', on: { change: () => { state.unit = unitSelect.value; syncUrl(); restartStream(); void load(); } } },
    units.map((u) => h('option', { value: u, selected: u === state.unit }, names.get(u)?.name ?? u)),
  );
  const tabs = h('div.tabs', { role: 'tablist', 'aria-label': t('inbox.views') });
  const live = liveIndicator();
  const list = h('div', { id: 'inbox-list', role: 'tabpanel' });
  const more = h('button.secondary', { type: 'button', hidden: true, on: { click: () => void load(true) } }, t('inbox.more'));
  replace(app, h('div.toolbar', {}, h('label', { for: 'unit' }, t('inbox.unit')), unitSelect, live.el), tabs, list, more);

  function syncUrl() {
    const u = new URL(location.href);
    u.searchParams.set('unit', state.unit);
    u.searchParams.set('view', state.view);
    history.replaceState(null, '', u);
  }

  function renderTabs(counts) {
    replace(
      tabs,
      VIEWS.map((v) =>
        h(
          'button.tab',
          { type: 'button', role: 'tab', 'aria-selected': String(v === state.view), 'data-view': v, on: { click: () => { state.view = v; syncUrl(); void load(); } } },
          t(`inbox.view.${v}`),
          h('span.count', {}, String(counts?.[COUNT_KEY[v]] ?? 0)),
        ),
      ),
    );
  }

  async function act(item, verb, body, done) {
    try {
      await api(`/dossiers/${item.dossierCode}/tasks/${encodeURIComponent(item.taskId)}/${verb}`, { body: { taskVersion: item.taskVersion, ...body } });
      announce(t(done, { code: item.dossierCode }));
      await load();
    } catch (err) {
      announce(problemMessage(err));
      throw err;
    }
  }

  /** The buttons of a row: the one next action, and the rest each behind one click and a short form. */
  function actions(item) {
    const mine = item.claimedBy === m.subject;
    const out = [];
    const button = (label, action, cls = 'secondary') =>
      h(`button.${cls}`, { type: 'button', 'data-action': action, on: { click: (ev) => handlers[action](ev.currentTarget) } }, label);
    const handlers = {
      claim: async (btn) => {
        btn.disabled = true;
        await act(item, 'claim', {}, 'inbox.done.claimed').catch((err) => { btn.disabled = false; replace(btn.parentElement.querySelector('.row-error') ?? btn.parentElement.appendChild(h('span.row-error')), problemMessage(err)); });
      },
      complete: async (btn) => {
        btn.disabled = true;
        await act(item, 'complete', { outcome: 'approved' }, 'inbox.done.completed').catch((err) => { btn.disabled = false; replace(btn.parentElement.querySelector('.row-error') ?? btn.parentElement.appendChild(h('span.row-error')), problemMessage(err)); });
      },
      return: () => openDialog({ title: t('inbox.return.title', { code: item.dossierCode }), submitLabel: t('inbox.action.return'), fields: [{ name: 'reason', label: t('field.reason'), type: 'textarea', required: true }], submit: (v) => act(item, 'return', { reason: v.reason }, 'inbox.done.returned') }),
      transfer: async () => {
        const dir = await unitDirectory();
        const sameKind = [...dir.values()].filter((u) => u.id !== item.unitId && u.kind === dir.get(item.unitId)?.kind);
        const options = (sameKind.length ? sameKind : [...dir.values()].filter((u) => u.id !== item.unitId)).map((u) => ({ value: u.id, label: u.name }));
        openDialog({ title: t('inbox.transfer.title', { code: item.dossierCode }), submitLabel: t('inbox.action.transfer'), fields: [{ name: 'toUnitId', label: t('field.toUnit'), type: 'select', options, required: true }, { name: 'reason', label: t('field.reason'), type: 'textarea', required: true }], submit: (v) => act(item, 'transfer', v, 'inbox.done.transferred') });
      },
      supplement: () =>
        openDialog({
          title: t('inbox.supplement.title', { code: item.dossierCode }),
          submitLabel: t('inbox.action.supplement'),
          note: t('inbox.supplement.note'),
          fields: [
            { name: 'reason', label: t('field.reason'), type: 'textarea', required: true },
            { name: 'missing', label: t('field.missing'), type: 'textarea', required: true, hint: t('field.missing.hint') },
            { name: 'deadline', label: t('field.applicantDeadline'), type: 'datetime-local', hint: t('field.applicantDeadline.hint') },
          ],
          submit: (v) => act(item, 'supplement-request', { reason: v.reason, missing: v.missing.split('\n').map((s) => s.trim()).filter(Boolean), ...(v.deadline ? { applicantDeadlineAt: localInputToIso(v.deadline) } : {}) }, 'inbox.done.supplement'),
        }),
      payment: () =>
        openDialog({
          title: t('inbox.payment.title', { code: item.dossierCode }),
          submitLabel: t('inbox.action.payment'),
          fields: [
            { name: 'kind', label: t('field.paymentKind'), type: 'select', options: ['fee', 'land_levy', 'tax', 'other'].map((k) => ({ value: k, label: t(`payment.${k}`) })), required: true },
            { name: 'amountVnd', label: t('field.amountVnd'), type: 'number', min: 0, step: 1000, required: true },
          ],
          submit: (v) => act(item, 'payment-request', v, 'inbox.done.payment'),
        }),
      extend: () => extendDialog(item),
      reassign: () => openDialog({ title: t('inbox.reassign.title', { code: item.dossierCode }), submitLabel: t('inbox.action.reassign'), fields: [{ name: 'toOfficerId', label: t('field.officer'), required: true }], submit: (v) => act(item, 'reassign', v, 'inbox.done.reassigned') }),
    };
    if (item.status === 'open') out.push(button(t('inbox.action.claim'), 'claim', 'primary'));
    if (mine) {
      out.push(button(t('inbox.action.complete'), 'complete', 'primary'), button(t('inbox.action.return'), 'return'), button(t('inbox.action.transfer'), 'transfer'), button(t('inbox.action.supplement'), 'supplement'));
      if (item.stepKind !== 'reception') out.push(button(t('inbox.action.payment'), 'payment'));
      out.push(button(t('inbox.action.extend'), 'extend'));
    }
    if (isHead && item.status === 'claimed' && !mine) out.push(button(t('inbox.action.reassign'), 'reassign'));
    return h('div.actions', {}, out);
  }

  /** Form 04: the reason and the new appointment, pre-filled from the engine's automatic draft when there is one. */
  async function extendDialog(item) {
    const [events, dossier] = await Promise.all([api(`/dossiers/${item.dossierCode}/events`), api(`/dossiers/${item.dossierCode}`)]);
    const draft = [...events.events].reverse().find((e) => e.type === 'sla.form04_drafted');
    const note = draft
      ? t('inbox.extend.draft', { due: fmtDateTime(draft.payload.dueAt), unit: await unitName(draft.payload.unitId), left: draft.payload.remainingAllotmentWorkingMinutes })
      : t('inbox.extend.noDraft', { due: fmtDateTime(dossier.appointmentAt) });
    openDialog({
      title: t('inbox.extend.title', { code: item.dossierCode }),
      submitLabel: t('inbox.action.extend'),
      note,
      fields: [
        { name: 'reason', label: t('field.reason'), type: 'textarea', required: true, value: draft ? t('inbox.extend.draftReason', { step: item.stepName }) : '' },
        { name: 'newAppointmentAt', label: t('field.newAppointment'), type: 'datetime-local', required: true },
      ],
      submit: async (v) => {
        await api(`/dossiers/${item.dossierCode}/extend`, { body: { unitId: item.unitId, reason: v.reason, newAppointmentAt: localInputToIso(v.newAppointmentAt) } });
        announce(t('inbox.done.extended', { code: item.dossierCode }));
        await load();
      },
    });
  }

  function row(item) {
    const claimed = item.claimedBy ? (item.claimedBy === m.subject ? t('inbox.claimedByMe') : t('inbox.claimedBy', { officer: item.claimedBy })) : t('inbox.unclaimed');
    return h(
      'tr',
      { 'data-task': `${item.dossierCode}/${item.taskId}`, 'data-status': item.status },
      h('td', {}, h('a', { href: `/ui/dossier/${item.dossierCode}` }, item.dossierCode)),
      h('td', {}, h('span', { 'data-procedure': item.procedureCode }, procNames.get(item.procedureCode) ?? item.procedureCode), h('br'), h('small', {}, item.stepName)),
      h('td', {}, fmtDateTime(item.dueAt)),
      h('td', {}, deadlineBadge(item.deadlineStatus, item.remainingWorkingMinutes, item.paused)),
      h('td', { 'data-claimed': item.claimedBy ?? '' }, claimed),
      h('td', {}, actions(item)),
    );
  }

  function render() {
    if (state.items.length === 0) return replace(list, h('p.empty', { 'data-empty': 'true' }, t(`inbox.empty.${state.view}`)));
    replace(
      list,
      h(
        'table.data',
        {},
        h('caption', {}, t('inbox.caption', { unit: names.get(state.unit)?.name ?? state.unit, view: t(`inbox.view.${state.view}`) })),
        h('thead', {}, h('tr', {}, ['col.dossier', 'col.procedureStep', 'col.due', 'col.remaining', 'col.handler', 'col.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, state.items.map(row)),
      ),
    );
  }

  let loading;
  async function load(append = false) {
    const run = async () => {
      const params = new URLSearchParams({ view: state.view, limit: '50' });
      if (append && state.cursor) params.set('cursor', state.cursor);
      try {
        const r = await api(`/units/${encodeURIComponent(state.unit)}/inbox?${params}`);
        state.items = append ? [...state.items, ...r.items] : r.items;
        state.cursor = r.nextCursor;
        renderTabs(r.counts);
        render();
        more.hidden = !r.nextCursor;
      } catch (err) {
        replace(list, errorBox(err));
      }
      setReady();
    };
    loading = (loading ?? Promise.resolve()).then(run);
    return loading;
  }

  // live: re-read the list when the unit's inbox changes (debounced), and say what left it
  let timer;
  const reloadSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 120);
  };
  let stop;
  function restartStream() {
    stop?.();
    stop = stream(`/units/${encodeURIComponent(state.unit)}/inbox/stream`, {
      onOpen: live.onOpen,
      onDown: live.onDown,
      onEvent: (type, data) => {
        if (type === 'inbox-change') {
          const shown = new Set(state.items.map((i) => `${i.dossierCode}/${i.taskId}`));
          const left = data.changes.filter((c) => c.change === 'removed' && shown.has(`${c.dossierCode}/${c.taskId}`));
          const arrived = data.changes.filter((c) => c.change === 'assigned');
          if (left.length) announce(t('inbox.live.left', { codes: left.map((c) => c.dossierCode).join(', ') }));
          if (arrived.length) announce(t('inbox.live.arrived', { codes: arrived.map((c) => c.dossierCode).join(', ') }));
        }
        reloadSoon();
      },
    });
  }
  renderTabs();
  syncUrl();
  await load();
  restartStream();
});
