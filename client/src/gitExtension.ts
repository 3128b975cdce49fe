/**
 * The built-in git extension's API, where this extension host has it: Compare with HEAD reads the
 * committed version through it (diff.ts), and activation asks whether it can (a browser workbench
 * has it only when its host brings the git extension). Kept apart from diff.ts, which is loaded on
 * first use (features.ts).
 */
import * as vscode from 'vscode';
import type { ClientPlatform } from './platform';

// The part of the built-in git extension's API used here (extensions/git/src/api/git.d.ts).
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  show(ref: string, path: string): Promise<string>;
}
export interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export async function gitApi(): Promise<GitApi | undefined> {
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether Compare with HEAD can work here: the git program (Node extension host), or the git
 * extension's API in this extension host. The command is shown only where it can (the
 * `targetTable.canCompareWithHead` context key).
 */
export async function canCompareWithHead(platform: ClientPlatform): Promise<boolean> {
  return platform.readCommittedWithGitCli !== undefined || (await gitApi()) !== undefined;
}
