import type { Browser } from 'playwright-core';
import { AppError, isKnownCode } from '../../app/errors';

/** Prints a page of this server to PDF in headless Chromium, signed in with the caller's token. */
export interface PdfRenderer {
  render(url: string, token: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** The key the pages keep the bearer token under (web/static/core.js reads the same). */
export const TOKEN_STORAGE_KEY = 'motcua.token';
const RENDER_TIMEOUT_MS = 20_000;

/**
 * One browser per API process, launched on the first PDF and kept; a fresh context (no shared storage)
 * per document. The page reports `data-state` ready or error on its body, with the API's error code.
 */
export function createPdfRenderer(executablePath: string | undefined): PdfRenderer {
  let browser: Promise<Browser> | undefined;
  const launch = async (): Promise<Browser> => {
    if (!executablePath) throw new AppError('NOT_READY', 'no Chromium to render PDFs with: install Debian’s chromium or set MOTCUA_CHROMIUM_PATH');
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath, headless: true, args: ['--disable-dev-shm-usage'] });
    b.on('disconnected', () => (browser = undefined));
    return b;
  };
  return {
    async render(url, token) {
      browser ??= launch().catch((err: unknown) => {
        browser = undefined;
        throw err instanceof AppError ? err : new AppError('NOT_READY', `Chromium did not start: ${(err as Error).message}`);
      });
      const context = await (await browser).newContext();
      try {
        // strings, not functions: this file is compiled without the DOM's types
        await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_STORAGE_KEY)}, ${JSON.stringify(token)});` });
        const page = await context.newPage();
        await page.goto(url, { timeout: RENDER_TIMEOUT_MS });
        // a locator, not waitForFunction: the pages' Content-Security-Policy forbids the eval that the latter needs
        await page.locator('body[data-state="ready"], body[data-state="error"]').waitFor({ state: 'attached', timeout: RENDER_TIMEOUT_MS });
        const state = (await page.evaluate(`({ state: document.body.dataset.state, code: document.body.dataset.errorCode || '', detail: document.body.dataset.errorDetail || '' })`)) as { state: string; code: string; detail: string };
        if (state.state === 'error') throw new AppError(isKnownCode(state.code) ? state.code : 'NOT_READY', state.detail || 'the print page could not be rendered');
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      const b = browser;
      browser = undefined;
      if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
    },
  };
}
