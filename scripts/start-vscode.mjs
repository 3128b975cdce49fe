#!/usr/bin/env node
// `npm start`: builds the extension and opens VS Code with it on examples/ — desktop VS Code when
// `code` is on PATH, otherwise code-server on 127.0.0.1 (installed by scripts/setup-code-server.sh on
// the first run, idempotent), printing the address to open in a browser. Ctrl+C stops code-server.
// Without `npm ci` first it says so (no stack trace). code-server opens examples/ as a trusted
// folder (they are this repository's tables); desktop VS Code asks once whether to trust it.
//
// Environment: PORT (code-server's port, default 8080 or a free one), TTAB_START=code|code-server
// to choose, TTAB_FOLDER to open another folder than examples/ (VS Code then asks about trust).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const folder = path.resolve(root, process.env.TTAB_FOLDER || 'examples');
const codeServer = path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
/** What building the extension needs from node_modules (`npm ci` installs it). */
const BUILD_DEPENDENCIES = ['esbuild', 'chevrotain', 'vscode-languageclient/node', 'vscode-languageserver/node', 'exceljs'];

/** The build dependencies `npm ci` has not installed (yet) in `projectRoot`. */
export function missingDependencies(projectRoot = root) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  return BUILD_DEPENDENCIES.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const onPath = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT || 8080);
  if (await portIsFree(wanted)) return wanted;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const healthy = (port) =>
  new Promise((resolve) => http.get(`http://127.0.0.1:${port}/healthz`, (r) => { r.resume(); resolve(r.statusCode === 200); }).on('error', () => resolve(false)));

async function startCodeServer() {
  if (!fs.existsSync(codeServer)) {
    console.log(
      'First run: installing code-server 4.100.3 (VS Code for the browser, about 310 MB) into .vscode-test/\n' +
        'with npm and apt-get. This usually takes 1–3 minutes; later runs start at once.',
    );
  }
  if (run('bash', ['scripts/setup-code-server.sh']) !== 0) return 1;
  const port = await choosePort();
  const state = path.join(root, '.vscode-test', 'start');
  for (const d of ['user-data/User', 'extensions']) fs.mkdirSync(path.join(state, d), { recursive: true });
  const settings = path.join(state, 'user-data', 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.writeFileSync(settings, JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'update.mode': 'none',
      'git.openRepositoryInParentFolders': 'always',
    }, null, 2));
  }
  // examples/ are this repository's own tables: opened as trusted, without the trust prompt
  const trusted = folder === examples ? ['--disable-workspace-trust'] : [];
  const child = spawn(codeServer, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'),
    '--config', path.join(state, 'config.yaml'), ...trusted,
  ], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // No extension marketplace (this machine has no internet): the gallery points at a closed loopback port.
    env: { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }) },
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (let i = 0; i < 300 && !(await healthy(port)); i++) await new Promise((r) => setTimeout(r, 100));
  // the extension is loaded from this working tree as a development extension
  const authority = `127.0.0.1:${port}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${root}`]]);
  const url = `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nTarget Table in VS Code (code-server ${port}): open\n\n  ${url}\n\nCtrl+C stops it.`);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

async function main() {
  const missing = missingDependencies();
  if (missing.length > 0) {
    console.error(
      `npm start: the project's dependencies are not installed (${missing.join(', ')} not found).\n` +
        `Install them first, in ${root}:\n\n  npm ci\n\nthen run npm start again.`,
    );
    return 1;
  }
  if (run('node', ['scripts/build.mjs']) !== 0) return 1;
  const choice = process.env.TTAB_START || (onPath('code') ? 'code' : 'code-server');
  if (choice === 'code') {
    console.log(`Opening VS Code on ${path.relative(root, folder) || '.'} with the Target Table extension from this folder…`);
    console.log('VS Code asks once whether you trust the folder\'s authors: choose "Yes, I trust the authors" for the full extension.');
    return run('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder]);
  }
  return startCodeServer();
}

// run when started (`npm start`), not when a test imports missingDependencies
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`npm start: ${error.message || error}`);
      process.exit(1);
    },
  );
}
