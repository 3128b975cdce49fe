// What both e2e launchers share: the paths, the suite bundles, a fresh copy of the test workspace,
// and the sessions to run (the extension itself, then copies of it with a missing or broken server,
// then the extension in the browser's web worker extension host).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const workspaceSource = path.join(root, 'test', 'e2e', 'workspace');
const SUITES = {
  main: path.join(root, 'test', 'e2e', 'suite', 'index.ts'),
  badBundle: path.join(root, 'test', 'e2e', 'suite', 'badBundle.ts'),
};
/** The suites of the web worker extension host: bundled like the extension's browser entry. */
const WEB_SUITES = {
  web: path.join(root, 'test', 'e2e', 'suite', 'web.ts'),
  badBundleWeb: SUITES.badBundle,
};
const EXTENSION_ID = 'target-table.target-table';
/** What the extension needs at run time (the same files as .vscodeignore lets into the .vsix). */
const EXTENSION_FILES = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'language-configuration.json', 'dist/extension.js', 'syntaxes', 'snippets', 'l10n', 'images'];

/** Bundles the suite modules (each exports `run()`) for the extension host; returns their paths. */
async function buildSuites() {
  const esbuild = require('esbuild');
  const built = {};
  for (const [name, source] of Object.entries(SUITES)) {
    built[name] = path.join(root, 'out', 'e2e', `${name}.js`);
    await esbuild.build({
      entryPoints: [source],
      outfile: built[name],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      sourcemap: 'inline',
      logLevel: 'warning',
    });
  }
  // for the browser, as scripts/browserBuild.mjs bundles the extension; node:assert is the suites' only Node module
  const { browserOptions } = await import('../../scripts/browserBuild.mjs');
  const options = browserOptions();
  for (const [name, source] of Object.entries(WEB_SUITES)) {
    built[name] = path.join(root, 'out', 'e2e', `${name}.js`);
    await esbuild.build({
      ...options,
      entryPoints: [source],
      outfile: built[name],
      format: 'cjs',
      external: ['vscode'],
      sourcemap: 'inline',
      absWorkingDir: root,
      alias: { ...options.alias, 'node:assert/strict': './test/e2e/suite/browserAssert.ts' },
    });
  }
  return built;
}

/** The extension must be built (npm run build) before a launcher starts VS Code. */
function checkBuilt() {
  const missing = ['dist/extension.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js'].filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} missing: run \`npm run build\` first`);
}

/** The folder of one run (wiped first), holding a copy of test/e2e/workspace that the tests may edit. */
function prepareRunDir(runDir) {
  fs.rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(runDir, { recursive: true });
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(workspace, '.e2e'), { recursive: true });
  return { runDir, workspace };
}

/** A copy of the built extension whose server bundle (Node's, or the browser's) is missing or throws as it loads. */
function badBundleExtension(scenario, dir, web = false) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of [...EXTENSION_FILES, ...(web ? ['dist/web/extension.js'] : [])]) {
    fs.cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
  }
  if (scenario === 'broken') {
    fs.writeFileSync(path.join(dir, 'dist', ...(web ? ['web'] : []), 'server.js'), "throw new Error('a broken server bundle (e2e scenario)');\n");
  }
  return dir;
}

/**
 * VS Code runs a suite (extensionTestsPath) in the extension host of the extension whose folder
 * holds it: a suite for the web worker host must be inside the extension's folder.
 */
function suiteInside(extensionPath, suite) {
  if (suite.startsWith(extensionPath + path.sep)) return suite;
  const inside = path.join(extensionPath, 'out', 'e2e', path.basename(suite));
  fs.mkdirSync(path.dirname(inside), { recursive: true });
  fs.copyFileSync(suite, inside);
  return inside;
}

/**
 * The runs of one e2e pass: the suite against this working tree (or `extensionPath`), then the
 * bad-bundle suite against a copy with a missing and with a broken dist/server.js; then the same
 * with the extension in the browser's web worker extension host: the web suite, and the bad-bundle
 * suite with dist/web/server.js missing or broken (`browserWorkbench`: only a launcher with a
 * browser workbench runs them; the user setting moves the extension out of the Node host, the
 * manifest stays as users get it; the launcher's DOM checks are needed, so they always take
 * screenshots, in a folder of their own).
 */
function sessions(baseDir, suites, extensionPath = root) {
  return [
    { name: 'extension', extensionPath, suite: suites.main, runDir: path.join(baseDir, 'extension') },
    ...['missing', 'broken'].map((scenario) => ({
      name: `${scenario} server bundle`,
      extensionPath: badBundleExtension(scenario, path.join(baseDir, `ext-${scenario}`)),
      suite: suites.badBundle,
      runDir: path.join(baseDir, `${scenario}-bundle`),
      scenario,
    })),
    {
      name: 'web worker host',
      extensionPath,
      suite: suiteInside(extensionPath, suites.web),
      runDir: path.join(baseDir, 'web-worker-host'),
      ...inWebWorkerHost,
    },
    ...['missing', 'broken'].map((scenario) => {
      const copy = badBundleExtension(scenario, path.join(baseDir, `ext-web-${scenario}`), true);
      return {
        name: `${scenario} server bundle (web worker host)`,
        extensionPath: copy,
        suite: suiteInside(copy, suites.badBundleWeb),
        runDir: path.join(baseDir, `web-${scenario}-bundle`),
        scenario,
        ...inWebWorkerHost,
      };
    }),
  ];
}

/** A session with the extension in the web worker extension host of a browser workbench. */
const inWebWorkerHost = {
  browserWorkbench: true,
  settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
  screenshotFolder: 'web',
};

const defaultBaseDir = () => process.env.RUN_DIR || path.join(os.tmpdir(), 'ttab-e2e');

module.exports = { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir };
