import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_ID, SHOW_PROBLEMS_COMMAND, type IndexingProgress, type TableStats } from './ids';
import type { ServerStatus } from './serverSupervisor';

/**
 * The status bar item of a `.ttab` editor: what VS Code does not show of the active table — its
 * indicators and the share with a quantified target — as the server last reported them
 * (`targetTable/tableStats`); the problem counts (VS Code's own status bar has them) are in the
 * tooltip, and a click opens the Problems view. While the server is not running it says so, and a
 * click shows the log instead. While the server indexes the workspace (`targetTable/indexing`), a
 * window progress says how far it is.
 */
export class TableStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('targetTable.tableStats', vscode.StatusBarAlignment.Left, 50);
  private readonly stats = new Map<string, TableStats>();
  private serverStatus: ServerStatus = 'starting';
  private visible = false;
  private indexingProgress: IndexingProgress | undefined;
  /** The window progress of the indexing under way: its reporter, and how to end it. */
  private indexingView: { report: (message: string) => void; end: () => void } | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.item.name = vscode.l10n.t('Target Table: table statistics');
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.stats.delete(doc.uri.toString())),
      // a document whose language the user switches to or from target-table
      vscode.workspace.onDidOpenTextDocument(() => this.render()),
    ];
    this.render();
  }

  update(stats: TableStats): void {
    if (!isTableStats(stats)) return;
    this.stats.set(stats.uri, stats);
    this.render();
  }

  setServerStatus(status: ServerStatus): void {
    this.serverStatus = status;
    // a server that stopped indexes no more; a restarted one starts its scan anew
    if (status !== 'running') this.endIndexingView();
    this.render();
  }

  /** The server's indexing progress: a window progress while it runs. */
  indexing(progress: IndexingProgress): void {
    this.indexingProgress = progress;
    if (progress.done || progress.total === 0) {
      this.endIndexingView();
      return;
    }
    if (!this.indexingView) {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Target Table: indexing tables') }, (reporter) =>
        new Promise<void>((resolve) => {
          this.indexingView = { report: (message) => reporter.report({ message }), end: resolve };
        }),
      );
    }
    this.indexingView?.report(`${progress.indexed}/${progress.total}`);
  }

  /** The last indexing progress the server reported. */
  get lastIndexing(): IndexingProgress | undefined {
    return this.indexingProgress;
  }

  private endIndexingView(): void {
    this.indexingView?.end();
    this.indexingView = undefined;
  }

  statsOf(uri: vscode.Uri): TableStats | undefined {
    return this.stats.get(uri.toString());
  }

  /** What the item shows now; undefined while it is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  /** What a screen reader says of the item; undefined while it is hidden. */
  get ariaLabel(): string | undefined {
    return this.visible ? this.item.accessibilityInformation?.label : undefined;
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const stats = this.stats.get(document.uri.toString());
    if (this.serverStatus === 'stopped' || this.serverStatus === 'missing') {
      this.set(`$(warning) ${vscode.l10n.t('Target Table: server stopped')}`, vscode.l10n.t('The Target Table language server is not running. Click to show its log.'), COMMANDS.showOutput);
    } else if (this.serverStatus === 'restarting') {
      this.set(
        `$(loading~spin) ${vscode.l10n.t('Target Table: restarting the server')}`,
        vscode.l10n.t('The Target Table language server stopped unexpectedly and is being restarted. Click to show its log.'),
        COMMANDS.showOutput,
      );
    } else if (!stats) {
      this.set(`$(loading~spin) ${vscode.l10n.t('Target Table')}`, vscode.l10n.t('Checking the table…'), SHOW_PROBLEMS_COMMAND);
    } else {
      const summary = statsSummary(stats);
      this.set(statsText(stats), vscode.l10n.t('{0} Click to open the Problems view.', summary), SHOW_PROBLEMS_COMMAND, summary);
    }
    this.item.show();
    this.visible = true;
  }

  private set(text: string, tooltip: string, command: string, label = tooltip): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.accessibilityInformation = { label };
  }

  dispose(): void {
    this.endIndexingView();
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}

function indicatorsText(n: number): string {
  return n === 1 ? vscode.l10n.t('1 indicator') : vscode.l10n.t('{0} indicators', n);
}

function quantifiedShare(stats: TableStats): number {
  return stats.indicators > 0 ? Math.round((stats.quantified / stats.indicators) * 100) : 0;
}

/** `12 indicators · 83% quantified`: what VS Code's own status bar does not say. */
function statsText(stats: TableStats): string {
  const indicators = `$(checklist) ${indicatorsText(stats.indicators)}`;
  return stats.indicators > 0 ? `${indicators} · ${vscode.l10n.t('{0}% quantified', quantifiedShare(stats))}` : indicators;
}

/** The tooltip's and the screen reader's sentences: `12 indicators; quantified targets: 10 (83%). 1 error, 2 warnings.` */
function statsSummary(stats: TableStats): string {
  const counted = (n: number, one: string, many: string) => (n === 1 ? one : many);
  const problems = [
    stats.errors > 0 ? counted(stats.errors, vscode.l10n.t('1 error'), vscode.l10n.t('{0} errors', stats.errors)) : '',
    stats.warnings > 0 ? counted(stats.warnings, vscode.l10n.t('1 warning'), vscode.l10n.t('{0} warnings', stats.warnings)) : '',
    stats.infos > 0 ? counted(stats.infos, vscode.l10n.t('1 info'), vscode.l10n.t('{0} infos', stats.infos)) : '',
  ].filter((p) => p !== '');
  const indicators = vscode.l10n.t('{0}; quantified targets: {1} ({2}%)', indicatorsText(stats.indicators), stats.quantified, quantifiedShare(stats));
  return vscode.l10n.t('{0}. {1}.', indicators, problems.length > 0 ? problems.join(vscode.l10n.t(', ')) : vscode.l10n.t('No problems'));
}

function isTableStats(value: unknown): value is TableStats {
  const v = value as Partial<TableStats> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uri === 'string' &&
    [v.indicators, v.quantified, v.errors, v.warnings, v.infos].every((n) => typeof n === 'number')
  );
}
