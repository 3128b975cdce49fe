/**
 * The extension's entry in a Node extension host (package.json "main", bundled to
 * dist/extension.js): desktop VS Code, remote windows, code-server.
 */
import type * as vscode from 'vscode';
import { activateTargetTable, deactivate, type TargetTableApi } from '../extension';
import { nodePlatform } from './platform';

export function activate(context: vscode.ExtensionContext): TargetTableApi {
  return activateTargetTable(context, nodePlatform);
}

export { deactivate };
