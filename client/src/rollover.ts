/**
 * "New Table for Next Year": next year's table from the active one (the same rollover as `ttab
 * rollover`): 年度 + 1, this year's actuals as 上年值, 前三年均值 from the earlier years found in
 * the workspace or the git history, targets kept and marked for review. Written beside the table
 * (never over a file without asking, always completely), then opened; a notification says which
 * years were found. The history search is the platform's (the Node entry walks the workspace and
 * runs git; the browser makes the table without it).
 */
import { basename } from 'pathe';
import * as vscode from 'vscode';
import * as service from '../../service/index';
import { COMMANDS, LANGUAGE_ID } from './ids';
import type { ClientPlatform } from './platform';
import { reportLocale, type TableAnalyzer } from './tableAnalyzer';
import { commandRequest, exists, tableText } from './workspaceFiles';

/** What the command is given: a table from the explorer, or everything (the e2e tests) to run without a prompt. */
export interface NextYearRequest {
  uri?: vscode.Uri;
  /** Where to write it; default: the file's name with the year replaced, beside it. */
  output?: vscode.Uri;
  /** Replace an existing file without asking. */
  replace?: boolean;
}

/** Writes next year's table; returns it, or undefined when the user cancelled or it could not be made (the user was told). */
export async function newTableForNextYear(request: NextYearRequest, analyzer: TableAnalyzer, platform: ClientPlatform): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  const uri = request.uri ?? (document?.languageId === LANGUAGE_ID ? document.uri : undefined);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Open a .ttab table to start next year's table from it."));
    return undefined;
  }
  if (uri.scheme === 'untitled') {
    void vscode.window.showErrorMessage(vscode.l10n.t("Save the table first: next year's table is written beside it."));
    return undefined;
  }
  const text = await tableText(uri);
  const { parsed } = await analyzer.analyze(uri, text);
  const year = Number(parsed.ast.year?.text);
  const department = parsed.ast.department?.text ?? '';
  const found = Number.isInteger(year) && platform.findHistory ? await platform.findHistory(uri, department, year) : [];
  const result = service.rolloverTable(text, parsed, { source: basename(uri.path), history: found });
  const name = vscode.workspace.asRelativePath(uri);
  if (!result.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be carried into next year: {1}', name, service.localize(result.error, reportLocale())));
    return undefined;
  }
  const target = request.output ?? vscode.Uri.joinPath(uri, '..', service.nextYearFileName(basename(uri.path), department, year));
  if (!request.replace && (await exists(target))) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', vscode.workspace.asRelativePath(target)), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  try {
    await platform.writeFile(target, new TextEncoder().encode(result.text));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be written: {1}', vscode.workspace.asRelativePath(target), error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  await vscode.window.showTextDocument(target, { preview: false });
  const summary = service.rolloverReport(result.summary).map((m) => service.localize(m, reportLocale()));
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0}: {1}', vscode.workspace.asRelativePath(target), summary.join('; ')));
  return target;
}

export function registerRolloverCommand(context: vscode.ExtensionContext, analyzer: TableAnalyzer, platform: ClientPlatform): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.newTableForNextYear, (arg?: unknown) => newTableForNextYear(commandRequest<NextYearRequest>(arg), analyzer, platform)));
}
