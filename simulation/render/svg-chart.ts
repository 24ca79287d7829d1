/**
 * A small line chart as SVG text: no dependency, deterministic output (fixed decimals, fixed
 * palette), self-contained so the HTML report can inline it.
 */
export interface Series {
  name: string;
  /** One value per x label; null leaves a gap. */
  values: Array<number | null>;
}

export interface LineChart {
  title: string;
  yLabel: string;
  xLabels: string[];
  series: Series[];
  /** Fixed y range, else from the data (from 0). */
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const n = raw / pow;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow;
}

export function lineChartSvg(c: LineChart): string {
  const width = c.width ?? 960;
  const height = c.height ?? 420;
  const legendRows = Math.ceil(c.series.length / 3);
  const m = { left: 64, right: 40, top: 36, bottom: 48 + legendRows * 18 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const values = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMin = c.yMin ?? Math.min(0, ...values);
  let yMax = c.yMax ?? Math.max(1, ...values);
  if (yMax <= yMin) yMax = yMin + 1;
  const n = c.xLabels.length;
  const x = (i: number) => m.left + (n <= 1 ? w / 2 : (i * w) / (n - 1));
  const y = (v: number) => m.top + h - ((v - yMin) / (yMax - yMin)) * h;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${m.left}" y="20" font-size="14" font-weight="bold">${esc(c.title)}</text>`);
  const step = niceStep(yMax - yMin, 5);
  for (let v = Math.ceil(yMin / step) * step; v <= yMax + 1e-9; v += step) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${esc(String(Math.round(v * 100) / 100))}</text>`);
  }
  out.push(`<text transform="translate(14 ${f(m.top + h / 2)}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`);
  const every = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += every) out.push(`<text x="${f(x(i))}" y="${m.top + h + 16}" text-anchor="middle">${esc(c.xLabels[i]!)}</text>`);
  out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#999"/>`);
  c.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${f(x(i))} ${f(y(Math.min(yMax, Math.max(yMin, v))))}`;
      pen = true;
    });
    if (d) out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"><title>${esc(s.name)}</title></path>`);
    const lx = m.left + (k % 3) * (w / 3);
    const ly = m.top + h + 34 + Math.floor(k / 3) * 18;
    out.push(`<rect x="${f(lx)}" y="${ly - 9}" width="12" height="3" fill="${color}"/><text x="${f(lx + 16)}" y="${ly - 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
