import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A file the pages load, held in memory with its type and an ETag (browsers revalidate, loopback answers 304). */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/** web/static beside this file's folder (web/server in the sources, dist/web/server once built). */
export const STATIC_DIR = path.join(__dirname, '..', 'static');

const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
/** Chart.js keeps its UMD build in dist/ (its package exports only the ES and CommonJS entries). */
const chartJsFile = (): string => path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The subsets the pages need: Vietnamese, and Latin for everything else. */
const SUBSETS = ['vietnamese', 'latin-ext', 'latin'];
const FONTS: Array<{ pkg: string; weights: number[] }> = [
  { pkg: '@fontsource/noto-sans', weights: [400, 700] },
  { pkg: '@fontsource/noto-serif', weights: [400, 700] },
];

/**
 * @font-face rules from the Fontsource packages' own CSS, restricted to our subsets and woff2, with
 * URLs into /ui/assets/fonts/; returns the CSS and the font files it names.
 */
function fontFaces(): { css: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const blocks: string[] = [];
  for (const f of FONTS) {
    const dir = packageDir(f.pkg);
    for (const w of f.weights) {
      const css = fs.readFileSync(path.join(dir, `${w}.css`), 'utf8');
      for (const block of css.split('/* ').slice(1)) {
        const name = block.slice(0, block.indexOf(' */'));
        if (!SUBSETS.some((s) => name.endsWith(`-${s}-${w}-normal`))) continue;
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        if (!file) continue;
        files.set(file, path.join(dir, 'files', file));
        const rule = block.slice(block.indexOf('@font-face')).replace(/src:[^;]+;/, `src: url(/ui/assets/fonts/${file}) format('woff2');`);
        blocks.push(rule.trim());
      }
    }
  }
  return { css: blocks.join('\n'), files };
}

const asset = (body: Buffer, type: string): Asset => ({ body, type, etag: `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` });

/** Every asset, read once at start: our scripts and styles, Chart.js and the fonts, all from npm packages, no CDN. */
export function loadAssets(): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of fs.readdirSync(STATIC_DIR)) {
    const type = TYPES[path.extname(name)];
    if (type) out.set(name, asset(fs.readFileSync(path.join(STATIC_DIR, name)), type));
  }
  out.set('chart.umd.min.js', asset(fs.readFileSync(chartJsFile()), TYPES['.js']!));
  const fonts = fontFaces();
  out.set('fonts.css', asset(Buffer.from(fonts.css), TYPES['.css']!));
  for (const [file, from] of fonts.files) out.set(`fonts/${file}`, asset(fs.readFileSync(from), TYPES['.woff2']!));
  return out;
}
