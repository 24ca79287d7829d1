import { announce, api, deadlineBadge, errorBox, fmtDateTime, fmtNumber, fmtPercent, fmtWorkingMinutes, h, liveIndicator, page, query, replace, setReady, stream, t, unitDirectory, unitsFor } from './core.js';
import { lineChart, barChart } from './charts.js';

/**
 * The SLA board's columns. A column shows when its `when` holds for the rows, so a field the API adds
 * later (the breach probability) appears without touching the rest.
 */
const COLUMNS = [
  { key: 'dossier', label: 'col.dossier', cell: (r) => h('a', { href: `/ui/dossier/${r.dossierCode}` }, r.dossierCode) },
  { key: 'scope', label: 'col.scope', cell: (r, ctx) => (r.scope === 'step' ? t('board.scope.step', { task: r.taskId }) : t('board.scope.dossier')) },
  { key: 'unit', label: 'col.unit', cell: (r, ctx) => ctx.unit(r.unitId) },
  { key: 'due', label: 'col.due', cell: (r) => fmtDateTime(r.dueAt) },
  { key: 'remaining', label: 'col.remaining', cell: (r) => deadlineBadge(r.status, r.remainingWorkingMinutes, r.paused) },
  // the forecast is of the dossier's appointment: a step row would repeat it as if it were the step's own
  { key: 'breachProbability', label: 'col.breachProbability', when: (rows) => rows.some((r) => typeof r.breachProbability === 'number'), cell: (r) => (r.scope === 'dossier' && typeof r.breachProbability === 'number' ? fmtPercent(Math.round(r.breachProbability * 1000) / 10) : '—') },
  { key: 'flags', label: 'col.flags', cell: (r) => [r.alertPending ? t('board.flag.alertPending') : null, r.breachedAt ? t('board.flag.breached') : null, r.escalatedAt ? t('board.flag.escalated') : null, r.form04DraftedAt ? t('board.flag.form04') : null, r.warnedAt && !r.breachedAt ? t('board.flag.warned') : null].filter(Boolean).join(', ') || '—' },
];

const monthsBack = (n) => {
  const d = new Date(Date.now() + 7 * 3600_000);
  const to = d.toISOString().slice(0, 10);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - (n - 1));
  return { from: d.toISOString().slice(0, 10), to };
};

page(async (app) => {
  const [units, dir] = await Promise.all([unitsFor('supervisor', 'unit_head', 'admin'), unitDirectory()]);
  if (units.length === 0) throw Object.assign(new Error(t('board.noUnit')), { code: 'ROLE_NOT_ALLOWED' });
  const unit = (id) => dir.get(id)?.name ?? id;
  const state = { unit: units.includes(query.get('unit')) ? query.get('unit') : '', status: ['due_soon', 'overdue'].includes(query.get('status')) ? query.get('status') : '' };
  const unitParam = () => (state.unit ? `unitId=${encodeURIComponent(state.unit)}` : '');

  const unitSelect = h('select', { id: 'board-unit', on: { change: () => { state.unit = unitSelect.value; sync(); restart(); } } }, h('option', { value: '' }, t('board.allUnits')), units.map((u) => h('option', { value: u, selected: u === state.unit }, unit(u))));
  const statusSelect = h('select', { id: 'board-status', on: { change: () => { state.status = statusSelect.value; sync(); void loadBoard(); } } }, ['', 'due_soon', 'overdue'].map((s) => h('option', { value: s, selected: s === state.status }, t(`board.status.${s || 'all'}`))));
  const live = liveIndicator();
  const alerts = h('ol.alerts', { id: 'alerts', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const summary = h('div', { id: 'unit-summary' });
  const board = h('div', { id: 'board' });
  const charts = h('div.charts', { id: 'charts' });

  replace(
    app,
    h('div.toolbar', {}, h('label', { for: 'board-unit' }, t('board.unit')), unitSelect, h('label', { for: 'board-status' }, t('board.statusFilter')), statusSelect, live.el),
    h('section', { 'aria-labelledby': 'h-alerts' }, h('h2', { id: 'h-alerts' }, t('board.alerts')), alerts, h('p.empty.small', { id: 'alerts-empty' }, t('board.noAlerts'))),
    h('section', { 'aria-labelledby': 'h-units' }, h('h2', { id: 'h-units' }, t('board.byUnit')), summary),
    h('section', { 'aria-labelledby': 'h-board' }, h('h2', { id: 'h-board' }, t('board.list')), board),
    h('section', { 'aria-labelledby': 'h-charts' }, h('h2', { id: 'h-charts' }, t('board.charts')), charts),
  );

  function sync() {
    const u = new URL(location.href);
    for (const [k, v] of Object.entries({ unit: state.unit, status: state.status })) v ? u.searchParams.set(k, v) : u.searchParams.delete(k);
    history.replaceState(null, '', u);
  }

  async function loadSummary() {
    try {
      const r = await api(`/sla-board/units?${unitParam()}`);
      if (!r.units.length) return replace(summary, h('p.empty', {}, t('board.nothing')));
      replace(
        summary,
        h(
          'table.data',
          {},
          h('caption.visually-hidden', {}, t('board.byUnit')),
          h('thead', {}, h('tr', {}, ['col.unit', 'col.dueSoon', 'col.overdue', 'col.dossiersOverdue', 'col.drill'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h(
            'tbody',
            {},
            r.units.map((u) =>
              h('tr', { 'data-unit': u.unitId }, h('td', {}, unit(u.unitId)), h('td.n', {}, String(u.dueSoon)), h('td.n', { 'data-overdue': String(u.overdue) }, String(u.overdue)), h('td.n', {}, String(u.dossiersOverdue)), h('td', {}, h('button.link', { type: 'button', on: { click: () => { state.unit = u.unitId; unitSelect.value = u.unitId; sync(); restart(); } } }, t('board.drill', { unit: unit(u.unitId) })))),
            ),
          ),
        ),
      );
    } catch (err) {
      replace(summary, errorBox(err));
    }
  }

  async function loadBoard() {
    const params = new URLSearchParams({ limit: '100' });
    if (state.unit) params.set('unitId', state.unit);
    if (state.status) params.set('status', state.status);
    try {
      const r = await api(`/sla-board?${params}`);
      lookAgainAt(r.nextStepDueAt);
      if (!r.items.length) return replace(board, h('p.empty', { 'data-empty': 'true' }, t('board.nothing')));
      const cols = COLUMNS.filter((c) => !c.when || c.when(r.items));
      replace(
        board,
        h(
          'table.data',
          {},
          h('caption.visually-hidden', {}, t('board.list')),
          h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', 'data-col': c.key }, t(c.label))))),
          h('tbody', {}, r.items.map((row) => h('tr', { 'data-dossier': row.dossierCode, 'data-scope': row.scope, 'data-status': row.status, 'data-alert-pending': String(row.alertPending === true) }, cols.map((c) => h('td', { 'data-col': c.key }, c.cell(row, { unit })))))),
        ),
        r.nextCursor ? h('p.small', {}, t('board.more')) : null,
      );
    } catch (err) {
      replace(board, errorBox(err));
    }
  }

  async function loadCharts() {
    const { from, to } = monthsBack(12);
    const q = new URLSearchParams({ from, to, by: 'unit', period: 'month' });
    if (state.unit) q.set('unitId', state.unit);
    const cq = new URLSearchParams({ from, to });
    if (state.unit) cq.set('unitId', state.unit);
    try {
      const [stats, consumption] = await Promise.all([api(`/statistics?${q}`), api(`/statistics/consumption?${cq}`)]);
      const months = [...new Set(stats.rows.map((r) => r.period))].sort();
      const byUnit = new Map();
      for (const r of stats.rows) {
        if (!byUnit.has(r.unitId)) byUnit.set(r.unitId, new Map());
        byUnit.get(r.unitId).set(r.period, r);
      }
      const series = (pick) => [...byUnit].map(([u, rows]) => ({ label: unit(u), values: months.map((m) => (rows.get(m) ? pick(rows.get(m)) : null)) }));
      replace(
        charts,
        lineChart({ id: 'chart-ontime', title: t('chart.onTime'), labels: months, series: series((r) => r.onTimeRate.percent), format: fmtPercent, max: 100 }),
        lineChart({ id: 'chart-backlog', title: t('chart.backlog'), labels: months, series: series((r) => r.inProgress.total), format: fmtNumber }),
        barChart({ id: 'chart-consumption', title: t('chart.consumption', { from, to }), labels: consumption.units.map((u) => u.unitName ?? u.unitId), values: consumption.units.map((u) => Math.round((u.averageWorkingMinutesPerDossier ?? 0) * 10) / 10), format: (v) => fmtWorkingMinutes(v) }),
      );
    } catch (err) {
      replace(charts, errorBox(err));
    }
  }

  // a step turns overdue at its due whether or not its alert arrives then (in a storm of coinciding deadlines it comes late): look again just after
  let dueTimer;
  function lookAgainAt(iso) {
    clearTimeout(dueTimer);
    if (!iso) return;
    const wait = Math.min(Date.parse(iso) - Date.now() + 1000, 6 * 3600_000);
    dueTimer = setTimeout(() => void Promise.all([loadBoard(), loadSummary()]), Math.max(1000, wait));
  }

  let timer;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void Promise.all([loadBoard(), loadSummary()]), 150);
  };
  let stop;
  function restart() {
    stop?.();
    void Promise.all([loadBoard(), loadSummary()]).then(() => setReady());
    void loadCharts();
    stop = stream(`/sla-alerts/stream?${unitParam()}`, {
      onOpen: live.onOpen,
      onDown: live.onDown,
      onEvent: (type, a) => {
        if (type !== 'sla-alert') return;
        document.getElementById('alerts-empty')?.remove();
        const text = t(`alert.${a.kind}`, { code: a.dossierCode, unit: unit(a.unitId), due: fmtDateTime(a.dueAt), scope: a.scope === 'step' ? t('board.scope.step', { task: a.taskId }) : t('board.scope.dossier') });
        alerts.prepend(h('li', { 'data-alert-kind': a.kind, 'data-dossier': a.dossierCode, class: `alert-${a.kind}` }, h('time', { datetime: a.raisedAt }, fmtDateTime(a.raisedAt)), ' ', h('a', { href: `/ui/dossier/${a.dossierCode}` }, text)));
        while (alerts.children.length > 50) alerts.lastElementChild.remove();
        if (a.kind === 'breached' || a.kind === 'escalated') announce(text);
        refreshSoon();
      },
    });
  }
  restart();
});
