// What both e2e launchers share: the paths, the suite bundles, a fresh copy of the test workspace,
// the sessions to run (the extension itself in English and in Chinese, then copies of it with a
// missing or broken server), and the empty language pack that makes VS Code's display language Chinese.
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
  return built;
}

/** The extension must be built (npm run build) before a launcher starts VS Code. */
function checkBuilt() {
  const missing = ['dist/extension.js', 'dist/server.js'].filter((f) => !fs.existsSync(path.join(root, f)));
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

/** A copy of the built extension whose server bundle is missing or throws as it loads. */
function badBundleExtension(scenario, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of EXTENSION_FILES) {
    fs.cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
  }
  if (scenario === 'broken') {
    fs.writeFileSync(path.join(dir, 'dist', 'server.js'), "throw new Error('a broken server bundle (e2e scenario)');\n");
  }
  return dir;
}

/** The display languages of the main suite's runs: English, then Chinese. */
const LANGUAGES = ['en', 'zh-cn'];

/**
 * The runs of one e2e pass: the suite against this working tree (or `extensionPath`) in each
 * language, then the bad-bundle suite against a copy with a missing and with a broken dist/server.js.
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
  ];
}

const defaultBaseDir = () => process.env.RUN_DIR || path.join(os.tmpdir(), 'ttab-e2e');

module.exports = { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir, languagePackVsix, useLanguagePack };
