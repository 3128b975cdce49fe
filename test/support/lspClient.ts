/**
 * A real LSP client for protocol tests: starts the bundled server
 * (dist/server.js) as a child process over stdio and talks JSON-RPC to it
 * with vscode-jsonrpc. No part of the server is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  INDEXING_NOTIFICATION,
  RESULT_LIMIT_NOTIFICATION,
  SERVER_NODE_FLAGS,
  TABLE_STATS_NOTIFICATION,
  TIMING_NOTIFICATION,
  type IndexingProgress,
  type ResultLimitReached,
  type TableStats,
  type WorkTiming,
} from '../../server/src/protocol';
import { answerFileRequests } from './workspaceFiles';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'server.js');
/** The browser's server, and what runs it as a web worker would (webWorkerHost.cjs). */
export const WEB_SERVER_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'web', 'server.js');
const WEB_WORKER_HOST = path.resolve(__dirname, 'webWorkerHost.cjs');

export interface StartOptions {
  /** The server bundle to run (default: dist/server.js of this repository). */
  serverPath?: string;
  /** Node options for the server process (default: those the extension starts it with, SERVER_NODE_FLAGS). */
  execArgv?: string[];
  workspaceFolder?: string;
  locale?: string;
  /** What the client answers to workspace/configuration for 'targetTable'. */
  settings?: unknown;
  /**
   * Answers workspace/configuration item by item, for servers that ask for
   * several sections (a peer server in the benchmark); overrides `settings`.
   */
  configuration?: (item: { section?: string; scopeUri?: string }) => unknown;
  initializationOptions?: unknown;
  validationDelay?: number;
  /** The folding ranges the client takes at most (vscode-languageclient says 5,000). */
  foldingRangeLimit?: number;
  /** Whether the client shows diagnostics' related information (vscode-languageclient declares it; default true). */
  relatedInformation?: boolean;
  /** Advertise pull diagnostics support. */
  pull?: boolean;
  /** Take completion item defaults (LSP 3.17) as VS Code's client does; default true. */
  completionItemDefaults?: boolean;
  /** Ask the server to report the work behind each publication ($/targetTable/timing). */
  timing?: boolean;
  /**
   * The browser's server (dist/web/server.js) in a stand-in web worker, its file requests answered
   * from the disk as the extension answers them; it takes no command-line options.
   */
  browser?: boolean;
}

export type { WorkTiming };

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Latest diagnostics per uri. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Every window/showMessage the server sent. */
  messages: { type: number; message: string }[];
  /** Every window/logMessage (the server's log, the editor's output channel). */
  logs: { type: number; message: string }[];
  stats: Map<string, Omit<TableStats, 'uri'>>;
  /** Every indexing progress notification, in order. */
  indexing: IndexingProgress[];
  /** Work reported by a server started with `timing`. */
  timings: WorkTiming[];
  /** Every outline or folding cut the server told of. */
  resultLimits: ResultLimitReached[];
  stderr: () => string;
  request<R>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): void;
  /** Resolves with the next diagnostics for `uri` that satisfy `accept` (default: any with the given version or later). */
  waitForDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  stop(): Promise<number | null>;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  // The server is started as the extension starts it (SERVER_NODE_FLAGS), unless the caller says otherwise.
  const args = [...(options.execArgv ?? (options.browser ? [] : SERVER_NODE_FLAGS)), ...(options.browser ? [WEB_WORKER_HOST, WEB_SERVER_BUNDLE] : [options.serverPath ?? SERVER_BUNDLE, '--stdio'])];
  if (options.validationDelay !== undefined && !options.browser) args.push(`--validation-delay=${options.validationDelay}`);
  if (options.timing) args.push('--timing');
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const messages: { type: number; message: string }[] = [];
  const stats = new Map<string, Omit<TableStats, 'uri'>>();
  const indexing: IndexingProgress[] = [];
  const resultLimits: ResultLimitReached[] = [];
  connection.onNotification(INDEXING_NOTIFICATION, (p: IndexingProgress) => {
    indexing.push(p);
  });
  const timings: WorkTiming[] = [];
  connection.onNotification(TIMING_NOTIFICATION, (t: WorkTiming) => {
    timings.push(t);
  });

  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    messages.push(p);
  });
  const logs: { type: number; message: string }[] = [];
  connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    logs.push(p);
  });
  connection.onNotification(RESULT_LIMIT_NOTIFICATION, (p: ResultLimitReached) => void resultLimits.push(p));
  connection.onNotification(TABLE_STATS_NOTIFICATION, (p: TableStats) => {
    stats.set(p.uri, p);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
    p.items.map((item) => (options.configuration ? options.configuration(item) : (options.settings ?? {}))),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => null);
  if (options.browser) answerFileRequests(connection);
  connection.listen();

  const client: TestClient = {
    connection,
    process: child,
    diagnostics,
    messages,
    logs,
    stats,
    indexing,
    timings,
    resultLimits,
    stderr: () => stderr,
    request: <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>,
    notify: (method, params) => void connection.sendNotification(method, params),
    waitForDiagnostics: (uri, accept = () => true, timeoutMs = 15_000) =>
      new Promise<Diagnostic[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      }),
    open: (uri, text, version = 1) => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'target-table', version, text } }),
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      const code = await exited;
      connection.dispose();
      return code;
    },
  };

  const folder = options.workspaceFolder;
  await client.request('initialize', {
    processId: process.pid,
    locale: options.locale ?? 'en',
    rootUri: folder ? fileUri(folder) : null,
    workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: options.relatedInformation ?? true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedInformation: options.relatedInformation ?? true } } : {}),
        // As vscode-languageclient declares them.
        completion: {
          completionItem: { snippetSupport: true, labelDetailsSupport: true },
          ...(options.completionItemDefaults !== false ? { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } : {}),
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        rename: { prepareSupport: true },
        foldingRange: { rangeLimit: options.foldingRangeLimit ?? 5000, lineFoldingOnly: true },
      },
    },
  });
  client.notify('initialized', {});
  return client;
}

/** The codes of diagnostics, sorted. */
export function codesOf(diagnostics: { code?: string | number }[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/** Ask until `ok` (the server works in the background: the workspace scan, validation after a delay); the last answer at the timeout. */
export async function eventually<T>(probe: () => Promise<T> | T, ok: (t: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() - start > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
