// What both e2e launchers share: the paths, the suite bundles, a fresh copy of the test workspace,
// and the sessions to run (the extension itself, then copies of it with a missing or broken server).
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

/** The folder of one run (wiped first), holding a copy of test/e2e/workspace that the tests may edit. */
function prepareRunDir(runDir) {
  fs.rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(runDir, { recursive: true });
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(workspace, '.e2e'), { recursive: true });
  return { runDir, workspace };
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

/**
 * The runs of one e2e pass: the suite against this working tree (or `extensionPath`), then the
 * bad-bundle suite against a copy with a missing and with a broken dist/server.js.
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
  ];
}

const defaultBaseDir = () => process.env.RUN_DIR || path.join(os.tmpdir(), 'ttab-e2e');

module.exports = { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir };
