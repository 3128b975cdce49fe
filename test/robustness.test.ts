/**
 * parse() on anything a user may type, paste or half-delete: random unicode,
 * random strings over the format's own alphabet, random field lines, and
 * mutated real tables. It never throws, never hangs, reports every error with
 * a code, both messages and a range inside the document, gives every AST node
 * a range inside the document that points at the text it stands for, and the
 * formatter either refuses (errors) or keeps the model. Deterministic: fixed
 * seeds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_KEYWORDS, KEYWORD_BY_KEY, KEYWORDS, keywordForms, MONITORING_POINT_KEYS, parse, SYNTAX_RULES, type AnyFieldKey, type Field, type FieldKey, type FieldRole, type ParseResult, type Position, type Range, type Table } from '../grammar/src/index';
import { formatTable } from '../service/index';
import { generateTable } from '../bench/generate';
import { withoutRanges } from './support/ast';

const SEED = 20220101;

const examplesDir = path.resolve(__dirname, '..', 'examples');
const seedTables = [
  ...fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith('.ttab'))
    .sort()
    .map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8')),
  generateTable({ indicators: 30, seed: 5, english: true }).text,
];

// ---------------------------------------------------------------------------
// The invariants

const LINE_BREAK = /\r\n|\r|\n/;

const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Checks ranges against the document's lines, and what the AST says against the text under its ranges. */
class DocumentChecker {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(LINE_BREAK);
  }

  range(r: Range, what: string): void {
    const last = this.lines.length - 1;
    for (const p of [r.start, r.end]) {
      const ok = Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line <= last && p.character >= 0 && p.character <= this.lines[p.line]!.length;
      if (!ok) throw new Error(`${what}: range ${show(r)} outside the document (${this.lines.length} lines)`);
    }
    if (!before(r.start, r.end)) throw new Error(`${what}: range ${show(r)} ends before it starts`);
  }

  within(inner: Range, outer: Range, what: string): void {
    if (!before(outer.start, inner.start) || !before(inner.end, outer.end)) throw new Error(`${what}: ${show(inner)} not inside ${show(outer)}`);
  }

  /** The text under a one-line range. */
  slice(r: Range, what: string): string {
    this.range(r, what);
    if (r.start.line !== r.end.line) throw new Error(`${what}: ${show(r)} spans lines`);
    return this.lines[r.start.line]!.slice(r.start.character, r.end.character);
  }

  field(f: Field, outer: Range, what: string): void {
    this.range(f.range, what);
    this.within(f.range, outer, what);
    if (this.slice(f.keywordRange, `${what} keyword`) !== f.keyword) throw new Error(`${what}: keyword range does not hold '${f.keyword}'`);
    const [first, ...rest] = f.text.split('\n');
    if (this.slice(f.textRange, `${what} text`) !== first) throw new Error(`${what}: text range does not hold '${first}'`);
    if (rest.length !== f.continuationRanges.length) throw new Error(`${what}: ${rest.length} continuation texts, ${f.continuationRanges.length} ranges`);
    f.continuationRanges.forEach((r, i) => {
      if (this.slice(r, `${what} continuation`) !== rest[i]) throw new Error(`${what}: continuation range ${i} does not hold '${rest[i]}'`);
    });
    for (const r of [f.keywordRange, f.textRange, ...f.continuationRanges]) this.within(r, f.range, what);
  }

  table(table: Table): void {
    const last = this.lines.length - 1;
    expect(table.range).toEqual({ start: { line: 0, character: 0 }, end: { line: last, character: this.lines[last]!.length } });
    for (const f of table.fields) this.field(f, table.range, 'header field');
    for (const c of table.comments) {
      if (this.slice(c.range, 'comment').trimEnd() !== `#${c.text}`) throw new Error(`comment range does not hold '#${c.text}'`);
    }
    for (const duty of table.duties) {
      this.range(duty.range, 'duty');
      this.within(duty.range, table.range, 'duty');
      this.field(duty.title, duty.range, 'duty title');
      if (duty.number) {
        if (this.slice(duty.number.range, 'duty number') !== duty.number.text) throw new Error('duty number range does not hold its text');
        this.within(duty.number.range, duty.title.range, 'duty number');
      }
      for (const f of duty.fields) this.field(f, duty.range, 'duty field');
      const objectives = [...duty.objectives.map((o) => ({ objective: o, outer: duty.range }))];
      for (const item of duty.items) {
        this.range(item.range, 'item');
        this.within(item.range, duty.range, 'item');
        this.field(item.title, item.range, 'item title');
        for (const f of item.fields) this.field(f, item.range, 'item field');
        objectives.push(...item.objectives.map((o) => ({ objective: o, outer: item.range })));
      }
      for (const { objective, outer } of objectives) {
        this.range(objective.range, 'objective');
        this.within(objective.range, outer, 'objective');
        this.field(objective.title, objective.range, 'objective title');
        for (const f of objective.fields) this.field(f, objective.range, 'objective field');
        for (const indicator of objective.indicators) {
          this.range(indicator.range, 'indicator');
          this.within(indicator.range, objective.range, 'indicator');
          this.field(indicator.name, indicator.range, 'indicator name');
          for (const f of indicator.fields) this.field(f, indicator.range, 'indicator field');
        }
      }
    }
  }
}

function expectSameModel(actual: ParseResult, expected: ParseResult): void {
  const a = withoutRanges(actual.ast);
  const b = withoutRanges(expected.ast);
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
}

/** Every promise parse() and formatTable() make, for one input. */
function checkInput(text: string): void {
  const parsed = parse(text);
  const doc = new DocumentChecker(text);
  for (const e of parsed.errors) {
    const rule = SYNTAX_RULES[e.code as keyof typeof SYNTAX_RULES];
    if (!rule) throw new Error(`unknown error code '${e.code}'`);
    if (e.severity !== rule.severity) throw new Error(`${e.code}: severity ${e.severity}, rule says ${rule.severity}`);
    if (!e.message.zh || !e.message.en) throw new Error(`${e.code}: a message is missing`);
    doc.range(e.range, e.code);
  }
  doc.table(parsed.ast);

  const formatted = formatTable(text, parsed);
  if (parsed.errors.some((e) => e.severity === 'error')) {
    if (formatted.ok) throw new Error('the formatter formatted a table with errors');
    return;
  }
  if (!formatted.ok) throw new Error(`the formatter refused a table without errors: ${formatted.errors.map((e) => e.code).join(', ')}`);
  const reparsed = parse(formatted.text);
  expect(reparsed.errors).toEqual([]);
  expectSameModel(reparsed, parsed);
  const again = formatTable(formatted.text, reparsed);
  expect(again).toEqual({ ok: true, text: formatted.text, changed: false });
}

function assertProperty(arbitrary: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(fc.property(arbitrary, checkInput), { seed: SEED, numRuns });
}

// ---------------------------------------------------------------------------
// Inputs

const keywords = ALL_KEYWORDS.flatMap(keywordForms);
const spacing = fc.constantFrom(' ', '  ', '\t', '\u3000');
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const valueish = fc.constantFrom('95%', '≥95%', '≤3亿美元', '1,200份以上', '约3万人次', '公众号：300期；抖音：156条', '/', '无', '1.2.3次', '≥ 次', '有效加强', '2022', '１２', '12 招引人才', '');

/** Pieces of the format: keywords, spacing, line breaks, marks, digits, units and CJK text. */
const piece = fc.oneof(
  fc.constantFrom(...keywords),
  spacing,
  lineBreak,
  fc.constantFrom('+', '#', '%', '≥', '≤', '>', '=', '约', '万', '亿', '元', '次', '/', '；', '：', '、', '-', '\uFEFF', '\u00A0'),
  fc.constantFrom(...'0123456789'),
  fc.constantFrom(...'部门年度职责事项目标指标值标准来源活动科室招商引资组织开展'),
  valueish,
);
const alphabetText = fc.array(piece, { maxLength: 120, size: 'max' }).map((parts) => parts.join(''));

/** Whole lines: fields in any order and nesting, with continuations, comments, blanks and some junk. */
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...keywords), spacing, fc.oneof(valueish, fc.string({ maxLength: 12 }))).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom(...keywords) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('+', '+ ', '+\t'), fc.string({ maxLength: 10 })).map(([p, v]) => p + v) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((c) => `#${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', '\u3000') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
);
const indent = fc.constantFrom('', '  ', '    ', '\t', '\u3000', '\uFEFF');
const indentedLine = fc.tuple(indent, line).map(([i, l]) => i + l);
const lineText = fc.tuple(fc.array(indentedLine, { maxLength: 60, size: 'max' }), lineBreak).map(([lines, eol]) => lines.join(eol));

/**
 * Tables nested as the grammar wants (so most of them have no error and get
 * formatted), with random text in every field, random indentation, spacing,
 * continuation lines and comments.
 */
const fieldText = fc.oneof(valueish, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.constantFrom(...'甲乙丙丁 　#+：；%≥1'), maxLength: 12 }));
/** A field line (keyword from `keywordChoice`), its continuation lines, and maybe a comment above it. */
const fieldLines = (keywordChoice: fc.Arbitrary<string>, text: fc.Arbitrary<string> = fieldText, maxContinuations = 2) =>
  fc
    .tuple(indent, keywordChoice, spacing, text, fc.array(fc.tuple(indent, fc.constantFrom('+', '+ '), fieldText), { maxLength: maxContinuations }), fc.option(fc.string({ maxLength: 8 })))
    .map(([i, keyword, s, t, continuations, comment]) => [
      ...(comment === null ? [] : [`${i}#${comment}`]),
      `${i}${keyword}${s}${t}`,
      ...continuations.map(([ci, mark, ct]) => ci + mark + ct),
    ]);
const keyword = (key: AnyFieldKey) => fc.constantFrom(...keywordForms(KEYWORD_BY_KEY[key]));
const anyKeywordOf = (role: FieldRole) => fc.constantFrom(...KEYWORDS.filter((k) => k.role === role).flatMap((k) => [k.zh, k.en]));
const inheritedFields = fc.array(fieldLines(anyKeywordOf('inherited')), { maxLength: 3 }).map((blocks) => blocks.flat());
const many = (arb: fc.Arbitrary<string[]>, maxLength: number) => fc.array(arb, { maxLength }).map((blocks) => blocks.flat());
/** Single-valued fields at most once each, or the table has a TT010. */
const indicatorFields = fc
  .uniqueArray(fc.constantFrom(...ALL_KEYWORDS.filter((k) => k.role === 'indicator')), { maxLength: 5, selector: (k) => k.key })
  .chain((infos) => fc.tuple(...infos.map((k) => fieldLines(keyword(k.key)))))
  .map((blocks) => blocks.flat());
/** A monitoring point: the 监控 line and its own fields, each at most once. */
const monitorPoint = fc
  .tuple(fieldLines(keyword('monitor'), fc.oneof(fc.constantFrom('2022-07-31', '7月31日', '1-7月', '上半年'), fieldText)), fc.uniqueArray(fc.constantFrom(...MONITORING_POINT_KEYS), { maxLength: 3 }))
  .chain(([head, keys]) => fc.tuple(fc.constant(head), ...keys.map((k) => fieldLines(keyword(k)))))
  .map((blocks) => blocks.flat());
const indicatorBlock = fc.tuple(fieldLines(keyword('indicator')), indicatorFields, many(monitorPoint, 2), inheritedFields).map((parts) => parts.flat());
const objectiveBlock = fc.tuple(fieldLines(keyword('objective')), inheritedFields, many(indicatorBlock, 4)).map((parts) => parts.flat());
const itemBlock = fc.tuple(fieldLines(keyword('item')), inheritedFields, many(objectiveBlock, 2)).map((parts) => parts.flat());
const dutyBlock = fc.tuple(fieldLines(keyword('duty')), inheritedFields, many(objectiveBlock, 2), many(itemBlock, 2)).map((parts) => parts.flat());
const header = fc
  .tuple(fc.option(fieldLines(keyword('department'))), fc.option(fieldLines(keyword('year'), fc.constantFrom('2022', '2023', '2022 ', '22'), 0)))
  .map(([department, year]) => [...(department ?? []), ...(year ?? [])]);
const nestedTable = fc
  .tuple(header, many(dutyBlock, 3), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([head, duties, eol, bom]) => (bom ? '\uFEFF' : '') + [...head, ...duties].join(eol));

/** UTF-16 code units, lone surrogates included: what a broken paste or encoding gives. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200, size: 'max' });

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'truncateLine'; at: number; cut: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncateLine' as const), at: fc.nat(), cut: fc.nat(40) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), piece) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    case 'truncateLine':
      lines[i] = lines[i]!.slice(0, m.cut);
      return lines.join('\n');
    case 'swap': {
      const j = m.with % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

const mutatedTable = fc
  .tuple(fc.constantFrom(...seedTables), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([table, mutations]) => mutations.reduce(mutate, table));

// ---------------------------------------------------------------------------

describe('robustness: parse() on random input', () => {
  it('arbitrary unicode strings', () => assertProperty(fc.string({ unit: 'binary', maxLength: 300, size: 'max' }), 1500));
  it('UTF-16 code units, lone surrogates included', () => assertProperty(codeUnits, 800));
  it('strings over the format’s alphabet: keywords, spacing, line breaks, +, #, digits, %, ≥, CJK', () => assertProperty(alphabetText, 2500));
  it('random field lines in random order and nesting', () => assertProperty(lineText, 2000));
  it('well-nested tables with random text, layout, continuations and comments', () => assertProperty(nestedTable, 1500));
  it('mutated real tables: lines deleted, duplicated, swapped, cut; characters inserted; the file truncated', () => assertProperty(mutatedTable, 1500));

  it('the generators do reach both sides of the formatter: clean tables and broken ones', () => {
    // Otherwise the properties above could pass without ever formatting anything.
    const clean = (arb: fc.Arbitrary<string>) => fc.sample(arb, { seed: SEED, numRuns: 300 }).filter((t) => parse(t).errors.length === 0 && t.trim() !== '').length;
    expect(clean(nestedTable)).toBeGreaterThan(100);
    expect(clean(mutatedTable)).toBeGreaterThan(30);
    expect(fc.sample(mutatedTable, { seed: SEED, numRuns: 300 }).filter((t) => parse(t).errors.length > 0).length).toBeGreaterThan(100);
  });
});

describe('robustness: pathological inputs', () => {
  // A hang would fail the test's time-out; how long these take is measured by `npm run bench` (lsp: pathological shapes).
  const hugeParse = (text: string) => parse(text);

  function errorCodes(parsed: ParseResult): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of parsed.errors) counts[e.code] = (counts[e.code] ?? 0) + 1;
    return counts;
  }

  it('a 10 MB line of prose: one unknown line, its message shortened', () => {
    const text = '乱'.repeat(10_000_000);
    const parsed = hugeParse(text);
    expect(errorCodes(parsed)).toEqual({ TT002: 1 });
    const [error] = parsed.errors;
    expect(error!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 10_000_000 } });
    expect(error!.message.zh.length).toBeLessThan(200);
    expect(error!.message.en.length).toBeLessThan(300);
  });

  it('a 10 MB field text: one duty, the whole text kept', () => {
    const parsed = hugeParse(`职责 1 ${'甲'.repeat(10_000_000)}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ast.duties).toHaveLength(1);
    expect(parsed.ast.duties[0]!.title.text.length).toBe(10_000_000);
    expect(parsed.ast.duties[0]!.title.textRange.end).toEqual({ line: 0, character: 10_000_005 });
  });

  it('a 10 MB keyword glued to itself is one unknown line', () => {
    expect(errorCodes(hugeParse('指标值'.repeat(3_400_000)))).toEqual({ TT002: 1 });
  });

  it('200,000 empty lines (LF and CRLF): an empty table spanning them all', () => {
    for (const eol of ['\n', '\r\n']) {
      const parsed = hugeParse(eol.repeat(200_000));
      expect(parsed.errors).toEqual([]);
      expect(parsed.ast.range.end).toEqual({ line: 200_000, character: 0 });
      expect(formatTable(eol.repeat(200_000), parsed)).toEqual({ ok: true, text: '', changed: true });
    }
  });

  it('100,000 `+` lines with nothing to continue: one TT004 on the first, not one per line', () => {
    for (const line of ['+', '+ 续']) {
      const parsed = hugeParse(`${line}\n`.repeat(100_000));
      expect(errorCodes(parsed)).toEqual({ TT004: 1 });
      expect(parsed.errors[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    }
  });

  it('a continuation chain of 100,000 lines: one field, every line kept, formatted in one pass', () => {
    const text = `职责 1 甲\n目标 乙\n指标 丙\n活动 起\n${'+ 续\n'.repeat(100_000)}`;
    const parsed = hugeParse(text);
    expect(parsed.errors).toEqual([]);
    const activity = parsed.ast.duties[0]!.objectives[0]!.indicators[0]!.activity[0]!;
    expect(activity.continuationRanges).toHaveLength(100_000);
    expect(activity.text).toBe(`起${'\n续'.repeat(100_000)}`);
    expect(activity.range.end).toEqual({ line: 100_003, character: 3 });
    const formatted = formatTable(text, parsed);
    expect(formatted.ok && formatted.text.split('\n', 6)).toEqual(['职责 1 甲', '  目标 乙', '    指标 丙', '      活动 起', '        + 续', '        + 续']);
  });

  it('100,000 misplaced fields: one error each, with its own line', () => {
    const parsed = hugeParse('指标值 1\n'.repeat(100_000));
    expect(errorCodes(parsed)).toEqual({ TT003: 100_000 });
    expect(parsed.errors.map((e) => e.range.start.line)).toEqual(Array.from({ length: 100_000 }, (_, i) => i));
  });

  it('20,000 duties of one line each', () => {
    const parsed = hugeParse('职责 1 甲\n'.repeat(20_000));
    expect(parsed.errors).toEqual([]);
    expect(parsed.ast.duties).toHaveLength(20_000);
    expect(parsed.ast.duties[19_999]!.range.start.line).toBe(19_999);
  });
});
