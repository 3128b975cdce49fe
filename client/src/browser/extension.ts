/**
 * The extension's entry in the browser's web worker extension host (package.json "browser",
 * bundled to dist/web/extension.js): vscode.dev, github.dev, a browser workbench that runs the
 * extension beside the page. The same extension as on Node (../extension.ts); the language server
 * runs in a web worker. Nothing here or in what it loads may need Node (test/architecture.test.ts,
 * and the build checks the bundle: scripts/browserBuild.mjs).
 */
import type * as vscode from 'vscode';
import { activateTargetTable, deactivate, type TargetTableApi } from '../extension';
import { browserPlatform } from './platform';
import { ServerWorkers } from './serverWorker';

export function activate(context: vscode.ExtensionContext): TargetTableApi {
  const workers = new ServerWorkers();
  // after the supervisor (subscriptions are disposed in reverse): the server has been asked to exit first
  const api = activateTargetTable(context, browserPlatform(workers));
  context.subscriptions.unshift(workers);
  return api;
}

export { deactivate };
