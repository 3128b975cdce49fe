import * as vscode from 'vscode';
import { LANGUAGE_ID, SHOW_PROBLEMS_COMMAND } from './ids';

/**
 * "Target Table: Format Table": formats the active table through the language server and, where
 * the formatter declines (it refuses tables with syntax errors), says why instead of doing nothing.
 */
export async function formatActiveTable(isServerRunning: () => boolean): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .ttab table to format it.'));
    return;
  }
  if (!isServerRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The table cannot be formatted: the Target Table language server is not running.'));
    return;
  }
  const document = editor.document;
  const options: vscode.FormattingOptions = {
    tabSize: typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 2,
    insertSpaces: editor.options.insertSpaces !== false,
  };
  const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
    'vscode.executeFormatDocumentProvider',
    document.uri,
    options,
  );
  if (edits && edits.length > 0) {
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    await vscode.workspace.applyEdit(edit);
    return;
  }
  const syntaxErrors = vscode.languages.getDiagnostics(document.uri).filter(isSyntaxError);
  if (syntaxErrors.length > 0) {
    const showProblems = vscode.l10n.t('Show Problems');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The table was not formatted: fix its {0} syntax errors first.', syntaxErrors.length),
      showProblems,
    );
    if (choice === showProblems) await vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND);
    return;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('The table is already formatted.'), 3000);
}

/** Syntax and model errors (TT0xx) are what make the formatter decline. */
function isSyntaxError(diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return diagnostic.severity === vscode.DiagnosticSeverity.Error && typeof code === 'string' && /^TT0\d\d$/.test(code);
}
