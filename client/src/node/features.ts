/**
 * dist/features.js in a Node extension host: the features loaded on first use (../features.ts)
 * with what only Node can do for them — next year's table finds the earlier years in the
 * workspace's files and the git history (node/history.ts). Kept out of the activation bundle.
 */
import type * as vscode from 'vscode';
import { findHistory } from '../../../node/history';
import { registerFeatures as registerSharedFeatures } from '../features';
import type { ClientPlatform } from '../platform';
import type { ReportApi } from '../report';

export function registerFeatures(context: vscode.ExtensionContext, platform: ClientPlatform): ReportApi {
  return registerSharedFeatures(context, {
    ...platform,
    findHistory: async (uri, department, year) => (uri.scheme === 'file' ? findHistory(uri.fsPath, department, year) : []),
  });
}
