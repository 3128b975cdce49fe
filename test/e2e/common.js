// What both e2e launchers share: the paths, the suite bundles, a fresh copy of the test workspace,
// the sessions to run (the extension itself in English and in Chinese, then copies of it with a
// missing or broken server, then the extension in the browser's web worker extension host), and the
// empty language pack that makes VS Code's display language Chinese.
'use strict';
const { spawnSync } = require('node:child_process');
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
const EXTENSION_FILES = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'language-configuration.json', 'dist/extension.js', 'dist/features.js', 'syntaxes', 'snippets', 'l10n', 'images'];

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

/**
 * The folder of one run (wiped first), holding a copy of test/e2e/workspace that the tests may edit;
 * `.e2e/language` tells the suite the display language of the run.
 */
function prepareRunDir(runDir, language = 'en') {
  fs.rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(runDir, { recursive: true });
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(workspace, '.e2e'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.e2e', 'language'), language);
  return { runDir, workspace };
}

// ---------------------------------------------------------------------------
// The Chinese display language without a download: VS Code switches its display language only when
// a language pack for it is installed. An empty one (no translation of VS Code itself) is enough for
// vscode.env.language to become zh-cn, so the extension's own Chinese (l10n/, package.nls.zh-cn.json) shows.

const LANGUAGE_PACK = { publisher: 'target-table-e2e', name: 'empty-zh-cn-pack', version: '0.0.1' };
const LANGUAGE_PACK_ID = `${LANGUAGE_PACK.publisher}.${LANGUAGE_PACK.name}`;

/** Packages the empty zh-cn language pack (with the project's vsce) into `dir`; returns the .vsix. */
function languagePackVsix(dir) {
  const source = path.join(dir, 'language-pack');
  const vsix = path.join(dir, `${LANGUAGE_PACK.name}.vsix`);
  fs.rmSync(source, { recursive: true, force: true });
  fs.mkdirSync(path.join(source, 'translations'), { recursive: true });
  fs.writeFileSync(path.join(source, 'package.json'), JSON.stringify({
    ...LANGUAGE_PACK,
    displayName: 'Chinese (Simplified), empty: the e2e tests\' display language',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId: 'zh-cn',
        languageName: 'Chinese Simplified',
        localizedLanguageName: '中文(简体)',
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  }, null, 2));
  fs.writeFileSync(path.join(source, 'translations', 'main.i18n.json'), '{ "contents": {} }\n');
  fs.writeFileSync(path.join(source, 'README.md'), 'An empty language pack: VS Code shows its own texts in English, extensions theirs in Chinese.\n');
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: source, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging the zh-cn language pack failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/**
 * After the pack is installed into `extensionsDir`: the user data that makes VS Code use it —
 * languagepacks.json (what VS Code itself writes for an installed pack) and `locale` in argv.json.
 */
function useLanguagePack(userDataDir, extensionsDir) {
  const folder = path.join(extensionsDir, `${LANGUAGE_PACK_ID}-${LANGUAGE_PACK.version}`);
  const translations = path.join(folder, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) throw new Error(`the zh-cn language pack is not installed in ${extensionsDir}`);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    'zh-cn': {
      hash: 'e2e',
      extensions: [{ extensionIdentifier: { id: LANGUAGE_PACK_ID }, version: LANGUAGE_PACK.version }],
      translations: { vscode: translations },
      label: '中文(简体)',
    },
  }, null, 2));
  fs.writeFileSync(path.join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale: 'zh-cn' }));
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

/** The display languages of the main suite's runs: English, then Chinese. */
const LANGUAGES = ['en', 'zh-cn'];

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
 * The runs of one e2e pass: the suite against this working tree (or `extensionPath`) in each
 * language, then the bad-bundle suite against a copy with a missing and with a broken dist/server.js; then the same
 * with the extension in the browser's web worker extension host: the web suite, and the bad-bundle
 * suite with dist/web/server.js missing or broken (`browserWorkbench`: only a launcher with a
 * browser workbench runs them; the user setting moves the extension out of the Node host, the
 * manifest stays as users get it; the launcher's DOM checks are needed, so they always take
 * screenshots, in a folder of their own).
 */
function sessions(baseDir, suites, extensionPath = root) {
  return [
    ...LANGUAGES.map((language) => ({
      name: language === 'en' ? 'extension' : `extension in ${language}`,
      extensionPath,
      suite: suites.main,
      runDir: path.join(baseDir, language === 'en' ? 'extension' : `extension-${language}`),
      language,
    })),
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

module.exports = { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir, languagePackVsix, useLanguagePack };
