import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens } from 'vscode-languageserver-types';
import { defaultUnitCatalog, KEY_BY_KEYWORD, parse } from '../grammar/src/index';
import { DEFAULT_SETTINGS, placedTokens, placedTokensData, SEMANTIC_TOKEN_LEGEND, semanticTokens, semanticTokensDelta, semanticTokensRange } from '../service/index';
import { generateTable } from '../bench/generate';
import { oneDuty } from '../bench/shapes';
import { DocumentStore } from '../server/src/documents';
import { documentOf } from './support/cursor';

interface Decoded {
  line: number;
  character: number;
  text: string;
  type: string;
}

/** Back from LSP's relative encoding to absolute tokens; type is `type` or `type+modifier…`. */
function decode(document: TextDocument, tokens: SemanticTokens): Decoded[] {
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const mods = SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    const start = document.offsetAt({ line, character });
    out.push({ line, character, text: document.getText().slice(start, start + length), type: [SEMANTIC_TOKEN_LEGEND.tokenTypes[type], ...mods].join('+') });
  }
  return out;
}

/** Tokens as `line:character text type` lines. */
function show(tokens: Decoded[]): string[] {
  return tokens.map((t) => `${t.line}:${t.character} ${t.text} ${t.type}`);
}

function assertTokens(input: string, expected: string[]): void {
  const document = documentOf(input);
  expect(show(decode(document, semanticTokens(document, parse(input))))).toEqual(expected);
}

/** The tokens of a 指标值 written as `value`, as `text type`. */
function assertValueTokens(value: string, expected: string[]): void {
  const input = `职责\n目标\n指标\n指标值 ${value}\n`;
  const document = documentOf(input);
  const tokens = decode(document, semanticTokens(document, parse(input)));
  expect(tokens.filter((t) => t.line === 3 && t.type !== 'keyword').map((t) => `${t.text} ${t.type}`)).toEqual(expected);
}

describe('semantic tokens', () => {
  const cases: [string, string, string[]][] = [
    [
      'keywords (levels as declarations), duty number, year, comments in document order',
      '# 表头\n部门 甲\n年度 2022\n\n职责 1 乙\n  # 说明\n  事项 丙\n    目标 丁\n      指标 戊\n',
      [
        '0:0 # 表头 comment',
        '1:0 部门 keyword',
        '2:0 年度 keyword',
        '2:3 2022 number',
        '4:0 职责 keyword+declaration',
        '4:3 1 number',
        '5:2 # 说明 comment',
        '6:2 事项 keyword+declaration',
        '7:4 目标 keyword+declaration',
        '8:6 指标 keyword+declaration',
      ],
    ],
    [
      'value pieces, sources, offices and projects; prose stays plain',
      '职责 1 甲\n目标 乙\n指标 丙\n解释 按次数统计\n指标值 ≥95%\n标准来源 年度工作计划\n历史来源 /\n科室 综合科\n预算项目 双招双引\n活动 举办活动\n',
      [
        '0:0 职责 keyword+declaration',
        '0:3 1 number',
        '1:0 目标 keyword+declaration',
        '2:0 指标 keyword+declaration',
        '3:0 解释 keyword',
        '4:0 指标值 keyword',
        '4:4 ≥ operator',
        '4:5 95 number',
        '4:7 % type',
        '5:0 标准来源 keyword',
        '5:5 年度工作计划 string+documentation',
        '6:0 历史来源 keyword',
        '6:5 / enumMember',
        '7:0 科室 keyword',
        '7:3 综合科 variable',
        '8:0 预算项目 keyword',
        '8:5 双招双引 namespace',
        '9:0 活动 keyword',
      ],
    ],
    [
      'a text over continuation lines gives one token per line',
      '职责\n目标\n指标\n指标值 有效加强\n  + 明显提升\n',
      ['0:0 职责 keyword+declaration', '1:0 目标 keyword+declaration', '2:0 指标 keyword+declaration', '3:0 指标值 keyword', '3:4 有效加强 string', '4:4 明显提升 string'],
    ],
    [
      'a comment between a field and its continuation still comes out in order',
      '职责\n目标\n指标\n科室 甲\n# 注\n+ 乙\n',
      ['0:0 职责 keyword+declaration', '1:0 目标 keyword+declaration', '2:0 指标 keyword+declaration', '3:0 科室 keyword', '3:3 甲 variable', '4:0 # 注 comment', '5:2 乙 variable'],
    ],
    [
      'English keywords are keywords too',
      'duty 3 x\nobjective y\nindicator z\ntarget 12 次\n',
      [
        '0:0 duty keyword+declaration',
        '0:5 3 number',
        '1:0 objective keyword+declaration',
        '2:0 indicator keyword+declaration',
        '3:0 target keyword',
        '3:7 12 number',
        '3:10 次 type',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertTokens(input, expected));

  const values: [string, string[]][] = [
    ['≥1,200万元以上', ['≥ operator', '1,200 number', '万元 type', '以上 operator']],
    ['不低于95%', ['不低于 operator', '95 number', '% type']],
    ['12小时以内', ['12 number', '小时 type', '以内 operator']],
    ['约 3万人次', ['约 operator', '3 number', '万人次 type']],
    ['50场左右', ['50 number', '场 type', '左右 operator']],
    ['-5%', ['-5 number', '% type']],
    ['１２次', ['１２ number', '次 type']],
    ['28871.96万', ['28871.96 number', '万 type']],
    ['700', ['700 number']],
    ['有效加强', ['有效加强 string']],
    ['无', ['无 enumMember']],
    ['公众号：300期；抖音：156条', ['公众号 property', '300 number', '期 type', '抖音 property', '156 number', '条 type']],
    ['第1批：1批', ['第1批 property', '1 number', '批 type']],
    ['1.2.3次', []],
  ];
  it.each(values)('value %s', (value, expected) => assertValueTokens(value, expected));

  it('the legend uses only standard token types and modifiers, so every theme colours them', () => {
    const standardTypes = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'];
    const standardModifiers = ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'];
    expect(SEMANTIC_TOKEN_LEGEND.tokenTypes.filter((t) => !standardTypes.includes(t))).toEqual([]);
    expect(SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((m) => !standardModifiers.includes(m))).toEqual([]);
  });

  it('a range gives the tokens of its lines only', () => {
    const input = '# a\n职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 5次\n# b\n';
    const document = documentOf(input);
    const tokens = semanticTokensRange(document, parse(input), { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    expect(show(decode(document, tokens))).toEqual(['2:2 目标 keyword+declaration', '3:4 指标 keyword+declaration']);
  });

  it('a broken line does not cost the rest of the table its colours', () => {
    assertTokens('职责 1 甲\n乱写\n  目标 乙\n  指标值 ≥\n', ['0:0 职责 keyword+declaration', '0:3 1 number', '2:2 目标 keyword+declaration']);
  });

  describe('on examples/投资促进局-2022.ttab', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', 'examples', '投资促进局-2022.ttab'), 'utf8');
    const document = documentOf(text);
    const parsed = parse(text);
    const tokens = decode(document, semanticTokens(document, parsed));

    it('marks every keyword and nothing else as a keyword; one declaration per duty, 事项, objective, indicator', () => {
      const keywords = tokens.filter((t) => t.type.startsWith('keyword'));
      expect(keywords.every((t) => KEY_BY_KEYWORD.has(t.text))).toBe(true);
      const fieldLines = text.split('\n').filter((l) => /^\s*[^\s#+]/.test(l)).length;
      expect(keywords).toHaveLength(fieldLines);
      const levelLines = text.split('\n').filter((l) => /^\s*(职责|事项|目标|指标)\s/.test(l)).length;
      expect(keywords.filter((t) => t.type === 'keyword+declaration')).toHaveLength(levelLines);
    });

    it('gives tokens in document order, never overlapping, each within one line', () => {
      for (let i = 1; i < tokens.length; i++) {
        const a = tokens[i - 1]!;
        const b = tokens[i]!;
        expect(b.line > a.line || (b.line === a.line && b.character >= a.character + a.text.length)).toBe(true);
      }
      expect(tokens.every((t) => t.text.length > 0 && !t.text.includes('\n'))).toBe(true);
      expect(tokens.filter((t) => t.type === 'comment')).toHaveLength(parsed.ast.comments.length);
    });
  });

  // How fast it is on large tables is measured by `npm run bench` (lsp: semantic tokens), not here.
  it('covers a table of 10,000 indicators: every token, once', () => {
    const lines = ['部门 甲', '年度 2022'];
    for (let d = 0; d < 100; d++) {
      lines.push(`职责 ${d + 1} 职责${d}`, '  科室 综合科', '  目标 目标');
      for (let i = 0; i < 100; i++) lines.push(`    指标 指标${i}`, '      指标值 ≥95%', '      标准值 90%', '      标准来源 年度工作计划', '      # 注');
    }
    const text = lines.join('\n');
    const document = documentOf(text);
    const parsed = parse(text);
    const tokens = semanticTokens(document, parsed);
    // keyword + 3 per 指标值, keyword + 2 per 标准值, keyword + text per 标准来源, the comment, the 指标 keyword
    expect(tokens.data.length / 5).toBe(2 + 1 + 100 * (2 + 2 + 1) + 10_000 * (4 + 3 + 2 + 1 + 1));
  });

  describe('the delta after an edit, by parts (each duty, or a large duty’s pieces: its own lines, each 事项’s, each objective)', () => {
    /** A blank line and a comment before each duty and objective but the first. */
    const commented = (text: string) => text.split('\n').flatMap((l, i) => (i > 10 && /^\s*(职责|目标) /.test(l) ? ['', '  # 注释', l] : [l])).join('\n');
    const tables: [string, () => string][] = [
      ['a table of 200 indicators', () => commented(generateTable({ indicators: 200, seed: 6 }).text)],
      ['one duty of 700 indicators', () => commented(oneDuty(700, 2).text)],
    ];
    /** Where to edit, found in the table's lines: [line, character, characters removed, text typed]. */
    const edits: [string, (lines: string[]) => [number, number, number, string], number][] = [
      ['a digit typed at the end of a value', (lines) => { const l = lines.findIndex((t, i) => i > lines.length / 2 && /^\s+指标值 /.test(t)); return [l, lines[l]!.length, 0, '0']; }, 50],
      ['a comment line typed above an objective', (lines) => { const l = lines.findIndex((t, i) => i > lines.length / 3 && /^\s+目标 /.test(t)); return [l, 0, 0, '    # 注\n']; }, 50],
      ['a blank line typed at the top', () => [0, 0, 0, '\n'], 50],
      ['a comment line deleted below a blank line (the next part’s first token is a line further from the last token before it)', (lines) => { const l = lines.findIndex((t, i) => i > lines.length / 2 && t === '  # 注释'); return [l, 0, lines[l]!.length + 1, '']; }, 50],
      ['a 解释 line deleted', (lines) => { const l = lines.findIndex((t, i) => i > lines.length / 2 && /^\s+解释 /.test(t)); return [l, 0, lines[l]!.length + 1, '']; }, 50],
      ['an objective’s title line deleted (its indicators join the objective above)', (lines) => { const l = lines.findIndex((t, i) => i > lines.length / 2 && /^\s+目标 /.test(t)); return [l, 0, lines[l]!.length + 1, '']; }, Infinity],
    ];
    for (const [tableName, make] of tables) {
      it.each(edits)(`${tableName}, %s: the previous tokens with the delta applied are those of a fresh parse`, (_name, where, most) => {
        const text = make();
        const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
        const uri = 'file:///delta.ttab';
        let open = store.open(uri, 'target-table', 1, text);
        const before = placedTokens(open.document, open.parsed);
        const [line, character, removed, typed] = where(text.split('\n'));
        const start = open.document.offsetAt({ line, character });
        open = store.change(uri, 2, [{ range: { start: open.document.positionAt(start), end: open.document.positionAt(start + removed) }, text: typed }])!;
        const edits = semanticTokensDelta(before, placedTokens(open.document, open.parsed));
        const data = placedTokensData(before);
        for (const e of [...edits].reverse()) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
        const after = open.document.getText();
        const lineCount = after.split('\n').length;
        // Collected whole from a fresh parse, in one piece (a range over every line).
        expect(data).toEqual(semanticTokensRange(documentOf(after), parse(after), { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } }).data);
        // What is sent: the tokens of the lines around the edit, not the table's.
        expect(edits.reduce((n, e) => n + (e.data?.length ?? 0), 0)).toBeLessThan(most);
      });
    }
  });

  describe('after an edit, put together from the parts the edit kept', () => {
    const table = '# 表头\n部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n    指标 丁\n      指标值 5次\n      标准来源 年度工作计划\n\n职责 2 戊\n  目标 己\n    指标 庚\n      指标值 90%\n\n职责 3 辛\n  目标 壬\n    指标 癸\n      指标值 ≥3个\n';
    const at = (text: string) => table.indexOf(text);
    it.each([
      ['a comment typed at the start of a duty\'s line (it comes to the end of the duty above)', at('职责 2 戊'), 0, '# 新注\n'],
      ['Enter at the start of a duty\'s line', at('职责 2 戊'), 0, '\n'],
      ['a comment typed on the blank line between two duties', at('\n职责 3 辛'), 0, '# 夹注'],
      ['a comment line deleted at the top', 0, '# 表头\n'.length, ''],
      ['a value typed in the first duty', at('5次'), 0, '1'],
      ['a duty\'s line deleted (its lines join the duty above)', at('职责 2 戊'), '职责 2 戊\n'.length, ''],
      ['the year changed', at('2022'), 4, '2023'],
    ])('%s: the tokens of a fresh parse', (_name, offset, length, insert) => {
      const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
      const uri = 'file:///tokens.ttab';
      let open = store.open(uri, 'target-table', 1, table);
      semanticTokens(open.document, open.parsed);
      const range = { start: open.document.positionAt(offset), end: open.document.positionAt(offset + length) };
      open = store.change(uri, 2, [{ range, text: insert }])!;
      const text = open.document.getText();
      expect(semanticTokens(open.document, open.parsed)).toEqual(semanticTokens(documentOf(text), parse(text)));
    });
  });
});

