import fs from 'node:fs';

/** Debian's and the usual distributions' Chromium; MOTCUA_CHROMIUM_PATH names another. No browser is downloaded. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(configured?: string): string | undefined {
  if (configured) return fs.existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((p) => fs.existsSync(p));
}
