#!/usr/bin/env node
// Runs the e2e suites in desktop VS Code through @vscode/test-electron (downloads VS Code into
// .vscode-test/ on first use). The launcher for developers' machines; where VS Code cannot be
// downloaded, test/e2e/run-code-server.js runs the same suites.
//
// Usage: node test/e2e/run-electron.js      Environment: VSCODE_VERSION (default 1.100.3,
// the oldest release engines.vscode accepts), RUN_DIR (base folder of the runs).
// On Linux without a display, run it under xvfb-run (scripts/test-e2e.mjs does).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = require('@vscode/test-electron');
const { root, buildSuites, checkBuilt, prepareRunDir, sessions, defaultBaseDir, languagePackVsix, useLanguagePack } = require('./common');

const VERSION = process.env.VSCODE_VERSION || '1.100.3';

async function main() {
  checkBuilt();
  const suites = await buildSuites();
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: path.join(root, '.vscode-test') });
  const failed = [];
  for (const run of sessions(defaultBaseDir(), suites)) {
    if (run.browserWorkbench) {
      // desktop VS Code has no page to read Running Extensions from: npm run test:e2e -- --launcher code-server runs it
      console.log(`[electron e2e] session '${run.name}' needs a browser workbench: skipped here (run the code-server launcher)`);
      continue;
    }
    console.log(`[electron e2e] session: ${run.name}`);
    const { runDir, workspace } = prepareRunDir(run.runDir, run.language);
    if (run.scenario) fs.writeFileSync(path.join(workspace, '.e2e', 'scenario'), run.scenario);
    const userData = path.join(runDir, 'user-data');
    const extensions = path.join(runDir, 'extensions');
    // the session's own extensions folder holds nothing but, in Chinese, the empty language pack
    const languageArgs = ['--disable-extensions'];
    try {
      if (run.language && run.language !== 'en') {
        const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
        const installed = spawnSync(cli, [...cliArgs, '--install-extension', languagePackVsix(runDir), `--extensions-dir=${extensions}`, `--user-data-dir=${userData}`], { encoding: 'utf8' });
        if (installed.status !== 0) throw new Error(`installing the language pack failed: ${installed.stderr}`);
        useLanguagePack(userData, extensions);
        languageArgs.splice(0, 1, `--locale=${run.language}`);
      }
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: run.extensionPath,
        extensionTestsPath: run.suite,
        launchArgs: [
          workspace,
          ...languageArgs,
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          `--user-data-dir=${userData}`,
          `--extensions-dir=${extensions}`,
        ],
      });
    } catch (error) {
      console.error(`[electron e2e] ${run.name}: ${error instanceof Error ? error.message : error}`);
      failed.push(run.name);
    }
  }
  if (failed.length > 0) throw new Error(`failed: ${failed.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[electron e2e] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
