// Charts with Chart.js (served from its npm package, loaded by the shell as a classic script: window.Chart),
// each with its data as a table for screen readers and keyboards.
import { h, t } from './core.js';

const PALETTE = ['#0b5cad', '#b3261e', '#1b7f3b', '#8a4b00', '#6b3fa0', '#00707a', '#a3006b', '#4d5b00'];
const ChartJs = () => window.Chart;

function figure(id, title, canvas, table) {
  return h('figure.chart', { id }, h('figcaption', {}, title), h('div.chart-box', {}, canvas), h('details', {}, h('summary', {}, t('chart.table')), table));
}

function dataTable(title, labels, rows, format) {
  return h(
    'table.data.small',
    {},
    h('caption.visually-hidden', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), labels.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), r.values.map((v) => h('td.n', {}, v === null ? '—' : format(v)))))),
  );
}

function draw(canvas, config) {
  const C = ChartJs();
  if (!C) return;
  C.defaults.font.family = "'Noto Sans', 'DejaVu Sans', sans-serif";
  C.defaults.color = '#1a1c1e';
  // drawn after layout, so the page's first paint never waits for a chart
  requestAnimationFrame(() => new C(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } }));
}

export function lineChart({ id, title, labels, series, format, max }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  draw(canvas, {
    type: 'line',
    data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], spanGaps: true, tension: 0.2 })) },
    options: { scales: { y: { beginAtZero: true, ...(max ? { max } : {}) } }, plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` } } } },
  });
  return figure(id, title, canvas, dataTable(title, labels, series, format));
}

export function barChart({ id, title, labels, values, format }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  draw(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: title, data: values, backgroundColor: PALETTE[0] }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => format(c.parsed.x) } } } },
  });
  return figure(id, title, canvas, dataTable(title, [title], labels.map((l, i) => ({ label: l, values: [values[i]] })), format));
}
