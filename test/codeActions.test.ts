/**
 * Quick fixes and the comparator rewrite: each action is applied to the
 * document and the resulting text checked, then the table re-validated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { codeActions, createContext, findingToDiagnostic, type Locale, validate } from '../service/index';
import { documentOf, withCursor } from './support/cursor';
import { generateTable } from '../bench/generate';

function diagnosticsOf(text: string, locale: Locale = 'en'): Diagnostic[] {
  return validate(parse(text)).map((f) => findingToDiagnostic(f, locale));
}

function codes(text: string): string[] {
  return validate(parse(text)).map((f) => f.code);
}

function apply(document: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
}

/** The quick fixes offered for the first finding of `code`. */
function fixesFor(text: string, code: string, locale: Locale = 'en'): { document: TextDocument; actions: CodeAction[]; diagnostic: Diagnostic } {
  const document = documentOf(text);
  const diagnostic = diagnosticsOf(text, locale).find((d) => d.code === code);
  if (!diagnostic) throw new Error(`no ${code} in the input`);
  const actions = codeActions(document, parse(text), diagnostic.range, [diagnostic], createContext({ locale }));
  return { document, actions, diagnostic };
}

/** Applies the fix titled `title` for the first `code` finding; checks the result and that the finding is gone. */
function assertFix(input: string, code: string, title: string, expected: string): void {
  const { document, actions, diagnostic } = fixesFor(input, code);
  const action = actions.find((a) => a.title === title);
  expect(action, `titles: ${actions.map((a) => a.title).join(' | ')}`).toBeDefined();
  expect(action!.kind).toBe('quickfix');
  expect(action!.diagnostics).toEqual([diagnostic]);
  const result = apply(document, action!);
  expect(result).toBe(expected);
  expect(codes(result)).not.toContain(code);
}

/** Header lines 1–2 of every input; the indicator's fields are indented by six spaces. */
const head = '职责 1 乙\n  目标 丙\n';

describe('TT104 unknown unit → each nearest catalog unit', () => {
  const input = `${head}    指标 厂房面积\n      指标值 15万平米\n      备注 新建\n`;

  it('replaces the unit (not the magnitude) with the preferred nearest one', () => {
    assertFix(input, 'TT104', "Change unit '平米' to '平方米'", input.replace('15万平米', '15万平方米'));
  });

  it('offers one action per suggestion, the first preferred, then the disable comment', () => {
    const { actions } = fixesFor(input, 'TT104');
    const unitFixes = actions.filter((a) => a.title.startsWith('Change unit'));
    expect(unitFixes.length).toBeGreaterThan(1);
    expect(unitFixes.map((a) => a.isPreferred === true)).toEqual(unitFixes.map((_, i) => i === 0));
    expect(actions.at(-1)!.title).toBe('Disable TT104 for this line');
  });

  it('speaks Chinese with a zh locale', () => {
    expect(fixesFor(input, 'TT104', 'zh').actions[0]!.title).toBe('将单位「平米」改为「平方米」');
  });

  it('replaces magnitude and unit together when only that reads as a catalog unit (12万圆 → 12万元)', () => {
    const money = `${head}    指标 招商资金\n      指标值 12万圆\n      备注 新增\n`;
    assertFix(money, 'TT104', "Change unit '万圆' to '万元'", money.replace('12万圆', '12万元'));
  });
});

describe('TT121 ≥100% → =100%', () => {
  it.each(['≥100%', '不低于100%', '100%以上'])('%s', (target) => {
    const input = `${head}    指标 整改率\n      解释 整改数/问题数\n      指标值 ${target}\n      标准值 100%\n      标准来源 年度工作计划\n`;
    assertFix(input, 'TT121', "Change to '=100%'", input.replace(`指标值 ${target}`, '指标值 =100%'));
  });
});

describe('TT106 / TT107 / TT108: insert the missing line', () => {
  it.each<[string, string, string, string, string]>([
    [
      'TT106: 备注 after the indicator’s last field line (continuations included)',
      `${head}    指标 丁\n      指标值 5次\n      活动 甲\n        + 乙\n    指标 戊\n      指标值 5次\n      备注 新增\n`,
      'TT106',
      "Add a '备注' line",
      `${head}    指标 丁\n      指标值 5次\n      活动 甲\n        + 乙\n      备注 \n    指标 戊\n      指标值 5次\n      备注 新增\n`,
    ],
    [
      'TT106: an indicator with no field line gets one level deeper than its name',
      `${head}    指标 丁\n    指标 戊\n      指标值 5次\n      备注 新增\n`,
      'TT106',
      "Add a '备注' line",
      `${head}    指标 丁\n      备注 \n    指标 戊\n      指标值 5次\n      备注 新增\n`,
    ],
    [
      'TT106: English keywords get the English alias; tab indentation is kept',
      `${head}    indicator 丁\n\t\ttarget 5次\n`,
      'TT106',
      "Add a 'remark' line",
      `${head}    indicator 丁\n\t\ttarget 5次\n\t\tremark \n`,
    ],
    [
      'TT106: at the end of a file without a final line break',
      `${head}    指标 丁\n      指标值 5次`,
      'TT106',
      "Add a '备注' line",
      `${head}    指标 丁\n      指标值 5次\n      备注 `,
    ],
    [
      'TT107: 标准来源 right after the standard value',
      `${head}    指标 丁\n      指标值 5次\n      标准值 5次\n      活动 甲\n`,
      'TT107',
      "Add a '标准来源' line",
      `${head}    指标 丁\n      指标值 5次\n      标准值 5次\n      标准来源 \n      活动 甲\n`,
    ],
    [
      'TT107: after the later of 规划值 and 标准值',
      `${head}    指标 丁\n      规划值 5次\n      指标值 5次\n      标准值 5次\n`,
      'TT107',
      "Add a '标准来源' line",
      `${head}    指标 丁\n      规划值 5次\n      指标值 5次\n      标准值 5次\n      标准来源 \n`,
    ],
    [
      'TT108: 历史来源 after the history value, CRLF kept',
      `${head}    指标 丁\n      指标值 5次\n      上年值 5次\n      活动 甲\n`.replace(/\n/g, '\r\n'),
      'TT108',
      "Add a '历史来源' line",
      `${head}    指标 丁\n      指标值 5次\n      上年值 5次\n      历史来源 \n      活动 甲\n`.replace(/\n/g, '\r\n'),
    ],
    [
      'TT108: history-source in an English indicator',
      `${head}    indicator 丁\n      target 5次\n      last-year 5次\n`,
      'TT108',
      "Add a 'history-source' line",
      `${head}    indicator 丁\n      target 5次\n      last-year 5次\n      history-source \n`,
    ],
  ])('%s', (_title, input, code, title, expected) => {
    const { document, actions } = fixesFor(input, code);
    const action = actions.find((a) => a.title === title);
    expect(action, actions.map((a) => a.title).join(' | ')).toMatchObject({ kind: 'quickfix', isPreferred: true });
    const result = apply(document, action!);
    expect(result).toBe(expected);
    // The inserted field is empty: the finding stays until the reason or source is written.
    expect(codes(result)).toContain(code);
    const filled = result.replace(/(备注|标准来源|历史来源|remark|history-source) (\r?\n|$)/, '$1 内部统计$2');
    expect(filled).not.toBe(result);
    expect(codes(filled)).not.toContain(code);
  });
});

describe('the fixes of issue 13’s rules, each from its own rule definition', () => {
  it.each<[string, string, string, string, string]>([
    [
      'TT002: a misspelt keyword → the nearest keyword',
      `${head}    指标 丁\n      指示值 4次\n      备注 新增\n`,
      'TT002',
      "Change to '指标值'",
      `${head}    指标 丁\n      指标值 4次\n      备注 新增\n`,
    ],
    [
      'TT002: a keyword with no space after it → the space',
      `${head}    指标 丁\n      指标值4次\n      备注 新增\n`,
      'TT002',
      "Add a space after '指标值'",
      `${head}    指标 丁\n      指标值 4次\n      备注 新增\n`,
    ],
    [
      'TT103: a stray character → the value as meant',
      `${head}    指标 培训人数\n      指标值 100人以上x\n      备注 新增\n`,
      'TT103',
      "Change to '100人以上'",
      `${head}    指标 培训人数\n      指标值 100人以上\n      备注 新增\n`,
    ],
    [
      'TT103: Chinese numerals → digits',
      `${head}    指标 培训人数\n      指标值 一百人\n      备注 新增\n`,
      'TT103',
      "Change to '100人'",
      `${head}    指标 培训人数\n      指标值 100人\n      备注 新增\n`,
    ],
    [
      'TT122: a reference without unit gets the target’s unit (and magnitude)',
      `${head}    指标 绿化面积\n      指标值 15万平方米\n      前三年均值 13\n      历史来源 内部统计\n`,
      'TT122',
      "Add the unit '万平方米'",
      `${head}    指标 绿化面积\n      指标值 15万平方米\n      前三年均值 13万平方米\n      历史来源 内部统计\n`,
    ],
    [
      'TT122: after the reference’s own magnitude, only the unit',
      `${head}    指标 专项资金支出\n      指标值 500万元\n      上年值 480万\n      历史来源 内部统计\n`,
      'TT122',
      "Add the unit '元'",
      `${head}    指标 专项资金支出\n      指标值 500万元\n      上年值 480万元\n      历史来源 内部统计\n`,
    ],
    [
      'TT124: a target without unit gets the references’ unit, before a comparator word',
      `${head}    指标 培训人数\n      指标值 300以上\n      标准值 ≥300人\n      标准来源 年度工作计划\n`,
      'TT124',
      "Add the unit '人'",
      `${head}    指标 培训人数\n      指标值 300人以上\n      标准值 ≥300人\n      标准来源 年度工作计划\n`,
    ],
    [
      'TT124: …or the unit its name counts in',
      `${head}    指标 活动受益人次\n      指标值 3万\n      备注 新增\n`,
      'TT124',
      "Add the unit '人次'",
      `${head}    指标 活动受益人次\n      指标值 3万人次\n      备注 新增\n`,
    ],
    [
      'TT126: the words go after the explanation, the target keeps its quantity',
      `${head}    指标 资金支付进度\n      解释 已支付资金/预算资金×100%\n      指标值 资金支付进度≥60%\n      标准值 60%\n      标准来源 年度工作计划\n`,
      'TT126',
      'Keep \'≥60%\' as the target, move the words to the explanation',
      `${head}    指标 资金支付进度\n      解释 已支付资金/预算资金×100%；资金支付进度\n      指标值 ≥60%\n      标准值 60%\n      标准来源 年度工作计划\n`,
    ],
    [
      'TT126: with no explanation, a new 解释 line above the target',
      `${head}    指标 法制宣传\n      指标值 完成法制宣传活动3次\n      规划值 3次\n      标准来源 规划目标\n`,
      'TT126',
      'Keep \'3次\' as the target, move the words to the explanation',
      `${head}    指标 法制宣传\n      解释 完成法制宣传活动\n      指标值 3次\n      规划值 3次\n      标准来源 规划目标\n`,
    ],
  ])('%s', (_title, input, code, title, expected) => {
    assertFix(input, code, title, expected);
  });

  it('TT131: a 科室 line to fill in, after the indicator’s last field', () => {
    const input = `${head}    指标 丁\n      指标值 5次\n      备注 新增\n      科室 甲科\n    指标 戊\n      指标值 5次\n      备注 新增\n`;
    const { document, actions } = fixesFor(input, 'TT131');
    const action = actions.find((a) => a.title === "Add a '科室' line")!;
    expect(apply(document, action)).toBe(`${input}      科室 \n`);
  });

  it('no fix where it would be a guess: a magnitude slip names both values, the user decides', () => {
    const input = `${head}    指标 费用\n      指标值 921元\n      标准值 921万元\n      标准来源 年度工作计划\n`;
    expect(fixesFor(input, 'TT125').actions.map((a) => a.title)).toEqual(['Disable TT125 for this line']);
  });
});

describe('disable for this line', () => {
  const input = `${head}    指标 丁\n      指标值 有效加强\n      备注 定性指标\n`;

  it('inserts the comment above the finding’s line with its indentation', () => {
    assertFix(
      input,
      'TT109',
      'Disable TT109 for this line',
      `${head}    指标 丁\n      # ttab-disable-next-line TT109\n      指标值 有效加强\n      备注 定性指标\n`,
    );
  });

  it('adds the code to a disable comment already above the line', () => {
    const commented = input.replace('      指标值', '      # ttab-disable-next-line TT110 上级原文\n      指标值');
    assertFix(
      commented,
      'TT109',
      'Disable TT109 for this line',
      commented.replace('TT110 上级原文', 'TT110 TT109 上级原文'),
    );
  });

  it('works for a finding on a continuation line: the comment does not break the field', () => {
    const onContinuation = `${head}    指标 丁\n      指标值 公众号：300期\n        + 抖音：156趟\n      备注 新增\n`;
    assertFix(
      onContinuation,
      'TT104',
      'Disable TT104 for this line',
      onContinuation.replace('        + 抖音', '        # ttab-disable-next-line TT104\n        + 抖音'),
    );
  });

  it('is offered for every domain rule, never for a syntax error', () => {
    const broken = `${head}  这一行坏了\n    指标 丁\n      指标值 5次\n`;
    const document = documentOf(broken);
    const actions = codeActions(document, parse(broken), { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, diagnosticsOf(broken), createContext());
    expect(actions.map((a) => a.title)).toEqual(["Add a '备注' line", 'Disable TT106 for this line']);
  });
});

describe('comparator word → symbol (refactor.rewrite, no diagnostic needed)', () => {
  function rewrite(input: string): { actions: CodeAction[]; result?: string } {
    const { text, position, document } = withCursor(input);
    const range: Range = { start: position, end: position };
    const actions = codeActions(document, parse(text), range, [], createContext()).filter((a) => a.kind === 'refactor.rewrite');
    return { actions, result: actions[0] ? apply(document, actions[0]) : undefined };
  }

  it.each<[string, string, string]>([
    ['1000份以上', '≥1000份', "Rewrite '1000份以上' as '≥1000份'"],
    ['不低于95%', '≥95%', "Rewrite '不低于95%' as '≥95%'"],
    ['12小时以内', '≤12小时', "Rewrite '12小时以内' as '≤12小时'"],
    ['不超过 3亿美元', '≤3亿美元', "Rewrite '不超过 3亿美元' as '≤3亿美元'"],
    ['≥1000份以上', '≥1000份', "Rewrite '≥1000份以上' as '≥1000份'"],
    ['少于5起', '<5起', "Rewrite '少于5起' as '<5起'"],
  ])('%s → %s', (value, rewritten, title) => {
    const { actions, result } = rewrite(`${head}    指标 丁\n      上年值 ${value}|\n`);
    expect(actions).toHaveLength(1);
    expect(actions[0]!.title).toBe(title);
    expect(actions[0]!.diagnostics).toBeUndefined();
    expect(result).toBe(`${head}    指标 丁\n      上年值 ${rewritten}\n`);
    const before = parse(`${head}    指标 丁\n      上年值 ${value}\n`).ast.duties[0]!.objectives[0]!.indicators[0]!.lastYear!.value;
    const after = parse(result!).ast.duties[0]!.objectives[0]!.indicators[0]!.lastYear!.value;
    expect(after).toMatchObject({ comparator: (before as { comparator: string }).comparator, normalized: (before as { normalized: number }).normalized });
  });

  it.each([
    ['a symbol already', `${head}    指标 丁\n      指标值 ≥95|%\n`],
    ['no comparator', `${head}    指标 丁\n      指标值 9|5%\n`],
    ['a text field', `${head}    指标 不低于95%|\n`],
    ['a qualitative value', `${head}    指标 丁\n      指标值 不低于|去年\n`],
    ['the cursor elsewhere', `${head}    指标 丁|\n      指标值 不低于95%\n`],
  ])('nothing for %s', (_title, input) => {
    expect(rewrite(input).actions).toEqual([]);
  });

  it('Chinese title with a zh locale', () => {
    const { text, position, document } = withCursor(`${head}    指标 丁\n      指标值 不低于|95%\n`);
    const [action] = codeActions(document, parse(text), { start: position, end: position }, [], createContext({ locale: 'zh' }));
    expect(action!.title).toBe('将「不低于95%」改写为「≥95%」');
  });
});

describe('on the examples', () => {
  const dir = path.resolve(__dirname, '..', 'examples');
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.ttab')))('%s: every fix of every finding applies and leaves no syntax error', (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const document = documentOf(text);
    const parsed = parse(text);
    for (const d of diagnosticsOf(text)) {
      const actions = codeActions(document, parsed, d.range, [d], createContext());
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        const result = apply(document, action);
        expect(result).not.toBe(text);
        expect(parse(result).errors).toEqual([]);
      }
    }
  });
});

describe('robustness', () => {
  it('never throws: foreign diagnostics, bad data, ranges past the end', () => {
    const text = `${head}    指标 丁\n      指标值 5次\n`;
    const document = documentOf(text);
    const far: Range = { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } };
    const odd: Diagnostic[] = [
      { range: far, message: 'x', code: 'TT104', source: 'ttab', data: { unit: 3 } },
      { range: far, message: 'x', code: 'TT106', source: 'ttab', data: null },
      { range: far, message: 'x', code: 'TT999', source: 'ttab' },
      { range: far, message: 'x', code: 42, source: 'other' },
      { range: far, message: 'x', code: 'TT109', source: 'spell' },
    ];
    const actions = codeActions(document, parse(text), far, odd, createContext());
    expect(actions.map((a) => a.title)).toEqual(['Disable TT104 for this line', 'Disable TT106 for this line']);
  });
});

describe('a finding moved by lines added above it', () => {
  // Where a field line goes, or which review mark to remove, is kept relative to the finding's line: its data
  // stays the same when the finding moves (nothing but its range is moved), and its fix still edits the lines it did.
  const dir = path.resolve(__dirname, '..', 'examples');
  const tables = [...fs.readdirSync(dir).filter((f) => f.endsWith('.ttab')).map((f) => path.join(dir, f)), path.join(dir, 'lifecycle', '就业创业服务中心-2023.ttab')];
  const ABOVE = 3;
  const moved = (r: Range): Range => ({ start: { line: r.start.line + ABOVE, character: r.start.character }, end: { line: r.end.line + ABOVE, character: r.end.character } });
  type Fixes = [string, { range: Range; newText: string }[]][];
  const fixesOf = (source: string, f: ReturnType<typeof validate>[number]): Fixes => {
    const diagnostic = findingToDiagnostic(f, 'en');
    return codeActions(documentOf(source), parse(source), diagnostic.range, [diagnostic], createContext({ locale: 'en' })).map((a) => [a.title, a.edit!.changes!['file:///test.ttab']!]);
  };

  /** Checks the table and the same three lines lower agree; how many fixes edit a line other than the finding's. */
  function agreeMoved(text: string): number {
    const lower = `# 注\n# 注\n# 注\n${text}`;
    const before = validate(parse(text));
    const after = validate(parse(lower));
    expect(after.map((f) => [f.code, f.data])).toEqual(before.map((f) => [f.code, f.data]));
    let elsewhere = 0;
    before.forEach((f, i) => {
      if (f.data === undefined) return;
      const fixes = fixesOf(text, f);
      expect(fixesOf(lower, after[i]!)).toEqual(fixes.map(([title, edits]) => [title, edits.map((e) => ({ ...e, range: moved(e.range) }))]));
      if (fixes.some(([, edits]) => edits.some((e) => e.range.start.line !== f.range.start.line))) elsewhere++;
    });
    return elsewhere;
  }

  it.each(tables.map((file) => [path.basename(file), fs.readFileSync(file, 'utf8')]))('%s', (_, text) => {
    agreeMoved(text);
  });

  it('a generated table, with missing sources, remarks and offices (fixes that insert a line)', () => {
    expect(agreeMoved(generateTable({ indicators: 80, seed: 9 }).text)).toBeGreaterThan(10);
  });

  it('a review mark above a carried target (the fix removes the mark’s line)', () => {
    const text = `${head}    指标 参加活动企业数\n      # ttab-carried 2022 指标值 50家\n      指标值 50家\n      上年值 45家\n      历史来源 内部统计\n`;
    expect(validate(parse(text)).map((f) => f.code)).toContain('TT208');
    expect(agreeMoved(text)).toBeGreaterThan(0);
  });
});
