import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { countIndicators, defaultUnitCatalog, parse } from '../grammar/src/index';
import { createContext, DEFAULT_SETTINGS, documentSymbols, type Locale } from '../service/index';
import { DocumentStore } from '../server/src/documents';
import { documentOf } from './support/cursor';

const KIND_NAMES: Partial<Record<SymbolKind, string>> = {
  [SymbolKind.Property]: 'property',
  [SymbolKind.Module]: 'module',
  [SymbolKind.Package]: 'package',
  [SymbolKind.Class]: 'class',
  [SymbolKind.Field]: 'field',
};

function lines(r: Range): string {
  return r.start.line === r.end.line ? `${r.start.line}` : `${r.start.line}-${r.end.line}`;
}

/** `kind name (detail) lines` per symbol, children indented. */
function show(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${KIND_NAMES[s.kind] ?? s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''} ${lines(s.range)}`,
    ...show(s.children ?? [], depth + 1),
  ]);
}

function symbolsOf(input: string, locale: Locale = 'en'): DocumentSymbol[] {
  return documentSymbols(documentOf(input), parse(input), createContext({ locale }));
}

function assertSymbols(input: string, expected: string[], locale: Locale = 'en'): void {
  expect(show(symbolsOf(input, locale))).toEqual(expected);
}

function* walk(symbols: DocumentSymbol[]): Generator<DocumentSymbol> {
  for (const s of symbols) {
    yield s;
    yield* walk(s.children ?? []);
  }
}

function within(inner: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('document symbols', () => {
  const cases: [string, string, string[], Locale?][] = [
    [
      'header fields, then duty → 事项 → objective → indicator with its target as detail',
      '部门 投资促进局\n年度 2022\n\n职责 1 组织开展\n  科室 招商科\n  事项 推介会\n    目标 对外推介\n      指标 举办次数\n        指标值 1次\n      指标 满意度\n',
      [
        'property 部门 (投资促进局) 0',
        'property 年度 (2022) 1',
        'module 1 组织开展 3-9',
        '  package 推介会 5-9',
        '    class 对外推介 6-9',
        '      field 举办次数 (1次) 7-8',
        '      field 满意度 9',
      ],
    ],
    [
      'objectives written directly under a duty, before its 事项',
      '职责 2 服务\n目标 甲\n指标 一\n事项 乙\n目标 丙\n',
      ['module 2 服务 0-4', '  class 甲 1-2', '    field 一 2', '  package 乙 3-4', '    class 丙 4'],
    ],
    [
      'continuation lines join into one line; a duty with only a number keeps it',
      '职责 3\n目标 组织\n  + 开展活动\n指标 次数\n指标值 有效\n+ 加强\n',
      ['module 3 0-5', '  class 组织 开展活动 1-5', '    field 次数 (有效 加强) 3-5'],
    ],
    [
      'empty names show a placeholder (VS Code rejects empty names)',
      '职责\n事项\n目标\n指标\n',
      ['module (unnamed duty) 0-3', '  package (unnamed sub-duty) 1-3', '    class (unnamed objective) 2-3', '      field (unnamed indicator) 3'],
    ],
    [
      'placeholders in Chinese',
      '职责\n事项\n目标\n指标\n',
      ['module （未命名职责） 0-3', '  package （未命名事项） 1-3', '    class （未命名目标） 2-3', '      field （未命名指标） 3'],
      'zh',
    ],
    ['English keywords', 'department X\nduty 1 a\nobjective b\nindicator c\ntarget 5%\n', ['property department (X) 0', 'module 1 a 1-4', '  class b 2-4', '    field c (5%) 3-4']],
    ['an empty table has no symbols', '# 只有注释\n', []],
  ];
  it.each(cases)('%s', (_name, input, expected, locale) => assertSymbols(input, expected, locale));

  it('the same table asked for in another language gives that language\'s names for what has none', () => {
    const input = '职责\n  目标\n    指标\n';
    const document = documentOf(input);
    const parsed = parse(input);
    const names = (locale: Locale) => [...walk(documentSymbols(document, parsed, createContext({ locale })))].map((s) => s.name);
    expect(names('zh')).not.toEqual(names('en'));
    expect(names('en')).toEqual(show(symbolsOf(input, 'en')).map((l) => l.trim().split(' ').slice(1, -1).join(' ')));
  });

  it('after edits above and in a duty, the outline of the duties kept is that of a fresh parse (their ranges moved)', () => {
    const input = '部门 甲\n年度 2022\n\n职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 5次\n\n职责 2 丁\n  目标 戊\n    指标 己\n      指标值 90%\n';
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    const uri = 'file:///outline.ttab';
    let open = store.open(uri, 'target-table', 1, input);
    const ctx = createContext({ locale: 'en' });
    documentSymbols(open.document, open.parsed, ctx);
    // In duty 1 (a line added), above both duties, then a keystroke in duty 1: each where `before` is in the text then.
    const edits = [
      { before: '指标值 5次', insert: '备注 新\n      ' },
      { before: '职责 1', insert: '# 注\n\n' },
      { before: '次\n', insert: '0' },
    ];
    let version = 1;
    for (const { before, insert } of edits) {
      const position = open.document.positionAt(open.document.getText().indexOf(before));
      open = store.change(uri, ++version, [{ range: { start: position, end: position }, text: insert }])!;
      const fresh = open.document.getText();
      expect(JSON.parse(JSON.stringify(documentSymbols(open.document, open.parsed, ctx)))).toEqual(JSON.parse(JSON.stringify(symbolsOf(fresh))));
    }
  });

  describe('cut at a limit (targetTable.maxItemsComputed), breadth first', () => {
    // 2 header symbols; duty 1 with an objective of 2 indicators; duty 2 with a 事项 holding an objective of 1 indicator.
    const input = '部门 甲\n年度 2022\n职责 1 乙\n  目标 丙\n    指标 一\n    指标 二\n职责 2 丁\n  事项 戊\n    目标 己\n      指标 三\n';
    const cases: [string, number, string[]][] = [
      ['the header and the duties first', 4, ['property 部门 (甲) 0', 'property 年度 (2022) 1', 'module 1 乙 2-5', 'module 2 丁 6-9']],
      ['then every duty\'s children, in order', 6, ['property 部门 (甲) 0', 'property 年度 (2022) 1', 'module 1 乙 2-5', '  class 丙 3-5', 'module 2 丁 6-9', '  package 戊 7-9']],
      [
        'then the next level, the first written first',
        8,
        ['property 部门 (甲) 0', 'property 年度 (2022) 1', 'module 1 乙 2-5', '  class 丙 3-5', '    field 一 4', '    field 二 5', 'module 2 丁 6-9', '  package 戊 7-9'],
      ],
      ['fewer than the header', 1, ['property 部门 (甲) 0']],
    ];
    it.each(cases)('%s (limit %i)', (_name, limit, expected) => {
      let cut = 0;
      const symbols = documentSymbols(documentOf(input), parse(input), createContext({ locale: 'en' }), { resultLimit: limit, onResultLimitExceeded: () => cut++ });
      expect(show(symbols)).toEqual(expected);
      expect([...walk(symbols)]).toHaveLength(limit);
      expect(cut).toBe(1);
    });

    it('a table within the limit is given whole, and nothing is said', () => {
      let cut = 0;
      const options = { resultLimit: 10, onResultLimitExceeded: () => cut++ };
      expect(show(documentSymbols(documentOf(input), parse(input), createContext({ locale: 'en' }), options))).toEqual(show(symbolsOf(input)));
      expect(cut).toBe(0);
    });

    it('cutting leaves the kept symbols of the duties whole for the next request', () => {
      const document = documentOf(input);
      const parsed = parse(input);
      const ctx = createContext({ locale: 'en' });
      documentSymbols(document, parsed, ctx, { resultLimit: 4 });
      expect(show(documentSymbols(document, parsed, ctx))).toEqual(show(symbolsOf(input)));
    });
  });

  it('selects the title line: the selection range is the title field', () => {
    const [duty] = symbolsOf('职责 1 甲\n  目标 乙\n');
    expect(duty!.selectionRange).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    expect(duty!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 1, character: 6 } });
  });

  it('a broken line does not cost the rest of the outline', () => {
    assertSymbols('职责 1 甲\n乱写\n目标 乙\n+\n指标 丙\n', ['module 1 甲 0-4', '  class 乙 2-4', '    field 丙 4']);
  });

  describe('on examples/投资促进局-2022.ttab', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', 'examples', '投资促进局-2022.ttab'), 'utf8');
    const symbols = symbolsOf(text);
    const duties = symbols.filter((s) => s.kind === SymbolKind.Module);

    it('has the header and 7 duties, named by number and text', () => {
      expect(symbols.filter((s) => s.kind === SymbolKind.Property).map((s) => `${s.name} ${s.detail}`)).toEqual(['部门 投资促进局', '年度 2022']);
      expect(duties.map((d) => d.name.split(' ')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      expect(duties[0]!.name).toBe('1 组织开展重大招商引资活动,宣传开发区');
    });

    it('holds every indicator, each selection range inside its range and every child inside its parent', () => {
      const all = [...walk(symbols)];
      expect(all.filter((s) => s.kind === SymbolKind.Field)).toHaveLength(countIndicators(parse(text).ast));
      for (const s of all) {
        expect(s.name.trim()).not.toBe('');
        expect(within(s.selectionRange, s.range)).toBe(true);
        for (const child of s.children ?? []) expect(within(child.range, s.range)).toBe(true);
      }
    });
  });
});
