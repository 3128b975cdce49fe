/**
 * The e2e suite of the extension in the browser's web worker extension host — what a reviewer
 * gets in vscode.dev or github.dev: the extension's `browser` entry (dist/web/extension.js) in a
 * web worker of the page, its language server in a worker of its own, the workspace read through
 * VS Code's file system. run-code-server.js runs it in the "web worker host" session: code-server's
 * browser workbench with the user setting `remote.extensionKind: { "target-table.target-table":
 * ["web"] }`, which moves the extension out of the Node host, and this suite bundled for the
 * browser (common.js) into the extension's folder (VS Code runs a suite in the host of the
 * extension whose folder holds it).
 *
 * It runs the editor's, the reports' and the import's tests of the Node suite, and the checks that
 * only the browser needs: where everything runs, the catalogs and the workspace index through the
 * extension, the compare commands without git.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetTableApi } from '../../../client/src/extension';
import { assertStrictCsp, diffTests, NEW_TABLE, OLD_TABLE, type DiffResult } from './diff';
import { diagnosticsWithCode, editorTests, hoverText, rangeOf, ttabDiagnostics } from './editor';
import { EXTENSION_ID, apiOf, openFile, runAll, screenshotText, screenshotsRequested, waitFor, workspaceUri, type Test } from './helpers';
import { importTests } from './import';
import { reportTests } from './report';

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

/** A table whose unit only a workspace catalog knows (TT104 without it). */
const SHIPS = ['部门 港务局', '年度 2022', '', '职责 1 港口运营', '  目标 保障通航', '    指标 靠港船舶', '      指标值 30艘次', '      上年值 28艘次', '      历史来源 内部统计', ''].join('\n');

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

declare const WorkerGlobalScope: unknown;

test('the suite runs in the browser: a web worker, no Node', async () => {
  assert.ok(typeof WorkerGlobalScope !== 'undefined', 'the extension host is a web worker');
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  assert.equal(node, undefined, 'no Node in this extension host');
  assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
  assert.ok(await screenshotsRequested(), 'the launcher answers the DOM checks (.e2e/screenshots)');
});

tests.push(...editorTests);

test('the extension runs in the web worker extension host (Developer: Show Running Extensions)', async () => {
  const extension = vscode.extensions.getExtension<TargetTableApi>(EXTENSION_ID)!;
  assert.equal(extension.extensionKind, vscode.ExtensionKind.UI, 'a UI extension: beside the workbench, not on the server');
  assert.equal(extension.exports.serverStatus(), 'running', 'its language server runs (in a worker: a web worker host starts no process)');
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  const where = await screenshotText('web-running-extensions', '.monaco-list-row[aria-label="target-table"] .msg');
  assert.match(where, /web worker/i, `Running Extensions shows where Target Table runs: '${where}'`);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test("the workspace's .ttab/units.json reaches the language server and the reports through VS Code's file system", async () => {
  const units = workspaceUri('.ttab', 'units.json');
  const ships = workspaceUri('ships.ttab');
  await writeText(ships, SHIPS);
  const editor = await openFile('ships.ttab');
  await diagnosticsWithCode(ships, 'TT104'); // 艘次 is no unit of the built-in catalog
  await writeText(units, JSON.stringify([{ unit: '艘次', dimension: 'count', factor: 1 }]));
  await waitFor('TT104 to go once .ttab/units.json defines 艘次', () => ttabDiagnostics(ships, 'TT104').length === 0);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ships, rangeOf(editor.document, '艘次').start);
  assert.match(hoverText(hovers), /艘次/, 'the hover knows the workspace unit');
  const report = await vscode.commands.executeCommand<vscode.Uri>('targetTable.generateReport', { uri: ships, kind: 'review', format: 'md', scope: 'file', open: false, replace: true });
  assert.doesNotMatch(new TextDecoder().decode(await vscode.workspace.fs.readFile(report)), /TT104/, 'the report reads the same catalog');
  await vscode.workspace.fs.delete(units);
  await diagnosticsWithCode(ships, 'TT104'); // and its deletion
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('outline, folding, references and rename across the tables of the workspace', async () => {
  const editor = await openFile('values.ttab');
  const uri = editor.document.uri;
  const names = (list: vscode.DocumentSymbol[] = []): string[] => list.flatMap((s) => [s.name, ...names(s.children)]);
  const outline = await waitFor('the outline', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return symbols && symbols.length > 0 ? names(symbols) : undefined;
  });
  assert.ok(outline.includes('招商引资到位资金'), `the outline lists the indicators: ${outline.join(' ')}`);
  const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
  assert.ok(folds.length >= 2, 'the duty and the objective fold');
  const office = rangeOf(editor.document, '招商联络科').start.translate(0, 1);
  const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, office);
  const files = [...new Set(references.map((r) => r.uri.toString()))].sort();
  // unformatted.ttab has the office too: the server read it through the extension (and untitled copies of it, open in editors)
  assert.ok(files.includes(workspaceUri('unformatted.ttab').toString()) && files.includes(uri.toString()), `the office in both tables: ${files.join(' ')}`);
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, office, '招商服务科');
  assert.deepEqual(edit.entries().map(([u]) => u.toString()).sort(), files, 'the rename edits every table the references found');
});

tests.push(...reportTests);
tests.push(...diffTests);

test('Compare Two Tables compares two open tables, unsaved edits included', async () => {
  const oldUri = workspaceUri('diff', 'open-old.ttab');
  const newUri = workspaceUri('diff', 'open-new.ttab');
  await writeText(oldUri, OLD_TABLE);
  await writeText(newUri, OLD_TABLE);
  await vscode.window.showTextDocument(oldUri, { preview: false });
  const editor = await vscode.window.showTextDocument(newUri, { preview: false });
  const target = editor.document.getText().split('\n').findIndex((l) => l.includes('指标值'));
  await editor.edit((b) => b.replace(editor.document.lineAt(target).range, NEW_TABLE.split('\n')[target]!));
  const result = await vscode.commands.executeCommand<DiffResult | undefined>('targetTable.compareTables', oldUri, newUri);
  assert.ok(result?.changed, 'the unsaved edit is a change');
  assertStrictCsp(result.html);
  assert.ok(result.html.includes('<code>≥95%</code> → <code>≥98%</code>'), 'the target change of the editor’s text');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('Compare with HEAD is hidden where git cannot be read, and says why when run anyway', async () => {
  await openFile('values.ttab');
  await vscode.commands.executeCommand('workbench.action.quickOpen', '>Target Table: Compare');
  const offered = await screenshotText('web-compare-commands', '.quick-input-list .monaco-list-rows');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  assert.match(offered, /Compare Two Tables/, `the palette offers Compare Two Tables: '${offered}'`);
  assert.doesNotMatch(offered, /Compare with HEAD/, 'and not Compare with HEAD');
  const result = await vscode.commands.executeCommand<DiffResult | undefined>('targetTable.compareWithHead', workspaceUri('values.ttab'));
  assert.equal(result, undefined, 'nothing compared (a warning says why)');
});

tests.push(...importTests);

export async function run(): Promise<void> {
  await runAll('e2e (web worker host)', tests);
}
