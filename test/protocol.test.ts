/**
 * Protocol tests: the real server process (dist/server.js over stdio),
 * driven with JSON-RPC as an editor drives it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, eventually, fileUri, startServer, type TestClient } from './support/lspClient';
import { parse } from '../grammar/src/index';
import { createContext, documentSymbols, findingToDiagnostic, semanticTokens, validate } from '../service/index';
import { generateTable, mulberry32 } from '../bench/generate';

const repo = path.resolve(__dirname, '..');
let workspace: string;

const OTHER = `部门 甲局
年度 2022

职责 1 甲
  科室 综合协调科
  目标 乙
    指标 丙
      指标值 5次
      标准值 5次
      标准来源 区委督查通报
`;

const FAULTY = `部门 乙局
年度 2022

职责 1 招商
  目标 推介
    指标 推介会次数
      指标值 12万圆
      上年值 10万元
      历史来源 内部统计
  乱写一行
`;

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-lsp-'));
  fs.mkdirSync(path.join(workspace, 'sub'));
  fs.writeFileSync(path.join(workspace, 'sub', 'other.ttab'), OTHER);
  fs.copyFileSync(path.join(repo, 'examples', '投资促进局-2022.ttab'), path.join(workspace, '投资促进局-2022.ttab'));
});

afterAll(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  let client: TestClient;
  const uri = () => fileUri(path.join(workspace, 'faulty.ttab'));

  beforeAll(async () => {
    client = await startServer({ workspaceFolder: workspace, validationDelay: 0 });
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('publishes diagnostics on open, with codes, ranges and the unknown unit', async () => {
    const diagnostics = client.waitForDiagnostics(uri());
    client.open(uri(), FAULTY);
    const d = await diagnostics;
    expect(codesOf(d)).toEqual(expect.arrayContaining(['TT002', 'TT104']));
    const unknownLine = d.find((x) => x.code === 'TT002')!;
    expect(unknownLine.range).toEqual({ start: { line: 9, character: 2 }, end: { line: 9, character: 6 } });
    expect(unknownLine.source).toBe('ttab');
    expect(unknownLine.message).toContain('Unknown line');
  });

  it('sends the table stats for the status bar: indicators, quantified targets, problems', async () => {
    const stats = await eventually(async () => client.stats.get(uri()), (s) => s !== undefined);
    expect(stats).toMatchObject({ indicators: 1, quantified: 1 });
    expect(stats!.errors).toBeGreaterThanOrEqual(2);
  });

  it('tells the client how far the background indexing of the workspace is, and when it is done', async () => {
    const progress = await eventually(async () => client.indexing, (p) => p.some((x) => x.done));
    // sub/other.ttab and 投资促进局-2022.ttab
    expect(progress[0]).toEqual({ indexed: 0, total: 2, done: false });
    expect(progress.at(-1)).toEqual({ indexed: 2, total: 2, done: true });
    expect(progress.filter((p) => p.done)).toHaveLength(1);
    for (const [a, b] of progress.slice(1).map((p, i) => [progress[i]!, p] as const)) expect(b.indexed).toBeGreaterThanOrEqual(a.indexed);
  });

  it('updates diagnostics after an incremental change', async () => {
    const next = client.waitForDiagnostics(uri(), (p) => p.version === 2);
    client.notify('textDocument/didChange', {
      textDocument: { uri: uri(), version: 2 },
      contentChanges: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 6 } }, text: '' }],
    });
    const d = await next;
    expect(codesOf(d)).not.toContain('TT002');
    expect(codesOf(d)).toContain('TT104');
  });

  it('after a keystroke, sends semantic tokens as the edit of what changed (full/delta), which gives the tokens of the new text', async () => {
    const tokensUri = fileUri(path.join(workspace, 'tokens.ttab'));
    const text = generateTable({ indicators: 200, seed: 4 }).text;
    client.open(tokensUri, text);
    const full = await client.request<{ resultId: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: tokensUri } });
    expect(full.data.length).toBeGreaterThan(5_000);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+指标值 /.test(l));
    client.notify('textDocument/didChange', {
      textDocument: { uri: tokensUri, version: 2 },
      contentChanges: [{ range: { start: { line, character: lines[line]!.length }, end: { line, character: lines[line]!.length } }, text: '0' }],
    });
    const delta = await client.request<{ resultId: string; edits: { start: number; deleteCount: number; data: number[] }[] }>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: tokensUri },
      previousResultId: full.resultId,
    });
    expect(delta.resultId).not.toBe(full.resultId);
    // The edit holds the tokens of the line typed on, not the table's.
    expect(delta.edits.reduce((n, e) => n + e.data.length, 0)).toBeLessThan(50);
    const data = [...full.data];
    for (const e of [...delta.edits].reverse()) data.splice(e.start, e.deleteCount, ...e.data);
    lines[line] += '0';
    const edited = lines.join('\n');
    expect(data).toEqual(semanticTokens(TextDocument.create(tokensUri, 'target-table', 2, edited), parse(edited)).data);
    // A result the server no longer holds gets the whole list.
    const stale = await client.request<{ data?: number[] }>('textDocument/semanticTokens/full/delta', { textDocument: { uri: tokensUri }, previousResultId: full.resultId });
    expect(stale.data).toEqual(data);
  });

  it('completes units after a number, and sources used in other workspace files', async () => {
    const units = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 6, character: 12 } });
    expect(units.items.map((i) => i.label)).toEqual(expect.arrayContaining(['万元', '次']));
    // A new 标准来源 line: the source only other.ttab uses must be offered (once the background scan indexed it).
    client.notify('textDocument/didChange', {
      textDocument: { uri: uri(), version: 3 },
      contentChanges: [{ range: { start: { line: 8, character: 17 }, end: { line: 8, character: 17 } }, text: '\n      标准来源 ' }],
    });
    const sources = await eventually(
      () => client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 9, character: 11 } }),
      (list) => list.items.some((i) => i.label === '区委督查通报'),
    );
    const labels = sources.items.map((i) => i.label);
    expect(labels).toContain('区委督查通报');
    expect(labels).toContain('年度工作计划');
  });

  it('hovers a value with its normalized form', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri() }, position: { line: 7, character: 11 } });
    const text = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents);
    expect(text).toContain('100,000');
  });

  it('answers inlay hints and code lenses of a table in its self-evaluation', async () => {
    const lifecycle = fileUri(path.join(workspace, 'lifecycle.ttab'));
    const text = fs.readFileSync(path.join(repo, 'examples', 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8');
    const diagnostics = client.waitForDiagnostics(lifecycle);
    client.open(lifecycle, text);
    await diagnostics;
    const lines = text.split('\n');
    const hints = await client.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint', {
      textDocument: { uri: lifecycle },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    expect(hints).toContainEqual(expect.objectContaining({ position: expect.objectContaining({ line: lines.indexOf('      完成值 240人') }), label: '80% done · 24/30 pts' }));
    const lenses = await client.request<{ range: { start: { line: number } }; command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri: lifecycle } });
    expect(lenses[0]).toMatchObject({ range: { start: { line: lines.indexOf('部门 就业创业服务中心') } }, command: { title: 'self-evaluation 87.5 · good (良) · all 6 indicators scored', command: 'targetTable.generateReport' } });
    expect(lenses.map((l) => l.command.title).slice(1)).toEqual(['score 44/50', 'score 34/40', 'score 9.5/10']);
  });

  it('gives the outline: duty → objective → indicator', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri() } });
    const duty = symbols.find((s) => s.name.includes('招商'))!;
    expect(duty.children?.[0]?.name).toBe('推介');
    expect(duty.children?.[0]?.children?.[0]?.name).toBe('推介会次数');
  });

  it('offers a quick fix for the unknown unit; applying it removes the diagnostic', async () => {
    const current = client.diagnostics.get(uri())!;
    const unit = current.diagnostics.find((d: Diagnostic) => d.code === 'TT104')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: unit.range,
      context: { diagnostics: [unit], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title.includes('万元'))!;
    expect(fix).toBeDefined();
    const edits = fix.edit!.changes![uri()]!;
    const next = client.waitForDiagnostics(uri(), (p) => p.version === 4);
    client.notify('textDocument/didChange', {
      textDocument: { uri: uri(), version: 4 },
      contentChanges: edits.map((e: TextEdit) => ({ range: e.range, text: e.newText })),
    });
    expect(codesOf(await next)).not.toContain('TT104');
  });

  it('formats the document to the canonical layout', async () => {
    const messy = fileUri(path.join(workspace, 'messy.ttab'));
    const text = '部门 丙\n职责 1 甲\n目标 乙\n指标 丙\n指标值   5次  \n';
    client.open(messy, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: messy }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(messy, 'target-table', 1, text), edits);
    expect(formatted).toBe('部门 丙\n\n职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 5次\n');
  });

  it('finds references and renames an office across files', async () => {
    const otherUri = fileUri(path.join(workspace, 'sub', 'other.ttab'));
    client.open(otherUri, OTHER);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: otherUri },
      position: { line: 4, character: 6 },
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.uri)).toEqual([otherUri]);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: otherUri }, position: { line: 4, character: 6 }, newName: '综合科' });
    expect(edit.changes![otherUri]).toEqual([{ range: { start: { line: 4, character: 5 }, end: { line: 4, character: 10 } }, newText: '综合科' }]);
    await expect(client.request('textDocument/prepareRename', { textDocument: { uri: otherUri }, position: { line: 7, character: 8 } })).rejects.toThrow(/rename/i);
  });

  it('refuses a new name of control characters with an error the editor shows, and writes nothing', async () => {
    const otherUri = fileUri(path.join(workspace, 'sub', 'other.ttab'));
    client.open(otherUri, OTHER);
    const at = { textDocument: { uri: otherUri }, position: { line: 4, character: 6 } };
    for (const newName of ['\u0000'.repeat(100_000), '综合\u0007科', '综合\u202e科']) {
      const refused = client.request<WorkspaceEdit>('textDocument/rename', { ...at, newName });
      await expect(refused).rejects.toMatchObject({ code: -32600, message: expect.stringMatching(/must not contain control characters/) });
    }
    await expect(client.request('textDocument/rename', { ...at, newName: '综'.repeat(501) })).rejects.toMatchObject({ code: -32600, message: expect.stringMatching(/too long/) });
    // the document is as it was: a plain rename still works
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: '综合科' });
    expect(edit.changes![otherUri]).toHaveLength(1);
  });

  it('survives bad requests and keeps answering', async () => {
    const ghost = 'file:///nowhere/ghost.ttab';
    expect(await client.request('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.request('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 9999, character: 9999 } })).not.toBeUndefined();
    expect(await client.request('textDocument/hover', { textDocument: { uri: uri() }, position: { line: -1, character: -5 } })).toBeDefined();
    const binary = fileUri(path.join(workspace, 'binary.ttab'));
    client.open(binary, '\u0000\u0001\uFFFD\uD800 职责\u0000 指标值 ≥\n'.repeat(200));
    await client.waitForDiagnostics(binary);
    const big = fileUri(path.join(workspace, 'big.ttab'));
    const bigDiagnostics = client.waitForDiagnostics(big);
    client.open(big, `# ${'长'.repeat(21 * 1024 * 1024)}\n`); // over the 20 MB limit
    expect(codesOf(await bigDiagnostics)).toEqual(['TT005']);
    // A file deleted while open: the open document stays; the server answers.
    fs.writeFileSync(path.join(workspace, 'gone.ttab'), OTHER);
    const gone = fileUri(path.join(workspace, 'gone.ttab'));
    client.open(gone, OTHER);
    fs.rmSync(path.join(workspace, 'gone.ttab'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: gone, type: 3 }] });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: gone } });
    expect(symbols.length).toBeGreaterThan(0);
    expect(client.process.exitCode).toBeNull();
  });
});

describe('language server: what the workspace index does not read', () => {
  /** The server process's resident memory (Linux), in MiB. */
  function rssMiB(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
  }

  it.runIf(process.platform === 'linux')('skips a /dev/zero link, a FIFO and oversized tables: said once in the log, memory stays low, requests answered', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-index-'));
    try {
      fs.writeFileSync(path.join(folder, 'good.ttab'), OTHER);
      fs.symlinkSync('/dev/zero', path.join(folder, 'zero.ttab'));
      expect(spawnSync('mkfifo', [path.join(folder, 'fifo.ttab')]).status).toBe(0);
      // over the 20 MB limit: by its size on disk (sparse, never written), and by its characters (21 MB of ASCII)
      fs.writeFileSync(path.join(folder, 'huge.ttab'), '');
      fs.truncateSync(path.join(folder, 'huge.ttab'), 200 * 1024 * 1024);
      fs.writeFileSync(path.join(folder, 'long.ttab'), `# ${'x'.repeat(21 * 1024 * 1024)}\n`);
      const client = await startServer({ workspaceFolder: folder, validationDelay: 0 });
      try {
        const skipped = ['zero.ttab', 'fifo.ttab', 'huge.ttab', 'long.ttab'];
        const logged = (name: string) => client.logs.filter((l) => l.message.includes(path.join(folder, name))).length;
        // the background scan finds them (links too) ...
        await eventually(async () => skipped.map(logged), (counts) => counts.every((n) => n === 1), 20_000);
        // ... and file events for them again and again say nothing more
        for (let i = 0; i < 3; i++) {
          client.notify('workspace/didChangeWatchedFiles', { changes: skipped.map((name) => ({ uri: fileUri(path.join(folder, name)), type: 2 })) });
        }
        const symbols = await eventually(
          () => client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: '丙' }),
          (list) => list.length > 0,
        );
        expect(symbols.map((x) => path.basename(decodeURIComponent(x.location.uri)))).toEqual(['good.ttab']);
        expect(skipped.map(logged)).toEqual([1, 1, 1, 1]);
        expect(client.logs.find((l) => l.message.includes('zero.ttab'))!.message).toMatch(/is not a regular file .*; not read$/);
        expect(client.logs.find((l) => l.message.includes('huge.ttab'))!.message).toMatch(/is over the 20 MB a table may have \(TT005\); not read$/);
        // nothing was read into memory: far below the 600 MB that reading /dev/zero reached
        expect(rssMiB(client.process.pid!)).toBeLessThan(300);
        expect(await client.request('textDocument/hover', { textDocument: { uri: fileUri(path.join(folder, 'good.ttab')) }, position: { line: 0, character: 0 } })).toBeNull();
        expect(client.process.exitCode).toBeNull();
      } finally {
        expect(await client.stop()).toBe(0);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('language server: settings, locale, pull diagnostics, shutdown', () => {
  it('follows the client locale, applies rule settings, reports malformed settings once, exits cleanly', async () => {
    const client = await startServer({ locale: 'zh-cn', settings: { rules: { TT104: 'warning', TT999: 'loud' }, historyFactor: 'x' }, validationDelay: 0 });
    const uri = 'file:///zh.ttab';
    const diagnostics = client.waitForDiagnostics(uri);
    client.open(uri, FAULTY);
    const d = await diagnostics;
    const unknownLine = d.find((x) => x.code === 'TT002')!;
    expect(unknownLine.message).toContain('无法识别的行');
    await eventually(async () => client.diagnostics.get(uri)!.diagnostics.find((x: Diagnostic) => x.code === 'TT104')?.severity, (s) => s === 2);
    expect(client.diagnostics.get(uri)!.diagnostics.find((x: Diagnostic) => x.code === 'TT104')!.severity).toBe(2); // warning, as set
    await eventually(async () => client.messages.length, (n) => n >= 2);
    expect(client.messages.some((m) => m.message.includes('TT999'))).toBe(true);
    expect(client.messages.some((m) => m.message.includes('historyFactor'))).toBe(true);
    expect(await client.stop()).toBe(0);
  });

  it('shows at most targetTable.maxNumberOfProblems problems, the most severe, and says how many are hidden', async () => {
    const client = await startServer({ settings: { maxNumberOfProblems: 2 }, validationDelay: 0 });
    const uri = 'file:///many.ttab';
    const diagnostics = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    client.open(uri, `${FAULTY}  目标 空\n  目标 空\n`);
    const d = await eventually(async () => client.diagnostics.get(uri)?.diagnostics ?? (await diagnostics), (list) => list.length === 3);
    expect(d).toHaveLength(3);
    expect(d.slice(0, 2).every((x) => x.severity === 1)).toBe(true); // errors first
    expect(d[2]!.message).toMatch(/^\d+ more problems not shown \(the limit is targetTable.maxNumberOfProblems, now 2\)$/);
    // The status bar still counts everything (its notification follows the diagnostics).
    const stats = await eventually(async () => client.stats.get(uri), (st) => st !== undefined && st.warnings >= 2);
    expect(stats!.warnings).toBeGreaterThanOrEqual(2);
    expect(await client.stop()).toBe(0);
  });

  it('cuts the outline at targetTable.maxItemsComputed and folding at the client\'s rangeLimit, and says so once per table', async () => {
    const client = await startServer({ settings: { maxItemsComputed: 3 }, foldingRangeLimit: 2, validationDelay: 0 });
    const uri = 'file:///dir/%E5%A4%A7%E8%A1%A8.ttab';
    const diagnostics = client.waitForDiagnostics(uri);
    client.open(uri, '职责 1 甲\n  目标 乙\n    指标 丙\n    指标 丁\n职责 2 戊\n  目标 己\n    指标 庚\n');
    await diagnostics;
    const count = (symbols: DocumentSymbol[]): number => symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
    for (let i = 0; i < 2; i++) {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(symbols.map((s) => s.name)).toEqual(['1 甲', '2 戊']);
      expect(count(symbols)).toBe(3);
      const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      expect(folding.map((r) => [r.startLine, r.endLine])).toEqual([[0, 3], [4, 6]]);
    }
    await eventually(async () => client.resultLimits.length, (n) => n >= 2);
    expect(client.resultLimits.map((r) => [r.feature, r.limit])).toEqual([['outline', 3], ['folding', 2]]);
    expect(client.resultLimits[0]!.message).toBe('大表.ttab: for performance, only 3 outline items are computed (the outer levels first). The setting targetTable.maxItemsComputed changes the limit.');
    // Closed and opened again: said again.
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, '职责 1 甲\n  目标 乙\n    指标 丙\n    指标 丁\n');
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await eventually(async () => client.resultLimits.length, (n) => n >= 3);
    expect(client.resultLimits).toHaveLength(3);
    expect(await client.stop()).toBe(0);
  });

  it('gives the outline of a table being typed in as a fresh parse gives it, cut at the limit and not', async () => {
    const text = generateTable({ indicators: 150, seed: 8 }).text;
    const lines = text.split('\n');
    const blocks = lines.flatMap((l, i) => (/^\s*(?:职责|事项|目标|指标) /.test(l) ? [i] : []));
    for (const limit of [250, 100_000]) {
      const client = await startServer({ settings: { maxItemsComputed: limit }, validationDelay: 0 });
      const uri = 'file:///outline.ttab';
      const typed = [...lines];
      client.open(uri, text);
      for (let k = 0; k < 8; k++) {
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        const now = typed.join('\n');
        expect(symbols).toEqual(documentSymbols(TextDocument.create(uri, 'target-table', k + 1, now), parse(now), createContext({ locale: 'en' }), { resultLimit: limit }));
        // A name typed on, then a comment line added above a block: the symbols below it move.
        const line = blocks[(k * 29) % blocks.length]! + Math.floor(k / 2);
        const change = k % 2 === 0 ? { range: { start: { line, character: typed[line]!.length }, end: { line, character: typed[line]!.length } }, text: '乙' } : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# 注\n' };
        if (k % 2 === 0) typed[line] += '乙';
        else typed.splice(line, 0, '# 注');
        client.notify('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [change] });
      }
      expect(await client.stop()).toBe(0);
    }
  });

  it('--timing counts writing a pulled report: a client that reads a large report late sees the wait in the edit\'s work', async () => {
    const client = await startServer({ validationDelay: 0, timing: true, pull: true, initializationOptions: { diagnosticMode: 'pull' } });
    const uri = 'file:///written.ttab';
    const text = generateTable({ indicators: 2000, seed: 9 }).text;
    client.open(uri, text);
    const first = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(JSON.stringify(first.items).length).toBeGreaterThan(200_000); // more than a pipe holds: written only as the client reads
    const line = text.split('\n').findIndex((l) => /^\s+指标值 /.test(l));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }] });
    client.process.stdout!.pause();
    const report = client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    client.process.stdout!.resume();
    expect((await report).items.length).toBe(first.items.length);
    const timing = await eventually(async () => client.timings.find((t) => t.version === 2), (t) => t !== undefined);
    expect(timing!.workMs).toBeGreaterThan(300);
    expect(await client.stop()).toBe(0);
  });

  it('gives a table under the limits whole and says nothing', async () => {
    const client = await startServer({ validationDelay: 0 });
    const uri = 'file:///small.ttab';
    const diagnostics = client.waitForDiagnostics(uri);
    client.open(uri, '职责 1 甲\n  目标 乙\n    指标 丙\n    指标 丁\n');
    await diagnostics;
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols[0]!.children![0]!.children).toHaveLength(2);
    expect(await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } })).toHaveLength(2);
    expect(client.resultLimits).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('reads the unit catalog the targetTable.unitsFile setting points at', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-units-'));
    try {
      fs.mkdirSync(path.join(folder, 'catalogs'));
      fs.writeFileSync(path.join(folder, 'catalogs', 'units.json'), JSON.stringify([{ unit: '艘次', dimension: 'count', factor: 1 }]));
      const table = '职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 30艘次\n      上年值 28艘次\n      历史来源 内部统计\n';
      const client = await startServer({ workspaceFolder: folder, settings: { unitsFile: 'catalogs/units.json' }, validationDelay: 0 });
      const uri = fileUri(path.join(folder, 't.ttab'));
      client.open(uri, table);
      const codes = await eventually(async () => codesOf(client.diagnostics.get(uri)?.diagnostics ?? [{ code: 'none yet' }]), (c) => !c.includes('none yet') && !c.includes('TT104'));
      expect(codes).not.toContain('TT104');
      expect(await client.stop()).toBe(0);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('after shutdown, answers every request with InvalidRequest (as the protocol says), then exits with 0', async () => {
    const client = await startServer({ validationDelay: 0 });
    const uri = 'file:///after.ttab';
    client.open(uri, OTHER);
    const position = { textDocument: { uri }, position: { line: 7, character: 10 } }; // on 5次
    expect(await client.request('textDocument/hover', position)).not.toBeNull();
    await client.request('shutdown', null);
    for (const [method, params] of [['textDocument/hover', position], ['textDocument/completion', position], ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }], ['workspace/symbol', { query: '' }], ['shutdown', null]] as const) {
      await expect(client.request(method, params), method).rejects.toMatchObject({ code: -32600, message: expect.stringContaining(`the server is shut down: ${method} refused`) });
    }
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', resolve));
    client.notify('exit', null);
    expect(await exited).toBe(0);
  });

  it('answers pull diagnostics when the client asks for them', async () => {
    const client = await startServer({ pull: true, initializationOptions: { diagnosticMode: 'pull' } });
    const uri = 'file:///pull.ttab';
    client.open(uri, FAULTY);
    const report = await client.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expect(codesOf(report.items)).toEqual(expect.arrayContaining(['TT002', 'TT104']));
    expect(await client.stop()).toBe(0);
  });

  it('gives pull diagnostics result ids: a table whose problems did not change is answered "unchanged"', async () => {
    const client = await startServer({ pull: true, initializationOptions: { diagnosticMode: 'pull' }, validationDelay: 0 });
    const uri = 'file:///pull-ids.ttab';
    type Report = { kind: string; resultId?: string; items?: { code: string }[] };
    const pull = (previousResultId?: string) => client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    const edit = (version: number, line: number, character: number, text: string) =>
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
    client.open(uri, FAULTY);
    const first = await pull();
    expect(first.kind).toBe('full');
    expect(first.resultId).toBeTruthy();
    expect(await pull(first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // Typing in the source changes no problem: nothing to send.
    edit(2, 8, 15, '科');
    expect(await pull(first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // Fixing the unit does: the full list, under a new id.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 6, character: 13 }, end: { line: 6, character: 14 } }, text: '元' }] });
    const fixed = await pull(first.resultId);
    expect(fixed.kind).toBe('full');
    expect(fixed.resultId).not.toBe(first.resultId);
    expect(codesOf(fixed.items!)).not.toContain('TT104');
    // A client that lost track of what it has gets the full list.
    expect((await pull('stale')).kind).toBe('full');
    expect(await client.stop()).toBe(0);
  });
});

describe('language server: completion lists with item defaults', () => {
  it('says the edit range once to a client that takes item defaults, and each item inserts what it inserts for a client that does not', async () => {
    const text = generateTable({ indicators: 300, seed: 2 }).text;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+预算项目 /.test(l));
    const position = { line, character: lines[line]!.indexOf('预算项目 ') + 5 };
    type List = { items: { label: string; textEdit?: TextEdit; textEditText?: string; insertText?: string }[]; itemDefaults?: { editRange?: TextEdit['range'] } };
    const ask = async (completionItemDefaults: boolean) => {
      const client = await startServer({ completionItemDefaults });
      const uri = 'file:///defaults.ttab';
      client.open(uri, text);
      const list = await client.request<List>('textDocument/completion', { textDocument: { uri }, position });
      expect(await client.stop()).toBe(0);
      return list;
    };
    const plain = await ask(false);
    const defaults = await ask(true);
    expect(plain.items.length).toBeGreaterThan(5);
    expect(plain.itemDefaults?.editRange).toBeUndefined();
    expect(defaults.itemDefaults?.editRange).toEqual(plain.items[0]!.textEdit!.range);
    expect(defaults.items.every((i) => i.textEdit === undefined)).toBe(true);
    // What the client inserts, and where: the same either way.
    const inserted = (list: List) => list.items.map((i) => ({ label: i.label, range: i.textEdit?.range ?? list.itemDefaults!.editRange, text: i.textEdit?.newText ?? i.textEditText ?? i.insertText ?? i.label }));
    expect(inserted(defaults)).toEqual(inserted(plain));
    expect(JSON.stringify(defaults).length).toBeLessThan(JSON.stringify(plain).length * 0.75);
  });
});

describe('language server: many problems, edited', () => {
  it('what the client receives after edits that add, remove and change lines is what a fresh check of the text finds', async () => {
    const client = await startServer({ pull: true, initializationOptions: { diagnosticMode: 'pull' }, validationDelay: 0 });
    const uri = 'file:///many-edited.ttab';
    const doc = TextDocument.create(uri, 'target-table', 1, generateTable({ indicators: 120, seed: 5 }).text);
    const place = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const seen = (items: Diagnostic[]) => items.map((d) => `${d.code} ${place(d.range)} ${d.message} ${d.relatedInformation?.map((r) => `${r.location.uri} ${place(r.location.range)}`).join(' ') ?? ''}`).sort();
    const fresh = () => seen(validate(parse(doc.getText())).map((f) => findingToDiagnostic(f, 'en', uri)));
    client.open(uri, doc.getText());
    type Report = { kind: string; resultId: string; items?: Diagnostic[] };
    let report = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
    let items = report.items!;
    expect(items.length).toBeGreaterThan(40); // enough for the kept-bytes path of the encoder
    expect(seen(items)).toEqual(fresh());
    const rand = mulberry32(9);
    for (let version = 2; version < 30; version++) {
      const line = Math.floor(rand() * doc.lineCount);
      const edits = [
        { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '      # 新增\n' },
        { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' },
        { range: { start: { line, character: 4 }, end: { line, character: 4 } }, text: '1' },
      ];
      const change = edits[version % edits.length]!;
      TextDocument.update(doc, [change], version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      report = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
      if (report.kind === 'full') items = report.items!;
      expect(seen(items), `after edit ${version} at line ${line + 1}`).toEqual(fresh());
    }
    expect(await client.stop()).toBe(0);
  });
});

describe('language server: a duplicate links to its first use', () => {
  // Sound indicators: the duplicate is the only problem, so after the edit only its place changed.
  const sound = (name: string, n: number) => [`    指标 ${name}`, `      指标值 ≥${n}次`, `      标准值 ${n}次`, '      标准来源 年度工作计划'];
  const text = ['部门 甲', '年度 2024', '职责 1 甲', '  目标 甲', ...sound('其他指标', 5), '  目标 乙', ...sound('走访企业数', 5), '  目标 丙', ...sound('走访企业数', 6), ''].join('\n');
  it.each([
    ['pulled', true],
    ['pulled, by a client that shows no related information', false],
    ['pushed', true],
  ] as const)('the first use is related information, which moves with it when a line is added above; otherwise the message says its line (%s)', async (how, relatedInformation) => {
    const pull = how.startsWith('pulled');
    const client = await startServer({ pull, initializationOptions: pull ? { diagnosticMode: 'pull' } : undefined, validationDelay: 0, relatedInformation });
    const uri = 'file:///duplicate.ttab';
    type Report = { kind: string; resultId: string; items?: Diagnostic[] };
    let report: Report | undefined;
    let items: Diagnostic[] = [];
    const diagnostics = async (version: number) => {
      if (!pull) items = await client.waitForDiagnostics(uri, (p) => p.version === version);
      else {
        report = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report?.resultId });
        expect(report.kind).toBe('full');
        items = report.items!;
      }
    };
    const duplicate = () => items.find((d) => d.code === 'TT117')!;
    const expectFirstUseOn = (line: number) => {
      if (relatedInformation) {
        expect(duplicate().message).toBe("Indicator name '走访企业数' is used twice");
        expect(duplicate().relatedInformation).toEqual([{ location: { uri, range: { start: { line, character: 7 }, end: { line, character: 12 } } }, message: 'first indicator of this name' }]);
      } else {
        expect(duplicate().message).toBe(`Indicator name '走访企业数' is used twice (first indicator of this name: line ${line + 1})`);
        expect(duplicate().relatedInformation).toBeUndefined();
      }
    };
    client.open(uri, text);
    await diagnostics(1);
    expect(items.map((d) => d.code)).toEqual(['TT117']);
    expect(duplicate().range.start.line).toBe(14);
    expectFirstUseOn(9);
    // A field typed in an indicator of the objective above both: that indicator is parsed again, the lines below move.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '      备注 新\n' }] });
    await diagnostics(2);
    expect(duplicate().range.start.line).toBe(15);
    expectFirstUseOn(10);
    expect(await client.stop()).toBe(0);
  });
});

describe('language server: problems of the whole workspace (targetTable.diagnostics.scope)', () => {
  type WorkspaceReport = { items: { kind: string; uri: string; resultId?: string; version: number | null; items?: Diagnostic[] }[] };
  const closed = () => fileUri(path.join(workspace, '投资促进局-2022.ttab'));
  /** What `ttab check` finds in the file, as codes and lines. */
  const checked = () => {
    const findings = validate(parse(fs.readFileSync(path.join(workspace, '投资促进局-2022.ttab'), 'utf8')));
    return findings.map((f) => `${f.range.start.line}:${f.code}`).sort();
  };

  it('reports the tables that are not open, as ttab check does, then only what changed, and clears them when the scope goes back to open files', async () => {
    const settings: { diagnostics: { scope: string } } = { diagnostics: { scope: 'workspace' } };
    const client = await startServer({ workspaceFolder: workspace, pull: true, initializationOptions: { diagnosticMode: 'pull' }, settings, validationDelay: 0 });
    const previousResultIds: { uri: string; value: string }[] = [];
    const pullWorkspace = async () => {
      const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds });
      for (const item of report.items) {
        const known = previousResultIds.find((p) => p.uri === item.uri);
        if (known) known.value = item.resultId!;
        else previousResultIds.push({ uri: item.uri, value: item.resultId! });
      }
      return report.items;
    };
    // The scan reads the workspace in the background: the closed tables come in as it goes.
    const first = await eventually(pullWorkspace, (items) => items.some((i) => i.uri === closed()));
    const report = first.find((i) => i.uri === closed())!;
    expect(report.kind).toBe('full');
    expect(report.version).toBeNull();
    expect(report.items!.map((d) => `${d.range.start.line}:${String(d.code)}`).sort()).toEqual(checked());
    // Asked again with the result ids it has, the client gets nothing for tables that did not change.
    await eventually(pullWorkspace, (items) => items.length === 0);
    expect((await pullWorkspace()).filter((i) => i.uri === closed())).toEqual([]);
    // An open table is reported from the editor's text, with its version.
    const openUri = fileUri(path.join(workspace, 'faulty.ttab'));
    client.open(openUri, FAULTY, 7);
    const withOpen = await eventually(pullWorkspace, (items) => items.some((i) => i.uri === openUri));
    expect(withOpen.find((i) => i.uri === openUri)!.version).toBe(7);
    // Back to open files: what the workspace scope showed of closed tables is cleared, once.
    settings.diagnostics.scope = 'openFiles';
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const cleared = await eventually(pullWorkspace, (items) => items.some((i) => i.uri === closed()));
    expect(cleared.find((i) => i.uri === closed())).toMatchObject({ kind: 'full', items: [] });
    expect((await pullWorkspace()).filter((i) => i.uri === closed())).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('pushes the closed tables’ problems to a client that does not pull', async () => {
    const client = await startServer({ workspaceFolder: workspace, settings: { diagnostics: { scope: 'workspace' } }, validationDelay: 0 });
    const diagnostics = await client.waitForDiagnostics(closed(), () => true, 20_000);
    expect(diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`).sort()).toEqual(checked());
    expect(await client.stop()).toBe(0);
  });

  it('says once that a wrong scope setting is read as open files', async () => {
    const client = await startServer({ settings: { diagnostics: { scope: 'everything' } } });
    await eventually(async () => client.messages.length, (n) => n >= 1);
    expect(client.messages.some((m) => m.message.includes('targetTable.diagnostics.scope'))).toBe(true);
    expect(await client.stop()).toBe(0);
  });
});
