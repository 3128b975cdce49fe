/**
 * e2e: "Import Table…" and "Paste Table as .ttab" in the real VS Code. The paste test puts TSV on
 * the clipboard as Excel does (a title, the two-row official header, a quoted cell with a line
 * break) and checks the untitled editor it opens; the import test writes a small .tsv into the
 * workspace and imports it by passing its URI (no file dialog), then imports it again: the second
 * .ttab gets a new name, the first is not overwritten. A workbook beyond the import limits (a cell
 * at XFD1048576) is refused at once with an error notification, and nothing is written.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from '../../../grammar/src/index';
import { row, workbook, zip } from '../../support/zip';
import { apiOf, screenshot, screenshotsRequested, waitFor, workspaceUri, type Test } from './helpers';

const IMPORT_TABLE = 'targetTable.importTable';
const PASTE_TABLE = 'targetTable.pasteTable';

const TSV = [
  '测试局部门预算整体绩效目标表（2022年度）',
  '职责序号\t部门职责\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
  '\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
  '1\t"组织开展\n招商活动"\t对外推介开发区\t重大活动举办次数\t全年举办推介会次数\t1次\t\t1次\t年度工作计划\t\t\t\t\t举办推介会\t双招双引\t招商联络科',
  '',
].join('\n');

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

test('"Import Table…" and "Paste Table as .ttab" are registered', async () => {
  await apiOf();
  const registered = new Set(await vscode.commands.getCommands(true));
  assert.ok(registered.has(IMPORT_TABLE), `${IMPORT_TABLE} is registered`);
  assert.ok(registered.has(PASTE_TABLE), `${PASTE_TABLE} is registered`);
});

test('"Paste Table as .ttab" turns TSV cells on the clipboard into an untitled table that parses', async () => {
  await apiOf();
  await vscode.env.clipboard.writeText(TSV);
  const documents = await vscode.commands.executeCommand<vscode.TextDocument[]>(PASTE_TABLE);
  assert.equal(documents?.length, 1, 'one table pasted');
  const document = documents[0]!;
  assert.equal(document.isUntitled, true, 'the pasted table is an untitled document');
  assert.equal(document.languageId, 'target-table');
  assert.equal(vscode.window.activeTextEditor?.document, document, 'the pasted table is in the active editor');
  const text = document.getText();
  assert.deepEqual(parse(text).errors.filter((e) => e.severity === 'error'), [], `the pasted table parses:\n${text}`);
  assert.ok(text.includes('部门 测试局') && text.includes('年度 2022'), 'the title gave 部门 and 年度');
  assert.ok(text.includes('职责 1 组织开展招商活动'), 'the quoted cell with a line break is one duty text');
  assert.ok(text.includes('指标值 1次'), 'the target value is there');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('"Import Table…" writes the .ttab next to the .tsv, and never overwrites it', async () => {
  await apiOf();
  const source = workspaceUri('import', 'tables.tsv');
  await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(TSV));
  const first = await vscode.commands.executeCommand<vscode.Uri[]>(IMPORT_TABLE, source);
  assert.equal(first?.length, 1, 'one table imported');
  assert.equal(first[0]!.toString(), workspaceUri('import', '测试局-2022.ttab').toString());
  const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(first[0]!));
  assert.deepEqual(parse(written).errors.filter((e) => e.severity === 'error'), [], `the imported table parses:\n${written}`);
  await waitFor('the imported table in an editor', () => vscode.window.activeTextEditor?.document.uri.toString() === first[0]!.toString());

  await vscode.workspace.fs.writeFile(first[0]!, new TextEncoder().encode('# edited by hand\n'));
  const second = await vscode.commands.executeCommand<vscode.Uri[]>(IMPORT_TABLE, source);
  assert.equal(second?.[0]?.toString(), workspaceUri('import', '测试局-2022-2.ttab').toString(), 'a second import gets a new name');
  const kept = new TextDecoder().decode(await vscode.workspace.fs.readFile(first[0]!));
  assert.equal(kept, '# edited by hand\n', 'the first .ttab was not overwritten');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('"Import Table…" on a workbook with a cell at XFD1048576 shows the limit as an error and writes nothing', async () => {
  await apiOf();
  const folder = workspaceUri('import-far');
  const source = vscode.Uri.joinPath(folder, 'far.xlsx');
  const sheetData = row(1, { A: '甲局部门预算整体绩效目标表（2022年度）' }) + row(1048576, { XFD: 'x' });
  await vscode.workspace.fs.writeFile(source, zip(workbook({ sheetData })));
  await vscode.commands.executeCommand('notifications.clearAll');
  const started = Date.now();
  const written = await vscode.commands.executeCommand<vscode.Uri[]>(IMPORT_TABLE, source);
  assert.deepEqual(written, [], 'nothing imported');
  assert.ok(Date.now() - started < 30_000, 'refused at once, not after walking a million rows');
  const files = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
  assert.deepEqual(files, ['far.xlsx'], 'nothing written next to it');
  if (await screenshotsRequested()) {
    const toasts = await screenshot('import-limit-error', '.notification-toast:has-text("XFD1048576")');
    assert.equal(toasts, 1, 'one error notification naming the cell');
  }
  await vscode.commands.executeCommand('notifications.clearAll');
});

export const importTests: readonly Test[] = tests;
