import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PolicyComparison } from '../compare-policy';
import type { SimulationResult } from '../simulation-result';
import { lineChartSvg } from './svg-chart';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number | null | undefined, suffix = ''): string => (v === null || v === undefined ? '–' : `${v.toLocaleString('en-US')}${suffix}`);

/** On-time rate per receiving unit and month (the statistics' own on-time rate). */
export function onTimeChart(r: SimulationResult, title: string): string {
  const months = [...new Set(r.statistics.byUnitMonth.map((x) => x.period))];
  const units = [...new Set(r.statistics.byUnitMonth.map((x) => x.unitId!))];
  const byKey = new Map(r.statistics.byUnitMonth.map((x) => [`${x.unitId}|${x.period}`, x]));
  return lineChartSvg({
    title,
    yLabel: 'on time, % of finished',
    xLabels: months,
    yMax: 100,
    yMin: Math.min(80, ...r.statistics.byUnitMonth.map((x) => x.onTimeRate.percent ?? 100)),
    series: units.map((u) => ({ name: u, values: months.map((mo) => byKey.get(`${u}|${mo}`)?.onTimeRate.percent ?? null) })),
  });
}

/** Tasks waiting or in hand at the modelled units with the largest peaks, weekly. */
export function backlogChart(r: SimulationResult, title: string, top = 10): string {
  const units = Object.entries(r.backlog.byUnit)
    .map(([unitId, values]) => ({ unitId, values, peak: Math.max(0, ...values) }))
    .sort((a, b) => b.peak - a.peak || (a.unitId < b.unitId ? -1 : 1))
    .slice(0, top);
  return lineChartSvg({ title, yLabel: 'tasks waiting or in hand', xLabels: r.backlog.dates, series: units.map((u) => ({ name: u.unitId, values: u.values })) });
}

function summaryTable(r: SimulationResult): string {
  const rows = [...r.statistics.byUnit, { ...r.statistics.total, unitId: 'all desks' }];
  const ind = new Map(r.indicators.byUnit.map((i) => [i.unitId, i]));
  const body = rows
    .map((s) => {
      const i = s.unitId === 'all desks' ? r.indicators.total : ind.get(s.unitId);
      const on = i?.indicators.find((x) => x.code === '2.1');
      return `<tr><td>${esc(s.unitId ?? '')}</td><td>${num(s.received.new)}</td><td>${num(s.finished.total)}</td><td>${num(s.completionRate.percent, '%')}</td><td>${num(s.onTimeRate.percent, '%')}</td><td>${num(s.finished.late)}</td><td>${num(s.withdrawn)}</td><td>${num(s.supplementExpired)}</td><td>${num(s.inProgress.total)}</td><td>${num(on?.value, '%')}</td><td>${num(i?.points)} / ${num(i?.maxPoints)}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>receiving unit</th><th>received</th><th>finished</th><th>completion</th><th>on time</th><th>late</th><th>withdrawn</th><th>supplement expired</th><th>in progress at the end</th><th>766 · 2.1</th><th>766 points</th></tr></thead><tbody>${body}</tbody></table>`;
}

function unitsTable(r: SimulationResult): string {
  const body = r.units
    .map((u) => `<tr><td>${esc(u.unitId)}</td><td>${esc(u.name)}</td><td>${u.modelled ? num(u.officers) : 'no queue'}</td><td>${num(u.tasksCompleted)}</td><td>${num(u.lateTaskPercent, '%')}</td><td>${num(u.meanWaitWorkingHours)}</td><td>${num(u.utilisationPercent, '%')}</td><td>${num(u.peakBacklog)}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>unit</th><th>name</th><th>officers</th><th>tasks</th><th>late tasks</th><th>mean wait (working h)</th><th>utilisation</th><th>peak backlog</th></tr></thead><tbody>${body}</tbody></table>`;
}

function calibrationTable(r: SimulationResult): string {
  if (r.calibration.length === 0) return '<p>The profile names no calibration targets.</p>';
  const body = r.calibration
    .map((c) => `<tr class="${c.within ? 'ok' : 'bad'}"><td>${esc(c.label)}</td><td>${num(c.target)}</td><td>${num(c.simulated)}</td><td>${num(c.difference)}${c.metric === 'received' ? '%' : ' points'}</td><td>± ${c.tolerance}</td><td>${c.within ? 'within' : 'OUTSIDE'}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>figure</th><th>report</th><th>simulated</th><th>difference</th><th>tolerance</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
}

function yearsTable(r: SimulationResult): string {
  const ind = new Map(r.indicators.byYear.map((i) => [i.from.slice(0, 4), i]));
  const body = r.statistics.byYear
    .map((s) => {
      const i = ind.get(s.period);
      return `<tr><td>${s.period}</td><td>${num(s.received.new)}</td><td>${num(s.completionRate.percent, '%')}</td><td>${num(s.onTimeRate.percent, '%')}</td>${['2.1', '3.3', '3.6', '4.1', '4.2', '4.3', '5.4'].map((code) => `<td>${num(i?.indicators.find((x) => x.code === code)?.value, '%')}</td>`).join('')}<td>${num(i?.points)}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>year</th><th>received</th><th>completion</th><th>on time</th><th>2.1</th><th>3.3</th><th>3.6</th><th>4.1</th><th>4.2</th><th>4.3</th><th>5.4</th><th>points</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function comparisonTable(c: PolicyComparison): string {
  const totals = c.totals.map((t) => `<tr><td>${esc(t.measure)}</td><td>${num(t.before)}</td><td>${num(t.after)}</td></tr>`).join('\n');
  const units = c.units
    .map(
      (u) =>
        `<tr${c.bottleneck?.unitId === u.unitId ? ' class="bad"' : ''}><td>${esc(u.unitId)}</td><td>${num(u.before.officers)} → ${num(u.after.officers)}</td><td>${num(u.before.utilisationPercent, '%')} → ${num(u.after.utilisationPercent, '%')}</td><td>${num(u.before.meanWaitWorkingHours)} → ${num(u.after.meanWaitWorkingHours)}</td><td>${num(u.before.lateTaskPercent, '%')} → ${num(u.after.lateTaskPercent, '%')}</td><td>${num(u.before.peakBacklog)} → ${num(u.after.peakBacklog)}</td></tr>`,
    )
    .join('\n');
  const b = c.bottleneck;
  return `<p>Bottleneck under <b>${esc(c.policy)}</b>: ${b ? `<b>${esc(b.unitId)}</b> (${esc(b.name)}): late tasks ${num(b.lateBefore, '%')} → ${num(b.lateAfter, '%')}, mean wait ${num(b.waitBefore)} → ${num(b.waitAfter)} working hours, utilisation ${num(b.utilisationAfter, '%')}` : 'none'}</p>
<table><thead><tr><th>measure</th><th>before</th><th>after</th></tr></thead><tbody>${totals}</tbody></table>
<table><thead><tr><th>unit</th><th>officers</th><th>utilisation</th><th>mean wait (working h)</th><th>late tasks</th><th>peak backlog</th></tr></thead><tbody>${units}</tbody></table>`;
}

const STYLE = `body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}tr.bad td{background:#fde8e8}tr.ok td{background:#eaf7ea}svg{max-width:100%;height:auto;border:1px solid #eee}code{background:#f4f4f4;padding:1px 4px}`;

/** The self-contained HTML report: tables and inline SVG charts, no external resource. */
export function reportHtml(r: SimulationResult, after?: { result: SimulationResult; comparison: PolicyComparison }): string {
  const p = r.profile;
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(p.name)}: simulation</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(p.name)}</h1>`,
    `<p>${p.years} years from ${p.start}, calendar <code>${esc(p.calendarVersion)}</code>, seed ${p.seed}. ${num(r.counts.dossiers)} dossiers, ${num(r.counts.events)} events from the workflow's decider, ${num(r.counts.decisions)} decisions${Object.keys(r.counts.rejected).length ? `; rejected commands: ${esc(JSON.stringify(r.counts.rejected))}` : ''}.</p>`,
    '<h2>Calibration against the report</h2>',
    calibrationTable(r),
    '<h2>Receiving units over the run</h2>',
    summaryTable(r),
    '<h2>By year (all desks): statistics and Decision 766 indicators</h2>',
    yearsTable(r),
    '<h2>On-time rate per receiving unit</h2>',
    onTimeChart(r, 'On-time rate per receiving unit and month'),
    '<h2>Backlog</h2>',
    backlogChart(r, 'Tasks waiting or in hand, weekly (largest peaks)'),
    '<h2>Units</h2>',
    unitsTable(r),
  ];
  if (after) {
    parts.push(`<h2>Policy: ${esc(after.comparison.policy)}</h2>`, comparisonTable(after.comparison), onTimeChart(after.result, `On-time rate under ${after.comparison.policy}`), backlogChart(after.result, `Backlog under ${after.comparison.policy}`));
  }
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}

/** Writes result.json, the charts and report.html (and the policy run's files) into `dir`. */
export function writeReport(dir: string, r: SimulationResult, after?: { result: SimulationResult; comparison: PolicyComparison }): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['result.json', `${JSON.stringify(r, null, 1)}\n`],
    ['on-time.svg', `${onTimeChart(r, `${r.profile.name}: on-time rate per receiving unit and month`)}\n`],
    ['backlog.svg', `${backlogChart(r, `${r.profile.name}: tasks waiting or in hand, weekly`)}\n`],
    ['report.html', reportHtml(r, after)],
  ];
  if (after) {
    files.push(['result-policy.json', `${JSON.stringify(after.result, null, 1)}\n`], ['comparison.json', `${JSON.stringify(after.comparison, null, 1)}\n`]);
    files.push(['on-time-policy.svg', `${onTimeChart(after.result, `${after.comparison.policy}: on-time rate per receiving unit and month`)}\n`], ['backlog-policy.svg', `${backlogChart(after.result, `${after.comparison.policy}: tasks waiting or in hand, weekly`)}\n`]);
  }
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  return files.map(([name]) => path.join(dir, name));
}
