/**
 * The report module: the rows of the official form (merged cells, inherited
 * columns, levels without indicators, findings on their rows), the HTML form
 * as text (rows, lines, escaping, the preview's CSP), Markdown, CSV read back,
 * the review figures, and no renderer throwing on broken tables.
 * The HTML in a real browser: reportBrowser.test.ts; XLSX: reportXlsx.test.ts.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../service/index';
import { protectCell } from '../report/csv';
import {
  buildReportModel,
  CSV_HEADER,
  escapeHtml,
  escapeMarkdown,
  fileUrl,
  FORM_COLUMNS,
  formHeader,
  MERGED_COLUMNS,
  renderCsv,
  renderFormHtml,
  renderMarkdown,
  renderReviewHtml,
  renderReviewMarkdown,
  reviewOf,
  xlsxBuffer,
  type FormColumn,
  type MergedColumn,
  type ReportModel,
} from '../report/index';

function modelOf(...tables: (string | { file: string; text: string })[]): ReportModel {
  return buildReportModel(
    tables.map((t, i) => {
      const { file, text } = typeof t === 'string' ? { file: `t${i + 1}.ttab`, text: t } : t;
      const { parsed, findings } = analyze(text);
      return { file, text, parsed, findings };
    }),
  );
}

const MERGED = new Set<FormColumn>(MERGED_COLUMNS);

/**
 * The form's body as lines of `cell | cell | …` for the chosen columns: a cell
 * covered by a merged cell above is `^`, an empty one `·`, line breaks `⏎`.
 */
function grid(input: string, columns: readonly FormColumn[]): string[] {
  const table = modelOf(input).tables[0]!;
  return table.rows.map((row) =>
    columns
      .map((c) => (MERGED.has(c) && row.spans[c as MergedColumn] === 0 ? '^' : row.cells[c] === '' ? '·' : row.cells[c].replace(/\n/g, '⏎')))
      .join(' | '),
  );
}

function assertGrid(input: string, columns: readonly FormColumn[], expected: string[]): void {
  expect(grid(input, columns)).toEqual(expected);
}

describe('form rows: one per indicator, merged cells where a level or an inherited field spans rows', () => {
  it('a duty and its 科室 span its indicators; an indicator that gives its own 科室 breaks the block', () => {
    assertGrid(
      `部门 甲
年度 2022
职责 1 招商
  科室 综合科
  目标 引资
    指标 签约数
      指标值 4次
    指标 推介会
      指标值 1次
    指标 满意度
      指标值 95%
      科室 外贸科
    指标 回访
      指标值 2次
职责 2 服务
  目标 联络
    指标 驻外处数
      指标值 2处
`,
      ['dutyNumber', 'duty', 'objective', 'indicator', 'target', 'office'],
      [
        '1 | 招商 | 引资 | 签约数 | 4次 | 综合科',
        '^ | ^ | ^ | 推介会 | 1次 | ^',
        '^ | ^ | ^ | 满意度 | 95% | 外贸科',
        '^ | ^ | ^ | 回访 | 2次 | 综合科',
        '2 | 服务 | 联络 | 驻外处数 | 2处 | ·',
      ],
    );
  });

  it('序号 under one merged duty: the number cell shows the nearest level\'s number and spans that level\'s rows', () => {
    assertGrid(
      `职责 1 招商
  目标 推介
    指标 a
      指标值 1次
    指标 b
      指标值 2次
  目标 签约
    序号 2
    指标 c
      指标值 3次
    指标 d
      序号 3
      指标值 4次
职责 2 服务
  目标 联络
    指标 e
      指标值 5次
`,
      ['dutyNumber', 'duty', 'objective', 'indicator'],
      ['1 | 招商 | 推介 | a', '^ | ^ | ^ | b', '2 | ^ | 签约 | c', '3 | ^ | ^ | d', '2 | 服务 | 联络 | e'],
    );
  });

  it('an activity written on each objective spans that objective only; the same text on two indicators stays two cells', () => {
    assertGrid(
      `职责 1 甲
  目标 一
    活动 培训
    指标 a
      指标值 1次
    指标 b
      指标值 2次
  目标 二
    活动 培训
    指标 c
      指标值 3次
      预算项目 经费
    指标 d
      指标值 4次
      预算项目 经费
`,
      ['objective', 'indicator', 'activity', 'project'],
      ['一 | a | 培训 | ·', '^ | b | ^ | ·', '二 | c | 培训 | 经费', '^ | d | ^ | 经费'],
    );
  });

  it('with 事项 the form has a second duty column; a duty without 事项 has an empty one spanning its objectives', () => {
    const input = `职责 1 甲
  事项 子一
    目标 一
      指标 a
        指标值 1次
      指标 b
        指标值 2次
  事项 子二
    目标 二
      指标 c
        指标值 3次
职责 2 乙
  目标 三
    指标 d
      指标值 4次
    指标 e
      指标值 5次
`;
    assertGrid(input, ['duty', 'item', 'objective', 'indicator'], [
      '甲 | 子一 | 一 | a',
      '^ | ^ | ^ | b',
      '^ | 子二 | 二 | c',
      '乙 | · | 三 | d',
      '^ | ^ | ^ | e',
    ]);
    expect(modelOf(input).tables[0]!.columns).toContain('item');
  });

  it('objectives written directly under a duty come before its 事项, as in the file', () => {
    assertGrid(
      `职责 1 甲
  目标 直属
    指标 a
      指标值 1次
  事项 子
    目标 二
      指标 b
        指标值 2次
`,
      ['duty', 'item', 'objective', 'indicator'],
      ['甲 | · | 直属 | a', '^ | 子 | 二 | b'],
    );
  });

  it('an objective, 事项 or duty with no indicator still shows as a row, marked as not an indicator', () => {
    const input = `职责 1 甲
  科室 综合科
  目标 空目标
  目标 有指标
    指标 a
      指标值 1次
  事项 空事项
职责 2 空职责
`;
    assertGrid(input, ['dutyNumber', 'duty', 'item', 'objective', 'indicator', 'office'], [
      '1 | 甲 | · | 空目标 | · | 综合科',
      '^ | ^ | ^ | 有指标 | a | ^',
      '^ | ^ | 空事项 | · | · | ^',
      '2 | 空职责 | · | · | · | ·',
    ]);
    expect(modelOf(input).tables[0]!.rows.map((r) => [r.line, r.isIndicator])).toEqual([
      [2, false],
      [4, true],
      [6, false],
      [7, false],
    ]);
  });

  it('several activities of one level are one cell, one per line; every value column is the text as written', () => {
    assertGrid(
      `职责 1 甲
  目标 一
    指标 a
      类别 产出/数量
      解释 算法
      指标值 ≥95%
      规划值 90%
      标准值 92%
      标准来源 年度工作计划
      前三年均值 88%
      上年值 91%
      历史来源 内部统计
      备注 说明
      活动 培训
      活动 + 考核
        + 第二行
`,
      FORM_COLUMNS.filter((c) => !['dutyNumber', 'duty', 'item', 'objective'].includes(c)),
      ['a | 产出/数量 | 算法 | ≥95% | 90% | 92% | 年度工作计划 | 88% | 91% | 内部统计 | 说明 | 培训⏎+ 考核⏎第二行 | · | ·'],
    );
  });

  it('the 指标类别 column appears only when an indicator gives a category, the 事项 column only with 事项', () => {
    expect(modelOf('职责 1 甲\n  目标 一\n    指标 a\n      指标值 1次\n').tables[0]!.columns).toEqual(
      FORM_COLUMNS.filter((c) => c !== 'item' && c !== 'category'),
    );
    expect(modelOf('职责 1 甲\n  目标 一\n    指标 a\n      类别 满意度\n      指标值 1次\n').tables[0]!.columns).toContain('category');
  });

  it('the title is the form title with department and year', () => {
    expect(modelOf('部门 投资促进局\n年度 2022\n').tables[0]!.title).toBe('投资促进局部门预算整体绩效目标表（2022年度）');
    expect(modelOf('部门 投资促进局\n').tables[0]!.title).toBe('投资促进局部门预算整体绩效目标表');
  });

  it('a finding marks the row holding its line; one on a 目标 or 职责 line marks that level\'s first row', () => {
    const table = modelOf(`部门 甲
年度 22
职责 1 甲
  目标 一
    指标 a
      指标值 1次
      标准值 1次
      标准来源 年度工作计划
    指标 b
      标准值 1次
      标准来源 年度工作计划
  目标 二
`).tables[0]!;
    expect(table.rows.map((r) => [r.cells.indicator || r.cells.objective, r.findings.map((f) => `${f.code}@${f.line}`)])).toEqual([
      ['a', []],
      ['b', ['TT102@8']],
      ['二', ['TT119@11']],
    ]);
    // the header's TT011 (年度 22) is on no row but in the table's list
    expect(table.findings.map((f) => f.code)).toEqual(['TT011', 'TT102', 'TT119']);
    expect(table.errorCount).toBe(2);
  });

  it('every example table gives one row per indicator, and each merged block is a run of rows with the same owner', () => {
    for (const name of ['投资促进局-2022.ttab', '党政办公室-2022.ttab', '政法委-2022.ttab']) {
      const text = readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
      const table = modelOf({ file: name, text }).tables[0]!;
      expect(table.rows.every((r) => r.isIndicator)).toBe(true);
      expect(table.rows.length).toBe(table.rows.filter((r) => r.context).length);
      for (const column of MERGED_COLUMNS) {
        const total = table.rows.reduce((n, r) => n + r.spans[column], 0);
        expect(total, `${name} ${column}`).toBe(table.rows.length);
      }
    }
  });
});

describe('form header', () => {
  const text = (cells: ReturnType<typeof formHeader>) => cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan} ${c.text}`);

  it('is the official form\'s: plain columns over four rows, 部门职责 over two columns, 指标参考值 → 标准值/历史值', () => {
    expect(text(formHeader(FORM_COLUMNS.filter((c) => c !== 'category')))).toEqual([
      '0,0 4x1 职责序号',
      '0,1 4x2 部门职责',
      '0,3 4x1 职责目标',
      '0,4 4x1 绩效指标',
      '0,5 4x1 指标解释',
      '0,6 4x1 年度指标值',
      '0,7 1x6 指标参考值',
      '0,13 4x1 备注（标准值和历史值均无的原因/其他需要说明的问题）',
      '0,14 4x1 工作活动',
      '0,15 4x1 预算项目',
      '0,16 4x1 对应科室',
      '1,7 1x3 标准值（规划目标、行业标准或其他明确标准）',
      '1,10 1x3 历史值（统计年鉴/统计公报/内部统计/其他需明确的来源）',
      '2,7 2x1 规划值',
      '2,8 1x2 当年标准值',
      '2,10 2x1 前三年均值',
      '2,11 2x1 上年值',
      '2,12 2x1 来源',
      '3,8 1x1 标准值',
      '3,9 1x1 来源',
    ]);
  });

  it('without 事项, 部门职责 is one column', () => {
    expect(text(formHeader(FORM_COLUMNS.filter((c) => c !== 'item' && c !== 'category'))).slice(0, 3)).toEqual([
      '0,0 4x1 职责序号',
      '0,1 4x1 部门职责',
      '0,2 4x1 职责目标',
    ]);
  });
});

const XSS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  '</td></table><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
];

const HOSTILE = `部门 ${XSS[0]}
年度 2022
职责 1 ${XSS[1]}
  科室 ${XSS[3]}
  目标 ${XSS[2]}
    指标 ${XSS[0]}
      解释 a & b 'quoted'
      指标值 ${XSS[1]}
      备注 ${XSS[3]}
`;

describe('HTML form as text', () => {
  it('has a row per indicator carrying its 指标 line, and the cells of merged blocks with their row spans', () => {
    const model = modelOf(`职责 1 甲
  科室 综合科
  目标 一
    指标 a
      指标值 1次
    指标 b
      指标值 2次
`);
    const html = renderFormHtml(model);
    expect([...html.matchAll(/<tr data-line="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([3, 5]);
    expect(html).toContain('<td class="c-duty" rowspan="2">甲</td>');
    expect(html).toContain('<td class="c-office" rowspan="2">综合科</td>');
    expect(html).toContain('<thead>');
  });

  it('escapes every table text: no markup from the table reaches the page', () => {
    const html = renderFormHtml(modelOf(HOSTILE));
    expect(html).not.toMatch(/<script|<img|<\/td><\/table>/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain('a &amp; b &#39;quoted&#39;');
  });

  it('a standalone page loads and runs nothing (CSP default-src none) and lists the errors above the form', () => {
    const html = renderFormHtml(modelOf('部门 甲\n年度 2022\n职责 1 甲\n  目标 一\n    指标 a\n      备注 暂无历史数据\n'), { locale: 'en' });
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toMatch(/<div class="errors" role="alert"><p>This table has 1 error; the report may be incomplete:<\/p>\n<ul>\n<li class="finding error" data-line="4"><a href="t1.ttab#L5">t1.ttab:5<\/a> <span class="severity">error<\/span> <code>TT102<\/code>/);
    expect(renderFormHtml(modelOf('部门 甲\n年度 2022\n职责 1 甲\n  目标 一\n    指标 a\n      指标值 1次\n      备注 暂无历史数据\n'))).not.toContain('class="errors"');
  });

  it('the preview variant: CSP with the nonce and the webview source, nonce on style and scripts, no style attribute, rows marked with their findings', () => {
    const html = renderFormHtml(modelOf('职责 1 甲\n  目标 一\n    指标 a\n    指标 b\n      指标值 1次\n      备注 暂无历史数据\n'), {
      locale: 'en',
      forPreview: { nonce: 'N0nce', cspSource: 'vscode-webview://x', scripts: ['vscode-webview://x/preview.js'] },
    });
    expect(html).toContain(`content="default-src 'none'; img-src vscode-webview://x data:; font-src vscode-webview://x; style-src vscode-webview://x 'nonce-N0nce'; script-src 'nonce-N0nce'"`);
    expect(html).toContain('<style nonce="N0nce">');
    expect(html).toContain('<script nonce="N0nce" src="vscode-webview://x/preview.js"></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).toMatch(/<tr data-line="2" class="has-error" title="3: error TT102 [^"]*">/);
    expect(html).toMatch(/<tr data-line="3">/);
  });

  it('several tables make one page with a section per table', () => {
    const html = renderFormHtml(modelOf('部门 甲\n年度 2022\n', '部门 乙\n年度 2022\n'));
    expect(html.match(/<section class="report-table"/g)).toHaveLength(2);
    expect(html).toContain('<h1>甲部门预算整体绩效目标表（2022年度）</h1>');
    expect(html).toContain('<h1>乙部门预算整体绩效目标表（2022年度）</h1>');
  });
});

describe('escaping helpers', () => {
  it.each([
    ['<b>&"\'', '&lt;b&gt;&amp;&quot;&#39;'],
    ['普通文本 100%', '普通文本 100%'],
    ['a\u0000b\u001fc\td\ne', 'a\ufffdb\ufffdc\td\ne'],
    ['lone \ud800 surrogate, pair 😀', 'lone \ufffd surrogate, pair 😀'],
  ])('escapeHtml(%j)', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it.each([
    ['examples/投资促进局-2022.ttab', 12, 'examples/%E6%8A%95%E8%B5%84%E4%BF%83%E8%BF%9B%E5%B1%80-2022.ttab#L12'],
    ['javascript:alert(1).ttab', 1, 'javascript%3Aalert(1).ttab#L1'],
    ['/home/u/a b.ttab', 3, 'file:///home/u/a%20b.ttab#L3'],
    ['C:\\tables\\a.ttab', 2, 'file:///C:/tables/a.ttab#L2'],
    ['x#y.ttab', 1, 'x%23y.ttab#L1'],
  ])('fileUrl(%j, %d) never yields a script URL', (file, line, expected) => {
    expect(fileUrl(file, line)).toBe(expected);
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['*强调* _x_ `code`', '\\*强调\\* \\_x\\_ \\`code\\`'],
    ['<script>', '\\<script\\>'],
    ['[链接](javascript:x)', '\\[链接\\](javascript:x)'],
    ['# 不是标题', '\\# 不是标题'],
    ['1. 不是列表', '1\\. 不是列表'],
    ['第一行\n第二行', '第一行<br>第二行'],
  ])('escapeMarkdown(%j)', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('Markdown form', () => {
  it('a table per table: title, flat headings, merged cells written once', () => {
    const md = renderMarkdown(
      modelOf({
        file: 'a.ttab',
        text: '部门 甲\n年度 2022\n职责 1 甲\n  科室 综合科\n  目标 一\n    指标 a\n      指标值 1次\n      备注 暂无历史数据\n    指标 b|c\n      指标值 2次\n      备注 暂无历史数据\n',
      }),
    );
    expect(md.split('\n')).toEqual([
      '## 甲部门预算整体绩效目标表（2022年度）',
      '',
      'a.ttab',
      '',
      '| 职责序号 | 部门职责 | 职责目标 | 绩效指标 | 指标解释 | 年度指标值 | 标准值·规划值 | 标准值·当年标准值 | 标准值·来源 | 历史值·前三年均值 | 历史值·上年值 | 历史值·来源 | 备注 | 工作活动 | 预算项目 | 对应科室 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| 1 | 甲 | 一 | a |  | 1次 |  |  |  |  |  |  | 暂无历史数据 |  |  | 综合科 |',
      '|  |  |  | b\\|c |  | 2次 |  |  |  |  |  |  | 暂无历史数据 |  |  |  |',
      '',
    ]);
  });

  it('a table with errors lists them, with links to file:line', () => {
    const md = renderMarkdown(modelOf({ file: 'a.ttab', text: '职责 1 甲\n  目标 一\n    指标 a\n      备注 暂无历史数据\n' }), { locale: 'en' });
    expect(md).toContain('> This table has 1 error; the report may be incomplete:\n\n- [a.ttab:3](<a.ttab#L3>) **error** `TT102` ');
  });
});

describe('CSV form', () => {
  const text = `部门 甲
年度 2022
职责 1 招商
  科室 综合科
  科室 外贸科
  事项 子
    目标 一
      指标 a,b
        指标值 =100%
        解释 "引号"
      指标 c
        指标值 -3次
        上年值 -3
        前三年均值 -
  目标 空
`;

  it('is UTF-8 with a BOM, one record per indicator with every column, merged cells repeated', () => {
    const csv = renderCsv(modelOf({ file: 'a.ttab', text }));
    expect(csv.startsWith('\ufeff部门,年度,职责序号')).toBe(true);
    const records: string[][] = parseCsv(csv, { bom: true });
    expect(records[0]).toEqual(CSV_HEADER);
    expect(CSV_HEADER).toHaveLength(FORM_COLUMNS.length + 4);
    const byName = records.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [records[0]![i], v])));
    expect(byName).toHaveLength(2); // the objective with no indicator is no CSV record
    expect(byName[0]).toMatchObject({ 部门: '甲', 年度: '2022', 职责序号: '1', 部门职责: '招商', 具体事项: '子', 绩效指标: 'a,b', 指标解释: '"引号"', 对应科室: '综合科\n外贸科', 文件: 'a.ttab', 行: '8' });
    expect(byName[1]).toMatchObject({ 部门职责: '招商', 绩效指标: 'c', 对应科室: '综合科\n外贸科', 上年值: '-3', 前三年均值: '-' });
  });

  it('a cell a spreadsheet would run as a formula starts with an apostrophe', () => {
    const records: string[][] = parseCsv(renderCsv(modelOf(text)), { bom: true });
    expect(records[1]![CSV_HEADER.indexOf('年度指标值')]).toBe("'=100%");
    expect(records[2]![CSV_HEADER.indexOf('年度指标值')]).toBe("'-3次");
  });

  it('full-width ＝ ＋ － ＠ (what a Chinese input method types) are treated like = + - @; numbers and a lone dash are not', () => {
    expect(['＝1+1', '＝HYPERLINK("x")', '＋5%以上', '－3次', '＠SUM(A1)', '=x', '+x', '-x', '@x', '\tx', '\rx'].map(protectCell)).toEqual([
      "'＝1+1",
      "'＝HYPERLINK(\"x\")",
      "'＋5%以上",
      "'－3次",
      "'＠SUM(A1)",
      "'=x",
      "'+x",
      "'-x",
      "'@x",
      "'\tx",
      "'\rx",
    ]);
    expect(['-3', '+5', '-1.5%', '-', '—', '－', '１＝１', 'a=b', ''].map(protectCell)).toEqual(['-3', '+5', '-1.5%', '-', '—', '－', '１＝１', 'a=b', '']);
    const records: string[][] = parseCsv(renderCsv(modelOf(text.replace('指标值 =100%', '指标值 ＝100%'))), { bom: true });
    expect(records[1]![CSV_HEADER.indexOf('年度指标值')]).toBe("'＝100%");
  });
});

describe('review report', () => {
  const text = `部门 甲
年度 2022
职责 1 甲
  事项 子
    目标 一
      指标 完成率
        类别 产出/质量
        解释 完成数/计划数
        指标值 ≥90%
        上年值 95%
        历史来源 内部统计
      指标 投诉数
        类别 满意度
        指标值 ≤3件
        标准值 ≥5件
        标准来源 年度工作计划
      指标 宣传
        类别 产出/数量
        指标值 有效加强
        备注 暂无历史数据
  目标 二
    指标 金额
      指标值 12万元
      规划值 10万元
      上年值 100%
      标准来源 x
      历史来源 y
`;

  it('counts levels, quantified targets and categories', () => {
    const review = reviewOf(modelOf(text).tables[0]!);
    expect({
      duties: review.duties,
      items: review.items,
      objectives: review.objectives,
      indicators: review.indicators,
      quantified: review.quantified,
      categories: Object.fromEntries(review.categories),
    }).toEqual({ duties: 1, items: 1, objectives: 2, indicators: 4, quantified: 3, categories: { '产出/质量': 1, 满意度: 1, '产出/数量': 1, '': 1 } });
  });

  it('finds targets below history and targets that changed direction', () => {
    const review = reviewOf(modelOf(text).tables[0]!);
    expect(review.changes.map((c) => [c.row.cells.indicator, c.kind, c.reference])).toEqual([
      ['完成率', 'belowHistory', 'lastYear'],
      ['投诉数', 'direction', 'standard'],
    ]);
  });

  it('charts only the references comparable with the target', () => {
    const review = reviewOf(modelOf(text).tables[0]!);
    expect(review.charts.map((c) => [c.row.cells.indicator, c.bars.map((b) => `${b.key} ${b.raw}`)])).toEqual([
      ['完成率', ['target ≥90%', 'lastYear 95%']],
      ['投诉数', ['target ≤3件', 'standard ≥5件']],
      ['金额', ['target 12万元', 'plan 10万元']],
    ]);
  });

  it('HTML: figures, findings by rule with links to file:line, an SVG per chart', () => {
    const html = renderReviewHtml(modelOf({ file: 'dir/a.ttab', text }), { locale: 'en' });
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<tr><th scope="row">Quantified targets</th><td class="num">75.0% (3/4)</td></tr>');
    expect(html).toMatch(/<tr data-code="TT105"><td><code>TT105<\/code> Reference value in another dimension<\/td><td class="error">error<\/td><td class="num">1<\/td><td><a href="dir\/a.ttab#L25"/);
    expect(html).not.toMatch(/<script/);
  });

  it('several tables: an overview of all, then a section per table (HTML and Markdown)', () => {
    const model = modelOf({ file: 'a.ttab', text }, { file: 'b.ttab', text: '部门 乙\n年度 2022\n' });
    const html = renderReviewHtml(model, { locale: 'en' });
    expect(html).toContain('<h2>All tables</h2>');
    expect(html.match(/<section class="report-table"/g)).toHaveLength(2);
    const md = renderReviewMarkdown(model, { locale: 'en' });
    expect(md).toContain('## All tables');
    // table, indicators, quantified, errors, warnings, info, targets that changed direction or fell below history
    expect(md).toMatch(/^\| 甲部门预算整体绩效目标表（2022年度） \| 4 \| 75\.0% \| 1 \| \d+ \| \d+ \| 2 \|$/m);
    expect(md).toMatch(/^\| 乙部门预算整体绩效目标表（2022年度） \| 0 \| — \| 0 \| 0 \| 0 \| 0 \|$/m);
    expect(md).toContain('## 乙部门预算整体绩效目标表（2022年度）');
  });
});

describe('robustness', () => {
  const example = readFileSync(new URL('../examples/投资促进局-2022.ttab', import.meta.url), 'utf8').split('\n');
  const pieces = ['职责 ', '事项 ', '目标 ', '指标 ', '指标值 ', '科室 ', '活动 ', '+ ', '# ', '<script>', '"', '\u0000', '\ud800', '≥', '万元', '\n', ''];

  it('every renderer takes any mutated table without throwing, and the HTML never carries its markup', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), text: fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((a) => a.join('')), drop: fc.boolean() }), { maxLength: 8 }),
        async (edits) => {
          const lines = [...example];
          for (const e of edits) {
            const at = e.at % (lines.length + 1);
            if (e.drop) lines.splice(at, 1);
            else lines.splice(at, 0, e.text);
          }
          const model = modelOf(lines.join('\n'));
          for (const html of [renderFormHtml(model), renderReviewHtml(model), renderFormHtml(model, { forPreview: { nonce: 'n', cspSource: 's' } })]) {
            expect(html).not.toContain('<script>');
          }
          renderMarkdown(model);
          renderReviewMarkdown(model);
          renderCsv(model);
          const table = model.tables[0]!;
          for (const column of MERGED_COLUMNS) expect(table.rows.reduce((n, r) => n + r.spans[column], 0)).toBe(table.rows.length);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
    // and XLSX once on a broken table
    expect((await xlsxBuffer(modelOf('职责\n+ x\n  目标\n指标值 1\n'))).byteLength).toBeGreaterThan(1000);
  });
});
