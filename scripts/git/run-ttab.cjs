'use strict';
// Finds and runs the ttab CLI for the git scripts beside this file (textconv, external diff,
// pre-commit), in this order: $TTAB (a ttab.js file or a command), the CLI of the project these
// scripts belong to (bin/ttab.js two folders up), target-table installed in the repository
// (node_modules), then `ttab` on the PATH. Copy the whole scripts/git folder, not one script.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function ttabCommand(cwd) {
  const fromEnv = process.env.TTAB;
  if (fromEnv) return fromEnv.endsWith('.js') ? [process.execPath, fromEnv] : [fromEnv];
  const own = path.join(__dirname, '..', '..', 'bin', 'ttab.js');
  if (fs.existsSync(own)) return [process.execPath, own];
  try {
    return [process.execPath, require.resolve('target-table/bin/ttab.js', { paths: [cwd] })];
  } catch {
    return ['ttab'];
  }
}

/** Runs `ttab ...args`; returns its exit code (2 when it cannot be started). */
function runTtab(args, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const [command, ...prefix] = ttabCommand(cwd);
  const result = spawnSync(command, [...prefix, ...args], {
    cwd,
    stdio: options.stdio ?? 'inherit',
    encoding: 'utf8',
    // `ttab` from the PATH is a .cmd shim on Windows
    shell: process.platform === 'win32' && command === 'ttab',
  });
  if (result.error) {
    process.stderr.write(`ttab: 无法运行 ttab（${result.error.message}），可设置 TTAB 环境变量 / cannot run ttab (${result.error.message}); set TTAB to its bin/ttab.js\n`);
    return { status: 2, stdout: '' };
  }
  return { status: result.status ?? 2, stdout: result.stdout ?? '' };
}

module.exports = { runTtab };
