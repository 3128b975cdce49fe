/**
 * The extension in a Node extension host (desktop VS Code, remote windows, code-server): the
 * language server in a Node process over stdio (its diagnostics are written from bytes kept per
 * diagnostic: server/src/node/messageEncoder.ts; Node's IPC channel serialises every message whole), files written atomically on disk, git run as a program.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { writeFileAtomic } from '../../../node/files';
import { SERVER_NODE_FLAGS } from '../../../server/src/protocol';
import { CONFIG_SECTION, OUTPUT_CHANNEL_NAME } from '../ids';
import type { ClientPlatform } from '../platform';
import { quietClient } from '../serverSupervisor';
import { writeThroughWorkspaceFs } from '../workspaceFiles';
import { readCommittedWithGit } from './git';

const QuietLanguageClient = quietClient(LanguageClient);

export const nodePlatform: ClientPlatform = {
  serverBundle: ['dist', 'server.js'],
  serverBundleExists: async (serverUri) => {
    try {
      return (await vscode.workspace.fs.stat(serverUri)).size > 0;
    } catch {
      return false;
    }
  },
  createLanguageClient: (serverUri, clientOptions) => {
    const module = serverUri.fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
    };
    return new QuietLanguageClient(CONFIG_SECTION, OUTPUT_CHANNEL_NAME, serverOptions, clientOptions);
  },
  // the server reads the workspace from disk: the documents it serves are files (and unsaved ones)
  documentSchemes: () => ['file', 'untitled'],
  // on disk: a temporary file renamed into place that keeps the file's permissions (node/files.ts)
  writeFile: async (target, bytes) => (target.scheme === 'file' ? writeFileAtomic(target.fsPath, bytes) : writeThroughWorkspaceFs(target, bytes)),
  readCommittedWithGitCli: readCommittedWithGit,
};
