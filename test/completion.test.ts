import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { createUnitCatalog, parse } from '../grammar/src/index';
import { complete, createContext, type ServiceContext, WorkspaceIndex } from '../service/index';
import { documentOf, withCursor } from './support/cursor';

interface Expected {
  includes?: string[];
  excludes?: string[];
  /** The label offered first (lowest sortText). */
  first?: string;
  /** Labels that must appear in this relative order. */
  order?: string[];
}

/** Items as the editor lists them: by sortText, then label. */
function completionsAt(input: string, ctx: ServiceContext = createContext(), uri?: string): CompletionItem[] {
  const { text, position, document } = withCursor(input, uri);
  const items = complete(document, parse(text, { units: ctx.units }), position, ctx).items;
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

function assertCompletion(input: string, expected: Expected, ctx?: ServiceContext, uri?: string): void {
  const labels = completionsAt(input, ctx, uri).map((i) => i.label);
  for (const label of expected.includes ?? []) expect(labels, `offers ${label}`).toContain(label);
  for (const label of expected.excludes ?? []) expect(labels, `does not offer ${label}`).not.toContain(label);
  if (expected.first !== undefined) expect(labels[0]).toBe(expected.first);
  if (expected.order) {
    const positions = expected.order.map((label) => labels.indexOf(label));
    expect(positions.every((p) => p >= 0), `all of ${expected.order.join(' ')} offered`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }
}

function itemAt(input: string, label: string, ctx?: ServiceContext, uri?: string): CompletionItem {
  const item = completionsAt(input, ctx, uri).find((i) => i.label === label);
  if (!item) throw new Error(`no completion ${label}`);
  return item;
}

/** The text after choosing `label` at the cursor. */
function applyCompletion(input: string, label: string, ctx?: ServiceContext): string {
  const { text } = withCursor(input);
  const edit = itemAt(input, label, ctx).textEdit as TextEdit;
  const document = documentOf(text);
  return text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
}

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.update(uri, parse(text).ast);
  return index;
}

const OBJECTIVE = '部门 甲\n年度 2022\n\n职责 1 乙\n  目标 丙\n';
const INDICATOR = `${OBJECTIVE}    指标 丁\n`;

describe('completion: keywords at the start of a line', () => {
  const cases: [string, string, Expected][] = [
    ['empty file: header fields and 职责', '|', { includes: ['部门', '年度', '职责'], excludes: ['事项', '目标', '指标', '指标值', '科室'] }],
    ['a header field already set is not offered again', '部门 甲\n|', { includes: ['年度', '职责'], excludes: ['部门'] }],
    [
      'in a duty: 事项, 目标 and the inherited fields; no header, no 指标',
      '部门 甲\n职责 1 乙\n  |',
      { includes: ['事项', '目标', '职责', '活动', '预算项目', '科室'], excludes: ['部门', '年度', '指标', '指标值'] },
    ],
    ['in an objective: 指标', OBJECTIVE + '    |', { includes: ['指标', '目标', '事项', '科室'], excludes: ['指标值', '部门'] }],
    [
      'in an indicator: its fields in the order of the form',
      INDICATOR + '      |',
      { order: ['指标', '类别', '解释', '指标值', '规划值', '标准值', '标准来源', '前三年均值', '上年值', '历史来源', '备注', '活动', '预算项目', '科室'] },
    ],
    ['a set 指标值 is not offered again in the same indicator', INDICATOR + '      指标值 1次\n      |', { includes: ['规划值', '标准值', '备注', '科室'], excludes: ['指标值'] }],
    ['…but is offered in the next indicator', INDICATOR + '      指标值 1次\n    指标 戊\n      |', { includes: ['指标值'] }],
    ['inherited fields are repeatable', INDICATOR + '      科室 甲科\n      |', { includes: ['科室'] }],
    ['a half-typed line belongs to the indicator above it', INDICATOR + '      指标值 1次\n      标|', { includes: ['标准值', '标准来源'], excludes: ['指标值'] }],
    [
      'a blank line belongs to the block above it, not to the next one',
      INDICATOR + '      指标值 1次\n\n|\n    指标 戊\n',
      { includes: ['规划值'], excludes: ['指标值'] },
    ],
    ['the keyword being retyped on its own line is offered', INDICATOR + '      指标值|', { includes: ['指标值'] }],
    ['a duty being retyped before the first duty still allows the header', '部门 甲\n职|\n  目标 丙\n', { includes: ['年度', '职责'], excludes: ['目标', '部门'] }],
    ['under a 事项, objectives and inherited fields', '职责 1 乙\n  事项 丙\n    |', { includes: ['目标', '事项', '科室'], excludes: ['指标'] }],
    ['序号 on a 事项, objective or indicator, never on the duty itself', '职责 1 乙\n  |', { excludes: ['序号'] }],
    ['序号 in an objective and an indicator', OBJECTIVE + '    |', { includes: ['序号'] }],
    ['序号 once per level', OBJECTIVE + '    序号 2\n    |', { includes: ['指标'], excludes: ['序号'] }],
    ['序号 in the indicator below an objective that has one', OBJECTIVE + '    序号 2\n    指标 丁\n      |', { includes: ['序号', '指标值'] }],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertCompletion(input, expected));

  it('replaces the partial keyword: 指标 → 指标值', () => {
    expect(applyCompletion(INDICATOR + '      指标|', '指标值')).toBe(INDICATOR + '      指标值 ');
  });

  it('details give the English alias and the official column, in the user language', () => {
    expect(itemAt(INDICATOR + '      |', '指标值').detail).toBe('target · Annual target value');
    expect(itemAt(INDICATOR + '      |', '指标值', createContext({ locale: 'zh' })).detail).toBe('target · 年度指标值');
  });

  it('a file written with English keywords gets English labels and inserts them', () => {
    const input = 'duty 1 a\n  objective b\n    indicator c\n      target 1次\n      |';
    assertCompletion(input, { includes: ['plan', 'standard', 'office', 'indicator'], excludes: ['指标值', 'target', '规划值'] });
    expect(itemAt(input, 'plan').detail).toBe('规划值 · Reference / standard value / planned value');
    expect(applyCompletion(input.replace('|', 'pl|'), 'plan')).toBe(input.replace('|', 'plan '));
  });

  it('nothing on a comment line, past the end of the file or after a free-text keyword', () => {
    expect(completionsAt(INDICATOR + '# 注释|')).toEqual([]);
    expect(completionsAt(INDICATOR + '      解释 按|')).toEqual([]);
    const document = documentOf(INDICATOR);
    expect(complete(document, parse(INDICATOR), { line: 99, character: 3 }, createContext()).items).toEqual([]);
    expect(complete(document, parse(INDICATOR), { line: -1, character: 0 }, createContext()).items).toEqual([]);
  });
});

describe('completion: snippets', () => {
  it('a new indicator, at the indentation the formatter gives, with every column of the form', () => {
    const item = itemAt(INDICATOR + '      指标值 1次\n|', 'new indicator');
    const edit = item.textEdit as TextEdit;
    expect(edit.range.start).toEqual({ line: 7, character: 0 });
    expect(edit.newText).toBe(
      [
        '    指标 ${1:indicator name}',
        '      类别 $2',
        '      解释 $3',
        '      指标值 $4',
        '      规划值 $5',
        '      标准值 $6',
        '      标准来源 $7',
        '      前三年均值 $8',
        '      上年值 $9',
        '      历史来源 $10',
        '      备注 $11',
      ].join('\n'),
    );
  });

  it('under a 事项 the indicator is one level deeper', () => {
    const edit = itemAt('职责 1 乙\n  事项 丙\n    目标 丁\n  |', '新建指标', createContext({ locale: 'zh' })).textEdit as TextEdit;
    expect(edit.newText.startsWith('      指标 ${1:指标名称}\n        类别 $2\n')).toBe(true);
    expect(edit.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 2 } });
  });

  it('a new duty at column 0 with the next duty number, after a blank line', () => {
    const newText = (itemAt(INDICATOR + '      指标值 1次\n|', 'new duty').textEdit as TextEdit).newText;
    expect(newText.split('\n').slice(0, 5)).toEqual(['', '职责 ${1:2} ${2:duty}', '  目标 ${3:objective}', '    指标 ${4:indicator name}', '      类别 $5']);
  });

  it('no new indicator where there is no objective; no snippet with text after the cursor', () => {
    assertCompletion('职责 1 乙\n|', { includes: ['new duty'], excludes: ['new indicator'] });
    assertCompletion(INDICATOR + '|指标值 1次', { includes: ['指标值'], excludes: ['new duty', 'new indicator'] });
  });
});

describe('completion: values', () => {
  const V = INDICATOR + '      ';
  const cases: [string, string, Expected][] = [
    ['comparators at the start of a value', V + '指标值 |', { includes: ['≥', '≤', '>', '<', '=', '不低于', '不超过'], excludes: ['次', '%'] }],
    ['a partial comparator word', V + '指标值 不|', { includes: ['不低于', '不超过'] }],
    ['comparators after the label of a composite part', V + '指标值 公众号：|', { includes: ['≥'] }],
    ['units after a number', V + '指标值 12|', { includes: ['次', '人次', '%', '万元', '亿美元', '平方米', '以上', '以内', '以下'], excludes: ['≥'] }],
    ['units after a comparator and a decimal number', V + '规划值 ≥95.5|', { includes: ['%', '‰'] }],
    ['units after a number in a composite part', V + '指标值 公众号：300期；抖音：156|', { includes: ['条'] }],
    ['after a magnitude: the units it scales', V + '指标值 12万|', { includes: ['万元', '万人次', '万美元'], excludes: ['万%'] }],
    ['the unit of the indicator’s other values comes first', V + '上年值 10人次\n      指标值 12|', { first: '人次' }],
    ['…with its magnitude when one is typed', V + '标准值 3万人次\n      指标值 2万|', { first: '万人次' }],
    ['suffix words after a whole unit', V + '指标值 1000份|', { includes: ['以上', '份'] }],
    ['nothing while typing words', V + '指标值 有效|', { excludes: ['≥', '次'] }],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertCompletion(input, expected));

  it('units carry their dimension (and currency)', () => {
    expect(itemAt(V + '指标值 12|', '万元').detail).toBe('money (CNY)');
    expect(itemAt(V + '指标值 12|', '万元', createContext({ locale: 'zh' })).detail).toBe('金额（CNY）');
    expect(itemAt(V + '指标值 12|', '%', createContext({ locale: 'zh' })).detail).toBe('比率');
    expect(itemAt(V + '指标值 12|', '人次').detail).toBe('count');
  });

  it('completing replaces what was typed of the unit', () => {
    expect(applyCompletion(V + '指标值 12|', '万元')).toBe(V + '指标值 12万元');
    expect(applyCompletion(V + '指标值 12万|', '万元')).toBe(V + '指标值 12万元');
    expect(applyCompletion(V + '指标值 12人|', '人次')).toBe(V + '指标值 12人次');
    expect(applyCompletion(V + '指标值 1000份|', '以上')).toBe(V + '指标值 1000份以上');
    expect(applyCompletion(V + '指标值 不|', '不低于')).toBe(V + '指标值 不低于');
  });

  it('workspace units, and 万/亿 before a new currency', () => {
    const units = createUnitCatalog([{ unit: '港元', dimension: 'money', factor: 1, currency: 'HKD' }]);
    const ctx = createContext({ units });
    assertCompletion(V + '指标值 12|', { includes: ['港元', '万港元', '亿港元'] }, ctx);
    expect(itemAt(V + '指标值 12|', '亿港元', ctx).detail).toBe('money (HKD)');
  });

  it('a value continued on a + line', () => {
    assertCompletion(V + '指标值 公众号：300期\n        + 抖音：156|', { includes: ['条'] });
  });
});

describe('completion: sources and workspace names', () => {
  const V = INDICATOR + '      ';
  const workspace = indexOf({
    'file:///a.ttab': `${INDICATOR}      标准来源 年度工作计划\n      历史来源 内部统计\n      科室 招商联络科\n`,
    'file:///b.ttab': `${INDICATOR}      历史来源 内部统计\n      标准来源 区统计局数据\n      预算项目 双招双引\n      活动 培训\n        + 考核\n`,
  });
  const ctx = createContext({ workspace });

  it('sources: the workspace ones, those of more indicators first, then the catalog', () => {
    assertCompletion(V + '标准来源 |', { first: '内部统计', order: ['内部统计', '区统计局数据', '统计年鉴'], includes: ['年度工作计划', '统计公报'] }, ctx);
    assertCompletion(V + '历史来源 |', { first: '内部统计' }, ctx);
    // both files are of department 甲, like the table being edited
    expect(itemAt(V + '标准来源 |', '内部统计', ctx).detail).toBe('this department, 2022 · 2 indicators');
    expect(itemAt(V + '标准来源 |', '内部统计', ctx).labelDetails?.description).toBe('this department, 2022');
    expect(itemAt(V + '标准来源 |', '统计年鉴', ctx).detail).toBe('catalog');
    expect(itemAt(V + '标准来源 |', '内部统计', createContext({ workspace, locale: 'zh' })).detail).toBe('本部门 2022 年 · 2 个指标');
    expect(itemAt(V + '标准来源 |', '统计年鉴', createContext({ workspace, locale: 'zh' })).detail).toBe('常用来源');
  });

  it('a source replaces what was typed of it', () => {
    expect(applyCompletion(V + '标准来源 内部|', '内部统计', ctx)).toBe(V + '标准来源 内部统计');
  });

  it('offices, budget projects and activities used in other files, each in its own field', () => {
    assertCompletion(V + '科室 |', { includes: ['招商联络科'], excludes: ['双招双引', '内部统计'] }, ctx);
    assertCompletion('职责 1 乙\n  预算项目 |', { includes: ['双招双引'], excludes: ['招商联络科'] }, ctx);
    // A multi-line activity continues on + lines one level deeper.
    expect(applyCompletion(V + '活动 |', '培训 ⏎ 考核', ctx)).toBe(V + '活动 培训\n        + 考核');
  });

  it('offices of a real table', () => {
    const example = readFileSync(new URL('../examples/投资促进局-2022.ttab', import.meta.url), 'utf8');
    const withExample = createContext({ workspace: indexOf({ 'file:///投资促进局.ttab': example }) });
    assertCompletion(V + '科室 |', { includes: ['招商联络科', '服务联络科', '项目信息科', '综合科'] }, withExample);
    assertCompletion(V + '标准来源 |', { first: '年度工作计划' }, withExample);
  });

  it('categories after 类别', () => {
    assertCompletion(V + '类别 |', { includes: ['产出/数量', '产出/时效', '效益/社会', '满意度'] });
  });
});

describe('completion on a real table', () => {
  const example = readFileSync(new URL('../examples/投资促进局-2022.ttab', import.meta.url), 'utf8');

  it('at the end of the table: the fields the last indicator does not have yet', () => {
    // The last indicator (进出口额) has 指标值, 标准值 and 标准来源.
    assertCompletion(`${example}        |`, { includes: ['上年值', '历史来源', '备注', '指标', 'new indicator'], excludes: ['指标值', '标准值', '部门'] });
  });

  it('units of a money indicator of the table come first', () => {
    const text = example.replace('        指标值 921万元\n', '        指标值 950|\n');
    assertCompletion(text, { first: '万元' });
  });
});

describe('completion of names by proximity, in a workspace like examples/', () => {
  const dir = new URL('../examples/', import.meta.url);
  const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ttab')).map((f) => [`file:///examples/${f}`, readFileSync(new URL(f, dir), 'utf8')]));
  // the department's table of another year
  files['file:///examples/宣传统战部-2021.ttab'] = [
    '部门 宣传统战部',
    '年度 2021',
    '',
    '职责 1 新闻宣传',
    '  预算项目 宣传工作专项经费180万元',
    '  科室 外宣科',
    '  目标 提高开发区的知名度',
    '    指标 媒体发稿数量',
    '      指标值 700篇',
    '',
  ].join('\n');
  const uri = 'file:///examples/宣传统战部-2022.ttab';
  const table = files[uri]!;
  const ctx = createContext({ workspace: indexOf(files) });
  const zh = createContext({ workspace: ctx.workspace, locale: 'zh' });
  /** The table with `line` inserted after the first line holding `after`. */
  const editing = (after: string, line: string): string => {
    const at = table.indexOf('\n', table.indexOf(after)) + 1;
    return `${table.slice(0, at)}${line}\n${table.slice(at)}`;
  };
  // the last indicator of duty 1 (新闻宣传), whose offices are 新闻科 (2 indicators) and 意识形态科 (1)
  const OFFICE_IN_DUTY_1 = editing('科室 意识形态科', '        科室 |');
  const PROJECT_IN_DUTY_2 = editing('预算项目 基本支出', '  预算项目 |');

  const cases: [string, string, Expected][] = [
    [
      "科室: this duty's offices, then the table's, then the department's other year, then the rest",
      OFFICE_IN_DUTY_1,
      { first: '新闻科', order: ['新闻科', '意识形态科', '统战科', '外宣科', '科技行政科'] },
    ],
    ['…every office of the table before the other year’s', OFFICE_IN_DUTY_1, { order: ['意识形态科', '精神文明创建科', '外宣科'] }],
    ['预算项目: this duty’s project first, then the table’s, then the other year’s', PROJECT_IN_DUTY_2, { first: '基本支出', order: ['基本支出', '宣传工作专项经费200万元', '宣传工作专项经费180万元', '双招双引'] }],
    [
      'a cell listing offices gives each office, never the list',
      OFFICE_IN_DUTY_1,
      { includes: ['政务信息科', '机要保密科', '公务接待科'], excludes: ['综合科、政务信息科、机要保密科、秘书科、信息调研科、深化改革科、行政一科、政务值班科、公务接待科'] },
    ],
    [
      'a cell listing projects gives each project; one project whose name holds a 、 stays whole',
      PROJECT_IN_DUTY_2,
      {
        includes: ['招待费', '差旅费', '重大项目活动费', '援疆、援藏、援助边境专项资金'],
        excludes: ['管委会电话费网络费、重大项目活动费、招待费、差旅费、租车费、科技人才专项经费、打印机维护费、红头印刷费报刊订费、档案维护费', '援疆'],
      },
    ],
    ['placeholders are no project', PROJECT_IN_DUTY_2, { excludes: ['无', '/'] }],
    ['placeholders are no source', editing('历史来源 内部工作总结', '        历史来源 |'), { order: ['年度工作计划', '内部工作总结', '内部统计'], excludes: ['/'] }],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertCompletion(input, expected, ctx, uri));

  it('each name says where it comes from, in the user’s language', () => {
    const origin = (label: string, c = ctx) => itemAt(OFFICE_IN_DUTY_1, label, c, uri);
    expect(origin('新闻科').labelDetails?.description).toBe('this duty');
    expect(origin('新闻科').detail).toBe('this duty · 2 indicators');
    expect(origin('统战科').labelDetails?.description).toBe('this table');
    expect(origin('外宣科').labelDetails?.description).toBe('this department, 2021');
    expect(origin('外宣科', zh).detail).toBe('本部门 2021 年 · 1 个指标');
    expect(origin('新闻科', zh).labelDetails?.description).toBe('本职责');
    expect(origin('统战科', zh).labelDetails?.description).toBe('本表');
    expect(origin('招商联络科').labelDetails?.description).toBe('投资促进局');
    expect(origin('综合科', zh).labelDetails?.description).toMatch(/^[^A-Za-z]+$/);
  });

  it('the name being typed on its own line is not offered as a name of the table', () => {
    const labels = completionsAt(editing('科室 意识形态科', '        科室 新闻|'), ctx, uri).map((i) => i.label);
    expect(labels).not.toContain('新闻');
    expect(labels[0]).toBe('新闻科');
  });
});
