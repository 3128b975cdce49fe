/**
 * "Generate Report…": the official form or the review report of one table or of every table of
 * the workspace, as HTML, XLSX, Markdown or CSV (the same report module as `ttab report`), written
 * next to the table or where the user picks, never over an existing file without asking, and
 * always completely (a temporary file renamed into place); then offers to open it.
 *
 * The report package (report/) is pure and runs here, in the extension host.
 * Tables are analysed here too (tableAnalyzer.ts), with the catalogs and rule settings the language
 * server uses for them, so a report also covers the tables no editor has open (the server checks
 * open tables only).
 */
import * as path from 'pathe';
import * as vscode from 'vscode';
import { commandRequest, exists, resolveInFolder, tableText } from './workspaceFiles';
import type { HtmlOptions, ReportInput, ReportModel } from '../../report/index';
import { REPORT_EXTENSIONS, REPORT_FORMATS, type ReportFormat, type ReportKind } from '../../report/formats';
import { fileUrl } from '../../report/escape';
import { COMMANDS, CONFIG_SECTION, LANGUAGE_ID } from './ids';
import type { ClientPlatform } from './platform';
import { isWebviewMessage, linkTarget, registerPreview, revealTableLine, webviewHtmlOptions, webviewOptions, type PreviewState } from './preview';
import { displayPath, loadReportModule, reportLocale, TableAnalyzer } from './tableAnalyzer';

export type { ReportFormat, ReportKind };
export type ReportScope = 'file' | 'workspace';

/**
 * What to generate. The command asks for what is missing; the e2e tests (and other extensions)
 * pass everything to run it without a prompt.
 */
export interface ReportRequest {
  kind?: ReportKind;
  format?: ReportFormat;
  scope?: ReportScope;
  /** The table (scope 'file'); default: the active editor's. */
  uri?: vscode.Uri;
  /** The file to write; default: next to the table (or in targetTable.report.outputFolder). */
  output?: vscode.Uri;
  /** Replace an existing output without asking. */
  replace?: boolean;
  /** Offer to open the result once written (default true). */
  open?: boolean;
}

// ---------------------------------------------------------------------------
// The command

/** Picks one of `choices`, with `preferred` (the setting's default) highlighted. */
async function pick<T>(title: string, step: number, totalSteps: number, choices: readonly (vscode.QuickPickItem & { value: T })[], preferred?: T): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  quickPick.title = title;
  quickPick.step = step;
  quickPick.totalSteps = totalSteps;
  quickPick.items = choices;
  const active = choices.find((c) => c.value === preferred);
  if (active) quickPick.activeItems = [active];
  return new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.value);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

function kindLabel(kind: ReportKind): string {
  switch (kind) {
    case 'form':
      return vscode.l10n.t('Official form');
    case 'review':
      return vscode.l10n.t('Review report');
    case 'monitor':
      return vscode.l10n.t('Monitoring report');
    case 'self-eval':
      return vscode.l10n.t('Self-evaluation report');
  }
}

function formatChoice(format: ReportFormat): vscode.QuickPickItem & { value: ReportFormat } {
  switch (format) {
    case 'html':
      return { value: format, label: 'HTML', description: vscode.l10n.t('a web page; prints as the form (A4 landscape)') };
    case 'xlsx':
      return { value: format, label: 'XLSX', description: vscode.l10n.t('an Excel workbook, one sheet per table') };
    case 'md':
      return { value: format, label: 'Markdown', description: vscode.l10n.t('for pull requests and wikis') };
    case 'csv':
      return { value: format, label: 'CSV', description: vscode.l10n.t('one row per indicator (UTF-8 with BOM)') };
  }
}

async function workspaceTables(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/*.ttab', '**/node_modules/**');
  return found.sort((a, b) => a.toString().localeCompare(b.toString()));
}

/** The active table, or the one the command was invoked on (explorer, editor title). */
function tableOf(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (uri) return uri;
  const document = vscode.window.activeTextEditor?.document;
  return document && document.languageId === LANGUAGE_ID ? document.uri : undefined;
}

/** Where a report goes unless the user picks: targetTable.report.outputFolder, else next to the table (or in the workspace folder). */
function defaultOutput(kind: ReportKind, format: ReportFormat, scope: ReportScope, table: vscode.Uri | undefined): vscode.Uri | undefined {
  const folder = (table && vscode.workspace.getWorkspaceFolder(table)) ?? vscode.workspace.workspaceFolders?.[0];
  const base =
    scope === 'file' && table
      ? path.posix.basename(table.path).replace(/\.ttab$/i, '') || 'table'
      : (folder?.name ?? 'tables');
  const name = `${base}.${kind}.${REPORT_EXTENSIONS[format]}`;
  const configured = vscode.workspace.getConfiguration(CONFIG_SECTION, table ?? folder?.uri).get<string>('report.outputFolder')?.trim();
  if (configured) {
    if (folder) return vscode.Uri.joinPath(resolveInFolder(folder.uri, configured), name);
    if (path.isAbsolute(configured)) return vscode.Uri.joinPath(vscode.Uri.file(configured), name);
  }
  if (scope === 'file' && table && table.scheme !== 'untitled') return vscode.Uri.joinPath(table, '..', name);
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}


/**
 * Asks what is missing from `request`, writes the report, offers to open it. Returns the file
 * written, or undefined when the user cancelled or it could not be written (the user was told).
 */
export async function generateReport(request: ReportRequest, analyzer: TableAnalyzer, extensionUri: vscode.Uri, platform: ClientPlatform): Promise<vscode.Uri | undefined> {
  const title = vscode.l10n.t('Generate Report');
  const table = tableOf(request.uri);
  const interactive = !(request.kind && request.format && request.scope);
  const settings = vscode.workspace.getConfiguration(CONFIG_SECTION, table);
  const steps = 4;

  const kind =
    request.kind ??
    (await pick<ReportKind>(title, 1, steps, [
      { value: 'form', label: kindLabel('form'), description: vscode.l10n.t('部门预算整体绩效目标表, as the official form lays it out') },
      { value: 'review', label: kindLabel('review'), description: vscode.l10n.t('figures, findings and charts of targets against history') },
      { value: 'monitor', label: kindLabel('monitor'), description: vscode.l10n.t('绩效运行监控表: progress to date against the time elapsed, budget execution') },
      { value: 'self-eval', label: kindLabel('self-eval'), description: vscode.l10n.t('绩效自评表: actuals, points, scores and the grade') },
    ], settings.get<ReportKind>('report.kind')));
  if (!kind) return undefined;

  const formats = REPORT_FORMATS[kind];
  const format = request.format ?? (await pick<ReportFormat>(title, 2, steps, formats.map(formatChoice), settings.get<ReportFormat>('report.format')));
  if (!format) return undefined;
  if (!formats.includes(format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The review report comes as HTML or Markdown, not as {0}.', format));
    return undefined;
  }

  const tables = await workspaceTables();
  let scope = request.scope;
  if (!scope) {
    const choices: (vscode.QuickPickItem & { value: ReportScope })[] = [];
    if (table) choices.push({ value: 'file', label: vscode.l10n.t('This table'), description: displayPath(table) });
    if (tables.length > 0) {
      const count = tables.length === 1 ? vscode.l10n.t('1 table') : vscode.l10n.t('{0} tables', tables.length);
      choices.push({ value: 'workspace', label: vscode.l10n.t('Whole workspace'), description: count });
    }
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a .ttab table, or a folder with .ttab tables, to generate a report.'));
      return undefined;
    }
    scope = choices.length === 1 ? choices[0]!.value : await pick<ReportScope>(title, 3, steps, choices, 'file');
    if (!scope) return undefined;
  }
  const sources = scope === 'file' ? (table ? [table] : []) : tables;
  if (sources.length === 0) {
    void vscode.window.showInformationMessage(
      scope === 'file' ? vscode.l10n.t('Open a .ttab table to generate its report.') : vscode.l10n.t('The workspace has no .ttab tables.'),
    );
    return undefined;
  }

  let output = request.output ?? defaultOutput(kind, format, scope, scope === 'file' ? table : undefined);
  let confirmed = request.replace === true;
  if (!request.output && interactive) {
    const choose = vscode.l10n.t('Choose a location…');
    const picked = await pick<'default' | 'choose'>(title, 4, steps, [
      ...(output ? [{ value: 'default' as const, label: vscode.l10n.t('Save as {0}', displayPath(output)) }] : []),
      { value: 'choose', label: choose },
    ]);
    if (!picked) return undefined;
    if (picked === 'choose' || !output) {
      const filters: Record<string, string[]> = { [formatChoice(format).label]: [REPORT_EXTENSIONS[format]] };
      output = await vscode.window.showSaveDialog({ defaultUri: output, filters, title, saveLabel: vscode.l10n.t('Save Report') });
      if (!output) return undefined;
      confirmed = true; // the save dialog has asked about replacing the file
    }
  }
  if (!output) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No folder to write the report to: choose a location.'));
    return undefined;
  }
  if (!confirmed && (await exists(output))) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Replace it?', displayPath(output)),
      { modal: true, detail: vscode.l10n.t('The new report is written completely before it takes the place of the old file.') },
      replace,
    );
    if (answer !== replace) return undefined;
  }

  const target = output;
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating {0}…', displayPath(target)), cancellable: true },
    async (progress, token) => {
      const model = await buildModel(sources, analyzer, progress, token);
      if (!model || token.isCancellationRequested) return false;
      let bytes: Uint8Array;
      try {
        const rendered = await (await loadReportModule()).renderReport(model, kind, format, { locale: reportLocale(), link: linkFrom(target, sources) });
        bytes = typeof rendered === 'string' ? new TextEncoder().encode(rendered) : rendered;
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The report could not be generated: {0}', errorText(error)));
        return false;
      }
      return writeAtomically(target, bytes, platform);
    },
  );
  if (!written) return undefined;
  if (request.open !== false) void offerToOpen(target, kind, format, sources, analyzer, extensionUri);
  return target;
}

async function reportInputs(
  sources: readonly vscode.Uri[],
  analyzer: TableAnalyzer,
  progress?: vscode.Progress<{ message?: string; increment?: number }>,
  token?: vscode.CancellationToken,
): Promise<ReportInput[] | undefined> {
  const inputs: ReportInput[] = [];
  for (const uri of sources) {
    if (token?.isCancellationRequested) return undefined;
    progress?.report({ message: displayPath(uri), increment: 90 / sources.length });
    let text: string;
    try {
      text = await tableText(uri);
    } catch (error) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} was left out of the report: {1}', displayPath(uri), errorText(error)));
      continue;
    }
    const { parsed, findings, settings } = await analyzer.analyze(uri, text);
    inputs.push({ file: displayPath(uri), text, parsed, findings, settings });
  }
  return inputs;
}

async function buildModel(
  sources: readonly vscode.Uri[],
  analyzer: TableAnalyzer,
  progress?: vscode.Progress<{ message?: string; increment?: number }>,
  token?: vscode.CancellationToken,
): Promise<ReportModel | undefined> {
  const report = await loadReportModule();
  const inputs = await reportInputs(sources, analyzer, progress, token);
  return inputs && report.buildReportModel(inputs);
}

/** Links from the report at `output` to the lines of its tables: relative paths, so the folder can move. */
function linkFrom(output: vscode.Uri, sources: readonly vscode.Uri[]): (file: string, line: number) => string {
  const byName = new Map(sources.map((uri) => [displayPath(uri), uri]));
  return (file, line) => {
    const uri = byName.get(file);
    if (!uri || uri.scheme !== output.scheme || uri.authority !== output.authority) return fileUrl(file, line);
    return fileUrl(path.posix.relative(path.posix.dirname(output.path), uri.path), line);
  };
}

/**
 * Replaces `target` only with a completely written new file: a temporary file beside it renamed
 * into place (atomically on disk; through VS Code's file system for other schemes and in the browser).
 */
async function writeAtomically(target: vscode.Uri, bytes: Uint8Array, platform: ClientPlatform): Promise<boolean> {
  try {
    await platform.writeFile(target, bytes);
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The report could not be written to {0}: {1}', displayPath(target), errorText(error)));
    return false;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------
// Opening the result

/** What the notification after a report offers. */
type OpenAction = 'panel' | 'browser' | 'external' | 'revealInOS' | 'revealInExplorer' | 'download' | 'editor';

/**
 * A browser or remote workbench (code-server, Codespaces, Remote-SSH): the report is on another
 * machine than the user's desktop, so no desktop application can open it and `openExternal` of its
 * file has nothing to open (in code-server it left the workbench unresponsive).
 */
function workbenchIsRemote(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Web || vscode.env.remoteName !== undefined;
}

/**
 * What works for the report where the workbench runs. Locally: the HTML in VS Code or the browser,
 * the workbook in its desktop application or the file manager, text in an editor. In a browser or
 * remote workbench only VS Code's own views and the browser's download: the form in a webview
 * (HTML, and the XLSX form), text in an editor, the file in the Explorer view, Download.
 */
export function openActions(kind: ReportKind, format: ReportFormat, remote: boolean, inWorkspace: boolean): OpenAction[] {
  if (!remote) return format === 'html' ? ['panel', 'browser'] : format === 'xlsx' ? ['external', 'revealInOS'] : ['editor'];
  const inside: OpenAction = format === 'html' || (format === 'xlsx' && kind === 'form') ? 'panel' : 'editor';
  // the Explorer view (and its Download, which takes the Explorer's selection) knows only the workspace's files
  return inWorkspace ? [inside, 'revealInExplorer', 'download'] : [inside];
}

function actionLabel(action: OpenAction, format: ReportFormat): string {
  switch (action) {
    case 'panel':
      return format === 'html' ? vscode.l10n.t('Open in VS Code') : vscode.l10n.t('Show the Form in VS Code');
    case 'browser':
      return vscode.l10n.t('Open in Browser');
    case 'external':
    case 'editor':
      return vscode.l10n.t('Open');
    case 'revealInOS':
      return vscode.l10n.t('Reveal in File Explorer');
    case 'revealInExplorer':
      return vscode.l10n.t('Reveal in Explorer View');
    case 'download':
      return vscode.l10n.t('Download');
  }
}

/**
 * Selects the report in the Explorer view. The Explorer may not have seen the file yet (just
 * written, through a remote or virtual file system): it is refreshed first, or nothing is revealed.
 */
async function revealInExplorer(target: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('workbench.files.action.refreshFilesExplorer');
  await vscode.commands.executeCommand('revealInExplorer', target);
}

async function offerToOpen(
  target: vscode.Uri,
  kind: ReportKind,
  format: ReportFormat,
  sources: readonly vscode.Uri[],
  analyzer: TableAnalyzer,
  extensionUri: vscode.Uri,
): Promise<void> {
  const actions = openActions(kind, format, workbenchIsRemote(), vscode.workspace.getWorkspaceFolder(target) !== undefined);
  const labels = actions.map((a) => actionLabel(a, format));
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Report written: {0}', displayPath(target)), ...labels);
  const action = choice === undefined ? undefined : actions[labels.indexOf(choice)];
  try {
    switch (action) {
      case 'panel':
        return await showReportPanel(target, kind, sources, analyzer, extensionUri);
      case 'browser':
      case 'external':
        await vscode.env.openExternal(target);
        return;
      case 'revealInOS':
        await vscode.commands.executeCommand('revealFileInOS', target);
        return;
      case 'revealInExplorer':
        await revealInExplorer(target);
        return;
      case 'download':
        // VS Code's Download acts on the Explorer's selection: select the report first
        await revealInExplorer(target);
        await vscode.commands.executeCommand('explorer.download');
        return;
      case 'editor':
        await vscode.window.showTextDocument(target);
        return;
    }
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be opened: {1}', displayPath(target), errorText(error)));
  }
}

/**
 * An HTML report in a webview: the same report rendered again for the webview's strict Content
 * Security Policy (a file's page is not allowed to run the script that follows links to the tables).
 */
async function showReportPanel(target: vscode.Uri, kind: ReportKind, sources: readonly vscode.Uri[], analyzer: TableAnalyzer, extensionUri: vscode.Uri): Promise<void> {
  const report = await loadReportModule();
  const model = await buildModel(sources, analyzer);
  if (!model) return;
  const name = path.posix.basename(target.path);
  const panel = vscode.window.createWebviewPanel('targetTable.report', name, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
  const options = webviewHtmlOptions(panel.webview, extensionUri);
  panel.webview.html = report.renderHtml(model, kind, options);
  const byName = new Map(sources.map((uri) => [displayPath(uri), uri]));
  panel.webview.onDidReceiveMessage((message: unknown) => {
    if (!isWebviewMessage(message)) return;
    let target: { uri: vscode.Uri; line: number } | undefined;
    if (message.type === 'openLink') target = linkTarget(message.href, sources);
    if (message.type === 'reveal') {
      const uri = message.file !== undefined ? byName.get(message.file) : sources.length === 1 ? sources[0] : undefined;
      target = uri && { uri, line: message.line };
    }
    if (target) void revealTableLine(target.uri, target.line).then(undefined, () => undefined);
  });
}

// ---------------------------------------------------------------------------

/** What the extension's API exposes of the reports (for the e2e tests). */
export interface ReportApi {
  previewState(): PreviewState | undefined;
}

/** Registers "Generate Report…" and "Open Preview to the Side". */
export function registerReports(context: vscode.ExtensionContext, analyzer: TableAnalyzer, platform: ClientPlatform): ReportApi {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.generateReport, (arg?: unknown) => generateReport(commandRequest<ReportRequest>(arg), analyzer, context.extensionUri, platform)),
  );
  return registerPreview(context, analyzer);
}
