/**
 * The editor's features as a user meets them — activation, diagnostics, the status bar,
 * completion, hover, quick fixes, formatting, the commands — checked through the `vscode` API.
 * Nothing here needs Node: the suite of the Node extension host (index.ts) and the suite of the
 * browser's web worker extension host (web.ts) both run these tests.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetTableApi } from '../../../client/src/extension';
import { EXTENSION_ID, apiOf, englishWords, inChinese, openFile, says, waitFor, workspaceUri, type Test } from './helpers';

/** `ttab fmt` of unformatted.ttab (checked with the CLI). */
const UNFORMATTED_CANONICAL = [
  '部门 投资促进局',
  '年度 2022',
  '',
  '职责 1 组织开展重大招商引资活动',
  '  预算项目 双招双引',
  '  科室 招商联络科',
  '  事项 组织开展区重大推介会活动',
  '    目标 对外推介开发区',
  '      指标 重大活动举办次数',
  '        解释 全区计划举办招商推介会次数',
  '        指标值 1次',
  '        标准值 1次',
  '        标准来源 年度工作计划',
  '',
].join('\n');

// ---------------------------------------------------------------------------
// Helpers

export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'target-table', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Range of the `occurrence`-th `needle` in the document (0-based). */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${occurrence}) not in ${document.uri.toString()}`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** Range of `part` inside the first occurrence of `context`. */
function rangeWithin(document: vscode.TextDocument, context: string, part: string): vscode.Range {
  const outer = rangeOf(document, context);
  const start = document.offsetAt(outer.start) + context.indexOf(part);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + part.length));
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

export function ttabDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ttab' && (code === undefined || codeOf(d) === code));
}

export async function diagnosticsWithCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitFor(`a ${code} diagnostic on ${uri.path}`, () => {
    const found = ttabDiagnostics(uri, code);
    return found.length > 0 ? found : undefined;
  });
}

function describeRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export async function completionItems(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items;
}

export async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
}

async function completionLabels(editor: vscode.TextEditor, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    position,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export function endOf(document: vscode.TextDocument): vscode.Position {
  return document.lineAt(document.lineCount - 1).range.end;
}

// ---------------------------------------------------------------------------
// Tests

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

test('the extension activates when a .ttab file is opened', async () => {
  const extension = vscode.extensions.getExtension<TargetTableApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const opened = Date.now();
  const editor = await openFile('faulty.ttab');
  assert.equal(editor.document.languageId, 'target-table');
  await waitFor('the extension to activate', () => extension.isActive);
  const api = extension.exports;
  await waitFor('the language server to run', () => api.serverStatus() === 'running');
  await waitFor('the first diagnostics', () => ttabDiagnostics(editor.document.uri).length > 0);
  // a figure for the log, not a test of speed (npm run bench -- --only=startup measures it)
  console.log(`[ttab-e2e] opening faulty.ttab → its first diagnostics: ${Date.now() - opened} ms (activation and server start included)`);
});

test('an unknown line gets TT002 at its exact range', async () => {
  const editor = await openFile('faulty.ttab');
  const [diagnostic] = await diagnosticsWithCode(editor.document.uri, 'TT002');
  assert.equal(describeRange(diagnostic!.range), describeRange(rangeOf(editor.document, '乱写一行')));
  assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
});

test('an indicator field under an objective gets TT003 on its keyword', async () => {
  const editor = await openFile('faulty.ttab');
  const [diagnostic] = await diagnosticsWithCode(editor.document.uri, 'TT003');
  assert.equal(describeRange(diagnostic!.range), describeRange(rangeWithin(editor.document, '    指标值 95%', '指标值')));
  assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
});

test("the status bar shows the active table's indicators and quantified share; its label counts in words", async () => {
  const api = await apiOf();
  const editor = await openFile('faulty.ttab');
  const uri = editor.document.uri;
  await diagnosticsWithCode(uri, 'TT002');
  const errors = () => ttabDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const stats = await waitFor('table statistics matching the diagnostics', () => {
    const s = api.tableStats(uri);
    return s && s.errors === errors() ? s : undefined;
  });
  assert.deepEqual([stats.indicators, stats.quantified, stats.errors], [1, 1, 2]);
  const text = await waitFor('the status bar item', () => api.statusBarText()?.includes('$(checklist)') && api.statusBarText());
  assert.equal(text, `$(checklist) ${await says('1 indicator')} · ${await says('{0}% quantified', 100)}`);
  assert.ok(!text.includes('$(error)'), `the problem counts are VS Code's own to show: '${text}'`);
  const label = api.statusBarLabel()!;
  for (const part of [await says('1 indicator'), await says('{0} errors', 2)]) assert.ok(label.includes(part), `the label '${label}' says '${part}'`);
  assert.doesNotMatch(label, /\b1 (indicators|errors)\b/, 'singular for one');
  if (await inChinese()) assert.deepEqual(englishWords(`${text} ${label}`), [], `the status bar is Chinese: ${text} / ${label}`);
});

test('completion offers units after a number', async () => {
  const editor = await openUntitled('部门 测试局\n年度 2022\n\n职责 1 测试\n  目标 测试\n    指标 资金\n      指标值 12');
  const labels = await completionLabels(editor, endOf(editor.document));
  assert.ok(labels.includes('万元'), `completion after '指标值 12' offers 万元; got ${labels.slice(0, 30).join(' ')}`);
  assert.ok(labels.includes('%'), `completion after '指标值 12' offers %; got ${labels.slice(0, 30).join(' ')}`);
});

test('completion offers sources used in other files of the workspace', async () => {
  const editor = await openUntitled('部门 测试局\n年度 2022\n\n职责 1 测试\n  目标 测试\n    指标 资金\n      指标值 12万元\n      标准来源 ');
  const labels = await waitFor('the workspace index to offer 区统计局季度报表', async () => {
    const found = await completionLabels(editor, endOf(editor.document));
    return found.includes('区统计局季度报表') ? found : undefined;
  });
  assert.ok(labels.includes('年度工作计划'), 'the catalog source 年度工作计划 is offered too');
});

test('hover on a value shows its normalized value', async () => {
  const editor = await openFile('values.ttab');
  await diagnosticsWithCode(editor.document.uri, 'TT104'); // the server has read the file
  const position = rangeOf(editor.document, '28871.96万').start.translate(0, 3);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
  const text = hoverText(hovers);
  assert.ok(text.includes('288,719,600'), `hover shows 288,719,600; got: ${text}`);
});

test('a quick fix replaces an unknown unit and its diagnostic goes away', async () => {
  const editor = await openFile('values.ttab');
  const uri = editor.document.uri;
  const [diagnostic] = await diagnosticsWithCode(uri, 'TT104');
  const unit = rangeWithin(editor.document, '12万圆', '圆');
  assert.ok(diagnostic!.range.contains(unit), `TT104 at ${describeRange(diagnostic!.range)} covers the unit 圆 at ${describeRange(unit)}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic!.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const fix = actions.find((a) => a.edit && a.edit.get(uri).some((e) => e.newText.includes('元')));
  assert.ok(fix, `a quick fix replaces the unit with 元; got: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the quick fix applies');
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  assert.ok(editor.document.getText().includes('指标值 12万元'), 'the line now reads 指标值 12万元');
  await waitFor('TT104 to go away', () => ttabDiagnostics(uri, 'TT104').length === 0);
});

test('the formatting provider gives the canonical layout', async () => {
  const original = await vscode.workspace.openTextDocument(workspaceUri('unformatted.ttab'));
  const editor = await openUntitled(original.getText());
  const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
    'vscode.executeFormatDocumentProvider',
    editor.document.uri,
    { tabSize: 2, insertSpaces: true },
  );
  assert.ok(edits && edits.length > 0, 'the server returns formatting edits');
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.document.uri, edits);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.equal(editor.document.getText(), UNFORMATTED_CANONICAL);
});

test('"Target Table: Format Table" formats the active table', async () => {
  const editor = await openFile('unformatted.ttab');
  await vscode.commands.executeCommand('targetTable.formatDocument');
  await waitFor('the table to be formatted', () => editor.document.getText() === UNFORMATTED_CANONICAL);
});

test('every contributed command is registered', async () => {
  await apiOf();
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
  for (const command of ['targetTable.restartServer', 'targetTable.showOutput', 'targetTable.formatDocument']) {
    assert.ok(contributed.includes(command), `package.json contributes ${command}`);
  }
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((c) => !registered.has(c));
  assert.deepEqual(missing, [], 'every contributed command has a handler');
});

test('Toggle Line Comment uses #', async () => {
  const editor = await openUntitled('指标 测试指标\n');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await vscode.commands.executeCommand('editor.action.commentLine');
  assert.equal(editor.document.lineAt(0).text, '# 指标 测试指标');
});

test('an outline cut at targetTable.maxItemsComputed keeps the outer levels and is said once, in the display language', async () => {
  const api = await apiOf();
  const editor = await openUntitled('职责 1 甲\n  目标 乙\n    指标 丙\n    指标 丁\n职责 2 戊\n  目标 己\n    指标 庚\n');
  const uri = editor.document.uri;
  const count = (list: vscode.DocumentSymbol[] = []): number => list.reduce((n, s) => n + 1 + count(s.children), 0);
  // VS Code keeps an outline per version of the document: a blank line added at the end makes it ask the server again.
  const outline = async () => {
    await editor.edit((b) => b.insert(endOf(editor.document), '\n'));
    return (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  };
  await waitFor('the whole outline', async () => count(await outline()) === 7 || undefined);
  const settings = vscode.workspace.getConfiguration('targetTable');
  await settings.update('maxItemsComputed', 3, vscode.ConfigurationTarget.Workspace);
  try {
    const cut = await waitFor('the outline cut at 3', async () => {
      const symbols = await outline();
      return count(symbols) === 3 ? symbols : undefined;
    });
    assert.deepEqual(cut.map((s) => s.children.length), [1, 0], 'both duties, then the first duty\'s objective');
    const told = await waitFor('the server to say the outline was cut', () => api.resultLimits().find((r) => r.uri === uri.toString() && r.feature === 'outline'));
    assert.equal(told.limit, 3);
    assert.ok(told.message.includes((await inChinese()) ? '大纲项' : 'outline items'), told.message);
    // After the file's name (Untitled-1 in either language), all Chinese but the setting's name.
    if (await inChinese()) assert.deepEqual(englishWords(told.message.slice(told.message.indexOf('：')).replace('targetTable.maxItemsComputed', '')), [], told.message);
    await outline();
    // (The editor asks for the folding ranges of the table too, and they are cut at 3 as well: said once on their own.)
    assert.equal(api.resultLimits().filter((r) => r.uri === uri.toString() && r.feature === 'outline').length, 1, 'said once per table');
  } finally {
    await settings.update('maxItemsComputed', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('notifications.clearAll');
  }
  await waitFor('the whole outline again', async () => count(await outline()) === 7 || undefined);
  // The folding notice of this table may come after the first clear: no toast of it is left for the next tests.
  await vscode.commands.executeCommand('notifications.clearAll');
});

export const editorTests: readonly Test[] = tests;
