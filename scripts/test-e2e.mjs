#!/usr/bin/env node
// `npm run test:e2e`: builds the extension and runs the e2e suite (test/e2e/suite) in a real VS Code,
// once with its display language English and once Chinese (test/e2e/common.js).
// Desktop VS Code (@vscode/test-electron) when it is cached in .vscode-test/ or can be downloaded and
// a display is available; otherwise code-server + headless Chromium, which this script installs
// itself (scripts/setup-code-server.sh, idempotent, cached under .vscode-test/).
//
// Options: --launcher electron|code-server (or TTAB_E2E_LAUNCHER) to choose;
// the code-server run saves screenshots in out/e2e/screenshots/, and --update-screenshots copies the
// README's three into docs/images/ after a passing run; --vsix (code-server) packages the extension
// and tests the installed .vsix instead of this working tree.
// Exits non-zero when a test fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const VSCODE_VERSION = process.env.VSCODE_VERSION || '1.100.3';
const SCREENSHOTS = 'out/e2e/screenshots';
/** The pictures the README shows, refreshed by --update-screenshots after a passing run. */
const README_SCREENSHOTS = ['diagnostics', 'hover', 'completion', 'preview'];

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Desktop VS Code needs a display on Linux: an X server, or xvfb-run to start one. */
function displayWrapper() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return [];
  return hasCommand('xvfb-run') ? ['xvfb-run', '-a'] : null;
}

async function desktopVSCodeAvailable() {
  if (displayWrapper() === null) {
    console.log('[test:e2e] no display and no xvfb-run: desktop VS Code cannot run here');
    return false;
  }
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  try {
    await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(root, '.vscode-test'), timeout: 30_000 });
    return true;
  } catch (error) {
    console.log(`[test:e2e] desktop VS Code ${VSCODE_VERSION} cannot be downloaded (${String(error.message || error).split('\n')[0]})`);
    return false;
  }
}

async function main() {
  if (run('node', ['scripts/build.mjs']) !== 0) return 1;
  let launcher = option('--launcher') || process.env.TTAB_E2E_LAUNCHER;
  if (!launcher) launcher = (await desktopVSCodeAvailable()) ? 'electron' : 'code-server';
  console.log(`[test:e2e] launcher: ${launcher}`);
  if (launcher === 'electron') {
    const [wrapper = undefined, ...wrapperArgs] = displayWrapper() ?? [];
    return wrapper
      ? run(wrapper, [...wrapperArgs, 'node', 'test/e2e/run-electron.js'])
      : run('node', ['test/e2e/run-electron.js']);
  }
  if (launcher !== 'code-server') {
    console.error(`[test:e2e] unknown launcher '${launcher}' (electron or code-server)`);
    return 2;
  }
  if (run('bash', ['scripts/setup-code-server.sh']) !== 0) return 1;
  const vsixArgs = [];
  if (args.includes('--vsix')) {
    // the packaged extension, installed as a user installs it, instead of this working tree
    if (run('npm', ['run', 'package', '--silent']) !== 0) return 1;
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    vsixArgs.push('--vsix', `target-table-${version}.vsix`);
  }
  const code = run('node', ['test/e2e/run-code-server.js', '--screenshots', SCREENSHOTS, ...vsixArgs]);
  if (code === 0 && args.includes('--update-screenshots')) {
    for (const name of README_SCREENSHOTS) {
      fs.copyFileSync(path.join(root, SCREENSHOTS, `${name}.png`), path.join(root, 'docs', 'images', `${name}.png`));
      console.log(`[test:e2e] docs/images/${name}.png updated`);
    }
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test:e2e] ${error.stack || error}`);
    process.exit(1);
  },
);
