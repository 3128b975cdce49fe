#!/usr/bin/env node
'use strict';
// The ttab command: runs the bundled CLI (built by `npm run build`, which `npm install` runs).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('ttab: 找不到 dist/cli.js，请先运行 npm run build / dist/cli.js is missing: run `npm run build` first\n');
  process.exit(2);
}
require(bundle);
