import { api, download, errorBox, fmtNumber, fmtPercent, fmtWorkingMinutes, h, page, problemMessage, query, replace, setReady, t, unitDirectory, unitsFor } from './core.js';

const year = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4);

page(async (app) => {
  const [units, dir] = await Promise.all([unitsFor('supervisor', 'analyst', 'admin'), unitDirectory()]);
  if (units.length === 0) throw Object.assign(new Error(t('stats.noUnit')), { code: 'ROLE_NOT_ALLOWED' });
  const unit = (id) => (id ? (dir.get(id)?.name ?? id) : t('stats.allUnits'));
  const input = (id, label, el) => h('div.field', {}, h('label', { for: id }, label), el);
  const from = h('input', { id: 'from', type: 'date', value: query.get('from') ?? `${year()}-01-01`, required: true });
  const to = h('input', { id: 'to', type: 'date', value: query.get('to') ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), required: true });
  const by = h('select', { id: 'by' }, ['unit', 'procedure', 'unit,procedure', 'total'].map((v) => h('option', { value: v, selected: v === (query.get('by') ?? 'unit') }, t(`stats.by.${v}`))));
  const period = h('select', { id: 'period' }, ['month', 'year', 'day'].map((v) => h('option', { value: v, selected: v === (query.get('period') ?? 'month') }, t(`stats.period.${v}`))));
  const unitSel = h('select', { id: 'stats-unit' }, h('option', { value: '' }, t('stats.allUnits')), units.map((u) => h('option', { value: u, selected: u === query.get('unit') }, unit(u))));
  const out = h('div', { id: 'stats-out' });
  const ind = h('div', { id: 'indicators' });
  const form = h(
    'form.filters',
    { on: { submit: (e) => { e.preventDefault(); void load(); } } },
    input('from', t('stats.from'), from),
    input('to', t('stats.to'), to),
    input('by', t('stats.by'), by),
    input('period', t('stats.period'), period),
    input('stats-unit', t('stats.unit'), unitSel),
    h('div.buttons', {}, h('button.primary', { type: 'submit' }, t('stats.show')), h('button.secondary', { type: 'button', on: { click: (e) => csv(e.currentTarget) } }, t('stats.csv'))),
  );
  replace(app, form, h('section', { 'aria-labelledby': 'h-stats' }, h('h2', { id: 'h-stats' }, t('stats.figures')), out), h('section', { 'aria-labelledby': 'h-ind' }, h('h2', { id: 'h-ind' }, t('stats.indicators')), ind));

  const params = (extra = {}) => {
    const p = new URLSearchParams({ from: from.value, to: to.value, by: by.value, period: period.value, ...extra });
    if (unitSel.value) p.set('unitId', unitSel.value);
    return p;
  };

  async function csv(btn) {
    btn.disabled = true;
    try {
      await download(`/statistics?${params({ format: 'csv' })}`, `thong-ke-${from.value}-${to.value}.csv`);
    } catch (err) {
      btn.after(h('span.row-error', {}, problemMessage(err)));
    } finally {
      btn.disabled = false;
    }
  }

  async function load() {
    const u = new URL(location.href);
    for (const [k, v] of Object.entries({ from: from.value, to: to.value, by: by.value, period: period.value, unit: unitSel.value })) v ? u.searchParams.set(k, v) : u.searchParams.delete(k);
    history.replaceState(null, '', u);
    const iq = new URLSearchParams({ from: from.value, to: to.value });
    if (unitSel.value) iq.set('unitId', unitSel.value);
    const [stats, indicators] = await Promise.allSettled([api(`/statistics?${params()}`), api(`/indicators?${iq}`)]);
    if (stats.status === 'rejected') replace(out, errorBox(stats.reason));
    else replace(out, statsTable(stats.value.rows, unit));
    if (indicators.status === 'rejected') replace(ind, errorBox(indicators.reason));
    else replace(ind, indicatorsTable(indicators.value));
    setReady();
  }
  await load();
});

function statsTable(rows, unit) {
  if (!rows.length) return h('p.empty', {}, t('stats.none'));
  const heads = ['stats.col.period', 'stats.col.group', 'stats.col.received', 'stats.col.new', 'stats.col.online', 'stats.col.finished', 'stats.col.early', 'stats.col.onTime', 'stats.col.late', 'stats.col.inProgress', 'stats.col.overdue', 'stats.col.completion', 'stats.col.onTimeRate', 'stats.col.avgTime'];
  return h(
    'div.scroll',
    { tabindex: '0', role: 'region', 'aria-label': t('stats.figures') },
    h(
      'table.data.stats',
      {},
      h('thead', {}, h('tr', {}, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, r.period),
            h('td', {}, [r.unitId ? unit(r.unitId) : null, r.procedureCode].filter(Boolean).join(' · ') || t('stats.allUnits')),
            ...[r.received.total, r.received.new, r.received.byChannel.online, r.finished.total, r.finished.early, r.finished.onTime, r.finished.late, r.inProgress.total, r.inProgress.overdue].map((n) => h('td.n', {}, fmtNumber(n))),
            h('td.n', {}, fmtPercent(r.completionRate.percent)),
            h('td.n', { 'data-rate': 'on-time' }, fmtPercent(r.onTimeRate.percent)),
            h('td.n', {}, r.processing.averageWorkingMinutes === null ? '—' : fmtWorkingMinutes(r.processing.averageWorkingMinutes)),
          ),
        ),
      ),
    ),
  );
}

function indicatorsTable(rep) {
  return h(
    'div',
    {},
    h('p.total', {}, t('stats.points', { points: fmtNumber(rep.points), max: fmtNumber(rep.maxPoints) })),
    h(
      'table.data',
      {},
      h('thead', {}, h('tr', {}, ['ind.code', 'ind.name', 'ind.value', 'ind.fraction', 'ind.points'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        {},
        rep.indicators.map((i) =>
          h(
            'tr',
            { 'data-indicator': i.code },
            h('th', { scope: 'row' }, i.code, i.procedureCode ? ` · ${i.procedureCode}` : ''),
            h('td', {}, t(`ind.${i.code}`) === `ind.${i.code}` ? i.name : t(`ind.${i.code}`), i.verified ? '' : h('small', {}, ` (${t('ind.unverified')})`)),
            h('td.n', {}, i.value === null ? '—' : i.unit === 'percent' ? fmtPercent(i.value) : fmtWorkingMinutes(i.value)),
            h('td.n', {}, i.unit === 'percent' ? `${fmtNumber(i.numerator)}/${fmtNumber(i.denominator)}` : fmtNumber(i.denominator)),
            h('td.n', {}, i.points === null ? '—' : `${fmtNumber(i.points)}/${fmtNumber(i.maxPoints)}`),
          ),
        ),
      ),
    ),
  );
}
