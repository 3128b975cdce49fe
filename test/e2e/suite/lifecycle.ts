/**
 * e2e: a table through its year in the real VS Code (lifecycle.ttab of the test workspace: a
 * monitoring point, actuals and points; 培训次数 missed without its reasons). Inlay hints, code
 * lenses, hover on an actual, the TT202 finding and its quick fix, completion of the band words,
 * the monitoring and self-evaluation reports (read back as HTML, XLSX, Markdown and CSV), and
 * New Table for Next Year. The expected words follow VS Code's display language, so the suite
 * passes in English and in Chinese.
 */
import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import * as vscode from 'vscode';
import { apiOf, openFile, waitFor, workspaceUri, type Test } from './helpers';

const TABLE = 'lifecycle.ttab';
const zh = (): boolean => vscode.env.language.toLowerCase().startsWith('zh');
/** The words of the UI's language. */
const say = (words: { zh: string; en: string }): string => (zh() ? words.zh : words.en);

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.trim() === text) return i;
  throw new Error(`'${text}' is no line of ${document.uri.path}`);
}

async function opened(): Promise<vscode.TextEditor> {
  await apiOf();
  const editor = await openFile(TABLE);
  // the server has the table once its findings are in
  await waitFor('the findings of lifecycle.ttab', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.source === 'ttab'));
  return editor;
}

function labelOf(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}

async function generate(kind: string, format: string): Promise<vscode.Uri> {
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('targetTable.generateReport', { uri: workspaceUri(TABLE), kind, format, scope: 'file', open: false, replace: true });
  assert.ok(written, `the ${kind} report was written as ${format}`);
  return written;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

test('inlay hints after the actual and the value to date', async () => {
  const { document } = await opened();
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await waitFor('inlay hints', async () => {
    const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
    return found.length >= 3 ? found : undefined;
  });
  const at = (line: string) => hints.filter((h) => h.position.line === lineOf(document, line)).map(labelOf);
  assert.deepEqual(at('完成值 15次'), [say({ zh: '完成率 75% · 45/60 分', en: '75% done · 45/60 pts' })]);
  assert.deepEqual(at('完成值 300人'), [say({ zh: '完成率 100% · 40/40 分', en: '100% done · 40/40 pts' })]);
  assert.deepEqual(at('累计完成值 6次'), [say({ zh: '进度 30%，时间 58.1%，进度滞后', en: '30% done, 58.1% of the year, behind' })]);
});

test('code lenses on the table and each duty: score, grade, the self-evaluation report', async () => {
  const { document } = await opened();
  const lenses = await waitFor('code lenses', async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return found.length >= 3 ? found : undefined;
  });
  const titles = lenses.map((l) => [l.range.start.line, l.command?.title]);
  assert.deepEqual(titles, [
    [lineOf(document, '部门 人才服务中心'), say({ zh: '自评得分 85 · 良 · 2 个指标均已评分', en: 'self-evaluation 85 · good (良) · all 2 indicators scored' })],
    [lineOf(document, '职责 1 组织职业技能培训'), say({ zh: '得分 45/60', en: 'score 45/60' })],
    [lineOf(document, '职责 2 促进就业'), say({ zh: '得分 40/40', en: 'score 40/40' })],
  ]);
  assert.equal(lenses[0]!.command?.command, 'targetTable.generateReport');
  assert.deepEqual(lenses[0]!.command?.arguments, [{ kind: 'self-eval' }]);
});

test('hover on an actual explains its score', async () => {
  const { document } = await opened();
  const line = lineOf(document, '完成值 15次');
  const character = document.lineAt(line).text.indexOf('15次');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.ok(text.includes(say({ zh: '得分：60 × 75% = **45**', en: 'score: 60 × 75% = **45**' })), `hover explains the score: ${text}`);
});

test('a missed target without its reasons gets TT202; the quick fix adds the lines', async () => {
  const { document } = await opened();
  const uri = document.uri;
  const diagnostic = await waitFor('TT202', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'TT202'));
  assert.equal(diagnostic.range.start.line, lineOf(document, '完成值 15次'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const title = say({ zh: '添加「偏差原因」「改进措施」行', en: "Add '偏差原因' and '改进措施' lines" });
  const fix = actions.find((a) => a.title === title);
  assert.ok(fix?.edit, `the quick fix '${title}' is offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.ok(document.getText().includes('      分值 60\n      偏差原因 \n      改进措施 \n'), 'the two lines follow the indicator’s last field');
  const reasons = document.getText().replace('      偏差原因 \n      改进措施 \n', '      偏差原因 场地改造\n      改进措施 提前预订场地\n');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), reasons);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor('TT202 to go away', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'TT202'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('completion offers the band words after 达成情况', async () => {
  const document = await vscode.workspace.openTextDocument({ language: 'target-table', content: '部门 甲\n年度 2023\n\n职责 1 乙\n  目标 丙\n    指标 监督机制\n      指标值 建立监督机制\n      达成情况 ' });
  await vscode.window.showTextDocument(document);
  const end = document.lineAt(document.lineCount - 1).range.end;
  const list = await waitFor('band words', async () => {
    const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
    return found.items.length > 0 ? found : undefined;
  });
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const band of ['达成', '部分达成', '未达成']) assert.ok(labels.includes(band), `offers ${band}: ${labels.join(' ')}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the self-evaluation report: HTML with the total and grade, Markdown and CSV with the scores', async () => {
  const html = await readText(await generate('self-eval', 'html'));
  assert.ok(html.includes('<h1>人才服务中心部门预算整体绩效自评表（2023年度）</h1>'));
  assert.ok(html.includes('<dt>总分</dt><dd>85</dd>') && html.includes('<dt>评价等级</dt><dd>良</dd>'), 'the total and the grade');
  assert.match(html, /<td class="c-score center">45<\/td>/);
  const md = await readText(await generate('self-eval', 'md'));
  assert.ok(md.includes('| 培训次数 | 20次 | 15次 | 75% | 60 | 45 |'), md);
  const bytes = await vscode.workspace.fs.readFile(await generate('self-eval', 'csv'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  const csv = new TextDecoder().decode(bytes);
  assert.ok(csv.startsWith('部门,年度,序号,部门职责,绩效指标'), 'the CSV header');
  assert.ok(csv.includes('人才服务中心,2023,2,促进就业,带动就业人数,,300人,300人,100%,40,40'), csv);
});

test('the monitoring report as XLSX: the point’s progress against time', async () => {
  const output = await generate('monitor', 'xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await vscode.workspace.fs.readFile(output)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.getCell(1, 1).text, '人才服务中心部门预算整体绩效运行监控表（2023年度）');
  const cells: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
  for (const text of ['截至日期', '累计完成值', '6次', '30%', '58.1%', '16次', '经费保障：专项经费6月才下达']) assert.ok(cells.includes(text), `the sheet shows ${text}`);
  assert.equal(sheet.pageSetup.orientation, 'landscape');
});

test('New Table for Next Year writes the 2024 table with this year’s actuals as 上年值 and opens it', async () => {
  await opened();
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('targetTable.newTableForNextYear', { uri: workspaceUri(TABLE), replace: true });
  assert.ok(written, 'the table was written');
  assert.equal(written.toString(), workspaceUri('人才服务中心-2024.ttab').toString(), 'beside the table, named for its department and year');
  const text = await readText(written);
  assert.match(text, /^年度 2024$/m);
  assert.ok(text.includes('      # ttab-carried 2023 指标值 20次\n      指标值 20次\n'), 'the target is kept, marked for review');
  assert.ok(text.includes('      前三年均值 16.5次\n      上年值 15次\n'), '上年值 from the actual, the average with last year’s 上年值');
  assert.ok(!/^\s*(完成值|分值|监控|累计完成值|全年预计值|偏差原因) /m.test(text), 'the self-evaluation and the monitoring are dropped');
  await waitFor('the new table to be shown', () => vscode.window.activeTextEditor?.document.uri.toString() === written.toString());
  await waitFor('TT208 on the carried targets', () => vscode.languages.getDiagnostics(written).filter((d) => d.code === 'TT208').length === 2);
});

export const lifecycleTests = tests;
