/**
 * "Open Preview to the Side": the official form of the active table in a webview beside the
 * editor, as Markdown's preview does for Markdown. It follows the active .ttab editor, is rendered
 * again shortly after each edit (from the editor's text, saved or not), scrolls with the editor and
 * the editor with it, and a click on a row (or on a listed finding) reveals its line. Rows with
 * findings are marked by the report module (severity colour, messages as the row's title).
 *
 * The form is rendered here, in the extension host, by the pure report module
 * (report/) from the table's own analysis: no round trip to the language server
 * per keystroke, and the rows and their findings always belong to the same text.
 *
 * Security: a strict Content Security Policy (`default-src 'none'`, styles and scripts only by a
 * fresh nonce per page, resources only from the extension's media folder), and every table text is
 * escaped by the report module.
 */
import * as vscode from 'vscode';
import { fileUrl } from '../../report/escape';
import type { HtmlOptions, ReportModel } from '../../report/index';
import { COMMANDS, LANGUAGE_ID } from './ids';
import { nonce } from './nonce';
import { displayPath, loadReportModule, reportLocale, type TableAnalyzer } from './tableAnalyzer';

export const PREVIEW_VIEW_TYPE = 'targetTable.preview';
/** The form is rendered again this long after the last keystroke. */
const RENDER_DELAY_MS = 150;
/** After the preview scrolled the editor, the editor's scroll events are echoes of it for this long. */
const EDITOR_ECHO_MS = 250;

/** What the e2e tests (through the extension's API) can see of the preview. */
export interface PreviewState {
  /** The table shown. */
  uri: string;
  /** The document version of the last rendering, and its rows (one per indicator). */
  version: number;
  rows: number;
  /** The page last loaded into the webview (later edits arrive as messages replacing its body). */
  html: string;
  /**
   * What the webview's own script reports it shows: the version, its rows, and the elements in the
   * page's body that only table text turned into markup could have made (scripts, images, handlers…).
   */
  shown?: { version: number; rows: number; foreignElements: number };
  /** The table line at the top of the page after the preview last followed the editor's scrolling. */
  topLine?: number;
}

/** Messages from client/media/preview.js. */
type WebviewMessage =
  | { type: 'ready'; rows: number; foreignElements: number }
  | { type: 'shown'; version: number; rows: number; foreignElements: number }
  | { type: 'reveal'; line: number; file?: string }
  | { type: 'revealLine'; line: number }
  | { type: 'scrolled'; line: number }
  | { type: 'openLink'; href: string };

/** The folder the webviews may load from: the extension's media, nothing else. */
export function mediaFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'client', 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableFindWidget: true, localResourceRoots: [mediaFolder(extensionUri)] };
}

/** The report module's options for a page in `webview`: a fresh nonce, and the preview script. */
export function webviewHtmlOptions(webview: vscode.Webview, extensionUri: vscode.Uri): HtmlOptions {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaFolder(extensionUri), 'preview.js'));
  return {
    locale: reportLocale(),
    forPreview: { nonce: nonce(), cspSource: webview.cspSource, scripts: [script.toString()] },
  };
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; line?: unknown };
  switch (message.type) {
    case 'ready':
    case 'shown':
      return true;
    case 'openLink':
      return typeof (value as { href?: unknown }).href === 'string';
    case 'reveal':
    case 'revealLine':
    case 'scrolled':
      return typeof message.line === 'number' && Number.isInteger(message.line) && message.line >= 0;
    default:
      return false;
  }
}

/**
 * The table line a report's link points at: the report module links `file#L<line>` (1-based) with
 * `fileUrl`, `file` being the name the report gave the table (displayPath).
 */
export function linkTarget(href: string, tables: readonly vscode.Uri[]): { uri: vscode.Uri; line: number } | undefined {
  const match = /^(.*)#L(\d+)$/.exec(href);
  if (!match) return undefined;
  const uri = tables.find((t) => fileUrl(displayPath(t)) === match[1]);
  return uri && { uri, line: Math.max(0, Number(match[2]) - 1) };
}

/** Shows `line` of the table in an editor (the one already showing it, if any) with the cursor on it. */
export async function revealTableLine(uri: vscode.Uri, line: number, fallbackColumn = vscode.ViewColumn.One): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? fallbackColumn });
  const target = Math.min(line, document.lineCount - 1);
  const position = new vscode.Position(target, document.lineAt(target).firstNonWhitespaceCharacterIndex);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function isTable(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

/** The one preview panel, showing the table of the active .ttab editor. */
class TablePreview implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private document: vscode.TextDocument;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per rendering: a rendering that finds a newer one started drops its result. */
  private renderings = 0;
  /** Whether the page's script is listening; until then, the latest update waits here. */
  private ready = false;
  private pendingUpdate: { type: 'update'; version: number; body: string } | undefined;
  /** The next rendering replaces the whole page (new table, panel shown again) instead of its body. */
  private reload = true;
  private loadedVersion = -1;
  private rendered: { uri: string; version: number; rows: number } | undefined;
  private shown: PreviewState['shown'];
  private topLine: number | undefined;
  private editorEchoUntil = 0;
  private wasVisible = true;
  private disposed = false;

  constructor(
    document: vscode.TextDocument,
    column: vscode.ViewColumn,
    private readonly extensionUri: vscode.Uri,
    private readonly analyzer: TableAnalyzer,
    private readonly onDispose: () => void,
  ) {
    this.document = document;
    this.panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, previewTitle(document), { viewColumn: column, preserveFocus: true }, webviewOptions(extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message).catch((error) => this.failed(error))),
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        // a hidden webview drops its page: load it again when it shows (not on mere focus changes)
        if (webviewPanel.visible && !this.wasVisible) this.scheduleRender(0, true);
        this.wasVisible = webviewPanel.visible;
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isTable(editor.document)) this.show(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.scheduleRender(RENDER_DELAY_MS);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor.document === this.document) this.syncToEditor(event.textEditor);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.markCursor(event.textEditor);
      }),
      analyzer.onDidChange(() => this.scheduleRender(RENDER_DELAY_MS)),
    );
    this.scheduleRender(0, true);
  }

  /** Shows `document` (the same one: nothing changes). */
  show(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    this.panel.title = previewTitle(document);
    this.scheduleRender(0, true);
  }

  /** Shows the panel, beside the editor in `editorColumn` (moving it out of that editor's group). */
  reveal(editorColumn: vscode.ViewColumn | undefined): void {
    const column = this.panel.viewColumn !== undefined && this.panel.viewColumn !== editorColumn ? this.panel.viewColumn : vscode.ViewColumn.Beside;
    this.panel.reveal(column, true);
  }

  state(): PreviewState | undefined {
    if (!this.rendered) return undefined;
    return { ...this.rendered, html: this.panel.webview.html, shown: this.shown, topLine: this.topLine };
  }

  private scheduleRender(delay: number, reload = false): void {
    if (this.disposed) return;
    if (reload) this.reload = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render().catch((error) => this.failed(error)), delay);
  }

  private async render(): Promise<void> {
    const rendering = ++this.renderings;
    const report = await loadReportModule();
    if (rendering !== this.renderings || this.disposed) return;
    if (!this.panel.visible) {
      // a panel created hidden (the web worker host reports it shown later) or hidden since: render when it shows
      this.wasVisible = false;
      return;
    }
    const document = this.document;
    const text = document.getText();
    const { parsed, findings } = await this.analyzer.analyze(document.uri, text);
    if (rendering !== this.renderings || this.disposed || document !== this.document) return;
    const model: ReportModel = report.buildReportModel([{ file: displayPath(document.uri), text, parsed, findings }]);
    const options = webviewHtmlOptions(this.panel.webview, this.extensionUri);
    this.rendered = { uri: document.uri.toString(), version: document.version, rows: model.tables[0]?.rows.length ?? 0 };
    if (this.reload) {
      this.reload = false;
      this.ready = false;
      this.pendingUpdate = undefined;
      this.loadedVersion = document.version;
      this.shown = undefined;
      this.topLine = undefined;
      this.panel.webview.html = report.renderFormHtml(model, options);
      return;
    }
    const update = { type: 'update' as const, version: document.version, body: report.renderFormBody(model, options) };
    if (this.ready) void this.panel.webview.postMessage(update);
    else this.pendingUpdate = update;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        this.shown = { version: this.loadedVersion, rows: message.rows, foreignElements: message.foreignElements };
        if (this.pendingUpdate) void this.panel.webview.postMessage(this.pendingUpdate);
        this.pendingUpdate = undefined;
        const editor = this.visibleEditor();
        if (editor) {
          this.syncToEditor(editor);
          this.markCursor(editor);
        }
        return;
      }
      case 'shown':
        this.shown = { version: message.version, rows: message.rows, foreignElements: message.foreignElements };
        return;
      case 'scrolled':
        this.topLine = message.line;
        return;
      case 'revealLine': {
        const editor = this.visibleEditor();
        if (!editor) return;
        const line = Math.min(message.line, editor.document.lineCount - 1);
        this.editorEchoUntil = Date.now() + EDITOR_ECHO_MS;
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'reveal':
        await revealTableLine(this.document.uri, message.line, this.sourceColumn());
        return;
      case 'openLink': {
        const target = linkTarget(message.href, [this.document.uri]);
        if (target) await revealTableLine(target.uri, target.line, this.sourceColumn());
        return;
      }
    }
  }

  /** Scrolls the page to the editor's top line, unless the editor only follows the page. */
  private syncToEditor(editor: vscode.TextEditor): void {
    if (!this.ready || Date.now() < this.editorEchoUntil) return;
    const top = editor.visibleRanges[0]?.start.line ?? 0;
    void this.panel.webview.postMessage({ type: 'scrollToLine', line: top });
  }

  /** Tints the row of the indicator the cursor is in. */
  private markCursor(editor: vscode.TextEditor): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'activeLine', line: editor.selection.active.line });
  }

  private visibleEditor(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === this.document);
  }

  /** The column of the table's editor, or the one left of the preview. */
  private sourceColumn(): vscode.ViewColumn {
    const editor = this.visibleEditor();
    if (editor?.viewColumn) return editor.viewColumn;
    const column = this.panel.viewColumn ?? vscode.ViewColumn.Two;
    return column > vscode.ViewColumn.One ? column - 1 : vscode.ViewColumn.Beside;
  }

  private failed(error: unknown): void {
    // a rendering or a reveal must never take the editor down; the next edit or click tries again
    console.error(`Target Table preview: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions.length = 0;
    this.panel.dispose();
    this.onDispose();
  }
}

function previewTitle(document: vscode.TextDocument): string {
  const name = document.isUntitled ? document.uri.path : (document.uri.path.split('/').pop() ?? document.uri.path);
  return vscode.l10n.t('Preview {0}', name);
}

/** Registers "Open Preview to the Side"; returns what the extension's API exposes of the preview. */
export function registerPreview(context: vscode.ExtensionContext, analyzer: TableAnalyzer): { previewState(): PreviewState | undefined } {
  let preview: TablePreview | undefined;
  const open = (uri?: unknown): void => {
    const target =
      uri instanceof vscode.Uri
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
        : vscode.window.activeTextEditor?.document;
    if (target && isTable(target)) {
      if (preview) {
        preview.show(target);
        preview.reveal(vscode.window.activeTextEditor?.viewColumn);
      } else {
        preview = new TablePreview(target, vscode.ViewColumn.Beside, context.extensionUri, analyzer, () => (preview = undefined));
      }
      return;
    }
    if (uri instanceof vscode.Uri) {
      // a table from the explorer that is not open yet
      void vscode.workspace.openTextDocument(uri).then((document) => (isTable(document) ? open(document.uri) : undefined));
      return;
    }
    if (preview) preview.reveal(vscode.window.activeTextEditor?.viewColumn);
    else void vscode.window.showInformationMessage(vscode.l10n.t('Open a .ttab table to preview it.'));
  };
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.openPreviewToSide, open), { dispose: () => preview?.dispose() });
  return { previewState: () => preview?.state() };
}
