/**
 * The e2e suite: runs inside a real VS Code Node extension host (desktop VS Code through
 * @vscode/test-electron, or code-server through test/e2e/run-code-server.js) with the workspace
 * folder a fresh copy of test/e2e/workspace/, and checks through the `vscode` API what a user sees.
 * `run()` rejects when a test fails; every test logs PASS or FAIL with its name.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { TargetTableApi } from '../../../client/src/extension';
import { EXTENSION_ID, apiOf, englishWords, inChinese, language, manifestStrings, openFile, runAll, says, screenshot, screenshotsRequested, ui, uiDriven, waitFor, workspaceUri, type Test } from './helpers';
import { completionItems, diagnosticsWithCode, editorTests, endOf, hoverAt, openUntitled, rangeOf, ttabDiagnostics } from './editor';
import { reportTests } from './report';
import { compareWithHeadTest, diffTests } from './diff';
import { importTests } from './import';
import { lifecycleTests } from './lifecycle';

/** Set by run(): whether the launcher takes screenshots (and so can count notifications). */
let screenshotsWanted = false;

// ---------------------------------------------------------------------------
// Helpers

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

// the editor's features (editor.ts, shared with the browser's suite), then what needs the Node host
const tests: Test[] = [...editorTests];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

test('VS Code runs in the display language of this run', async () => {
  assert.equal(vscode.env.language, await language(), `vscode.env.language is ${vscode.env.language}`);
});

test('the workspace is indexed in the background, with progress, to the last table', async () => {
  const api = await apiOf();
  const tables = await vscode.workspace.findFiles('**/*.ttab');
  const progress = await waitFor('the indexing to finish', () => (api.indexing()?.done ? api.indexing() : undefined), 30_000);
  assert.ok(progress!.total >= tables.length, `indexed ${progress!.total} of the ${tables.length} tables`);
  assert.equal(progress!.indexed, progress!.total);
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
  // the untitled tables earlier tests left open are closed: the office's hover counts the workspace's tables
  for (const untitled of vscode.workspace.textDocuments.filter((d) => d.isUntitled)) {
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const editor = await openFile('values.ttab');
  const document = editor.document;
  // the server has the table once the hover on a value answers (an earlier test may have fixed its TT104)
  const target = await waitFor('a hover on the target', async () => (await hoverAt(document, rangeOf(document, '28871.96万').start.translate(0, 3))) || undefined);
  // once the server has the closes, the untitled tables are out of the index
  const office = await waitFor('the office hover without the closed untitled tables', async () => {
    const text = await hoverAt(document, rangeOf(document, '招商联络科').start.translate(0, 2));
    return text.includes('Untitled') ? undefined : text;
  });
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

test('with targetTable.diagnostics.scope "workspace", a table that is not open shows its problems', async () => {
  await apiOf();
  const uri = workspaceUri('closed.ttab');
  const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  assert.ok(!isOpen(), 'closed.ttab is not open');
  assert.equal(ttabDiagnostics(uri).length, 0, 'with the default scope, a closed table shows no problems');
  const settings = vscode.workspace.getConfiguration('targetTable');
  await settings.update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
  try {
    const [unknown] = await diagnosticsWithCode(uri, 'TT002');
    assert.equal(unknown!.range.start.line, 8, 'TT002 on the line without a keyword');
    await diagnosticsWithCode(uri, 'TT106');
    assert.ok(!isOpen(), 'the table was not opened to show them');
  } finally {
    await settings.update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor('the closed table’s problems to go with the scope back to open files', () => ttabDiagnostics(uri).length === 0);
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
tests.push(compareWithHeadTest((cwd, args) => execFileSync('git', args, { cwd, stdio: 'pipe' })));
tests.push(...importTests);
tests.push(...lifecycleTests);

// the crash tests find and kill the server process with `ps` and signals: not on Windows
const crashTest = process.platform === 'win32' ? (): void => undefined : test;

crashTest('a crashed server is restarted without bothering the user', async () => {
  const api = await apiOf();
  assert.equal(await crashServer(api), 'restarted');
  await assertServerAnswers();
});

crashTest('a server that keeps crashing is stopped with one notification offering Restart', async () => {
  const api = await apiOf();
  // the notifications of earlier tests are not about the crashes (in Chinese, 目标表 is in many of them)
  await vscode.commands.executeCommand('notifications.clearAll');
  let crashes = 0;
  while ((await crashServer(api)) === 'restarted') {
    crashes++;
    assert.ok(crashes < 10, 'the extension gives up restarting a server that keeps crashing');
  }
  assert.equal(api.serverStatus(), 'stopped');
  assert.ok(api.statusBarText()?.includes('$(warning)'), `the status bar says the server stopped: ${api.statusBarText()}`);
  if (screenshotsWanted) {
    const product = await says('Target Table');
    const restart = await says('Restart');
    const toasts = await screenshot('crash-notification', `.notification-toast:has-text("${product}"):has(.monaco-button:text-is("${restart}"))`);
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
