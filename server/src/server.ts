/**
 * The LSP adapter: wires the pure language service (service/) to a
 * connection. Its parts, one file each: the open documents (documents.ts,
 * incremental reparse per change), when they are validated (scheduler.ts),
 * validating and publishing (publisher.ts, diagnostics.ts), the settings and catalogs
 * (configuration.ts), the workspace index kept current (workspaceScan.ts) and
 * the requests (requests.ts). Every handler goes through the safe runner.
 *
 * The connection and the machine are given by the entry (node/main.ts with
 * node/host.ts), so nothing here imports a Node API.
 */
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { createContext, DEFAULT_SETTINGS, SEMANTIC_TOKEN_LEGEND, WorkspaceIndex, type ServiceContext } from '../../service/index';
import { ServerConfiguration } from './configuration';
import { DocumentStore } from './documents';
import type { ServerHost } from './host';
import { Notifier } from './notifier';
import { INDEXING_NOTIFICATION } from './protocol';
import { Publisher } from './publisher';
import { registerRequests } from './requests';
import { SafeRunner, type Logger } from './runner';
import { ValidationScheduler } from './scheduler';
import { WorkspaceScanner } from './workspaceScan';

export type { ServerHost } from './host';

export type TableRead = { text: string } | { skipped: 'missing' | 'notAFile' } | { skipped: 'tooLarge'; size: number };

export interface ServerOptions {
  /** Debounce between the last change and validation, ms. */
  validationDelay?: number;
  /** Report the work behind each publication (benchmarks): a TIMING_NOTIFICATION after each validation of a change. */
  timing?: boolean;
}

const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: [' ', '　'], resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
  renameProvider: { prepareProvider: true },
  referencesProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = {}): void {
  const log: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const runner = new SafeRunner(log);
  const notifier = new Notifier(connection, log);
  const config = new ServerConfiguration(host, notifier);
  const index = new WorkspaceIndex();
  const store = new DocumentStore({ units: config.catalogs.units, settings: DEFAULT_SETTINGS });
  const scanner = new WorkspaceScanner(host, index, store, config, runner, log, (progress) => void connection.sendNotification(INDEXING_NOTIFICATION, progress));
  const publisher = new Publisher(connection, host, store, index, config, runner, options.timing === true);
  const scheduler: ValidationScheduler = new ValidationScheduler(options.validationDelay ?? 200, (uri) => publisher.validateNow(uri, scheduler));
  let ctx: ServiceContext = createContext();
  let capabilities: ClientCapabilities = {};

  /** New settings or catalogs: a new context, and every open model parsed and validated anew. */
  const rebuildContext = (): void => {
    ctx = createContext({ locale: config.locale, units: config.catalogs.units, sources: config.catalogs.sources, workspace: index, settings: config.settings });
    store.setOptions({ units: config.catalogs.units, settings: ctx.settings });
  };

  const revalidateAll = (): void => {
    for (const open of store.all()) scheduler.schedule(open.document.uri, 0);
    if (publisher.pull) void connection.languages.diagnostics.refresh();
  };

  // ---------------------------------------------------------------------------
  // Lifecycle and configuration

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    config.locale = (params.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    capabilities = params.capabilities;
    publisher.pull = (params.initializationOptions as { diagnosticMode?: string } | undefined)?.diagnosticMode === 'pull' && !!capabilities.textDocument?.diagnostic;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    config.roots = folders.map((u) => host.uriToPath(u)).filter((p): p is string => p !== null);
    config.catalogs = host.loadCatalogs(config.roots[0] ?? null);
    rebuildContext();
    const serverCapabilities: ServerCapabilities = { ...CAPABILITIES };
    if (publisher.pull) serverCapabilities.diagnosticProvider = { interFileDependencies: false, workspaceDiagnostics: false };
    return { capabilities: serverCapabilities, serverInfo: { name: 'Target Table', version: '0.1.0' } };
  });

  connection.onInitialized(() => {
    for (const problem of config.catalogs.problems) notifier.showProblem(problem);
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.ttab' }, { globPattern: '**/.ttab/*.json' }],
      });
    }
    if (capabilities.workspace?.configuration) void refreshSettings();
    // Only a client that announced folder events may be asked for them (the library throws otherwise).
    if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => scanner.foldersChanged(event));
    void scanner.scan(config.roots);
  });

  connection.onShutdown(() => scheduler.dispose());

  const refreshSettings = async (): Promise<void> => {
    try {
      await config.refresh(connection);
    } catch (e) {
      runner.failed('configuration', e);
    }
    rebuildContext();
    revalidateAll();
  };

  connection.onDidChangeConfiguration(() => {
    void refreshSettings();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!scanner.filesChanged(changes)) return;
    config.reloadCatalogs(true);
    rebuildContext();
    revalidateAll();
  });

  // ---------------------------------------------------------------------------
  // Documents and validation

  connection.onDidOpenTextDocument(({ textDocument }) => {
    runner.run('didOpen', undefined, undefined, () => {
      const open = store.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      index.update(textDocument.uri, open.parsed.ast);
      scheduler.schedule(textDocument.uri, 0);
    });
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    runner.run('didChange', undefined, undefined, () => {
      const receivedAt = performance.now();
      const open = store.change(textDocument.uri, textDocument.version ?? 0, contentChanges);
      if (open) scheduler.changed(textDocument.uri, receivedAt, performance.now() - receivedAt);
    });
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    runner.run('didClose', undefined, undefined, () => {
      scheduler.cancel(textDocument.uri);
      store.close(textDocument.uri);
      publisher.clear(textDocument.uri);
      // The file on disk (if any) is what the workspace sees again.
      void scanner.indexFromDisk(textDocument.uri);
    });
  });

  connection.languages.diagnostics.on((params, token) =>
    runner.run('diagnostics', token, { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, () => publisher.answerPull(params)),
  );

  registerRequests(connection, { store, runner, notifier, context: () => ctx });
}
