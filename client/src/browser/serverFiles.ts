/**
 * The workspace's files for the browser's language server, which has no file system of its own:
 * the extension answers its requests (server/src/protocol.ts) through VS Code's file system, so
 * whatever the workbench shows — a remote folder, a GitHub repository, a virtual one — is what the
 * server indexes and takes its catalogs from.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FILE_SIZE_REQUEST,
  LIST_TABLES_REQUEST,
  READ_FILE_REQUEST,
  SCAN_SKIPPED_FOLDERS,
  type FileParams,
  type ListTablesParams,
} from '../../../server/src/protocol';
import { readTextIfExists } from '../workspaceFiles';

export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  const skipped = `**/{${SCAN_SKIPPED_FOLDERS.join(',')}}/**`;
  client.onRequest(LIST_TABLES_REQUEST, async ({ folder }: ListTablesParams) => {
    const tables = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(folder), '**/*.ttab'), skipped);
    return tables.map((uri) => uri.toString());
  });
  client.onRequest(FILE_SIZE_REQUEST, async ({ uri }: FileParams) => {
    try {
      return (await vscode.workspace.fs.stat(vscode.Uri.parse(uri))).size;
    } catch {
      return null;
    }
  });
  client.onRequest(READ_FILE_REQUEST, async ({ uri }: FileParams) => (await readTextIfExists(vscode.Uri.parse(uri))) ?? null);
}
