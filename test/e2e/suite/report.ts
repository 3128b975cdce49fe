/**
 * e2e: "Generate Report…" and the live preview, in the real VS Code. The reports are read back
 * as a user's tools would (the HTML's markup, the workbook through exceljs); the preview is
 * checked through the extension's test hook (previewState), whose `shown` part is what the
 * webview's own script counted in the page it displays.
 */
import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import * as vscode from 'vscode';
import type { PreviewState } from '../../../client/src/preview';
import { EXTENSION_ID, apiOf, englishWords, inChinese, openFile, says, screenshot, screenshotsRequested, sleep, ui, uiDriven, waitFor, workspaceUri, type Test } from './helpers';

const GENERATE_REPORT = 'targetTable.generateReport';
const OPEN_PREVIEW = 'targetTable.openPreviewToSide';

/** values.ttab: two indicators of one objective, both inheriting the duty's 科室. */
const VALUES_TITLE = '投资促进局部门预算整体绩效目标表（2022年度）';
const VALUES_INDICATORS = ['招商引资到位资金', '推介活动经费'];

const XSS_TABLE = [
  '部门 <script>window.__pwned=1</script>局',
  '年度 2022',
  '',
  '职责 1 "><img src=x onerror="window.__pwned=1">',
  '  目标 </td></table><script>window.__pwned=2</script>',
  '    指标 <script>window.__pwned=3</script>',
  '      解释 javascript:window.__pwned=4',
  '      指标值 ≥95%',
  '      标准值 95%',
  '      标准来源 年度工作计划',
  '',
].join('\n');

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

// ---------------------------------------------------------------------------
// Helpers

async function generate(request: Record<string, unknown>): Promise<vscode.Uri> {
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(GENERATE_REPORT, { open: false, replace: true, ...request });
  assert.ok(written, `the report was written (${JSON.stringify(request)})`);
  return written;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The body rows of the HTML form: each carries its 指标 line. */
function formRows(html: string): string[] {
  return [...html.matchAll(/<tr data-line="\d+"[^>]*>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

function previewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('targetTable.preview'));
}

/** Waits until the webview itself reports showing `document`'s current version. */
async function previewShowing(document: vscode.TextDocument, rows: number): Promise<PreviewState> {
  const api = await apiOf();
  return waitFor(`the preview to show ${document.uri.toString()} v${document.version} with ${rows} rows`, () => {
    const state = api.previewState();
    return state &&
      state.uri === document.uri.toString() &&
      state.version === document.version &&
      state.shown?.version === document.version &&
      state.shown.rows === rows
      ? state
      : undefined;
  });
}

function cspOf(html: string): string {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(csp, 'the page has a Content-Security-Policy meta');
  return csp[1]!;
}

async function leftoverScratchFiles(): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(workspaceUri());
  return entries.map(([name]) => name).filter((name) => /\.tmp$/.test(name));
}

// ---------------------------------------------------------------------------
// Tests

test('the report commands and settings are contributed and registered', async () => {
  await apiOf();
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const command of [GENERATE_REPORT, OPEN_PREVIEW]) assert.ok(registered.has(command), `${command} is registered`);
  const settings = vscode.workspace.getConfiguration('targetTable.report');
  assert.equal(settings.get('kind'), 'form');
  assert.equal(settings.get('format'), 'html');
  assert.equal(settings.get('outputFolder'), '');
});

test('Generate Report writes the official form of a table as HTML next to it', async () => {
  const output = await generate({ uri: workspaceUri('values.ttab'), kind: 'form', format: 'html', scope: 'file' });
  assert.equal(output.toString(), workspaceUri('values.form.html').toString(), 'written next to the table');
  const html = await readText(output);
  assert.equal(/<title>([^<]*)<\/title>/.exec(html)?.[1], VALUES_TITLE);
  assert.ok(html.includes(`<h1>${VALUES_TITLE}</h1>`), 'the form has its title');
  const rows = formRows(html);
  assert.equal(rows.length, VALUES_INDICATORS.length, 'one row per indicator');
  VALUES_INDICATORS.forEach((name, i) => assert.ok(rows[i]!.includes(name), `row ${i + 1} is ${name}`));
  assert.match(rows[0]!, /<td class="c-office" rowspan="2">招商联络科<\/td>/, 'the inherited 科室 is one merged cell over both rows');
  assert.ok(!rows[1]!.includes('c-office'), 'the second row has no 科室 cell of its own');
  assert.deepEqual(await leftoverScratchFiles(), [], 'no temporary file is left behind');
});

test('Generate Report writes the official form as XLSX with merged cells', async () => {
  const output = await generate({ uri: workspaceUri('values.ttab'), kind: 'form', format: 'xlsx', scope: 'file' });
  assert.equal(output.toString(), workspaceUri('values.form.xlsx').toString());
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; it takes any Uint8Array (this suite also runs in the browser, which has no Buffer)
  await workbook.xlsx.load((await vscode.workspace.fs.readFile(output)) as unknown as ExcelJS.Buffer);
  assert.equal(workbook.worksheets.length, 1, 'one sheet for one table');
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.getCell(1, 1).text, VALUES_TITLE);
  const find = (text: string): ExcelJS.Cell => {
    let found: ExcelJS.Cell | undefined;
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (!found && cell.text === text) found = cell;
    }));
    assert.ok(found, `the sheet has a cell '${text}'`);
    return found;
  };
  const officeColumn = Number(find('对应科室').col);
  const [first, second] = VALUES_INDICATORS.map((name) => Number(find(name).row));
  assert.equal(second, first! + 1, 'the indicators are on consecutive rows');
  const office = sheet.getCell(first!, officeColumn);
  assert.equal(office.text, '招商联络科');
  assert.equal(sheet.getCell(second!, officeColumn).master.address, office.address, 'the 科室 cell is merged over both rows');
  assert.equal(sheet.getCell(second! + 1, officeColumn).master.address, sheet.getCell(second! + 1, officeColumn).address, 'and no further');
});

test('Generate Report replaces an existing report only with a complete new one', async () => {
  const target = workspaceUri('values.form.csv');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('an older report'));
  const output = await generate({ uri: workspaceUri('values.ttab'), kind: 'form', format: 'csv', scope: 'file' });
  const bytes = await vscode.workspace.fs.readFile(output);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  const csv = new TextDecoder().decode(bytes);
  for (const name of VALUES_INDICATORS) assert.ok(csv.includes(name), `the CSV has ${name}`);
  assert.deepEqual(await leftoverScratchFiles(), []);
});

test('Generate Report… asks kind, format, scope and place, offering the settings first', async () => {
  const settings = vscode.workspace.getConfiguration('targetTable.report');
  await settings.update('format', 'md', vscode.ConfigurationTarget.Workspace);
  const expected = workspaceUri('values.form.md');
  await vscode.workspace.fs.delete(expected).then(undefined, () => undefined);
  try {
    await openFile('values.ttab');
    const written = vscode.commands.executeCommand<vscode.Uri | undefined>(GENERATE_REPORT);
    // kind (form), format (md from the setting), scope (this table), place (next to it): each offered first
    const driven = await uiDriven();
    for (let step = 1; step <= 4; step++) {
      // the picker's title counts its steps, "Generate Report (2/4)": accept once step n is shown
      if (driven) await ui(`wait for step ${step} of the report picker`, { waitFor: `.quick-input-widget .quick-input-title:has-text("(${step}/4)")` });
      else await sleep(400);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.equal((await written)?.toString(), expected.toString());
    assert.match(await readText(expected), /招商引资到位资金/);
  } finally {
    await settings.update('format', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('notifications.clearAll');
  }
});

test('the report picker offers the kinds of report in the display language', async () => {
  if (!(await uiDriven())) return;
  await openFile('values.ttab');
  const picking = vscode.commands.executeCommand<vscode.Uri | undefined>(GENERATE_REPORT);
  try {
    const official = await says('Official form');
    const shown = await ui('read the report picker', {
      waitFor: `.quick-input-list .monaco-list-row:has-text("${official}")`,
      read: '.quick-input-list .monaco-list-row .label-name',
    });
    assert.deepEqual(shown.texts, [official, await says('Review report'), await says('Monitoring report'), await says('Self-evaluation report')]);
    if (await inChinese()) assert.deepEqual(englishWords(shown.texts!.join(' ')), []);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  assert.equal(await picking, undefined, 'closing the picker cancels');
});

/**
 * In a browser workbench (code-server is one) the notification after a report may offer only what
 * works there — the form in VS Code, the Explorer view, Download. Each action is clicked in the
 * real workbench, which must still answer the keyboard afterwards (F1, Ctrl+P): "Open" of an XLSX
 * handed to openExternal once left it unresponsive.
 */
test('every action the report notification offers works, and the workbench still answers afterwards', async () => {
  if (!(await uiDriven())) return;
  assert.ok(vscode.env.uiKind === vscode.UIKind.Web || vscode.env.remoteName !== undefined, 'code-server is a browser workbench');
  const source = workspaceUri('values.ttab');
  const cases = [
    { kind: 'form', format: 'xlsx', file: 'values.form.xlsx', actions: ['Show the Form in VS Code', 'Reveal in Explorer View', 'Download'] },
    { kind: 'review', format: 'html', file: 'values.review.html', actions: ['Open in VS Code', 'Reveal in Explorer View', 'Download'] },
    { kind: 'form', format: 'md', file: 'values.form.md', actions: ['Open', 'Reveal in Explorer View', 'Download'] },
  ];
  for (const { kind, format, file, actions } of cases) {
    const labels = await Promise.all(actions.map((a) => says(a)));
    const message = await says('Report written: {0}', file);
    const notify = async (): Promise<vscode.Uri> => {
      // The workbench now and then keeps a new notification in the notification center instead of
      // showing it as a toast (after an action of the one before moved the focus): the report is
      // made again until its notification shows, which is what this test needs, not what it tests.
      for (let attempt = 1; ; attempt++) {
        await vscode.commands.executeCommand('notifications.clearAll');
        const written = await generate({ uri: source, kind, format, scope: 'file', open: true });
        try {
          await ui(`see the notification for ${file}`, { waitFor: `.notification-toast:has-text("${message}")`, timeoutMs: 5_000 });
          return written;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    };
    const output = await notify();
    const offered = await ui(`read the actions offered for ${file}`, { read: `.notification-toast:has-text("${message}") .monaco-button` });
    assert.deepEqual(offered.texts, labels, `what the notification offers for ${file}`);
    for (const [i, action] of actions.entries()) {
      if (i > 0) await notify(); // a click closes the notification: a new one for each action
      const result = await ui(`click ${labels[i]} for ${file}`, {
        click: { toast: message, button: labels[i]! },
        download: action === 'Download',
        waitFor: action === 'Reveal in Explorer View' ? `.explorer-folders-view .monaco-list-row.selected:has-text("${file}")` : undefined,
        probe: true,
      });
      assert.deepEqual(result.answered, ['F1', 'Control+P'], `after ${action} on ${file} the workbench answers F1 and Ctrl+P`);
      assert.deepEqual(result.popups, [], `${action} on ${file} opens no browser tab or window`);
      if (action === 'Download') assert.equal(result.download, file, 'the browser downloads the report');
      if (action === 'Open') {
        await waitFor(`${file} in an editor`, () => vscode.window.activeTextEditor?.document.uri.toString() === output.toString());
        const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === output.toString());
        if (tab) await vscode.window.tabGroups.close(tab);
      }
      if (action.endsWith('in VS Code')) {
        const tab = await waitFor(`${file} in a webview`, () =>
          vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('targetTable.report') && t.label === file),
        );
        await vscode.window.tabGroups.close(tab);
      }
    }
  }
  await vscode.commands.executeCommand('notifications.clearAll');
}, 180_000);

test('Generate Report for the whole workspace: one section per table', async () => {
  const tables = await vscode.workspace.findFiles('**/*.ttab');
  const folder = vscode.workspace.workspaceFolders![0]!;
  const form = await generate({ kind: 'form', format: 'html', scope: 'workspace' });
  assert.equal(form.toString(), workspaceUri(`${folder.name}.form.html`).toString(), 'written in the workspace folder');
  const html = await readText(form);
  assert.equal(html.match(/<section class="report-table"/g)?.length, tables.length, `a section for each of the ${tables.length} tables`);
  const review = await generate({ kind: 'review', format: 'md', scope: 'workspace' });
  const markdown = await readText(review);
  for (const table of tables) {
    const name = vscode.workspace.asRelativePath(table);
    assert.ok(markdown.includes(name), `the review names ${name}`);
  }
});

test('the preview opens beside the table and shows its form', async () => {
  const editor = await openFile('values.ttab');
  await vscode.commands.executeCommand(OPEN_PREVIEW);
  const tab = await waitFor('a preview tab', () => previewTab());
  assert.match(tab.label, /values\.ttab/);
  assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is beside the editor');
  const state = await previewShowing(editor.document, VALUES_INDICATORS.length);
  assert.equal(state.shown?.foreignElements, 0, 'the page is only the form');
});

test('the preview follows edits of the table', async () => {
  const editor = await openFile('values.ttab');
  await previewShowing(editor.document, VALUES_INDICATORS.length);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const added = '\n    指标 新增的指标\n      指标值 3次';
  assert.ok(await editor.edit((b) => b.insert(end, added)));
  await previewShowing(editor.document, VALUES_INDICATORS.length + 1);
  // leave the table as it was for the other tests
  const start = editor.document.positionAt(editor.document.getText().length - added.length);
  assert.ok(await editor.edit((b) => b.delete(new vscode.Range(start, editor.document.lineAt(editor.document.lineCount - 1).range.end))));
  await previewShowing(editor.document, VALUES_INDICATORS.length);
});

test('the preview scrolls with the editor', async () => {
  const indicators = Array.from({ length: 40 }, (_, i) => `    指标 指标${i + 1}\n      解释 第${i + 1}个指标\n      指标值 ${i + 1}次\n      标准值 ${i + 1}次\n      标准来源 年度工作计划`);
  const content = ['部门 滚动测试局', '年度 2022', '', '职责 1 测试', '  目标 测试', ...indicators, ''].join('\n');
  const document = await vscode.workspace.openTextDocument({ language: 'target-table', content });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
  await previewShowing(document, indicators.length);
  const line = document.getText().split('\n').indexOf('    指标 指标20');
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  const api = await apiOf();
  await waitFor(`the preview to scroll to the row of line ${line}`, () => {
    const top = editor.visibleRanges[0]?.start.line ?? -1;
    const shown = api.previewState()?.topLine;
    return top > 0 && shown !== undefined && Math.abs(shown - top) <= 1;
  });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the preview follows the active table', async () => {
  const api = await apiOf();
  const before = api.previewState();
  const editor = await openFile('sources.ttab');
  const state = await previewShowing(editor.document, 1);
  assert.match(previewTab()!.label, /sources\.ttab/);
  assert.notEqual(/'nonce-([^']+)'/.exec(cspOf(state.html))?.[1], before && /'nonce-([^']+)'/.exec(cspOf(before.html))?.[1], 'a fresh nonce for each page');
});

test('the preview runs no script from the table and shows its text literally', async () => {
  const document = await vscode.workspace.openTextDocument({ language: 'target-table', content: XSS_TABLE });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
  const state = await previewShowing(document, 1);
  const csp = cspOf(state.html);
  assert.match(csp, /default-src 'none'/);
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, `scripts only by nonce: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-/, 'nothing inline without the nonce');
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.equal(scriptSrc, `script-src 'nonce-${nonce}'`, 'scripts only by nonce, from nowhere else');
  const scripts = [...state.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(scripts.length, 1, `only the preview's own script: ${scripts.join(' ')}`);
  assert.ok(scripts[0]!.includes(`nonce="${nonce}"`) && /src="[^"]*preview\.js"/.test(scripts[0]!), scripts[0]);
  assert.ok(!/<img/i.test(state.html), 'no image element made from the table text');
  for (const text of ['&lt;script&gt;window.__pwned=3&lt;/script&gt;', '&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;', '&lt;/td&gt;&lt;/table&gt;&lt;script&gt;', 'javascript:window.__pwned=4']) {
    assert.ok(state.html.includes(text), `the page shows ${text} as text`);
  }
  assert.equal(state.shown?.foreignElements, 0, 'the page the webview shows has no script, image or handler from the table');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

// (before the preview is closed: code-server's web workbench sometimes never loads a second preview
// webview's resources — its service worker still belongs to the first one)
test('screenshot of the preview beside a table', async () => {
  if (!(await screenshotsRequested())) return;
  await vscode.commands.executeCommand('notifications.clearAll');
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  // a real table when the extension runs from its source tree; the test workspace's otherwise
  const example = vscode.Uri.joinPath(extension.extensionUri, 'examples', '投资促进局-2022.ttab');
  const document = await vscode.workspace.openTextDocument(example).then(undefined, () => vscode.workspace.openTextDocument(workspaceUri('values.ttab')));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
  // only the table and its preview in the picture: close the other tests' editors, dropping their edits
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.toString() === document.uri.toString()) continue;
    await vscode.window.showTextDocument(tab.input.uri, { viewColumn: tab.group.viewColumn });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn });
  await vscode.commands.executeCommand('workbench.action.closeSidebar'); // room for the form
  await vscode.commands.executeCommand(OPEN_PREVIEW);
  const api = await apiOf();
  await waitFor(`the preview to show ${document.uri.toString()}`, () => {
    const state = api.previewState();
    return state?.uri === document.uri.toString() && state.shown?.version === document.version && state.shown.rows > 0;
  });
  const tab = previewTab();
  assert.ok(tab && tab.group.viewColumn !== editor.viewColumn, 'the preview is beside the table');
  await screenshot('preview', 'iframe.webview.ready');
  await vscode.commands.executeCommand('workbench.view.explorer');
}, 60_000);

test('closing the preview disposes it', async () => {
  const api = await apiOf();
  const tab = previewTab();
  assert.ok(tab, 'the preview is open');
  await vscode.window.tabGroups.close(tab);
  await waitFor('the preview state to go', () => api.previewState() === undefined);
});

export const reportTests: readonly Test[] = tests;
