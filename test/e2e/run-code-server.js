#!/usr/bin/env node
// Runs the e2e suites in code-server (the VS Code server with a Node extension host, and the
// browser's web worker extension host) driven by headless Debian Chromium through playwright-core:
// the launcher for machines where desktop VS Code cannot be downloaded, and the one that runs the
// extension as VS Code for the Web does (the "web worker host" session, common.js).
// scripts/setup-code-server.sh installs code-server and Chromium.
//
// Usage: node test/e2e/run-code-server.js [--screenshots DIR] [--vsix FILE] [--session NAME]
//        [--extension DIR --suite FILE]
// Each session runs in its display language (common.js: the main suite in English and in Chinese);
// the suite drives the workbench's UI through this launcher (driveUi: clicks, keys, reading it back).
// --screenshots: saves PNGs of the workbench there (and lets the suites count notifications);
// --vsix: installs that package into code-server and tests the installed copy instead of this tree;
// --extension/--suite: runs only that suite module (a built .js) against the extension in DIR;
// --session NAME: only the session of that name ('extension', 'extension in zh-cn', 'web worker host', …).
// Exit code: 0 all tests passed, 1 a test failed or the run broke, 2 timeout.
// Environment: CS_BIN (code-server binary), CHROMIUM (browser), RUN_DIR (base folder of the runs),
// TEST_TIMEOUT_MS (per session, default 300000), VERBOSE=1 (browser console too).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const util = require('node:util');
const { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir, languagePackVsix, useLanguagePack } = require('./common');

const SCREENSHOT_MARK = '[ttab-e2e] screenshot';
const UI_MARK = '[ttab-e2e] ui';
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const screenshotDir = option('--screenshots') && path.resolve(option('--screenshots'));
const vsix = option('--vsix') && path.resolve(option('--vsix'));
const CS = process.env.CS_BIN || path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 300_000);

const totals = {
  passed: 0,
  failed: 0,
  add(passed, failed) {
    this.passed += passed;
    this.failed += failed;
  },
};
const t0 = Date.now();
const log = (...a) => console.log(`[code-server e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const status = (url) =>
  new Promise((resolve) => http.get(url, (r) => { r.resume(); resolve(r.statusCode); }).on('error', () => resolve(0)));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  for (const [what, file] of [['code-server', CS], ['Chromium', CHROMIUM]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run scripts/setup-code-server.sh (npm run test:e2e does)`);
  }
  const baseDir = defaultBaseDir();
  let runs;
  if (option('--suite')) {
    runs = [{ name: 'custom suite', extensionPath: path.resolve(option('--extension') || root), suite: path.resolve(option('--suite')), runDir: path.join(baseDir, 'custom') }];
  } else {
    if (!vsix) checkBuilt();
    const suites = await buildSuites();
    const extensionPath = vsix ? installVsix(vsix, path.join(baseDir, 'installed')) : root;
    runs = sessions(baseDir, suites, extensionPath).filter((run) => !option('--session') || run.name === option('--session'));
  }
  if (screenshotDir) fs.mkdirSync(screenshotDir, { recursive: true });
  const results = [];
  for (const run of runs) {
    log(`session: ${run.name}`);
    results.push([run.name, await runSession(run)]);
  }
  for (const [name, code] of results) log(`${code === 0 ? 'passed' : code === 2 ? 'TIMEOUT' : 'FAILED'}: ${name}`);
  // the closing line CI reads: every test of every session
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  const worst = results.map(([, code]) => code).find((code) => code !== 0);
  return worst ?? 0;
}

/** One code-server, one browser page, one suite run; returns the suite's exit code. */
async function runSession({ extensionPath, suite, runDir: dir, scenario, settings, screenshotFolder, language = 'en' }) {
  const { runDir, workspace } = prepareRunDir(dir, language);
  for (const d of ['ud/User', 'exts', 'xdg', 'chrome', 'tmp']) fs.mkdirSync(path.join(runDir, d), { recursive: true });
  // a session with a folder of its own always takes screenshots (its suite reads the workbench's page through them)
  const shots = screenshotFolder ? path.join(screenshotDir ?? path.join(runDir, 'screenshots'), screenshotFolder) : screenshotDir;
  if (shots) fs.mkdirSync(shots, { recursive: true });
  if (shots) fs.writeFileSync(path.join(workspace, '.e2e', 'screenshots'), '');
  // this launcher drives the workbench's UI for the suite (clicks, keys, reading what is shown)
  fs.writeFileSync(path.join(workspace, '.e2e', 'ui'), '');
  if (scenario) fs.writeFileSync(path.join(workspace, '.e2e', 'scenario'), scenario);
  // a quiet, offline workbench
  fs.writeFileSync(path.join(runDir, 'ud/User/settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'git.openRepositoryInParentFolders': 'never',
    'editor.hover.delay': 100,
    // the web workbench saves after a delay by default; desktop VS Code, the tests' model, does not
    'files.autoSave': 'off',
    'files.exclude': { '**/.e2e': true }, // the launcher's hand-shake files
    ...settings, // the session's own (the web worker host session: remote.extensionKind)
  }));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: `${runDir}/xdg/config`,
    XDG_DATA_HOME: `${runDir}/xdg/data`,
    XDG_CACHE_HOME: `${runDir}/xdg/cache`,
    TMPDIR: `${runDir}/tmp`,
    // No extension marketplace: the gallery points at a closed loopback port, so nothing leaves the machine.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  };
  const port = await freePort();
  const csArgs = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', `${runDir}/ud`, '--extensions-dir', `${runDir}/exts`, '--config', `${runDir}/config.yaml`];
  if (language !== 'en') {
    installExtension(languagePackVsix(runDir), `${runDir}/exts`, `${runDir}/ud`, env);
    useLanguagePack(`${runDir}/ud`, `${runDir}/exts`);
    csArgs.push('--locale', language);
    log(`display language ${language} (an empty local language pack)`);
  }
  // detached: code-server, its extension host and our language server form one process group we end at once
  const cs = spawn(CS, csArgs, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const csLogFile = path.join(runDir, 'code-server.log');
  const csLog = fs.createWriteStream(csLogFile);
  cs.stdout.pipe(csLog);
  cs.stderr.pipe(csLog);
  const stopCodeServer = () => {
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopCodeServer);

  let browser;
  try {
    for (let i = 0; i < 300 && (await status(`http://127.0.0.1:${port}/healthz`)) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    if ((await status(`http://127.0.0.1:${port}/healthz`)) !== 200) throw new Error(`code-server did not come up; see ${csLogFile}`);
    const { chromium } = require('playwright-core');
    browser = await chromium.launchPersistentContext(path.join(runDir, 'chrome'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 760 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      env, // keeps Chromium's crash reports out of ~/.config
    });
    const page = browser.pages()[0] || (await browser.newPage());
    let takingScreenshot = Promise.resolve();
    const onExthostLog = (line) => {
      console.log('[exthost]', line);
      const count = /^.+: (\d+) passed, (\d+) failed$/.exec(line);
      if (count) totals.add(Number(count[1]), Number(count[2]));
      if (shots && line.startsWith(SCREENSHOT_MARK)) {
        const [name, ...selector] = line.slice(SCREENSHOT_MARK.length).trim().split(' ');
        takingScreenshot = takingScreenshot.then(() => takeScreenshot(page, name, selector.join(' '), workspace, shots));
      }
      if (line.startsWith(UI_MARK)) {
        const rest = line.slice(UI_MARK.length).trim();
        const name = rest.slice(0, rest.indexOf(' '));
        takingScreenshot = takingScreenshot.then(() => driveUi(page, name, JSON.parse(rest.slice(name.length)), workspace));
      }
    };
    const done = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, logArgs) => onExthostLog(util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]))));
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    page.on('console', (m) => {
      if (process.env.VERBOSE) console.log('[browser]', m.text().slice(0, 500));
    });
    const authority = `127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${suite}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    log(`code-server ${port} (pid ${cs.pid}) opened ${workspace} with ${extensionPath}`);
    const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('TIMEOUT'), TIMEOUT_MS))]);
    await takingScreenshot;
    log(code === 'TIMEOUT' ? `timed out after ${TIMEOUT_MS} ms` : `extension tests exit code: ${code}`);
    if (code !== 0) printLogs(runDir, csLogFile);
    return code === 'TIMEOUT' ? 2 : Number(code);
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    stopCodeServer();
    process.off('exit', stopCodeServer);
  }
}

/** `code-server --install-extension FILE` into the given extensions and user-data folders. */
function installExtension(file, extensionsDir, userDataDir, env) {
  const result = spawnSync(CS, ['--install-extension', file, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`installing ${file} failed:\n${result.stdout}${result.stderr}`);
}

/** `code-server --install-extension`, as a user installs the package; returns the installed folder. */
function installVsix(file, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  installExtension(file, path.join(dir, 'exts'), path.join(dir, 'ud'), {
    ...process.env,
    XDG_DATA_HOME: path.join(dir, 'xdg'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  });
  const installed = fs.readdirSync(path.join(dir, 'exts')).find((d) => d.startsWith('target-table.target-table-'));
  if (!installed) throw new Error(`${file} installed, but no target-table.target-table-* folder in ${dir}/exts`);
  log(`installed ${path.basename(file)} as ${installed}`);
  return path.join(dir, 'exts', installed);
}

/** After a failure: the end of the extension's output channel (server errors land there). */
function printLogs(runDir, csLogFile) {
  const logs = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('Target Table.log')) logs.add(file);
    }
  };
  try {
    walk(path.join(runDir, 'ud', 'logs'));
  } catch {
    // no logs written
  }
  for (const file of logs) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    log(`last lines of ${file}:\n${lines.slice(-40).join('\n')}`);
  }
  log(`code-server log: ${csLogFile}`);
}

/**
 * One step of the suite's UI hand-shake (test/e2e/suite/helpers.ts, ui()): click a notification's
 * button, press keys, type, wait for an element, read the texts of elements, catch the browser
 * download the step causes, and probe whether the workbench still answers the keyboard. The
 * result goes to .e2e/<name>.done as JSON.
 */
async function driveUi(page, name, step, workspace) {
  const result = { ok: true, popups: [] };
  // a browser tab or window the step opens takes the keyboard away from the workbench
  const onPopup = (popup) => result.popups.push(popup.url());
  page.context().on('page', onPopup);
  try {
    const download = step.download ? page.waitForEvent('download', { timeout: 30_000 }) : undefined;
    // awaited below, unless the click fails first: then its timeout must not end the launcher
    download?.catch(() => undefined);
    // a click or key of an earlier step may have left the focus outside the page (a download)
    await page.bringToFront();
    if (step.click) {
      const toast = page.locator('.notification-toast', { hasText: step.click.toast });
      await toast.getByRole('button', { name: step.click.button, exact: true }).click({ timeout: step.timeoutMs ?? 15_000 });
    }
    for (const key of step.press ?? []) await page.keyboard.press(key);
    if (step.type) await page.keyboard.type(step.type, { delay: 20 });
    if (step.waitFor) await page.locator(step.waitFor).first().waitFor({ state: 'visible', timeout: step.timeoutMs ?? 15_000 });
    if (step.read) {
      await page.locator(step.read).first().waitFor({ state: 'visible', timeout: step.timeoutMs ?? 15_000 });
      await page.waitForTimeout(300); // a list fills in as it filters
      // only what is shown: the workbench keeps the rows of earlier lists hidden in the page
      result.texts = await page.locator(step.read).filter({ visible: true }).allInnerTexts();
    }
    if (download) result.download = (await download).suggestedFilename();
    if (step.probe) result.answered = await probeWorkbench(page);
  } catch (error) {
    result.ok = false;
    result.error = String(error.message || error).split('\n')[0];
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `failed-${name}.png`) }).catch(() => undefined);
  } finally {
    page.context().off('page', onPopup);
  }
  log(`ui ${name}: ${JSON.stringify(result)}`);
  fs.writeFileSync(path.join(workspace, '.e2e', `${name}.done`), JSON.stringify(result));
}

/**
 * Whether the workbench still answers the keyboard: F1 opens the command palette, Ctrl+P quick open
 * (each closed again). A key is pressed again for a while when nothing happens, as a user would: a
 * press landing in a webview that is still loading is lost; a locked workbench never answers.
 */
async function probeWorkbench(page) {
  const answered = [];
  const widget = page.locator('.quick-input-widget');
  for (const key of ['F1', 'Control+P']) {
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press(key);
      try {
        await widget.waitFor({ state: 'visible', timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt === 5) throw new Error(`the workbench does not answer ${key} (pressed ${attempt} times)`);
      }
    }
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
    answered.push(key);
  }
  return answered;
}

/** Waits for the UI the suite has set up, saves the workbench as PNG, and tells the suite. */
async function takeScreenshot(page, name, selector, workspace, dir) {
  let result = 'ok';
  try {
    await page.waitForSelector(selector, { state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(400); // let the widget finish its fade-in
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file });
    // the suite may check how many there are (e.g. one notification, not a storm), and what the first says
    const first = await page.locator(selector).first().innerText({ timeout: 1000 }).catch(() => '');
    result = `ok ${await page.locator(selector).count()}\n${first}`;
    log(`screenshot ${path.relative(root, file)}`);
  } catch (error) {
    result = `no screenshot: ${error.message.split('\n')[0]}`;
  }
  fs.writeFileSync(path.join(workspace, '.e2e', `${name}.done`), result);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[code-server e2e] ${error.stack || error}`);
    process.exit(1);
  },
);
