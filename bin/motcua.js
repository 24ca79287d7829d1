#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (tsx), so a fresh clone needs no build step.
require('tsx/cjs');
require('../cli/main.ts');
