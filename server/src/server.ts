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
  CodeLensRefreshRequest,
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
import { WorkspaceProblems } from './workspaceProblems';
import { WorkspaceScanner } from './workspaceScan';

export type { ServerHost } from './host';

export type TableRead = { text: string } | { skipped: 'missing' | 'notAFile' } | { skipped: 'tooLarge'; size: number };

export interface ServerOptions {
  /** Debounce between the last change and validation, ms. */
  validationDelay?: number;
  /** Report the work behind each publication (benchmarks): a TIMING_NOTIFICATION after each validation of a change. */
  timing?: boolean;
  /**
   * Runs `work` once the messages handed to the transport so far are written (over stdio: its
   * writer's last write settled), so that `timing` counts writing a pulled report. Without it,
   * at once: the report is not yet encoded then.
   */
  afterWrites?: (work: () => void) => void;
}

const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: [' ', '　'], resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: { delta: true }, range: true },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
  renameProvider: { prepareProvider: true },
  referencesProvider: true,
  inlayHintProvider: true,
  codeLensProvider: { resolveProvider: false },
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
  const publisher = new Publisher(connection, host, store, index, config, runner, options.timing === true, options.afterWrites);
  const problems = new WorkspaceProblems(connection, store, publisher, config);
  const scanner = new WorkspaceScanner(host, index, store, config, runner, log, problems, publisher.firstDiagnostics, (progress) => void connection.sendNotification(INDEXING_NOTIFICATION, progress));
  // Nothing is validated before the workspace's catalogs are read (an unknown-unit flash otherwise); then everything open is.
  const scheduler: ValidationScheduler = new ValidationScheduler(options.validationDelay ?? 200, (uri) => {
    if (config.catalogsLoaded) publisher.validateNow(uri, scheduler);
  });
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
    // Scores and lenses follow the scoring settings of .ttab/rules.json.
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
    // The closed tables' problems depend on the settings and catalogs too: read them again.
    if (problems.enabled && scanStarted) void scanner.scan(config.roots);
  };

  /** Whether loadWorkspace has started the workspace scan (before it, a change of settings has nothing to read again). */
  let scanStarted = false;

  // ---------------------------------------------------------------------------
  // Lifecycle and configuration

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    config.locale = (params.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    capabilities = params.capabilities;
    publisher.pull = (params.initializationOptions as { diagnosticMode?: string } | undefined)?.diagnosticMode === 'pull' && !!capabilities.textDocument?.diagnostic;
    publisher.diagnostics.relatedInformation = (publisher.pull ? capabilities.textDocument?.diagnostic?.relatedInformation : capabilities.textDocument?.publishDiagnostics?.relatedInformation) === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    config.roots = folders.map((u) => host.uriToPath(u)).filter((p): p is string => p !== null);
    rebuildContext();
    const serverCapabilities: ServerCapabilities = { ...CAPABILITIES };
    if (publisher.pull) serverCapabilities.diagnosticProvider = { interFileDependencies: false, workspaceDiagnostics: true };
    return { capabilities: serverCapabilities, serverInfo: { name: 'Target Table', version: '0.1.0' } };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.ttab' }, { globPattern: '**/.ttab/*.json' }],
      });
    }
    // Only a client that announced folder events may be asked for them (the library throws otherwise).
    if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => scanner.foldersChanged(event));
    void loadWorkspace();
  });

  /**
   * After `initialized` (the browser's host reads files through the client, which may be asked
   * only now): the editor's settings, the catalogs they name, then validation and the scan (once
   * both are known: the settings say whether closed tables are validated too).
   */
  const loadWorkspace = async (): Promise<void> => {
    if (capabilities.workspace?.configuration) await refreshSettings();
    if (!config.catalogsLoaded && (await config.reloadCatalogs())) {
      rebuildContext();
      revalidateAll();
    }
    scanStarted = true;
    void scanner.scan(config.roots);
  };

  connection.onShutdown(() => scheduler.dispose());

  const refreshSettings = async (): Promise<void> => {
    const scope = config.diagnosticsScope;
    try {
      await config.refresh(connection);
    } catch (e) {
      runner.failed('configuration', e);
    }
    if (scope === 'workspace' && config.diagnosticsScope !== 'workspace') problems.clear();
    rebuildContext();
    revalidateAll();
  };

  connection.onDidChangeConfiguration(() => {
    void refreshSettings();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!scanner.filesChanged(changes)) return;
    void config.reloadCatalogs(true).then((current) => {
      if (!current) return;
      rebuildContext();
      revalidateAll();
    });
  });

  // ---------------------------------------------------------------------------
  // Documents and validation

  connection.onDidOpenTextDocument(({ textDocument }) => {
    runner.run('didOpen', undefined, undefined, () => {
      store.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      // The document reports its own problems now; it is indexed once its diagnostics are out (publisher.ts).
      problems.forget(textDocument.uri);
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
      notifier.forgetLimits(textDocument.uri);
      // The file on disk (if any) is what the workspace sees again.
      void scanner.indexFromDisk(textDocument.uri);
    });
  });

  connection.languages.diagnostics.on((params, token) =>
    runner.run('diagnostics', token, { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, () => publisher.answerPull(params, scheduler)),
  );
  connection.languages.diagnostics.onWorkspace((params, token) => runner.run('workspaceDiagnostics', token, { items: [] }, () => ({ items: problems.report(params.previousResultIds) })));

  const completionEditRangeDefault = () => capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
  registerRequests(connection, { store, runner, notifier, context: () => ctx, completionEditRangeDefault, itemLimits: () => itemLimits(config, capabilities) });
}

/** The most outline symbols and folding ranges given for a document: the setting, and for folding the client's own limit too. */
function itemLimits(config: ServerConfiguration, capabilities: ClientCapabilities): { symbols: number; folding: number } {
  const clientLimit = capabilities.textDocument?.foldingRange?.rangeLimit ?? Number.POSITIVE_INFINITY;
  return { symbols: config.maxItemsComputed, folding: Math.min(config.maxItemsComputed, clientLimit) };
}
