import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_ID, SHOW_PROBLEMS_COMMAND, type TableStats } from './ids';
import type { ServerStatus } from './serverSupervisor';

/**
 * The status bar item of a `.ttab` editor: the active table's indicator count and problems, as
 * the server last reported them (`targetTable/tableStats`); a click opens the Problems view.
 * While the server is not running it says so, and a click shows the log instead.
 */
export class TableStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('targetTable.tableStats', vscode.StatusBarAlignment.Left, 50);
  private readonly stats = new Map<string, TableStats>();
  private serverStatus: ServerStatus = 'starting';
  private visible = false;
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
    this.render();
  }

  statsOf(uri: vscode.Uri): TableStats | undefined {
    return this.stats.get(uri.toString());
  }

  /** What the item shows now; undefined while it is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
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
      this.item.text = `$(warning) ${vscode.l10n.t('Target Table: server stopped')}`;
      this.item.tooltip = vscode.l10n.t('The Target Table language server is not running. Click to show its log.');
      this.item.command = COMMANDS.showOutput;
    } else if (this.serverStatus === 'restarting') {
      this.item.text = `$(loading~spin) ${vscode.l10n.t('Target Table: restarting the server')}`;
      this.item.tooltip = vscode.l10n.t('The Target Table language server stopped unexpectedly and is being restarted. Click to show its log.');
      this.item.command = COMMANDS.showOutput;
    } else if (!stats) {
      this.item.text = `$(loading~spin) ${vscode.l10n.t('Target Table')}`;
      this.item.tooltip = vscode.l10n.t('Checking the table…');
      this.item.command = SHOW_PROBLEMS_COMMAND;
    } else {
      this.item.text = statsText(stats);
      this.item.tooltip = vscode.l10n.t(
        '{0} indicators, {1} errors, {2} warnings, {3} infos. Click to open the Problems view.',
        stats.indicators,
        stats.errors,
        stats.warnings,
        stats.infos,
      );
      this.item.command = SHOW_PROBLEMS_COMMAND;
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}

function statsText(stats: TableStats): string {
  const indicators =
    stats.indicators === 1 ? vscode.l10n.t('1 indicator') : vscode.l10n.t('{0} indicators', stats.indicators);
  const problems = [
    stats.errors > 0 ? `$(error) ${stats.errors}` : '',
    stats.warnings > 0 ? `$(warning) ${stats.warnings}` : '',
    stats.infos > 0 ? `$(info) ${stats.infos}` : '',
  ].filter((p) => p !== '');
  return `$(checklist) ${indicators}  ${problems.length > 0 ? problems.join(' ') : '$(check)'}`;
}

function isTableStats(value: unknown): value is TableStats {
  const v = value as Partial<TableStats> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uri === 'string' &&
    [v.indicators, v.errors, v.warnings, v.infos].every((n) => typeof n === 'number')
  );
}
