/**
 * Incremental reparse must give exactly what a full parse gives — same
 * duties, ranges, comments and errors — for any edit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { parse, reparse, type ParseResult, type Range } from '../grammar/src/index';
import { parseInOnePiece } from '../grammar/src/parse';
import { generateTable } from '../bench/generate';
import { validate, ValidationCache } from '../server/src/service/validation';
import { adoptShiftedSummary, summarize } from '../server/src/service/workspaceIndex';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).sort().map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8'));

/** Apply one edit the way the server does, and return both results (and the previous one). */
function editBothWays(text: string, start: number, end: number, insert: string): { incremental: ReturnType<typeof reparse>; full: ParseResult; previous: ParseResult } {
  const before = TextDocument.create('file:///t.ttab', 'target-table', 1, text);
  const range: Range = { start: before.positionAt(start), end: before.positionAt(end) };
  const previous = parse(text);
  const after = TextDocument.update(TextDocument.create('file:///t.ttab', 'target-table', 1, text), [{ range, text: insert }], 2);
  const newText = after.getText();
  const incremental = reparse({ previous, edit: { range, text: insert }, text: newText, lineStart: (line) => after.offsetAt({ line, character: 0 }) });
  return { incremental, full: parse(newText), previous };
}

/**
 * Reusing the previous version's results as the server does (findings cached per duty, shifted
 * duties adopting their originals' findings and index summaries) gives exactly what fresh ones give.
 */
function expectReusedResultsFresh(previous: ParseResult, incremental: ReturnType<typeof reparse>, full: ParseResult): void {
  const cache = new ValidationCache();
  validate(previous, { cache });
  summarize('file:///t.ttab', previous.ast);
  for (const { from, to } of incremental.shifted) {
    cache.adoptShifted(from, to, incremental.lineDelta);
    adoptShiftedSummary(from, to, incremental.lineDelta);
  }
  expect(validate(incremental, { cache })).toEqual(validate(full));
  expect(summarize('file:///t.ttab', incremental.ast)).toEqual(summarize('file:///t.ttab', full.ast));
}

function expectSame(incremental: ParseResult, full: ParseResult): void {
  expect(JSON.parse(JSON.stringify(incremental.ast))).toEqual(JSON.parse(JSON.stringify(full.ast)));
  expect(incremental.errors).toEqual(full.errors);
}

describe('incremental reparse', () => {
  const table = examples.find((t) => t.includes('部门 投资促进局'))!;

  it('reparses only the touched duty for a one-character edit, and agrees with a full parse', () => {
    const at = table.indexOf('指标值 4次') + 5;
    const { incremental, full } = editBothWays(table, at, at, '0');
    expect(incremental.incremental).toBe(true);
    // Exactly duty 1: from its 职责 line to the line before 职责 2.
    const lines = table.split('\n');
    expect(incremental.reparsedLines).toEqual({ from: lines.indexOf('职责 1 组织开展重大招商引资活动,宣传开发区'), to: lines.indexOf('职责 2 服务联络') });
    expectSame(incremental, full);
  });

  it('shifts the later duties when lines are added or removed', () => {
    const at = table.indexOf('        活动 举办招商推介会活动');
    const added = editBothWays(table, at, at, '        备注 新增一行\n        备注 再一行\n');
    expect(added.incremental.incremental).toBe(true);
    expectSame(added.incremental, added.full);
    const lineEnd = table.indexOf('\n', at) + 1;
    const removed = editBothWays(table, at, lineEnd, '');
    expect(removed.incremental.incremental).toBe(true);
    expectSame(removed.incremental, removed.full);
  });

  it('handles a new duty typed inside a block, and a broken duty line (full parse)', () => {
    const at = table.indexOf('  事项 组织参与新旧动能转换项目招商活动');
    const inserted = editBothWays(table, at, at, '职责 9 新职责\n  目标 新目标\n');
    expect(inserted.incremental.incremental).toBe(true);
    expectSame(inserted.incremental, inserted.full);
    const duty2 = table.indexOf('职责 2 服务联络');
    const broken = editBothWays(table, duty2, duty2 + 2, '');
    expect(broken.incremental.incremental).toBe(false);
    expectSame(broken.incremental, broken.full);
  });

  it('falls back to a full parse for an edit in the header', () => {
    const at = table.indexOf('年度 2022') + 3;
    const { incremental, full } = editBothWays(table, at, at + 4, '2023');
    expect(incremental.incremental).toBe(false);
    expectSame(incremental, full);
  });

  it('agrees with a full parse for random edits (property)', () => {
    const generated = generateTable({ indicators: 60, seed: 5 }).text;
    const pieces = ['职责 1 甲\n', '  目标 乙\n', '    指标 丙\n', '      指标值 5次\n', '+ 续\n', '# 注\n', '\n', '\r\n', '乱写', '指标值', ' ', 'x', '职', '\n职责 ', '#'];
    const corpus = [...examples, generated];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.constantFrom(...pieces), { maxLength: 4 }),
        (which, where, length, insertParts) => {
          const text = corpus[which]!;
          const start = Math.floor(where * text.length);
          const end = Math.min(text.length, start + length);
          const { incremental, full, previous } = editBothWays(text, start, end, insertParts.join(''));
          expectSame(incremental, full);
          // Reusing the previous version's results as the server does (cached per duty, shifted
          // duties adopting their originals' findings and index summaries) gives exactly what fresh ones give.
          expectReusedResultsFresh(previous, incremental, full);
        },
      ),
      { numRuns: 400, seed: 20261127 },
    );
  });
});

describe('parsing a large table in chunks of duties', () => {
  it('gives exactly what parsing it in one piece gives, errors and comments included', () => {
    const big = generateTable({ indicators: 1500, seed: 3 }).text;
    expect(big.length).toBeGreaterThan(256 * 1024);
    const broken = big
      .replace(/\n(职责 \d+)/g, (m, duty: string, offset: number) => (offset % 7 === 0 ? `\n乱写\n${duty}` : m))
      .replace(/\n {6}指标值 /g, (m, offset: number) => (offset % 11 === 0 ? '\n  指标值 ' : m))
      .replace(/\n职责 /, '\n# 注释\n部门 重复\n职责 ');
    for (const text of [big, broken, `\uFEFF${broken}`, broken.replace(/\n/g, '\r\n')]) {
      const chunked = parse(text);
      const whole = parseInOnePiece(text);
      expect(chunked.errors).toEqual(whole.errors);
      expect(JSON.parse(JSON.stringify(chunked.ast))).toEqual(JSON.parse(JSON.stringify(whole.ast)));
    }
    expect(parse(broken).errors.length).toBeGreaterThan(10);
  });
});

describe('results adopted by duties shifted by an edit', () => {
  it('findings and index summaries of the duties below a new line are the originals, shifted', () => {
    const text = generateTable({ indicators: 80, seed: 9 }).text;
    const at = text.indexOf('\n      指标值 ') + 1; // in the first duty
    const { incremental, full, previous } = editBothWays(text, at, at, '      备注 新增一行\n');
    expect(incremental.incremental).toBe(true);
    expect(incremental.lineDelta).toBe(1);
    expect(incremental.shifted.length).toBe(incremental.ast.duties.length - 1);
    // The later duties have findings of their own, so adopting them is really exercised.
    expect(validate(previous).filter((f) => f.range.start.line > incremental.reparsedLines.to).length).toBeGreaterThan(10);
    expectReusedResultsFresh(previous, incremental, full);
  });
});
