/**
 * e2e: "Compare Two Tables…" and "Compare with HEAD (Semantic)" in the real VS Code. The commands
 * return the page they put in the webview, which is checked for its Content Security Policy, the
 * expected changes and the escaping of table text; the panel itself is found among the tabs.
 * Compare with HEAD needs a git repository made with the git program: the Node host's suite gives
 * the test its way to run git (compareWithHeadTest); the browser's suite runs the others.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiOf, openFile, waitFor, workspaceUri, type Test } from './helpers';

const COMPARE_TABLES = 'targetTable.compareTables';
const COMPARE_WITH_HEAD = 'targetTable.compareWithHead';

export interface DiffResult {
  html: string;
  changed: boolean;
}

export const OLD_TABLE = [
  '部门 投资促进局',
  '年度 2022',
  '',
  '职责 1 组织开展重大招商引资活动',
  '  科室 招商联络科',
  '  目标 对外推介开发区',
  '    指标 签约项目履约率',
  '      解释 履约项目数/签约项目数×100%',
  '      指标值 ≥95%',
  '      上年值 96%',
  '      历史来源 内部统计',
  '',
].join('\n');

export const NEW_TABLE = OLD_TABLE.replace('指标值 ≥95%', '指标值 ≥98%').replace('科室 招商联络科', '科室 <script>window.__pwned=1</script>科');

const tests: Test[] = [];
const test = (name: string, run: () => Promise<void>, timeoutMs?: number): void => {
  tests.push({ name, run, timeoutMs });
};

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri('diff', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

function diffTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('targetTable.semanticDiff'));
}

/** The page's CSP: nothing by default, style and script only by the page's nonce. */
export function assertStrictCsp(html: string): void {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(csp, 'the page has a Content-Security-Policy');
  assert.match(csp, /^default-src 'none';/);
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, `scripts only by nonce: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, [`<script nonce="${nonce}">`], 'the one script is the nonce’d one');
}

test('the compare commands are contributed and registered', async () => {
  await apiOf();
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const command of [COMPARE_TABLES, COMPARE_WITH_HEAD]) assert.ok(registered.has(command), `${command} is registered`);
});

test('"Compare Two Tables…" on two workspace files opens the semantic diff in a webview', async () => {
  const oldUri = await writeWorkspaceFile('old.ttab', OLD_TABLE);
  const newUri = await writeWorkspaceFile('new.ttab', NEW_TABLE);
  const result = await vscode.commands.executeCommand<DiffResult | undefined>(COMPARE_TABLES, oldUri, newUri);
  assert.ok(result, 'the command compared the tables');
  assert.equal(result.changed, true);
  assertStrictCsp(result.html);
  assert.ok(result.html.includes('<code>≥95%</code> → <code>≥98%</code>, +3.0 pts') || result.html.includes('<code>≥95%</code> → <code>≥98%</code>，+3.0 个百分点'), 'the target change with its delta');
  assert.ok(result.html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), 'the office, escaped');
  assert.ok(!result.html.includes('<script>window'), 'no table text as markup');
  assert.match(result.html, /<a class="reveal" href="#" data-side="new" data-line="7">/, 'a link to the indicator’s line');
  await waitFor('the semantic diff panel', () => diffTabs().length > 0);
});

export const diffTests: readonly Test[] = tests;

/** Compare with HEAD, given a way to run the git program in a folder. */
export const compareWithHeadTest = (runGit: (cwd: string, args: string[]) => void): Test => ({
  name: '"Compare with HEAD (Semantic)" compares the editor’s text with the committed table',
  run: async () => {
    const folder = workspaceUri('diff', 'repo');
    await vscode.workspace.fs.createDirectory(folder);
    const file = vscode.Uri.joinPath(folder, 'table.ttab');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(OLD_TABLE));
    const git = (...args: string[]) => runGit(folder.fsPath, ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', '-c', 'commit.gpgsign=false', ...args]);
    git('init', '-q');
    git('add', 'table.ttab');
    git('commit', '-q', '-m', 'first');

    const editor = await openFile('diff/repo/table.ttab');
    await editor.edit((b) => b.replace(editor.document.lineAt(8).range, '      指标值 ≥92%'));
    const result = await vscode.commands.executeCommand<DiffResult | undefined>(COMPARE_WITH_HEAD);
    assert.ok(result, 'the command compared the table with HEAD');
    assertStrictCsp(result.html);
    assert.ok(result.html.includes('<code>≥95%</code> → <code>≥92%</code>'), `the unsaved edit against HEAD: ${result.html}`);
    assert.ok(/HEAD:diff\/repo\/table\.ttab/.test(result.html), 'the committed side is named HEAD:<path>');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  },
});
