/**
 * "Import Table…" (a .xlsx, .csv, .tsv or pasted-text file → a .ttab saved next to it, never
 * overwriting one) and "Paste Table as .ttab" (cells copied from Excel or WPS, which the clipboard
 * holds as TSV → an untitled table). Both open the result in an editor; the importing itself is
 * the importer's (import/), run here in the extension host.
 */
import * as vscode from 'vscode';
import { exists } from './workspaceFiles';
import { describeProblem, IMPORT_LIMITS, importTables, limitProblems, tableFileName, type ImportResult } from '../../import/index';
import { COMMANDS, LANGUAGE_ID } from './ids';
import { importSummary } from './importSummary';

const TABLE_FILE_FILTERS = { [vscode.l10n.t('Tables')]: ['xlsx', 'csv', 'tsv', 'txt'] };

function isChinese(): boolean {
  return vscode.env.language.toLowerCase().startsWith('zh');
}

/** The first error of an import, as one line naming the input and the line. */
function errorOf(result: ImportResult, input: string): string | undefined {
  const error = result.problems.find((p) => p.severity === 'error');
  if (!error && result.tables.length > 0) return undefined;
  const message = error ? describeProblem(error) : { zh: '没有找到表格', en: 'no table found' };
  return vscode.l10n.t('Cannot import {0}: {1}', input, isChinese() ? message.zh : message.en);
}

function summaryOf(result: ImportResult): string {
  const cellsForReview = result.tables.reduce((n, t) => n + t.summary.cellsForReview, 0);
  const indicators = result.tables.reduce((n, t) => n + t.summary.indicators, 0);
  return importSummary({ tables: result.tables.length, indicators, cellsForReview }, (message, ...args) => vscode.l10n.t(message, ...args));
}


/** `name.ttab`, or `name-2.ttab`, `name-3.ttab` … : the first that does not exist (an import never overwrites). */
async function freeUri(folder: vscode.Uri, name: string, taken: Set<string>): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : name.replace(/\.ttab$/, `-${n}.ttab`);
    const uri = vscode.Uri.joinPath(folder, candidate);
    if (!taken.has(uri.toString()) && !(await exists(uri))) {
      taken.add(uri.toString());
      return uri;
    }
  }
}

/** Imports `source` (asked for when not given); returns the .ttab files written, each opened in an editor. */
export async function importTableFile(source?: vscode.Uri): Promise<vscode.Uri[]> {
  if (!source) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
      title: vscode.l10n.t('Import a table from a spreadsheet or pasted text'),
      filters: TABLE_FILE_FILTERS,
    });
    source = picked?.[0];
    if (!source) return [];
  }
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  let bytes: Uint8Array;
  try {
    // what is not a file, or is over the import limit, is not read at all
    const stat = await vscode.workspace.fs.stat(source);
    const refusal = (stat.type & vscode.FileType.File) === 0 ? limitProblems.notAFile() : stat.size > IMPORT_LIMITS.maxInputBytes ? limitProblems.inputTooLarge(stat.size, IMPORT_LIMITS) : undefined;
    if (refusal) {
      void vscode.window.showErrorMessage(errorOf({ tables: [], problems: [refusal] }, name)!);
      return [];
    }
    bytes = await vscode.workspace.fs.readFile(source);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', name, (e as Error).message));
    return [];
  }
  const result = await importTables({ name, bytes });
  const error = errorOf(result, name);
  if (error) {
    void vscode.window.showErrorMessage(error);
    return [];
  }
  const folder = vscode.Uri.joinPath(source, '..');
  const stem = name.replace(/\.[^.]*$/, '') || 'table';
  const taken = new Set<string>();
  const written: vscode.Uri[] = [];
  for (const table of result.tables) {
    const target = await freeUri(folder, tableFileName(table, stem), taken);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(table.text));
    written.push(target);
  }
  for (const [i, uri] of written.entries()) {
    await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: i < written.length - 1 });
  }
  void vscode.window.showInformationMessage(summaryOf(result));
  return written;
}

/** Imports the clipboard's cells (TSV) into untitled tables; returns their documents. */
export async function pasteTable(): Promise<vscode.TextDocument[]> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The clipboard is empty: copy the cells of a table in Excel or WPS first.'));
    return [];
  }
  const result = await importTables({ name: 'clipboard.tsv', bytes: new TextEncoder().encode(text) });
  const error = errorOf(result, vscode.l10n.t('the clipboard'));
  if (error) {
    void vscode.window.showErrorMessage(error);
    return [];
  }
  const documents: vscode.TextDocument[] = [];
  for (const table of result.tables) {
    const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: table.text });
    await vscode.window.showTextDocument(document, { preview: false });
    documents.push(document);
  }
  void vscode.window.showInformationMessage(summaryOf(result));
  return documents;
}

export function registerImportCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.importTable, (uri?: vscode.Uri) => importTableFile(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.pasteTable, () => pasteTable()),
  );
}
