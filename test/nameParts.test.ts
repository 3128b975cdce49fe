import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { summarize, type NameKind } from '../service/index';
import { entryNames, fileUses, nameParts } from '../service/workspaceIndex';

describe('the names a cell of a name field holds', () => {
  const cases: [string, NameKind, string, string[]][] = [
    ['one office', 'office', '新闻科', ['新闻科']],
    ['offices listed with 、', 'office', '综合科、政务信息科、机要保密科', ['综合科', '政务信息科', '机要保密科']],
    ['offices listed with a full-width comma', 'office', '新闻科，网信科', ['新闻科', '网信科']],
    ['offices listed with a comma and a space', 'office', '新闻科, 网信科', ['新闻科', '网信科']],
    ['offices listed with a slash', 'office', '统计办/工信办', ['统计办', '工信办']],
    ['a placeholder', 'office', '/', []],
    ['无', 'project', '无', []],
    ['a dash', 'project', '—', []],
    ['a placeholder beside a name', 'office', '新闻科、/', ['新闻科']],
    ['a repeated name at each of its places', 'office', '新闻科、新闻科', ['新闻科', '新闻科']],
    ['projects listed', 'project', '管委会电话费网络费、重大项目活动费、招待费', ['管委会电话费网络费', '重大项目活动费', '招待费']],
    [
      'projects listed with 、 and a comma',
      'project',
      '2022年机关食堂运营经费和食堂人员工资、工装费, 食堂设备维修维护费用',
      ['2022年机关食堂运营经费和食堂人员工资', '工装费', '食堂设备维修维护费用'],
    ],
    ['one project whose name holds 、', 'project', '援疆、援藏、援助边境专项资金', ['援疆、援藏、援助边境专项资金']],
    ['one project with an amount', 'project', '宣传工作专项经费200万元', ['宣传工作专项经费200万元']],
    ['two laws as sources', 'source', '行政诉讼法、行政复议法', ['行政诉讼法', '行政复议法']],
    ['sources listed with a slash', 'source', '统计年鉴/统计公报', ['统计年鉴', '统计公报']],
    ['one source whose words hold 、', 'source', '向市台、省台发稿数量', ['向市台、省台发稿数量']],
    ['an activity is a sentence, never split', 'activity', '网络舆情监测、处置', ['网络舆情监测、处置']],
  ];
  it.each(cases)('%s', (_name, kind, text, expected) => {
    expect(nameParts(kind, text).map((p) => p.name)).toEqual(expected);
  });

  it('gives each name its offsets in the cell', () => {
    const text = ' 新闻科， 网信科 ';
    for (const part of nameParts('office', text)) expect(text.slice(part.start, part.end)).toBe(part.name);
  });
});

describe('the names a table uses, with the indicators they apply to', () => {
  const table = [
    '部门 甲局',
    '年度 2022',
    '',
    '职责 1 乙',
    '  科室 综合科、新闻科',
    '  预算项目 无',
    '  目标 丙',
    '    指标 一',
    '      指标值 1次',
    '      标准来源 年度工作计划',
    '    指标 二',
    '      指标值 2次',
    '      科室 新闻科',
    '      历史来源 /',
    '',
  ].join('\n');
  const entry = summarize('file:///甲局-2022.ttab', parse(table).ast);
  const uses = fileUses(entry);
  const use = (kind: NameKind, name: string) => uses.find((u) => u.kind === kind && u.name === name);

  it('a duty’s office applies to the indicators that do not name their own', () => {
    expect(use('office', '综合科')?.indicators).toBe(1);
    expect(use('office', '新闻科')?.indicators).toBe(2);
    expect(use('office', '新闻科')?.ranges.map((r) => r.start.line)).toEqual([4, 12]);
  });

  it('placeholders are no names; the whole cell stays for rename and references', () => {
    expect(uses.some((u) => u.name === '无' || u.name === '/')).toBe(false);
    expect(use('source', '年度工作计划')?.indicators).toBe(1);
    expect([...entryNames(entry)].map((n) => n.text)).toContain('综合科、新闻科');
    expect(entry.department).toBe('甲局');
    expect(entry.year).toBe('2022');
  });
});
