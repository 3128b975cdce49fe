/**
 * The e2e suite: runs inside a real VS Code extension host (desktop VS Code through
 * @vscode/test-electron, or code-server through test/e2e/run-code-server.js) with the workspace
 * folder a fresh copy of test/e2e/workspace/, and checks through the `vscode` API what a user sees.
 * `run()` rejects when a test fails; every test logs PASS or FAIL with its name.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { TargetTableApi } from '../../../client/src/extension';
import { EXTENSION_ID, apiOf, englishWords, inChinese, language, manifestStrings, openFile, runAll, says, screenshot, screenshotsRequested, ui, uiDriven, waitFor, workspaceUri, type Test } from './helpers';
import { reportTests } from './report';
import { diffTests } from './diff';
import { importTests } from './import';

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

/** Set by run(): whether the launcher takes screenshots (and so can count notifications). */
let screenshotsWanted = false;

// ---------------------------------------------------------------------------
// Helpers

async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'target-table', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Range of the `occurrence`-th `needle` in the document (0-based). */
function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
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

function ttabDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ttab' && (code === undefined || codeOf(d) === code));
}

async function diagnosticsWithCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitFor(`a ${code} diagnostic on ${uri.path}`, () => {
    const found = ttabDiagnostics(uri, code);
    return found.length > 0 ? found : undefined;
  });
}

function describeRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

async function completionItems(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items;
}

async function completionLabels(editor: vscode.TextEditor, position: vscode.Position): Promise<string[]> {
  return (await completionItems(editor, position)).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function endOf(document: vscode.TextDocument): vscode.Position {
  return document.lineAt(document.lineCount - 1).range.end;
}

/** Process ids of the language servers this extension host started (its children running server.js). */
function serverPids(): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid && /server\.js/.test(m[3]!))
    .map((m) => Number(m[1]));
}

/** Kills the running server and waits until the extension has either restarted it or given up. */
async function crashServer(api: TargetTableApi): Promise<'restarted' | 'stopped'> {
  const [pid] = await waitFor('a running language server process', () => {
    const pids = serverPids();
    return api.serverStatus() === 'running' && pids.length === 1 ? pids : undefined;
  });
  process.kill(pid!, 'SIGKILL');
  return waitFor('the extension to restart the server or give up', () => {
    if (api.serverStatus() === 'stopped' && serverPids().length === 0) return 'stopped' as const;
    const pids = serverPids();
    return api.serverStatus() === 'running' && pids.length === 1 && pids[0] !== pid ? ('restarted' as const) : undefined;
  });
}

async function assertServerAnswers(): Promise<void> {
  const editor = await openFile('faulty.ttab');
  const line = editor.document.lineCount;
  await editor.edit((b) => b.insert(endOf(editor.document), `\n乱写第${line}行`));
  await waitFor(`a TT002 diagnostic on the new line ${line}`, () =>
    ttabDiagnostics(editor.document.uri, 'TT002').some((d) => d.range.start.line === line),
  );
}

// ---------------------------------------------------------------------------
// Tests

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

test('VS Code runs in the display language of this run', async () => {
  assert.equal(vscode.env.language, await language(), `vscode.env.language is ${vscode.env.language}`);
});

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

test('the workspace is indexed in the background, with progress, to the last table', async () => {
  const api = await apiOf();
  const tables = await vscode.workspace.findFiles('**/*.ttab');
  const progress = await waitFor('the indexing to finish', () => (api.indexing()?.done ? api.indexing() : undefined), 30_000);
  assert.ok(progress!.total >= tables.length, `indexed ${progress!.total} of the ${tables.length} tables`);
  assert.equal(progress!.indexed, progress!.total);
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

test('completion of a name says where it comes from: this table, or the departments using it', async () => {
  await apiOf();
  const editor = await openUntitled('部门 测试局\n年度 2022\n\n职责 1 甲\n  科室 甲科\n  目标 乙\n    指标 丙\n      指标值 1次\n\n职责 2 丁\n  科室 ');
  const items = await waitFor('the workspace index to offer 综合统计科', async () => {
    const found = await completionItems(editor, endOf(editor.document));
    return found.some((i) => typeof i.label !== 'string' && i.label.label === '综合统计科') ? found : undefined;
  });
  const description = (name: string) => items.map((i) => i.label).find((l): l is vscode.CompletionItemLabel => typeof l !== 'string' && l.label === name)?.description;
  assert.equal(description('甲科'), (await inChinese()) ? '本表' : 'this table');
  assert.equal(description('综合统计科'), '统计测试局');
  const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.indexOf('甲科') < labels.indexOf('综合统计科'), "the table's own office comes first");
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('hover on a target names the reference it is compared with; on an office, where it is used', async () => {
  const editor = await openFile('values.ttab');
  const document = editor.document;
  await diagnosticsWithCode(document.uri, 'TT104');
  const target = await hoverAt(document, rangeOf(document, '28871.96万').start.translate(0, 3));
  const office = await hoverAt(document, rangeOf(document, '招商联络科').start.translate(0, 2));
  if (await inChinese()) {
    assert.ok(target.includes('较标准值 28000万：+871.96 万（+3.1%）'), `the comparison names the standard: ${target}`);
    assert.ok(office.includes('**招商联络科** · 科室') && office.includes('本表：2 个指标'), office);
    assert.deepEqual(englishWords(`${target}\n${office}`), [], `the hovers are Chinese:\n${target}\n${office}`);
  } else {
    assert.ok(target.includes('+871.96 万 (+3.1%) vs standard 28000万'), `the comparison names the standard: ${target}`);
    assert.ok(office.includes('**招商联络科** · office') && office.includes('This table: 2 indicators'), office);
  }
});

test("the command palette lists the extension's commands in the display language", async () => {
  if (!(await uiDriven())) return;
  const result = await ui('list the commands in the palette', { press: ['F1'], type: 'Target Table', read: '.quick-input-list .monaco-list-row' });
  await ui('close the palette', { press: ['Escape'] });
  const manifest = await manifestStrings();
  const titles = new Set(Object.entries(manifest).filter(([key]) => key.startsWith('command.')).map(([, title]) => `Target Table: ${title}`));
  // each row: the title in the display language first, VS Code's English alias below it in the Chinese run
  const shown = result.texts!.map((row) => row.split('\n')[0]!.trim());
  assert.ok(shown.length >= 5, `the palette lists the commands: ${shown.join(' | ')}`);
  for (const title of shown) assert.ok(titles.has(title), `'${title}' is one of the extension's command titles in ${await language()}`);
  if (await inChinese()) assert.deepEqual(englishWords(shown.join(' ').replaceAll('Target Table', '').replaceAll('HEAD', '')), [], shown.join(' | '));
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

test('"Target Table: Restart Language Server" brings the server back', async () => {
  const api = await apiOf();
  const [before] = serverPids();
  await vscode.commands.executeCommand('targetTable.restartServer');
  await waitFor('a new server process', () => api.serverStatus() === 'running' && serverPids().some((p) => p !== before));
  await assertServerAnswers();
});

tests.push(...reportTests);
tests.push(...diffTests);
tests.push(...importTests);

// the crash tests find and kill the server process with `ps` and signals: not on Windows
const crashTest = process.platform === 'win32' ? (): void => undefined : test;

crashTest('a crashed server is restarted without bothering the user', async () => {
  const api = await apiOf();
  assert.equal(await crashServer(api), 'restarted');
  await assertServerAnswers();
});

crashTest('a server that keeps crashing is stopped with one notification offering Restart', async () => {
  const api = await apiOf();
  let crashes = 0;
  while ((await crashServer(api)) === 'restarted') {
    crashes++;
    assert.ok(crashes < 10, 'the extension gives up restarting a server that keeps crashing');
  }
  assert.equal(api.serverStatus(), 'stopped');
  assert.ok(api.statusBarText()?.includes('$(warning)'), `the status bar says the server stopped: ${api.statusBarText()}`);
  if (screenshotsWanted) {
    const product = await says('Target Table');
    const toasts = await screenshot('crash-notification', `.notification-toast:has-text("${product}")`);
    assert.equal(toasts, 1, 'exactly one notification about the crashes');
  }
  await vscode.commands.executeCommand('targetTable.restartServer');
  await waitFor('the server to run again after Restart', () => api.serverStatus() === 'running');
  await assertServerAnswers();
});

/** Closes every editor, dropping the tests' unsaved edits (closeAllEditors would save them here). */
async function closeEditorsWithoutSaving(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

async function takeScreenshots(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await closeEditorsWithoutSaving();
  const faulty = await openFile('faulty.ttab');
  await diagnosticsWithCode(faulty.document.uri, 'TT002');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await screenshot('diagnostics', '.squiggly-error');
  await vscode.commands.executeCommand('workbench.action.closePanel');

  await closeEditorsWithoutSaving();
  const editor = await openFile('values.ttab');
  const document = editor.document;
  await diagnosticsWithCode(document.uri, 'TT104');

  const value = rangeOf(document, '28871.96万').start.translate(0, 3);
  editor.selection = new vscode.Selection(value, value);
  await vscode.commands.executeCommand('editor.action.showHover');
  await screenshot('hover', '.monaco-hover:not(.hidden)');
  await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);

  await editor.edit((b) => b.insert(endOf(document), '\n    指标 新建展馆面积\n      指标值 12'));
  const end = endOf(document);
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await screenshot('completion', '.suggest-widget.visible');
}

export async function run(): Promise<void> {
  screenshotsWanted = await screenshotsRequested();
  if (screenshotsWanted) {
    test('screenshots of the diagnostic squiggle, the hover and the completion list', takeScreenshots, 120_000);
  }
  await runAll('e2e', tests);
}
