/**
 * The LSP adapter: wires the pure language service to a connection. It owns
 * the documents (incremental reparse per change), the validation schedule
 * (debounced, stale runs dropped), the workspace index (scanned in the
 * background, kept current from file events and open documents) and the
 * settings. Every request goes through the safe runner.
 *
 * The connection is made by the entry file (node/main.ts), which alone
 * imports `vscode-languageserver/node`.
 */
import {
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { countIndicators, parse, type UnitCatalog } from '../../grammar/src/index';
import { DocumentStore, MAX_DOCUMENT_CHARS, type OpenDocument } from './documents';
import { SafeRunner, type Logger } from './runner';
import { codeActions } from './service/codeActions';
import { complete } from './service/completion';
import { createContext, DEFAULT_SETTINGS, localize, type Locale, type ServiceContext, type ServiceSettings } from './service/context';
import { documentSymbols } from './service/documentSymbols';
import { foldingRanges } from './service/folding';
import { formatDocumentEdits, formatRangeEdits, formatRefusal } from './service/formattingEdits';
import { hover } from './service/hover';
import { references } from './service/references';
import { prepareRename, rename, renameNotAllowed } from './service/rename';
import { parseRuleSettings } from './service/rules';
import { selectionRanges } from './service/selectionRanges';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens, semanticTokensRange } from './service/semanticTokens';
import { findingToDiagnostic, mostSevere, type Finding } from './service/validation';
import { WorkspaceIndex } from './service/workspaceIndex';
import { workspaceSymbols } from './service/workspaceSymbols';

/** What the server needs from the machine: files of the workspace and its catalogs. Node-side in node/host.ts. */
export interface ServerHost {
  /** Every `*.ttab` file under a folder (absolute paths), lazily. */
  listTables(folder: string): AsyncIterable<string>;
  /** A table's text, unless it is missing, not a regular file or over `maxBytes` (then it is not read at all). */
  readTable(file: string, maxBytes: number): Promise<TableRead>;
  /** Catalogs and rule settings of a workspace root (`.ttab/*.json`, or the catalog paths the editor sets), with problems to show. */
  loadCatalogs(root: string | null, paths?: { unitsFile?: string; sourcesFile?: string }): { units: UnitCatalog; sources: readonly string[]; settings: ServiceSettings; problems: string[] };
  uriToPath(uri: string): string | null;
  pathToUri(file: string): string;
}

export type TableRead = { text: string } | { skipped: 'missing' | 'notAFile' } | { skipped: 'tooLarge'; size: number };

export interface ServerOptions {
  /** Debounce between the last change and validation, ms. */
  validationDelay?: number;
  /** Report the work behind each publication (benchmarks): a TIMING_NOTIFICATION after each validation of a change. */
  timing?: boolean;
}

/** Benchmark-only notification, sent with `--timing`: { uri, version, parseMs, validateMs, workMs, heapUsedMiB }. */
export const TIMING_NOTIFICATION = '$/targetTable/timing';

/** Status of an open table for the client's status bar. */
export const TABLE_STATS_NOTIFICATION = 'targetTable/tableStats';

interface ClientSettings {
  rules?: unknown;
  unitsFile?: unknown;
  sourcesFile?: unknown;
  historyFactor?: unknown;
  maxNumberOfProblems?: unknown;
  trace?: unknown;
}

export const DEFAULT_MAX_PROBLEMS = 1000;

export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = {}): void {
  const log: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const runner = new SafeRunner(log);
  const index = new WorkspaceIndex();
  let locale: Locale = 'en';
  let roots: string[] = [];
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  let catalogs = host.loadCatalogs(null);
  let catalogPaths: { unitsFile?: string; sourcesFile?: string } = {};
  const loadCatalogs = () => host.loadCatalogs(roots[0] ?? null, catalogPaths);
  let clientSettings: ServiceSettings = DEFAULT_SETTINGS;
  let maxNumberOfProblems = DEFAULT_MAX_PROBLEMS;
  let ctx: ServiceContext = createContext();
  const store = new DocumentStore({ units: catalogs.units, settings: DEFAULT_SETTINGS });
  const validationDelay = options.validationDelay ?? 200;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const shownProblems = new Set<string>();

  const settings = (): ServiceSettings => ({
    rules: { ...catalogs.settings.rules, ...clientSettings.rules },
    historyFactor: clientSettings.historyFactor !== DEFAULT_SETTINGS.historyFactor ? clientSettings.historyFactor : catalogs.settings.historyFactor,
  });

  const rebuildContext = (): void => {
    ctx = createContext({ locale, units: catalogs.units, sources: catalogs.sources, workspace: index, settings: settings() });
    store.setOptions({ units: catalogs.units, settings: ctx.settings });
  };

  /** A message for the user (a notification: nothing waits for an answer). */
  const warn = (message: string): void => {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  };

  /** A problem with the user's configuration: one message per distinct problem, never a storm. */
  const showProblem = (text: string): void => {
    if (shownProblems.has(text)) return;
    shownProblems.add(text);
    log.warn(text);
    warn(text);
  };

  // ---------------------------------------------------------------------------
  // Lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = (params.locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    capabilities = params.capabilities;
    pullDiagnostics = (params.initializationOptions as { diagnosticMode?: string } | undefined)?.diagnosticMode === 'pull' && !!capabilities.textDocument?.diagnostic;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => host.uriToPath(u)).filter((p): p is string => p !== null);
    catalogs = loadCatalogs();
    rebuildContext();
    const serverCapabilities: ServerCapabilities = {
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
    if (pullDiagnostics) serverCapabilities.diagnosticProvider = { interFileDependencies: false, workspaceDiagnostics: false };
    return { capabilities: serverCapabilities, serverInfo: { name: 'Target Table', version: '0.1.0' } };
  });

  connection.onInitialized(() => {
    for (const problem of catalogs.problems) showProblem(problem);
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.ttab' }, { globPattern: '**/.ttab/*.json' }],
      });
    }
    if (capabilities.workspace?.configuration) void refreshSettings();
    // Only a client that announced folder events may be asked for them (the library throws otherwise).
    if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(onWorkspaceFoldersChanged);
    void scanWorkspace();
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  // ---------------------------------------------------------------------------
  // Settings and catalogs

  const refreshSettings = async (): Promise<void> => {
    try {
      const raw = (await connection.workspace.getConfiguration('targetTable')) as ClientSettings | null;
      clientSettings = readClientSettings(raw ?? {});
      maxNumberOfProblems = readMaxProblems(raw?.maxNumberOfProblems);
      const paths = { unitsFile: typeof raw?.unitsFile === 'string' ? raw.unitsFile : undefined, sourcesFile: typeof raw?.sourcesFile === 'string' ? raw.sourcesFile : undefined };
      if (paths.unitsFile !== catalogPaths.unitsFile || paths.sourcesFile !== catalogPaths.sourcesFile) {
        catalogPaths = paths;
        catalogs = loadCatalogs();
        for (const problem of catalogs.problems) showProblem(problem);
      }
    } catch (e) {
      runner.failed('configuration', e);
    }
    rebuildContext();
    revalidateAll();
  };

  const readClientSettings = (raw: ClientSettings): ServiceSettings => {
    const json: Record<string, unknown> = {};
    if (raw.rules !== undefined && raw.rules !== null) {
      if (typeof raw.rules === 'object' && !Array.isArray(raw.rules)) Object.assign(json, raw.rules);
      else json.rules = raw.rules;
    }
    if (raw.historyFactor !== undefined && raw.historyFactor !== null) json.historyFactor = raw.historyFactor;
    const { settings: parsed, problems } = parseRuleSettings(json);
    for (const p of problems) showProblem(`${localize({ zh: '设置 targetTable 有误：', en: 'Setting targetTable is invalid: ' }, locale)}${localize(p, locale)}`);
    return parsed;
  };

  const readMaxProblems = (raw: unknown): number => {
    if (raw === undefined || raw === null) return DEFAULT_MAX_PROBLEMS;
    if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
    showProblem(
      localize(
        { zh: `设置 targetTable.maxNumberOfProblems 应为正整数，而不是 ${JSON.stringify(raw)}；按 ${DEFAULT_MAX_PROBLEMS} 处理`, en: `Setting targetTable.maxNumberOfProblems must be a positive integer, not ${JSON.stringify(raw)}; using ${DEFAULT_MAX_PROBLEMS}` },
        locale,
      ),
    );
    return DEFAULT_MAX_PROBLEMS;
  };

  connection.onDidChangeConfiguration(() => {
    void refreshSettings();
  });

  // ---------------------------------------------------------------------------
  // Documents and validation

  connection.onDidOpenTextDocument(({ textDocument }) => {
    runner.run('didOpen', undefined, undefined, () => {
      const open = store.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      index.update(textDocument.uri, open.parsed.ast);
      scheduleValidation(textDocument.uri, 0);
    });
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    runner.run('didChange', undefined, undefined, () => {
      const receivedAt = performance.now();
      const open = store.change(textDocument.uri, textDocument.version ?? 0, contentChanges);
      if (!open) return;
      const previous = pendingWork.get(textDocument.uri);
      // Changes that arrive before validation add their parsing to the work of that validation.
      pendingWork.set(textDocument.uri, { receivedAt: previous?.receivedAt ?? receivedAt, parseMs: (previous?.parseMs ?? 0) + performance.now() - receivedAt });
      scheduleValidation(textDocument.uri, validationDelay);
    });
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    runner.run('didClose', undefined, undefined, () => {
      const timer = timers.get(textDocument.uri);
      if (timer) clearTimeout(timer);
      timers.delete(textDocument.uri);
      store.close(textDocument.uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
      // The file on disk (if any) is what the workspace sees again.
      void indexFromDisk(textDocument.uri);
    });
  });

  const scheduleValidation = (uri: string, delay: number): void => {
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validateNow(uri);
      }, delay),
    );
  };

  /** Validate the current version and publish; a version superseded meanwhile is simply not the one validated. */
  /** Per uri: when the change being validated arrived, and how long its reparse took (for `--timing`). */
  const pendingWork = new Map<string, { receivedAt: number; parseMs: number }>();

  /** Validate the current version and publish; a version superseded meanwhile is simply not the one validated. */
  const validateNow = (uri: string): void => {
    const open = store.get(uri);
    if (!open) return;
    const validateStart = performance.now();
    const findings = runner.run('validation', undefined, [] as Finding[], () => store.findings(open));
    const validateMs = performance.now() - validateStart;
    if (!pullDiagnostics) {
      const written = connection.sendDiagnostics({ uri, version: open.document.version, diagnostics: toDiagnostics(findings) });
      const work = pendingWork.get(uri);
      pendingWork.delete(uri);
      if (options.timing && work) {
        void Promise.resolve(written).then(() => {
          void connection.sendNotification(TIMING_NOTIFICATION, {
            uri,
            version: open.document.version,
            parseMs: work.parseMs,
            validateMs,
            // Receipt of the change to diagnostics written, minus the debounce wait.
            workMs: performance.now() - work.receivedAt - (validateStart - work.receivedAt - work.parseMs),
            heapUsedMiB: process.memoryUsage().heapUsed / 1048576,
          });
        });
      }
    }
    sendStats(uri, open, findings);
    // Off the diagnostics path (after the diagnostics are written): other files' completion sees this one's names on the next request.
    setImmediate(() => runner.run('index', undefined, undefined, () => index.update(uri, open.parsed.ast)));
  };

  /** Diagnostics of unchanged findings are reused (a finding object lives as long as its duty is unchanged). */
  let diagnosticCache = new WeakMap<Finding, Diagnostic>();
  let diagnosticLocale: Locale = locale;

  /**
   * The findings as diagnostics, the most severe first when there are more than
   * `targetTable.maxNumberOfProblems` (a list of thousands helps nobody and costs every edit),
   * with one line saying how many are not shown.
   */
  const toDiagnostics = (findings: readonly Finding[]): Diagnostic[] => {
    if (diagnosticLocale !== locale) {
      diagnosticCache = new WeakMap();
      diagnosticLocale = locale;
    }
    const shown = mostSevere(findings, maxNumberOfProblems);
    const diagnostics = shown.map((f) => {
      let d = diagnosticCache.get(f);
      if (!d) {
        d = findingToDiagnostic(f, locale);
        diagnosticCache.set(f, d);
      }
      return d;
    });
    if (shown.length < findings.length) {
      const hidden = findings.length - shown.length;
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'ttab',
        message: localize(
          { zh: `另有 ${hidden} 个问题未显示（上限由 targetTable.maxNumberOfProblems 设置，目前为 ${maxNumberOfProblems}）`, en: `${hidden} more problems not shown (the limit is targetTable.maxNumberOfProblems, now ${maxNumberOfProblems})` },
          locale,
        ),
      });
    }
    return diagnostics;
  };

  const sendStats = (uri: string, open: OpenDocument, findings: readonly Finding[]): void => {
    const indicators = countIndicators(open.parsed.ast);
    const count = (s: Finding['severity']) => findings.reduce((n, f) => n + (f.severity === s ? 1 : 0), 0);
    void connection.sendNotification(TABLE_STATS_NOTIFICATION, { uri, indicators, errors: count('error'), warnings: count('warning'), infos: count('info') });
  };

  const revalidateAll = (): void => {
    for (const open of store.all()) {
      scheduleValidation(open.document.uri, 0);
    }
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  };

  connection.languages.diagnostics.on((params, token) =>
    runner.run('diagnostics', token, { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, () => {
      const open = store.get(params.textDocument.uri);
      if (!open) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const findings = store.findings(open);
      sendStats(params.textDocument.uri, open, findings);
      return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(findings) };
    }),
  );

  // ---------------------------------------------------------------------------
  // Workspace index: every .ttab of the workspace folders, open or not

  /** Files the index skips, each said once in the log (a file watcher may report it again and again). */
  const skippedFiles = new Set<string>();

  const indexFromDisk = async (uri: string): Promise<void> => {
    if (store.get(uri)) return; // open documents are indexed from the editor's text
    const file = host.uriToPath(uri);
    if (!file) return;
    try {
      // The TT005 limit: a document over MAX_DOCUMENT_CHARS is not served; UTF-8 takes up to 3 bytes a character.
      const read = await host.readTable(file, MAX_DOCUMENT_CHARS * 3);
      if ('text' in read && read.text.length <= MAX_DOCUMENT_CHARS) {
        skippedFiles.delete(uri);
        if (!store.get(uri)) index.update(uri, parse(read.text, { units: catalogs.units }).ast);
        return;
      }
      index.remove(uri);
      const reason = 'text' in read ? 'tooLarge' : read.skipped;
      if (reason === 'missing' || skippedFiles.has(uri)) return;
      skippedFiles.add(uri);
      const limit = MAX_DOCUMENT_CHARS / 1024 / 1024;
      log.warn(
        localize(
          reason === 'notAFile'
            ? { zh: `索引：${file} 不是普通文件（设备、FIFO 或指向它们的链接），未读取`, en: `index: ${file} is not a regular file (a device, a FIFO or a link to one); not read` }
            : { zh: `索引：${file} 超过表格的大小上限 ${limit} MB（TT005），未读取`, en: `index: ${file} is over the ${limit} MB a table may have (TT005); not read` },
          locale,
        ),
      );
    } catch (e) {
      runner.failed('index', e);
      index.remove(uri);
    }
  };

  /** Scan the workspace file by file, yielding between files so requests are never held up by it. */
  const scanWorkspace = async (): Promise<void> => {
    for (const root of roots) {
      try {
        for await (const file of host.listTables(root)) {
          await indexFromDisk(host.pathToUri(file));
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        runner.failed('workspace scan', e);
      }
    }
  };

  /** One of the catalog files the editor's settings point at. */
  const isCatalogFile = (uri: string): boolean => {
    const file = host.uriToPath(uri);
    const root = roots[0];
    if (!file || !root) return false;
    return [catalogPaths.unitsFile, catalogPaths.sourcesFile].some((p) => p !== undefined && path.resolve(root, p) === file);
  };

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let catalogsChanged = false;
    for (const change of changes) {
      if (/\/\.ttab\/[^/]+\.json$/.test(change.uri) || isCatalogFile(change.uri)) {
        catalogsChanged = true;
        continue;
      }
      if (!change.uri.endsWith('.ttab')) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!store.get(change.uri)) index.remove(change.uri);
      } else {
        void indexFromDisk(change.uri);
      }
    }
    if (catalogsChanged) {
      catalogs = loadCatalogs();
      shownProblems.clear();
      for (const problem of catalogs.problems) showProblem(problem);
      rebuildContext();
      revalidateAll();
    }
  });

  const onWorkspaceFoldersChanged = (event: WorkspaceFoldersChangeEvent): void => {
    for (const removed of event.removed) {
      const prefix = removed.uri.endsWith('/') ? removed.uri : `${removed.uri}/`;
      for (const uri of index.uris()) if (uri.startsWith(prefix)) index.remove(uri);
    }
    const added = event.added.map((f) => host.uriToPath(f.uri)).filter((p): p is string => p !== null);
    roots = [...roots.filter((r) => !event.removed.some((f) => host.uriToPath(f.uri) === r)), ...added];
    void (async () => {
      for (const root of added) for await (const file of host.listTables(root)) await indexFromDisk(host.pathToUri(file));
    })().catch((e) => runner.failed('workspace scan', e));
  };

  // ---------------------------------------------------------------------------
  // Requests: each reads the current model of its document

  const withDocument = <T>(name: string, uri: string, token: { isCancellationRequested: boolean } | undefined, fallback: T, work: (open: OpenDocument, document: TextDocument) => T): T =>
    runner.run(name, token, fallback, () => {
      const open = store.get(uri);
      return open ? work(open, open.document) : fallback;
    });

  /** Positions past the end are clamped, so a stale request still gets a sensible answer. */
  const clamp = (document: TextDocument, position: Position): Position => document.positionAt(document.offsetAt(position));

  connection.onCompletion((params, token) =>
    withDocument('completion', params.textDocument.uri, token, null, (open, document) => complete(document, open.parsed, clamp(document, params.position), ctx)),
  );

  connection.onHover((params, token) =>
    withDocument('hover', params.textDocument.uri, token, null, (open, document) => hover(document, open.parsed, clamp(document, params.position), ctx, store.findings(open))),
  );

  connection.onDocumentSymbol((params, token) => withDocument('documentSymbol', params.textDocument.uri, token, [], (open, document) => documentSymbols(document, open.parsed, ctx)));

  connection.onWorkspaceSymbol((params, token) => runner.run('workspaceSymbol', token, [], () => workspaceSymbols(params.query, ctx)));

  connection.onFoldingRanges((params, token) => withDocument('foldingRange', params.textDocument.uri, token, [], (open, document) => foldingRanges(document, open.parsed)));

  connection.onSelectionRanges((params, token) =>
    withDocument('selectionRange', params.textDocument.uri, token, [], (open, document) => selectionRanges(document, open.parsed, params.positions.map((p) => clamp(document, p)))),
  );

  connection.languages.semanticTokens.on((params, token) =>
    withDocument('semanticTokens', params.textDocument.uri, token, { data: [] }, (open, document) => semanticTokens(document, open.parsed)),
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    withDocument('semanticTokensRange', params.textDocument.uri, token, { data: [] }, (open, document) => semanticTokensRange(document, open.parsed, params.range)),
  );

  const refuseFormatting = (open: OpenDocument): void => {
    const refusal = formatRefusal(open.parsed, locale);
    if (refusal) warn(refusal);
  };

  connection.onDocumentFormatting((params, token) =>
    withDocument('formatting', params.textDocument.uri, token, [], (open, document) => {
      refuseFormatting(open);
      return formatDocumentEdits(document, open.parsed);
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    withDocument('rangeFormatting', params.textDocument.uri, token, [], (open, document) => {
      refuseFormatting(open);
      return formatRangeEdits(document, open.parsed, params.range);
    }),
  );

  connection.onCodeAction((params, token) =>
    withDocument('codeAction', params.textDocument.uri, token, [], (open, document) => codeActions(document, open.parsed, params.range, params.context.diagnostics, ctx)),
  );

  connection.onReferences((params, token) =>
    withDocument('references', params.textDocument.uri, token, [], (open, document) =>
      references(document, open.parsed, clamp(document, params.position), ctx, params.context.includeDeclaration),
    ),
  );

  // Refusals reach the user as the request's error message ("cannot rename here" and why).
  const refusal = (message: { zh: string; en: string }) => new ResponseError(ErrorCodes.InvalidRequest, localize(message, locale));

  connection.onPrepareRename((params, token) => {
    const result = withDocument('prepareRename', params.textDocument.uri, token, undefined, (open, document) =>
      prepareRename(document, open.parsed, clamp(document, params.position), ctx),
    );
    if (result === undefined) return null;
    if (result === null) return refusal(renameNotAllowed);
    return 'error' in result ? refusal(result.error) : result;
  });

  connection.onRenameRequest((params, token) => {
    const result = withDocument('rename', params.textDocument.uri, token, null, (open, document) =>
      rename(document, open.parsed, clamp(document, params.position), params.newName, ctx),
    );
    if (result && 'error' in result) return refusal(result.error);
    return result;
  });
}
