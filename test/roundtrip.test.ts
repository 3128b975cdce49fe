/**
 * parse → format → parse: the formatter changes only layout, never the model,
 * it is idempotent, and it turns any indentation/spacing of a table back into
 * the one canonical text. On every example and on generated tables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type ParseResult } from '../grammar/src/index';
import { formatTable } from '../service/index';
import { generateTable, mulberry32 } from '../bench/generate';
import { withoutRanges } from './support/ast';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith('.ttab'))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(examplesDir, name), 'utf8') }));

const generated = [
  { seed: 1, indicators: 40, english: false },
  { seed: 2, indicators: 300, english: false },
  { seed: 7, indicators: 800, english: false },
  { seed: 3, indicators: 40, english: true },
  { seed: 11, indicators: 400, english: true },
].map((g) => ({ name: `generated seed ${g.seed}, ${g.indicators} indicators${g.english ? ', English' : ''}`, text: generateTable(g).text }));

const tables = [...examples, ...generated];

function format(text: string, parsed: ParseResult = parse(text)): string {
  const result = formatTable(text, parsed);
  if (!result.ok) throw new Error(`formatter refused: ${result.errors.map((e) => `${e.code} line ${e.range.start.line + 1}`).join(', ')}`);
  return result.text;
}

/**
 * Same model: everything but positions. Compared as JSON first because a deep
 * toEqual of a large table is slow; toEqual only to show the difference.
 */
function expectSameModel(actual: ParseResult, expected: ParseResult): void {
  const a = withoutRanges(actual.ast);
  const b = withoutRanges(expected.ast);
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
}

/**
 * The same table with another layout: random indentation per line (spaces,
 * tabs, ideographic spaces), random spacing after the keyword or `+`,
 * trailing whitespace, whitespace-only blank lines, extra blank lines where
 * there already is one and at both ends. Line breaks as `eol`.
 */
function scramble(canonical: string, seed: number, eol: '\n' | '\r\n'): string {
  const random = mulberry32(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const spacing = (min: number, max: number) => Array.from({ length: min + int(max - min) }, () => [' ', '\t', '\u3000'][int(2)]).join('');
  const blanks = (max: number) => Array.from({ length: int(max) }, () => spacing(0, 3));

  const out: string[] = [...blanks(3)];
  for (const line of canonical.replace(/\n$/, '').split('\n')) {
    if (line.trim() === '') {
      out.push(spacing(0, 3), ...blanks(2));
      continue;
    }
    const content = line.trimStart();
    let scrambled = content;
    if (!content.startsWith('#')) {
      const space = content.indexOf(' ');
      const keyword = space < 0 ? content : content.slice(0, space);
      // `+` may touch its text; a keyword needs at least one spacing character.
      if (space >= 0) scrambled = keyword + spacing(keyword === '+' ? 0 : 1, 3) + content.slice(space + 1);
    }
    out.push(spacing(0, 8) + scrambled + spacing(0, 3));
  }
  out.push(...blanks(3));
  return out.join(eol) + (random() < 0.5 ? eol : '');
}

describe('round trip: parse → format → parse', () => {
  it('has the tables to test', () => {
    expect(examples).toHaveLength(9);
  });

  describe.each(tables)('$name', ({ text }) => {
    const original = parse(text);

    it('parses without errors and is canonical already', () => {
      expect(original.errors).toEqual([]);
      expect(format(text, original)).toBe(text);
    });

    it.each([
      ['LF', 1, '\n'],
      ['LF', 2, '\n'],
      ['CRLF', 3, '\r\n'],
    ] as const)('scrambled layout (%s, seed %i) formats back to the canonical text with the same model', (_name, seed, eol) => {
      const scrambled = scramble(text, seed, eol);
      expect(scrambled).not.toBe(text);
      const scrambledParsed = parse(scrambled);
      expect(scrambledParsed.errors).toEqual([]);
      expectSameModel(scrambledParsed, original);

      const formatted = format(scrambled, scrambledParsed);
      expect(formatted).toBe(eol === '\n' ? text : text.replace(/\n/g, '\r\n'));
      const formattedParsed = parse(formatted);
      expectSameModel(formattedParsed, scrambledParsed);
      expect(format(formatted, formattedParsed)).toBe(formatted);
    });
  });
});

describe('round trip: non-canonical tables keep their model', () => {
  // Layouts a person writes by hand: the formatter must move lines, never change what they say.
  const cases: [string, string][] = [
    ['no indentation at all', '部门 甲\n年度 2022\n职责 1 乙\n事项 丙\n目标 丁\n指标 戊\n指标值 ≥95%\n活动 一\n+ 二\n'],
    ['indentation that contradicts the nesting', '        职责 1 乙\n目标 丁\n  指标 戊\n          指标值 1次\n职责 2 己\n 目标 庚\n'],
    ['comments everywhere, including between a field and its continuation', '# 表头\n部门 甲\n职责 1 乙\n# 目标前\n目标 丁\n活动 一\n    # 续行之间\n+ 二\n指标 戊\n# 末尾\n'],
    ['empty fields and empty continuation lines', '职责\n目标\n指标\n备注\n活动 一\n+\n+ 三\n'],
    ['English aliases and CR line endings', 'department 甲\ryear 2022\rduty 1 乙\robjective 丁\rindicator 戊\rstandard-source 年度工作计划\r'],
    ['a duty number followed by spacing the formatter must keep', '职责 12\t\t招引人才\n目标 丁\n'],
    ['byte-order mark and no final line break', '\uFEFF部门 甲\n职责 1 乙'],
  ];
  it.each(cases)('%s', (_name, input) => {
    const formatted = format(input);
    expect(formatted).not.toBe(input);
    const formattedParsed = parse(formatted);
    expect(formattedParsed.errors).toEqual([]);
    expectSameModel(formattedParsed, parse(input));
    expect(format(formatted, formattedParsed)).toBe(formatted);
  });
});
