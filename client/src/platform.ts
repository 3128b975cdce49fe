/**
 * What differs between the extension's two entries: node/extension.ts for the Node extension host
 * (desktop VS Code, remote windows, code-server) and browser/extension.ts for the browser's web
 * worker extension host (vscode.dev, github.dev). Everything else of the extension is the same code,
 * given the platform it runs on.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { Message } from '../../grammar/src/index';
import type { HistoryTable } from '../../service/index';

/** A table as committed in HEAD; or that it is not there (a new table); or why it cannot be read. */
export type CommittedText = { text: string } | { missing: Message } | { error: string };

/** A table that HEAD does not have, `name` as the user sees it. */
export function notInHead(name: string): CommittedText {
  return { missing: { zh: `${name} 不在 HEAD 中：视为新增的表格`, en: `${name} is not in HEAD: shown as a new table` } };
}

export interface ClientPlatform {
  /** The language server's bundle, relative to the extension's folder. */
  readonly serverBundle: readonly string[];
  /** Whether the server bundle is there (and not empty). */
  serverBundleExists(serverUri: vscode.Uri): Promise<boolean>;
  /** A client of the server bundle at `serverUri` (a Node process over IPC, or a web worker). */
  createLanguageClient(serverUri: vscode.Uri, options: LanguageClientOptions): BaseLanguageClient;
  /** The URI schemes of the documents the language server checks. */
  documentSchemes(): string[];
  /** Replaces `target` with `bytes` only once they are completely written. */
  writeFile(target: vscode.Uri, bytes: Uint8Array): Promise<void>;
  /** A table's text in HEAD through the git program; absent where the extension cannot run programs. */
  readonly readCommittedWithGitCli?: (uri: vscode.Uri) => Promise<CommittedText>;
  /**
   * The earlier years of a table (year − 1, year − 2) in the workspace's files and the git history,
   * for next year's 前三年均值; absent where the extension cannot walk the disk or run git (the
   * browser), where next year's table is made without them. Given by the Node entry's features
   * bundle (node/features.ts), not at activation.
   */
  readonly findHistory?: (uri: vscode.Uri, department: string, year: number) => Promise<HistoryTable[]>;
}
