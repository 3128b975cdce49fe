/**
 * "Compare with HEAD (Semantic)" and "Compare Two Tables…": the semantic diff of two versions of
 * a table (the pure package diff/, the same as `ttab diff`) in a webview, with
 * links that reveal the changed lines.
 *
 * The committed version comes from the built-in git extension's API (repository.show), else
 * from the git CLI (node/git.ts, where the extension runs in Node); the working version is the
 * editor's text, saved or not. Compare Two Tables needs neither, so it works in the browser too.
 * The webview follows the rules of the reports: `default-src 'none'`, its one style and one
 * script by a fresh nonce, resources only from the extension, every table text escaped.
 */
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { Message, ParseResult } from '../../grammar/src/index';
import type { FileDiff } from '../../diff/index';
import { escapeHtml } from '../../report/escape';
import { gitApi } from './gitExtension';
import { COMMANDS, LANGUAGE_ID } from './ids';
import { nonce as freshNonce } from './nonce';
import { notInHead, type ClientPlatform, type CommittedText } from './platform';
import { revealTableLine, webviewOptions } from './preview';
import { displayPath, reportLocale, TableAnalyzer } from './tableAnalyzer';
import { tableText } from './workspaceFiles';

export const DIFF_VIEW_TYPE = 'targetTable.semanticDiff';
/** Read-only documents of committed versions, for the links to their lines. */
const COMMITTED_SCHEME = 'ttab-committed';

/** What the commands return (for the e2e tests): the page shown, and whether anything changed. */
export interface DiffResult {
  html: string;
  changed: boolean;
}

/** One side of a comparison: where its lines are revealed, how it is named, its text. */
interface Side {
  uri: vscode.Uri;
  label: string;
  text: string;
}

// ---------------------------------------------------------------------------
// Reading the committed version

/** The table as committed in HEAD: through the git extension, else the git CLI; why not, otherwise. */
async function committedVersion(uri: vscode.Uri, platform: ClientPlatform): Promise<CommittedText> {
  const repository = (await gitApi())?.getRepository(uri);
  if (repository) {
    try {
      return { text: await repository.show('HEAD', uri.fsPath) };
    } catch {
      // not in HEAD, or no commit yet: the CLI below tells which
    }
  }
  if (platform.readCommittedWithGitCli && uri.scheme === 'file') return platform.readCommittedWithGitCli(uri);
  if (repository) return notInHead(displayPath(uri));
  return { error: vscode.l10n.t('{0} is not in a git repository that this window can read.', displayPath(uri)) };
}

// ---------------------------------------------------------------------------
// The webview

/** The page around the diff: its own style and script only, by a fresh nonce; nothing else may load. */
function pageOf(body: string, title: string): string {
  const nonce = freshNonce();
  const lang = reportLocale() === 'zh' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.5; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.5em; border-bottom: 1px solid var(--vscode-panel-border); }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.25em; }
ul.entries { list-style: none; padding-left: 0; }
ul.entries > li { margin: 0.6em 0; }
ul.details { margin: 0.2em 0 0 1.2em; }
.mark { display: inline-block; min-width: 3em; font-size: 0.85em; padding: 0 0.4em; margin-right: 0.4em; border-radius: 3px; text-align: center; }
li.added > .mark { background: var(--vscode-diffEditor-insertedTextBackground); }
li.removed > .mark { background: var(--vscode-diffEditor-removedTextBackground); }
li.changed > .mark { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.where { color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-editorWarning-foreground); }
.summary { font-weight: bold; }
.block del, .block ins { display: block; white-space: pre-wrap; text-decoration: none; padding: 0 0.4em; }
.block del { background: var(--vscode-diffEditor-removedTextBackground); }
.block del::before { content: "− "; }
.block ins { background: var(--vscode-diffEditor-insertedTextBackground); }
.block ins::before { content: "+ "; }
a.reveal { color: var(--vscode-textLink-foreground); margin-left: 0.5em; font-size: 0.9em; }
</style>
</head>
<body>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.reveal') : null;
  if (!link) return;
  event.preventDefault();
  vscode.postMessage({ type: 'reveal', side: link.dataset.side, line: Number(link.dataset.line) });
});
</script>
</body>
</html>`;
}

function isRevealMessage(value: unknown): value is { type: 'reveal'; side: 'old' | 'new'; line: number } {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; side?: unknown; line?: unknown };
  return m.type === 'reveal' && (m.side === 'old' || m.side === 'new') && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 1;
}

class DiffViews implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  /** Committed texts shown by the read-only documents, by URI. */
  private readonly committed = new Map<string, string>();
  private analyzer: TableAnalyzer | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri) {
    const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => this.committed.get(uri.toString()) ?? '' };
    this.subscriptions = [vscode.workspace.registerTextDocumentContentProvider(COMMITTED_SCHEME, provider)];
  }

  /** A read-only document showing a committed text (for the links to its lines). */
  committedUri(of: vscode.Uri, ref: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMMITTED_SCHEME, path: of.path, query: ref });
    this.committed.set(uri.toString(), text);
    return uri;
  }

  private async parse(uri: vscode.Uri, text: string): Promise<ParseResult> {
    this.analyzer ??= new TableAnalyzer();
    return (await this.analyzer.analyze(uri, text)).parsed;
  }

  async show(oldSide: Side, newSide: Side, note: Message | undefined): Promise<DiffResult> {
    const diffModule = await import('../../diff/index');
    const locale = reportLocale();
    // the old side is parsed with the catalogs of the table's own workspace, not of a virtual document
    const oldParsed = await this.parse(oldSide.uri.scheme === COMMITTED_SCHEME ? newSide.uri : oldSide.uri, oldSide.text);
    const newParsed = await this.parse(newSide.uri, newSide.text);
    const file: FileDiff = { old: oldSide.label, new: newSide.label, note, diff: diffModule.diffTables(oldParsed, newParsed) };

    const key = `${oldSide.uri.toString()}\u0000${newSide.uri.toString()}`;
    const title = vscode.l10n.t('Semantic Diff: {0}', path.basename(newSide.uri.path));
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(undefined, true);
    } else {
      panel = vscode.window.createWebviewPanel(DIFF_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
      const created = panel;
      this.panels.set(key, created);
      created.onDidDispose(() => this.panels.delete(key));
      created.webview.onDidReceiveMessage((message: unknown) => {
        if (!isRevealMessage(message)) return;
        const side = message.side === 'old' ? oldSide : newSide;
        void this.reveal(side.uri, message.line - 1);
      });
    }
    panel.title = title;
    const html = pageOf(diffModule.renderHtml(file, locale), title);
    panel.webview.html = html;
    return { html, changed: diffModule.hasChanges(file.diff) };
  }

  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    if (uri.scheme === COMMITTED_SCHEME) {
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    }
    await revealTableLine(uri, line);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.analyzer?.dispose();
  }
}

// ---------------------------------------------------------------------------
// The commands

async function compareWithHead(views: DiffViews, platform: ClientPlatform, target?: vscode.Uri): Promise<DiffResult | undefined> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  const document = uri && (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri)));
  if (!uri || !document || document.languageId !== LANGUAGE_ID || uri.scheme === 'untitled') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .ttab table saved in a git repository to compare it with HEAD.'));
    return undefined;
  }
  const committed = await committedVersion(uri, platform);
  if ('error' in committed) {
    void vscode.window.showWarningMessage(committed.error);
    return undefined;
  }
  const oldText = 'text' in committed ? committed.text : '';
  const name = displayPath(uri);
  const oldSide: Side = { uri: views.committedUri(uri, 'HEAD', oldText), label: `HEAD:${name}`, text: oldText };
  return views.show(oldSide, { uri, label: name, text: document.getText() }, 'missing' in committed ? committed.missing : undefined);
}

async function pickTable(title: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const browse = vscode.l10n.t('Browse…');
  const files = (await vscode.workspace.findFiles('**/*.ttab', '**/node_modules/**', 2000))
    .filter((f) => f.toString() !== exclude?.toString())
    .sort((a, b) => displayPath(a).localeCompare(displayPath(b)));
  const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = [
    ...files.map((uri) => ({ label: path.basename(uri.path), description: displayPath(uri), uri })),
    { label: `$(folder-opened) ${browse}` },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: title, matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('Target Table')]: ['ttab'] } });
  return chosen?.[0];
}

/**
 * Old and new table: given as arguments (the explorer passes the clicked file and the selection;
 * the e2e tests pass two URIs), else picked — the old one first.
 */
async function compareTables(views: DiffViews, first?: unknown, second?: unknown): Promise<DiffResult | undefined> {
  let pair: vscode.Uri[] = [];
  if (Array.isArray(second) && second.length === 2 && second.every((u) => u instanceof vscode.Uri)) pair = second as vscode.Uri[];
  else if (first instanceof vscode.Uri && second instanceof vscode.Uri) pair = [first, second];
  const oldUri = pair[0] ?? (await pickTable(vscode.l10n.t('Compare Two Tables: pick the old table')));
  if (!oldUri) return undefined;
  const newUri = pair[1] ?? (await pickTable(vscode.l10n.t('Compare Two Tables: pick the new table'), oldUri));
  if (!newUri) return undefined;
  let oldText: string;
  let newText: string;
  try {
    [oldText, newText] = await Promise.all([tableText(oldUri), tableText(newUri)]);
  } catch (error) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot read the tables: {0}', (error as Error).message));
    return undefined;
  }
  return views.show({ uri: oldUri, label: displayPath(oldUri), text: oldText }, { uri: newUri, label: displayPath(newUri), text: newText }, undefined);
}

export function registerDiffCommands(context: vscode.ExtensionContext, platform: ClientPlatform): void {
  const views = new DiffViews(context.extensionUri);
  context.subscriptions.push(
    views,
    vscode.commands.registerCommand(COMMANDS.compareWithHead, (uri?: vscode.Uri) => compareWithHead(views, platform, uri)),
    vscode.commands.registerCommand(COMMANDS.compareTables, (first?: unknown, second?: unknown) => compareTables(views, first, second)),
  );
}
