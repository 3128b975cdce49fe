/**
 * The server's JSON over stdio: the bytes written are those JSON.stringify gives, whatever the
 * diagnostics and outlines hold, and a diagnostic's or a symbol's kept bytes are not written once
 * its range has moved.
 */
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { jsonMessageEncoder } from '../server/src/node/messageEncoder';
import { DiagnosticBuilder, sameDiagnostics } from '../server/src/diagnostics';
import { DocumentStore } from '../server/src/documents';
import { generateTable } from '../bench/generate';
import { defaultUnitCatalog } from '../grammar/src/index';
import { createContext, DEFAULT_SETTINGS, documentSymbols } from '../service/index';
import type { Finding } from '../service/index';

const options = { charset: 'utf-8' as const };
const encode = async (encoder: ReturnType<typeof jsonMessageEncoder>, msg: object) => Buffer.from(await (encoder as { encode(m: object, o: typeof options): Promise<Uint8Array> }).encode(msg, options)).toString('utf8');

function diagnostics(n: number): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => ({
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    severity: (i % 3) + 1,
    code: `TT1${String(i % 40).padStart(2, '0')}`,
    source: 'ttab',
    message: i % 2 ? `指标「资金拨付\\及时率」的 "目标值" ≥95%\n第 ${i} 行 \u0000 \u2028` : `The target '5.29亿以内' has no unit (${i})`,
    ...(i % 5 === 0 ? { data: { insertLine: i + 1, keyword: '标准来源', nested: [1, null, 'x'] } } : {}),
  })) as Diagnostic[];
}

describe('diagnostics JSON encoder', () => {
  it('writes a pull report of many diagnostics exactly as JSON.stringify does', async () => {
    const encoder = jsonMessageEncoder();
    const msg = { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '12', items: diagnostics(200) } };
    expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
    // The second time from kept bytes: still the same.
    expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
  });

  it('writes publishDiagnostics, short lists and other messages exactly as JSON.stringify does', async () => {
    const encoder = jsonMessageEncoder();
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b/表.ttab', version: 3, diagnostics: diagnostics(64) } },
      { jsonrpc: '2.0', id: 1, result: { kind: 'full', resultId: '1', items: diagnostics(3) } },
      { jsonrpc: '2.0', id: 2, result: { kind: 'unchanged', resultId: '1' } },
      { jsonrpc: '2.0', id: 3, result: { items: [{ label: '万元' }], isIncomplete: false } },
      { jsonrpc: '2.0', id: 4, result: null },
    ];
    for (const msg of messages) expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
  });

  it('writes a diagnostic again when its range moved in place, and one changed in the list', async () => {
    const encoder = jsonMessageEncoder();
    const items = diagnostics(100);
    const msg = { jsonrpc: '2.0', id: 1, result: { kind: 'full', resultId: '1', items } };
    await encode(encoder, msg);
    items[10]!.range.start.line += 3;
    items[10]!.range.end.line += 3;
    items[50] = { ...items[50]!, message: '另一个问题' };
    const next = { jsonrpc: '2.0', id: 2, result: { kind: 'full', resultId: '2', items: items.slice(0, 99) } };
    const written = await encode(encoder, next);
    expect(written).toBe(JSON.stringify(next));
    expect(JSON.parse(written).result.items[10].range.start.line).toBe(13);
  });
});

describe('diagnostics built from findings (DiagnosticBuilder)', () => {
  // A duplicate name's finding lies on the tree's own ranges, which an edit above moves in place: the same finding object, somewhere else.
  const position = (line: number, character: number) => ({ line, character });

  it.each([true, false])('the same finding moved is a new diagnostic, and the one given before keeps its place (related information shown: %s)', (relatedInformation) => {
    const live = { start: position(14, 7), end: position(14, 12) };
    const first = { start: position(9, 7), end: position(9, 12) };
    const finding: Finding = { code: 'TT117', severity: 'warning', message: { zh: '指标名称「走访企业数」重复', en: "Indicator name '走访企业数' is used twice" }, range: live, related: [{ range: first, message: { zh: '同名指标首次出现', en: 'first indicator of this name' } }] };
    const builder = new DiagnosticBuilder();
    builder.relatedInformation = relatedInformation;
    const [before] = builder.build([finding], 1, 'en', 1000, 'file:///t.ttab');
    expect(builder.build([finding], 1, 'en', 1000, 'file:///t.ttab')[0]).toBe(before); // unchanged: the same object, nothing new to tell
    const given = JSON.stringify(before);
    for (const p of [live.start, live.end, first.start, first.end]) p.line += 1;
    const [after] = builder.build([finding], 1, 'en', 1000, 'file:///t.ttab');
    expect(JSON.stringify(before)).toBe(given);
    expect(after).not.toBe(before);
    expect(sameDiagnostics([before!], [after!])).toBe(false);
    expect(after!.range.start.line).toBe(15);
    if (relatedInformation) expect(after!.relatedInformation![0]!.location.range.start.line).toBe(10);
    else expect(after!.message).toBe("Indicator name '走访企业数' is used twice (first indicator of this name: line 11)");
    // Only the first use moved (a line added between the two): a new diagnostic too.
    first.start.line += 1;
    first.end.line += 1;
    expect(builder.build([finding], 1, 'en', 1000, 'file:///t.ttab')[0]).not.toBe(after);
  });

  it.each([300, 100_000])('across keystrokes and Enters in a large table, the diagnostics are those built afresh, and a keystroke keeps those it did not touch (at most %i shown)', (max) => {
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    const uri = 'file:///kept.ttab';
    const text = generateTable({ indicators: 600, seed: 3 }).text;
    let open = store.open(uri, 'target-table', 1, text);
    const builder = new DiagnosticBuilder();
    const build = (b: DiagnosticBuilder, o: typeof open, moves?: number) => b.build(store.shown(o, max), store.findings(o).length, 'en', max, uri, moves);
    let given = build(builder, open, open.lineMoves);
    const lines = text.split('\n');
    const values = lines.flatMap((l, i) => (/^\s+指标值 /.test(l) ? [i] : []));
    // Typed at the end of a value line, or a comment line above it (every line below moves), in turn.
    for (let k = 0; k < 12; k++) {
      const line = values[(k * 37) % values.length]! + Math.floor(k / 2);
      const enter = k % 2 === 1;
      const character = enter ? 0 : open.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\n$/, '').length;
      open = store.change(uri, k + 2, [{ range: { start: { line, character }, end: { line, character } }, text: enter ? '      # 注\n' : '0' }])!;
      const now = build(builder, open, open.lineMoves);
      expect(now).toEqual(build(new DiagnosticBuilder(), open));
      // A keystroke keeps the diagnostics of what it did not touch: the same objects (nothing new to tell the client there).
      const before = new Set(given);
      if (!enter) expect(now.filter((d) => before.has(d)).length).toBeGreaterThan(now.length - 10);
      given = now;
    }
  });
});

describe('outline JSON encoder', () => {
  const symbol = (name: string, line: number, children?: DocumentSymbol[], detail?: string): DocumentSymbol => ({
    name,
    ...(detail !== undefined ? { detail } : {}),
    kind: children ? 5 : 8,
    range: { start: { line, character: 0 }, end: { line: line + 1, character: 4 } },
    selectionRange: { start: { line, character: 2 }, end: { line, character: 2 + name.length } },
    ...(children ? { children } : {}),
  });

  it.each([
    ['cut at 300 symbols', 300],
    ['whole', undefined],
  ])('writes the outline of a table being edited exactly as JSON.stringify does (%s), in English and in Chinese', async (_, resultLimit) => {
    const encoder = jsonMessageEncoder();
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    const uri = 'file:///outline.ttab';
    const text = generateTable({ indicators: 400, seed: 5 }).text;
    let open = store.open(uri, 'target-table', 1, text);
    const lines = text.split('\n');
    const names = lines.flatMap((l, i) => (/^\s*(?:职责|事项|目标|指标) /.test(l) ? [i] : []));
    for (let k = 0; k < 16; k++) {
      const ctx = createContext({ locale: k % 4 === 3 ? 'zh' : 'en' });
      const msg = { jsonrpc: '2.0', id: k, result: documentSymbols(open.document, open.parsed, ctx, { resultLimit }) };
      expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
      // A name typed on (the symbol of that block is new), then a line added above a block (every symbol below moves in place).
      const line = names[(k * 53) % names.length]! + Math.floor(k / 2);
      const end = open.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\n$/, '').length;
      open = store.change(uri, k + 2, [k % 2 === 0 ? { range: { start: { line, character: end }, end: { line, character: end } }, text: '甲' } : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# 注\n' }])!;
    }
  });

  it('writes a symbol again when its ranges moved in place or its fields differ, and one not made as ours as it is', async () => {
    const encoder = jsonMessageEncoder();
    const leaf = symbol('指标 走访企业数', 4, undefined, '≥ 20 家');
    const tree = symbol('目标 引进项目', 3, [leaf, symbol('指标 签约金额', 6)]);
    const msg = { jsonrpc: '2.0', id: 1, result: [symbol('部门', 0), tree, ...Array.from({ length: 40 }, (_, i) => symbol(`职责 ${i}`, 10 + i * 3, []))] };
    expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
    // Moved in place: the same objects, three lines lower.
    for (const s of [tree, leaf]) for (const r of [s.range, s.selectionRange]) for (const p of [r.start, r.end]) p.line += 3;
    expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
    // A copy with fewer children, a symbol sharing a selection range but named otherwise, and symbols not made as ours are.
    const again = {
      jsonrpc: '2.0',
      id: 2,
      result: [
        { ...tree, children: [] },
        { ...leaf, name: '指标 走访企业数量' },
        { ...leaf, detail: undefined },
        { ...leaf, kind: 12 },
        { ...leaf, tags: [1] },
        { ...leaf, deprecated: true },
        { children: [leaf], ...symbol('目标 其他', 20) },
        { ...symbol('目标 空', 22), children: null },
      ],
    };
    expect(await encode(encoder, again)).toBe(JSON.stringify(again));
    // Not an outline a server makes: written as JSON.stringify writes it, not refused.
    const odd = { jsonrpc: '2.0', id: 3, result: [symbol('职责 1', 1, [null as unknown as DocumentSymbol, { name: '无范围' } as DocumentSymbol])] };
    expect(await encode(encoder, odd)).toBe(JSON.stringify(odd));
    expect(await encode(encoder, msg)).toBe(JSON.stringify(msg));
  });
});
