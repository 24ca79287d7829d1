#!/usr/bin/env node
// In a clone the CLI runs the TypeScript sources directly (tsx, a development dependency), so a
// fresh clone needs no build step; an installation without them (the image, `npm ci --omit=dev`)
// runs the compiled dist/ that `npm run build` wrote.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const sources = path.join(root, 'cli', 'main.ts');
const compiled = path.join(root, 'dist', 'cli', 'main.js');

function hasTsx() {
  try {
    require.resolve('tsx/cjs');
    return true;
  } catch {
    return false;
  }
}

if (fs.existsSync(sources) && hasTsx()) {
  require('tsx/cjs');
  require(sources);
} else if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  process.stderr.write('motcua: neither the sources with tsx (run `npm ci`) nor a build (run `npm run build`) are here\n');
  process.exit(1);
}
