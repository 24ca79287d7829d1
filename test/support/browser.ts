import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../web/server/chromium-path';
import { TOKEN_STORAGE_KEY } from '../../web/server/pdf-renderer';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). playwright-core downloads no browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium(process.env.MOTCUA_CHROMIUM_PATH);
  if (!executablePath) throw new Error('no Chromium: `apt-get install -y chromium` (or set MOTCUA_CHROMIUM_PATH)');
  return chromium.launch({ executablePath, headless: true, args: ['--disable-dev-shm-usage'] });
}

/** Where screenshots go (kept after the run as test artefacts). */
export const ARTIFACTS_DIR = process.env.MOTCUA_ARTIFACTS_DIR ?? path.join(__dirname, '..', '..', 'test-results');

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Page errors and failed requests the page met (a 4xx the page asked for is not one). */
  errors: string[];
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** A fresh browser context signed in with `token` (the way the sign-in page stores it), or anonymous. */
export async function openContext(browser: Browser, o: { token?: string; viewport?: { width: number; height: number } } = {}): Promise<SignedInPage> {
  const context = await browser.newContext({ viewport: o.viewport ?? DESKTOP, acceptDownloads: true });
  if (o.token) await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_STORAGE_KEY)}, ${JSON.stringify(o.token)});` });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** The page says its data is on screen (or that it failed): `body[data-state]`, set by web/static/core.js. */
export async function ready(page: Page, state: 'ready' | 'error' = 'ready'): Promise<void> {
  await page.locator(`body[data-state="ready"], body[data-state="error"]`).waitFor({ state: 'attached', timeout: 20_000 });
  const actual = await page.getAttribute('body', 'data-state');
  if (actual !== state) throw new Error(`page ${page.url()} is ${actual} (${await page.getAttribute('body', 'data-error-code')}: ${await page.getAttribute('body', 'data-error-detail')}), expected ${state}`);
}

export async function goto(page: Page, url: string, state: 'ready' | 'error' = 'ready'): Promise<void> {
  await page.goto(url);
  await ready(page, state);
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is; answers the serious and critical
 * violations. Evaluated through the DevTools protocol, which the pages' Content-Security-Policy lets through.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page PNG in the artefacts folder; answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A marker that survives only as long as the document does: proof that something changed without a reload. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate('window.__motcuaNoReload = true');
}
export async function stillSameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__motcuaNoReload === true')) as boolean;
}
