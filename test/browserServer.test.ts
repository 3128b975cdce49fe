/**
 * Protocol tests of the browser's language server: dist/web/server.js, run as a browser runs it in
 * a web worker (test/support/webWorkerHost.cjs: only a worker's globals, no Node), driven over
 * JSON-RPC as the extension drives it. It has no file system: the workspace's tables and its
 * `.ttab/*.json` reach it through the client's answers to its file requests, here from the disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveUri } from '../server/src/browser/host';
import { codesOf, eventually, fileUri, startServer, type TestClient } from './support/lspClient';

const OTHER = `部门 甲局
年度 2022

职责 1 甲
  科室 综合协调科
  目标 乙
    指标 渡轮班次
      指标值 5次
      标准值 5次
      标准来源 区委督查通报
`;

/** A unit only the workspace's .ttab/units.json knows, and an unknown line. */
const TABLE = `部门 乙局
年度 2022

职责 1 招商
  科室 综合协调科
  目标 推介
    指标 靠港船舶
      指标值 30艘次
      上年值 28艘次
      历史来源 内部统计
  乱写一行
`;

let workspace: string;
const tableUri = () => fileUri(path.join(workspace, 'table.ttab'));

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-web-'));
  fs.mkdirSync(path.join(workspace, 'sub'));
  fs.mkdirSync(path.join(workspace, '.ttab'));
  fs.writeFileSync(path.join(workspace, 'sub', 'other.ttab'), OTHER);
  fs.writeFileSync(path.join(workspace, '.ttab', 'units.json'), JSON.stringify([{ unit: '艘次', dimension: 'count', factor: 1 }]));
});

afterAll(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe('the browser language server (dist/web/server.js in a web worker)', () => {
  let client: TestClient;
  let stopped = false;

  beforeAll(async () => {
    client = await startServer({ browser: true, workspaceFolder: workspace });
  });
  afterAll(async () => {
    if (!stopped) await client?.stop();
  });

  it('publishes diagnostics with the units of the workspace read through the client', async () => {
    client.open(tableUri(), TABLE);
    const d = await eventually(async () => client.diagnostics.get(tableUri())?.diagnostics ?? [], (list) => list.length > 0, 15_000);
    expect(codesOf(d)).toContain('TT002');
    expect(codesOf(d)).not.toContain('TT104'); // 艘次 comes from .ttab/units.json
    const unknownLine = d.find((x: Diagnostic) => x.code === 'TT002')!;
    expect(unknownLine.range).toEqual({ start: { line: 10, character: 2 }, end: { line: 10, character: 6 } });
    expect(unknownLine.message).toContain('Unknown line');
  });

  it('indexes the tables of the workspace through the client: sources and symbols of files no editor has open', async () => {
    client.notify('textDocument/didChange', {
      textDocument: { uri: tableUri(), version: 2 },
      contentChanges: [{ range: { start: { line: 9, character: 14 }, end: { line: 9, character: 14 } }, text: '\n      标准来源 ' }],
    });
    const completion = await eventually(
      () => client.request<CompletionList>('textDocument/completion', { textDocument: { uri: tableUri() }, position: { line: 10, character: 11 } }),
      (list) => list.items.some((i) => i.label === '区委督查通报'),
    );
    expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining(['区委督查通报', '年度工作计划']));
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: '渡轮' });
    expect(symbols.map((s) => `${s.name} @ ${s.location.uri}`)).toEqual([`渡轮班次 @ ${fileUri(path.join(workspace, 'sub', 'other.ttab'))}`]);
  });

  it('hovers, outlines, offers quick fixes and renames across the workspace', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: tableUri() }, position: { line: 7, character: 12 } });
    expect(JSON.stringify(hover.contents)).toContain('**艘次**: count'); // the workspace's own unit
    const outline = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: tableUri() } });
    const names = (symbols: DocumentSymbol[] = []): string[] => symbols.flatMap((s) => [s.name, ...names(s.children)]);
    expect(names(outline)).toEqual(expect.arrayContaining(['推介', '靠港船舶']));
    const fixable = fileUri(path.join(workspace, 'fix.ttab'));
    const diagnostics = client.waitForDiagnostics(fixable);
    client.open(fixable, TABLE.replace('30艘次', '12万圆'));
    const unknownUnit = (await diagnostics).find((d) => d.code === 'TT104')!;
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri: fixable },
      range: unknownUnit.range,
      context: { diagnostics: [unknownUnit], only: ['quickfix'] },
    });
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringContaining('万元')]));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: tableUri() }, position: { line: 4, character: 6 }, newName: '综合科' });
    // the office in the open tables and in the one on disk that only the index knows
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([fileUri(path.join(workspace, 'sub', 'other.ttab')), tableUri(), fixable].sort());
  });

  it('reads the catalogs again when the client reports that one changed, or that the .ttab folder came or went', async () => {
    const codes = () => codesOf(client.diagnostics.get(tableUri())?.diagnostics ?? []);
    const changed = (file: string, type: number) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(workspace, file)), type }] });
    fs.writeFileSync(path.join(workspace, '.ttab', 'units.json'), '[]');
    changed('.ttab/units.json', 2);
    expect(await eventually(codes, (c) => c.includes('TT104'))).toContain('TT104');
    // the folder made anew with its file: watchers report the folder only
    fs.rmSync(path.join(workspace, '.ttab'), { recursive: true });
    changed('.ttab', 3);
    fs.mkdirSync(path.join(workspace, '.ttab'));
    fs.writeFileSync(path.join(workspace, '.ttab', 'units.json'), JSON.stringify([{ unit: '艘次', dimension: 'count', factor: 1 }]));
    changed('.ttab', 1);
    expect(await eventually(codes, (c) => !c.includes('TT104'))).not.toContain('TT104');
  });

  it('never needed a Node global, and ends its worker on exit', async () => {
    expect(client.stderr()).not.toMatch(/\[web worker\]/); // no error event, no error logged
    stopped = true;
    expect(await client.stop()).toBe(0);
  });
});

describe('the browser language server: language, settings, problems of the workspace files', () => {
  it('speaks the client locale (its messages are bundled), applies rules.json and the editor settings, reports a malformed file once', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-web-zh-'));
    try {
      fs.mkdirSync(path.join(folder, '.ttab'));
      fs.mkdirSync(path.join(folder, 'catalogs'));
      fs.writeFileSync(path.join(folder, '.ttab', 'rules.json'), '{ "TT104": "warning" }');
      fs.writeFileSync(path.join(folder, 'catalogs', 'sources.json'), '{ not json');
      const client = await startServer({ browser: true, locale: 'zh-cn', workspaceFolder: folder, settings: { sourcesFile: 'catalogs/sources.json' } });
      const uri = fileUri(path.join(folder, 't.ttab'));
      client.open(uri, TABLE);
      const d = await eventually(async () => client.diagnostics.get(uri)?.diagnostics ?? [], (list) => list.some((x) => x.code === 'TT104'), 15_000);
      expect(d.find((x) => x.code === 'TT002')!.message).toContain('无法识别的行');
      expect(d.find((x) => x.code === 'TT104')!.severity).toBe(2); // a warning, as .ttab/rules.json says
      const messages = await eventually(async () => client.messages, (m) => m.length > 0);
      expect(messages.map((m) => m.message)).toEqual([expect.stringMatching(/catalogs\/sources\.json 不是有效的 JSON.*is not valid JSON/)]);
      expect(client.stderr()).not.toMatch(/\[web worker\]/);
      expect(await client.stop()).toBe(0);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the browser host names catalog files by URI, on the workspace folder’s own file system', () => {
  it.each([
    ['vscode-remote://127.0.0.1:8080/home/u/ws', '.ttab/units.json', 'vscode-remote://127.0.0.1:8080/home/u/ws/.ttab/units.json'],
    ['vscode-vfs://github/org/repo/', 'catalogs/单位 表.json', 'vscode-vfs://github/org/repo/catalogs/%E5%8D%95%E4%BD%8D%20%E8%A1%A8.json'],
    ['vscode-vfs://github/org/repo', '../shared/units.json', 'vscode-vfs://github/org/shared/units.json'],
    ['vscode-test-web://mount/', '/etc/ttab/units.json', 'vscode-test-web://mount/etc/ttab/units.json'],
    ['file:///c%3A/ws', 'D:\\ttab\\units.json', 'file:///d%3A/ttab/units.json'],
  ])('%s + %s', (root, file, expected) => {
    expect(resolveUri(root, file)).toBe(expected);
  });
});
