import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { formatDocumentEdits, formatRangeEdits, formatRefusal, formatTable } from '../service/index';
import { documentOf } from './support/cursor';

/** `line:char-line:char "new text"` per edit. */
function show(edits: TextEdit[]): string[] {
  return edits.map(({ range: { start, end }, newText }) => `${start.line}:${start.character}-${end.line}:${end.character} ${JSON.stringify(newText)}`);
}

function formatted(text: string): string {
  const result = formatTable(text, parse(text));
  if (!result.ok) throw new Error('test input has syntax errors');
  return result.text;
}

/** The edits are as expected, and applying them gives exactly the formatter's text. */
function assertDocumentEdits(input: string, expected: string[]): void {
  const document = documentOf(input);
  const edits = formatDocumentEdits(document, parse(input));
  expect(show(edits)).toEqual(expected);
  expect(TextDocument.applyEdits(document, edits)).toBe(formatted(input));
}

function assertRangeEdits(input: string, range: Range, expected: string[]): void {
  const document = documentOf(input);
  expect(show(formatRangeEdits(document, parse(input), range))).toEqual(expected);
}

function lines(from: number, to: number, toCharacter = 0): Range {
  return { start: { line: from, character: 0 }, end: { line: to, character: toCharacter } };
}

/** A deterministic random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random indentation, spacing after keywords, trailing whitespace, blank lines and line endings; the same table. */
function scramble(text: string, seed: number): string {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const content = line.trim();
    if (content === '') {
      if (rnd() < 0.5) continue; // drop a blank line
      out.push(pick(['', '  ', '\t']));
      continue;
    }
    const spaced = content.replace(/^(\S+) /, (_, keyword: string) => `${keyword}${pick([' ', '  ', '\t', '\u3000'])}`);
    out.push(pick(['', ' ', '    ', '\t', '\u3000', '          ']) + spaced + pick(['', '', ' ', '\t ']));
    if (rnd() < 0.15 && !content.startsWith('+')) out.push('');
  }
  return out.map((l, i) => l + (i === out.length - 1 ? '' : pick(['\n', '\n', '\r\n']))).join('');
}

describe('formatting edits', () => {
  const cases: [string, string, string[]][] = [
    ['nothing to change, no edits', '部门 甲\n\n职责 1 乙\n  目标 丙\n', []],
    ['only the indentation changes: the edits touch only the indentation', '职责 1 乙\n目标 丙\n  指标 丁\n', ['1:0-1:0 "  "', '2:2-2:2 "  "']],
    ['spacing after the keyword and trailing whitespace', '职责\t\t1 乙  \n  目标 丙\n', ['0:2-0:9 " 1 乙"']],
    ['a blank line is inserted before a duty', '职责 1 甲\n  目标 乙\n职责 2 丙\n', ['2:0-2:0 "\\n"']],
    ['blank lines: at most one in a row', '职责 1 甲\n\n\n\n  目标 乙\n', ['2:0-4:0 ""']],
    ['a final line break is added', '职责 1 甲', ['0:6-0:6 "\\n"']],
    ['CRLF stays CRLF', '职责 1 甲\r\n目标 乙\r\n', ['1:0-1:0 "  "']],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertDocumentEdits(input, expected));

  describe('range formatting: only the edits on the selected lines', () => {
    const input = '职责 1 甲\n目标 乙\n指标 丙\n职责 2 丁\n目标 戊\n\n\n指标 己\n';
    const rangeCases: [string, Range, string[]][] = [
      ['one line', lines(1, 1, 5), ['1:0-1:0 "  "']],
      ['a selection ending at the start of a line leaves that line out', lines(1, 3), ['1:0-1:0 "  "', '2:0-2:0 "    "']],
      ['the blank line inserted above a duty counts for the duty line', lines(3, 3, 6), ['3:0-3:0 "\\n"']],
      ['extra blank lines count for the line below them', lines(7, 7, 4), ['6:0-7:0 ""', '7:0-7:0 "    "']],
      ['the whole document equals document formatting', lines(0, 8), show(formatDocumentEdits(documentOf(input), parse(input)))],
    ];
    it.each(rangeCases)('%s', (_name, range, expected) => assertRangeEdits(input, range, expected));
  });

  describe('long runs of blank lines (work linear in the lines, not quadratic in the run)', () => {
    const withBlankLines = (n: number, eol = '\n') => `部门 甲${eol}年度 2022${eol}${eol.repeat(n)}职责 1 甲${eol}目标 乙${eol}${eol.repeat(n)}`;

    it.each(['\n', '\r\n', '\r'])('100,000 blank lines (line ending %j): one edit per run, giving the formatter’s text; range formatting the same', (eol) => {
      const text = withBlankLines(100_000, eol);
      const document = documentOf(text);
      const parsed = parse(text);
      const edits = formatDocumentEdits(document, parsed);
      expect(TextDocument.applyEdits(document, edits)).toBe(formatted(text));
      // as many edits as for runs of five blank lines: each run is one edit, however long
      const short = withBlankLines(5, eol);
      expect(edits).toHaveLength(formatDocumentEdits(documentOf(short), parse(short)).length);
      // a selection inside the first run: its blank lines and those above them in the run (they count for the duty line below)
      expect(formatRangeEdits(document, parsed, lines(10, 20))).toEqual([{ range: lines(3, 20), newText: '' }]);
      expect(formatRangeEdits(document, parsed, lines(0, document.lineCount))).toEqual(edits);
    });

    // Quadratic work took a minute for 100,000 blank lines; a million would take hours. Linear work
    // takes seconds, far inside the timeout even on a loaded machine (the figures are in `npm run bench`).
    it('a million blank lines are formatted (document and range) within the test timeout', { timeout: 120_000 }, () => {
      const text = withBlankLines(500_000); // two runs of 500,000
      const document = documentOf(text);
      const parsed = parse(text);
      const edits = formatDocumentEdits(document, parsed);
      expect(TextDocument.applyEdits(document, edits)).toBe(formatted(text));
      expect(formatRangeEdits(document, parsed, lines(0, document.lineCount))).toEqual(edits);
    });
  });

  it('refuses text with syntax errors: no edits, and a message saying where', () => {
    const input = '职责 1 甲\n  目标 乙\n乱写\n乱写二\n';
    const document = documentOf(input);
    const parsed = parse(input);
    expect(formatDocumentEdits(document, parsed)).toEqual([]);
    expect(formatRangeEdits(document, parsed, lines(0, 1))).toEqual([]);
    expect(formatRefusal(parsed, 'zh')).toMatch(/^表格有语法错误，未格式化（第 3 行：.*乱写.*；另有 1 处错误）$/);
    expect(formatRefusal(parsed, 'en')).toMatch(/^The table has syntax errors; not formatted \(line 3: .*乱写.*; 1 more\)$/);
    expect(formatRefusal(parse('职责 1 甲\n'), 'en')).toBeNull();
  });

  const examplesDir = path.resolve(__dirname, '..', 'examples');
  const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab'));
  describe.each(examples)('examples/%s', (file) => {
    const original = fs.readFileSync(path.join(examplesDir, file), 'utf8');

    it.each([1, 2, 3])('scrambled (seed %i): the edits give exactly formatTable’s text', (seed) => {
      const text = scramble(original, seed * 7919 + file.length);
      const parsed = parse(text);
      expect(parsed.errors).toEqual([]);
      const document = documentOf(text);
      const edits = formatDocumentEdits(document, parsed);
      expect(edits.length).toBeGreaterThan(0);
      expect(TextDocument.applyEdits(document, edits)).toBe(formatted(text));
    });

    it('formatting a range of a scrambled table formats those lines and leaves the rest as it was', () => {
      const text = scramble(original, 42);
      const document = documentOf(text);
      const parsed = parse(text);
      const middle = Math.floor(document.lineCount / 2);
      const range = lines(middle - 5, middle + 5, 1);
      const result = TextDocument.applyEdits(document, formatRangeEdits(document, parsed, range));
      const before = text.split(/\r?\n/);
      const after = result.split(/\r?\n/);
      // Lines well above the range are untouched; the text still formats to the same table.
      expect(after.slice(0, middle - 8)).toEqual(before.slice(0, middle - 8));
      expect(formatted(result)).toBe(formatted(text));
      // Formatting the range again changes nothing there.
      const again = documentOf(result);
      expect(formatRangeEdits(again, parse(result), { start: { line: middle - 3, character: 0 }, end: { line: middle + 3, character: 0 } })).toEqual([]);
    });
  });
});
