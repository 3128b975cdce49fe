/**
 * The extension in the browser's web worker extension host (vscode.dev, github.dev, code-server
 * with the extension moved to the web worker): the language server in a web worker that reads the
 * workspace through the extension, every file written through VS Code's file system, no programs
 * (so no git command line).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { CONFIG_SECTION, OUTPUT_CHANNEL_NAME } from '../ids';
import type { ClientPlatform } from '../platform';
import { quietClient } from '../serverSupervisor';
import { writeThroughWorkspaceFs } from '../workspaceFiles';
import { serveWorkspaceFiles } from './serverFiles';
import { ServerWorkers } from './serverWorker';

const QuietLanguageClient = quietClient(LanguageClient);

export function browserPlatform(workers: ServerWorkers): ClientPlatform {
  return {
    serverBundle: ['dist', 'web', 'server.js'],
    // the extension's files may be served over http(s) (vscode.dev), which VS Code's file system does not read
    serverBundleExists: async (serverUri) => {
      try {
        const response = await fetch(serverUri.toString(true));
        await response.body?.cancel(); // only whether it is there: the worker loads it
        return response.ok;
      } catch {
        return false;
      }
    },
    createLanguageClient: (serverUri, clientOptions) => {
      const client = new QuietLanguageClient(CONFIG_SECTION, OUTPUT_CHANNEL_NAME, () => workers.start(serverUri), clientOptions);
      serveWorkspaceFiles(client);
      return client;
    },
    // the workspace's own scheme (vscode-vfs on github.dev, vscode-remote, …), unsaved tables, local files
    documentSchemes: () => [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])],
    writeFile: writeThroughWorkspaceFs,
  };
}
