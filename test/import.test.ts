/**
 * Importing tables (issue 6): the nine seed files (pasted out of PDFs) lose no cell and give
 * tables that parse and are already formatted; TSV/CSV/XLSX readers (merged cells, quoting);
 * malformed inputs; the round trip through `ttab report --format csv`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { indicatorsOf, inheritedTexts, parse, rowNumber, type Field, type Table } from '../grammar/src/index';
import { formatTable } from '../service/index';
import { importTables, tableFileName, type ImportResult } from '../import/index';
import { cleanCellText, squeeze } from '../import/cleanText';
import { isHeaderContinuation, isHeaderStart } from '../import/columns';
import { readPasted } from '../import/pasted';

const seedDir = path.resolve(__dirname, '..', '..', 'shared', 'seed');
const examplesDir = path.resolve(__dirname, '..', 'examples');
const seeds = fs.existsSync(seedDir) ? fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort() : [];

const encode = (text: string) => new TextEncoder().encode(text);

async function importText(name: string, text: string): Promise<ImportResult> {
  return importTables({ name, bytes: encode(text) });
}

/** The imported text parses without errors and `ttab fmt` would leave it as it is. */
function assertCanonical(text: string): Table {
  const parsed = parse(text);
  expect(parsed.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const formatted = formatTable(text, parsed);
  expect(formatted.ok && formatted.text).toBe(text);
  return parsed.ast;
}

/** Every field of the table with its level, for the nothing-lost check. */
function fieldsOf(table: Table): { field: Field; level: 'indicator' | 'other' }[] {
  const out: { field: Field; level: 'indicator' | 'other' }[] = table.fields.map((field) => ({ field, level: 'other' as const }));
  for (const duty of table.duties) {
    out.push({ field: duty.title, level: 'other' }, ...duty.fields.map((field) => ({ field, level: 'other' as const })));
    for (const item of duty.items) out.push({ field: item.title, level: 'other' }, ...item.fields.map((field) => ({ field, level: 'other' as const })));
    for (const objective of [...duty.objectives, ...duty.items.flatMap((i) => i.objectives)]) {
      out.push({ field: objective.title, level: 'other' }, ...objective.fields.map((field) => ({ field, level: 'other' as const })));
    }
  }
  for (const { indicator } of indicatorsOf(table)) {
    out.push({ field: indicator.name, level: 'indicator' });
    for (const field of indicator.fields) out.push({ field, level: ['activity', 'project', 'office'].includes(field.key) ? 'other' : 'indicator' });
  }
  return out;
}

/**
 * Every non-empty cell of the input (header rows aside: they become the keywords) appears in the
 * output, whitespace aside: as an indicator's own field (each such field accounts for one cell),
 * as a level title or inherited field (merged cells: one field for several rows), as a duty
 * number, or in a comment.
 */
function assertNothingLost(input: string, texts: readonly string[]): void {
  const tables = texts.map((t) => parse(t).ast);
  const own = new Map<string, number>();
  const shared = new Set<string>();
  const comments: string[] = [];
  for (const [i, table] of tables.entries()) {
    for (const { field, level } of fieldsOf(table)) {
      const pieces = [field.text, ...field.text.split('\n')].map(squeeze);
      if (level === 'indicator') for (const p of new Set(pieces)) own.set(p, (own.get(p) ?? 0) + 1);
      else for (const p of pieces) shared.add(p);
    }
    for (const duty of table.duties) if (duty.number) shared.add(duty.number.text);
    comments.push(...texts[i]!.split('\n').filter((l) => l.trim().startsWith('#')).map(squeeze));
  }
  const rows = readPasted(input).grids[0]!.rows;
  const missing: string[] = [];
  const pending: { cell: string; where: string }[] = [];
  rows.forEach((row, r) => {
    if (isHeaderStart(row) || isHeaderContinuation(row)) return;
    row.forEach((raw, c) => {
      // the Markdown heading marks of a title line are layout, not text
      const cell = squeeze(cleanCellText(raw)).replace(/^#+/, '');
      if (cell !== '') pending.push({ cell, where: `line ${r + 1} col ${c + 1}` });
    });
  });
  for (const { cell, where } of pending) {
    const n = own.get(cell) ?? 0;
    if (n > 0) own.set(cell, n - 1);
    else if (!shared.has(cell) && !comments.some((c) => c.includes(cell))) missing.push(`${where}: ${cell}`);
  }
  expect(missing).toEqual([]);
}

describe.runIf(seeds.length > 0)('the nine seed files', () => {
  it.each(seeds)('%s: nothing lost, parses, canonical, as many indicators as the hand-made example', async (seed) => {
    const input = fs.readFileSync(path.join(seedDir, seed), 'utf8');
    const result = await importText(seed, input);
    expect(result.problems).toEqual([]);
    expect(result.tables).toHaveLength(1);
    const [table] = result.tables;
    const department = seed.replace(/\.txt$/, '');
    expect(table!.department).toBe(department);
    expect(table!.year).toBe('2022');
    expect(tableFileName(table!, 'x')).toBe(`${department}-2022.ttab`);
    const ast = assertCanonical(table!.text);
    assertNothingLost(input, [table!.text]);
    const example = parse(fs.readFileSync(path.join(examplesDir, `${department}-2022.ttab`), 'utf8')).ast;
    expect(table!.summary.indicators).toBe([...indicatorsOf(example)].length);
    expect(table!.summary.duties).toBe(ast.duties.length);
    expect(table!.summary.indicators).toBe([...indicatorsOf(ast)].length);
    // each cell for review is named (by its line) in a review comment
    const reviewLines = table!.text.split('\n').filter((l) => l.trim().startsWith('# 待核对'));
    for (const cell of table!.reviewCells) expect(reviewLines.some((l) => l.includes(`第 ${cell.row} 行`))).toBe(true);
  });

  it('reads the targets of most indicators as the hand-made examples do', async () => {
    let same = 0;
    let total = 0;
    for (const seed of seeds) {
      const department = seed.replace(/\.txt$/, '');
      const result = await importText(seed, fs.readFileSync(path.join(seedDir, seed), 'utf8'));
      const mine = [...indicatorsOf(parse(result.tables[0]!.text).ast)].map(({ indicator }) => squeeze(indicator.target?.text ?? ''));
      const theirs = [...indicatorsOf(parse(fs.readFileSync(path.join(examplesDir, `${department}-2022.ttab`), 'utf8')).ast)].map(({ indicator }) =>
        squeeze(indicator.target?.text ?? '').replace(/；/g, ''),
      );
      theirs.forEach((t, i) => {
        total++;
        if ((mine[i] ?? '').replace(/；/g, '') === t) same++;
      });
    }
    expect(same / total).toBeGreaterThan(0.85);
  });
});

function assertImport(input: string, expected: string, name = 'x.txt'): Promise<void> {
  return importText(name, input).then((result) => {
    expect(result.problems).toEqual([]);
    expect(result.tables.map((t) => t.text).join('\n=====\n')).toBe(expected);
    for (const t of result.tables) assertCanonical(t.text);
  });
}

const TITLE = '# 测试局部门预算整体绩效目标表（2023年度）';
const HEADER_16 = [
  '职责序号\t部门职责\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室\t',
  '\t\t\t\t\t\t标准值\t\t\t历史值\t\t\t\t\t\t',
  '\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t\t\t\t\t来源',
  '\t\t\t\t\t\t\t标准值\t来源\t\t\t\t\t\t\t',
].join('\n');

describe('the official layout', () => {
  it('title → 部门 and 年度; a merged (blank) duty continues the row above; inherited fields alike on every row move up', () =>
    assertImport(
      [
        TITLE,
        '',
        HEADER_16,
        '1\t招商\t推介开发区\t活动次数\t举办次数\t≥3次\t3次\t3次\t年度工作计划\t2次\t2次\t内部统计\t\t办活动\t双招双引\t招商科',
        '\t\t\t签约次数\t签约次数\t4次\t\t4次\t年度工作计划\t\t\t\t\t办活动\t双招双引\t招商科',
      ].join('\n'),
      [
        TITLE,
        '部门 测试局',
        '年度 2023',
        '',
        '职责 1 招商',
        '  活动 办活动',
        '  预算项目 双招双引',
        '  科室 招商科',
        '  目标 推介开发区',
        '    指标 活动次数',
        '      解释 举办次数',
        '      指标值 ≥3次',
        '      规划值 3次',
        '      标准值 3次',
        '      标准来源 年度工作计划',
        '      前三年均值 2次',
        '      上年值 2次',
        '      历史来源 内部统计',
        '    指标 签约次数',
        '      解释 签约次数',
        '      指标值 4次',
        '      标准值 4次',
        '      标准来源 年度工作计划',
        '',
      ].join('\n'),
    ));

  it('部门职责 in two columns (duty and 事项); a header repeated at a page break; stray spaces and LaTeX repaired', () =>
    assertImport(
      [
        TITLE,
        '职责序号\t部门职责\t\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
        '\t\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
        '1\t合法性 审核\t文件 审核\t审查率 达标\t审查率\t审查数/总数\t$\\geq 95\\%$\t\t95%\t规划 目标\t/\t/\t/\t无\t审核\t法制专项\t法制科',
        '',
        '职责序号\t部门职责\t\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
        '\t\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
        '2\t普法\t宣传\t法制宣传\t活动次数\t次数\t≥12万 元\t\t12万元\t年度工作计划\t\t\t\t\t宣讲\t普法经费\t政法科',
      ].join('\n'),
      [
        TITLE,
        '部门 测试局',
        '年度 2023',
        '',
        '职责 1 合法性审核',
        '  活动 审核',
        '  预算项目 法制专项',
        '  科室 法制科',
        '  事项 文件审核',
        '    目标 审查率达标',
        '      指标 审查率',
        '        解释 审查数/总数',
        '        指标值 ≥95%',
        '        标准值 95%',
        '        标准来源 规划目标',
        '        前三年均值 /',
        '        上年值 /',
        '        历史来源 /',
        '        备注 无',
        '',
        '职责 2 普法',
        '  活动 宣讲',
        '  预算项目 普法经费',
        '  科室 政法科',
        '  事项 宣传',
        '    目标 法制宣传',
        '      指标 活动次数',
        '        解释 次数',
        '        指标值 ≥12万元',
        '        标准值 12万元',
        '        标准来源 年度工作计划',
        '',
      ].join('\n'),
    ));

  it('a row shifted off the header: the target found by content, the others placed around it, marked for review', async () => {
    const header = [
      '职责序号\t部门职责\t\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室\t',
      '\t\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t\t\t\t\t来源',
    ].join('\n');
    const result = await importText(
      'x.txt',
      [
        TITLE,
        header,
        '3\t统一战线\t文化建设\t传承沂蒙精神\t活动次数\t年度活动次数\t20次\t\t20次\t年度工作计划\t\t\t\t组织活动\t\t统战科',
        '\t\t培训人数\t参加培训人数\t460人\t\t460人\t年度工作计划\t\t\t\t\t走访企业',
      ].join('\n'),
    );
    const ast = assertCanonical(result.tables[0]!.text);
    const [, second] = [...indicatorsOf(ast)];
    expect(second!.indicator.name.text).toBe('培训人数');
    expect(second!.indicator.explanation?.text).toBe('参加培训人数');
    expect(second!.indicator.target?.text).toBe('460人');
    expect(second!.indicator.standard?.text).toBe('460人');
    expect(second!.indicator.standardSource?.text).toBe('年度工作计划');
    expect(inheritedTexts(second!, 'activity')).toEqual(['走访企业']);
    expect(result.tables[0]!.text).toMatch(/# 待核对: 第 5 行 \d 格不在表头所示列/);
    expect(result.tables[0]!.reviewCells.some((c) => c.row === 5 && c.text === '460人')).toBe(true);
  });

  it('a cell that fits no column goes to a review comment naming its line and column', async () => {
    const result = await importText('x.txt', [TITLE, HEADER_16, '1\t招商\t推介\t次数\t解释\t3次\t\t3次\t年度工作计划\t\t\t\t\t\t\t招商科\t\t\t\t\t\t\t\t多出来的一格'].join('\n'));
    const text = result.tables[0]!.text;
    assertCanonical(text);
    expect(text).toContain('# 待核对: 多出来的一格 (第 6 行第 24 列 / row 6 col 24)');
    expect(result.tables[0]!.reviewCells).toContainEqual({ row: 6, col: 24, text: '多出来的一格', reason: { zh: '无法确定所属列', en: 'no column fits it' } });
  });

  it('several tables in one input: one per title line', async () => {
    const table = (dept: string) => [`# ${dept}部门预算整体绩效目标表（2022年度）`, HEADER_16, '1\t甲\t乙\t丙\t丁\t1次\t\t1次\t年度工作计划'].join('\n');
    const result = await importText('x.txt', [table('甲局'), '', table('乙局')].join('\n'));
    expect(result.tables.map((t) => `${t.department}-${t.year}`)).toEqual(['甲局-2022', '乙局-2022']);
  });
});

describe('cell text repair', () => {
  it.each([
    ['合法性 审核', '合法性审核'],
    ['≥12万 元', '≥12万元'],
    ['受理率 、办 理率 100%', '受理率、办理率100%'],
    ['$\\geq 10$', '≥10'],
    ['不低于$95\\%$', '不低于95%'],
    ['$\\leq 3$ 亿美元', '≤3亿美元'],
    ['公众 号：302 期 抖音： 244条', '公众号：302期 抖音：244条'],
    ['接待, 机关食堂', '接待, 机关食堂'],
    ['Word document', 'Word document'],
    ['1、培训4次；\n2、规范程序', '1、培训4次；\n2、规范程序'],
    ['审查\n调查', '审查调查'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanCellText(raw)).toBe(expected);
  });
});

describe('spreadsheet inputs', () => {
  it('TSV as Excel copies it: quoted cells keep their line breaks and tabs', async () => {
    const tsv = [TITLE, HEADER_16, '1\t"招商\n引资"\t推介\t次数\t"解释\t含制表符"\t3次\t\t3次\t年度工作计划\t\t\t\t\t"1、甲；\n2、乙"\t\t招商科'].join('\n');
    const result = await importTables({ name: 'clipboard.tsv', bytes: encode(tsv) });
    const ast = assertCanonical(result.tables[0]!.text);
    expect(ast.duties[0]!.title.text).toBe('招商引资');
    const [first] = [...indicatorsOf(ast)];
    expect(first!.indicator.explanation?.text).toBe('解释含制表符');
    expect(inheritedTexts(first!, 'activity')).toEqual(['1、甲；\n2、乙']);
  });

  it('CSV in GB18030 (as Chinese Excel saves it) and with ragged rows', async () => {
    const csv = '部门,年度,职责序号,部门职责,职责目标,绩效指标,年度指标值,当年标准值,标准值来源\n甲局,2022,1,职责,目标,指标,5次,5次\n甲局,2022,,,,第二个,6次,6次,年度工作计划,多一格\n';
    const bytes = new Uint8Array(Buffer.from(new TextDecoder().decode(encode(csv)), 'utf8'));
    const result = await importTables({ name: 'x.csv', bytes });
    expect(result.tables).toHaveLength(1);
    const text = result.tables[0]!.text;
    const ast = assertCanonical(text);
    expect(ast.department?.text).toBe('甲局');
    expect([...indicatorsOf(ast)].map(({ indicator }) => indicator.name.text)).toEqual(['指标', '第二个']);
    expect(text).toContain('# 待核对: 多一格 (第 3 行第 10 列 / row 3 col 10)');
  });

  it('decodes GB18030 bytes', async () => {
    // '部门' and '甲局' in GB18030, written by hand (no encoder in the standard library)
    const gb = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const header = gb('b2bfc3c5'); // 部门
    const decoded = new TextDecoder('gb18030').decode(header);
    expect(decoded).toBe('部门');
  });

  it('XLSX: each sheet a table; merged cells fill their span; percent formats read as written', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('测试局');
    sheet.addRow(['测试局部门预算整体绩效目标表（2024年度）']);
    sheet.mergeCells('A1:Q1');
    sheet.addRow(['职责序号', '部门职责', '', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', '', '', '', '', '', '备注', '工作活动', '预算项目', '对应科室']);
    sheet.addRow(['', '', '', '', '', '', '', '规划值', '当年标准值', '', '前三年均值', '上年值', '来源']);
    sheet.mergeCells('B2:C3');
    sheet.mergeCells('H2:M2');
    sheet.addRow(['1', '招商', '推介会', '推介开发区', '次数', '举办次数', '3次', '', '3次', '年度工作计划', '', '', '', '', '办会', '双招双引', '招商科']);
    sheet.addRow(['', '', '', '', '满意度', '满意人数/总人数', 0.95, '', 0.9, '内部统计', '', '', '', '', '', '', '']);
    sheet.getCell('G5').numFmt = '0%';
    sheet.getCell('I5').numFmt = '0%';
    // 职责序号, 部门职责, 事项, 职责目标, 预算项目, 对应科室 merged over the two indicator rows
    for (const col of ['A', 'B', 'C', 'D', 'O', 'P', 'Q']) sheet.mergeCells(`${col}4:${col}5`);
    const other = workbook.addWorksheet('第二张');
    other.addRow(['乙局部门预算整体绩效目标表（2024年度）']);
    other.addRow(['职责序号', '部门职责', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', '', '', '', '', '', '备注', '工作活动', '预算项目', '对应科室']);
    other.addRow(['', '', '', '', '', '', '规划值', '当年标准值', '', '前三年均值', '上年值', '来源']);
    other.addRow(['1', '职责', '目标', '指标', '解释', '5项', '', '5项', '年度工作计划']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importTables({ name: 'tables.xlsx', bytes });
    expect(result.problems).toEqual([]);
    expect(result.tables.map((t) => [t.department, t.year, t.sheet])).toEqual([
      ['测试局', '2024', '测试局'],
      ['乙局', '2024', '第二张'],
    ]);
    expect(result.tables[0]!.text).toBe(
      [
        '# 测试局部门预算整体绩效目标表（2024年度）',
        '部门 测试局',
        '年度 2024',
        '',
        '职责 1 招商',
        '  活动 办会',
        '  预算项目 双招双引',
        '  科室 招商科',
        '  事项 推介会',
        '    目标 推介开发区',
        '      指标 次数',
        '        解释 举办次数',
        '        指标值 3次',
        '        标准值 3次',
        '        标准来源 年度工作计划',
        '      指标 满意度',
        '        解释 满意人数/总人数',
        '        指标值 95%',
        '        标准值 90%',
        '        标准来源 内部统计',
        '',
      ].join('\n'),
    );
    assertCanonical(result.tables[1]!.text);
  });

  it('an XLSX file that is not a workbook is reported, not thrown', async () => {
    const result = await importTables({ name: 'broken.xlsx', bytes: encode('PK\u0003\u0004 not really a zip') });
    expect(result.tables).toEqual([]);
    expect(result.problems[0]!.severity).toBe('error');
    expect(result.problems[0]!.message.en).toMatch(/cannot read the XLSX workbook/);
  });
});

describe('malformed inputs', () => {
  it('an empty file', async () => {
    const result = await importTables({ name: 'empty.tsv', bytes: new Uint8Array() });
    expect(result).toEqual({ tables: [], problems: [{ severity: 'error', message: { zh: '文件是空的', en: 'the file is empty' }, line: 1 }] });
  });

  it('a binary file: named as such, with the line', async () => {
    const bytes = Uint8Array.from([0x31, 0x0a, 0x32, 0x0a, 0x00, 0x01, 0xff, 0xfe, 0x00]);
    const result = await importTables({ name: 'data.txt', bytes });
    expect(result.tables).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message.en).toMatch(/not a text file/);
    expect(result.problems[0]!.line).toBe(3);
  });

  it('no header: an error naming the first line of the table', async () => {
    const result = await importText('x.txt', `${TITLE}\n\n1\t职责\t目标\t指标\t解释\t5次\n`);
    expect(result.tables).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(result.problems[0]!.message.en).toMatch(/no header row/);
  });

  it('text that is no table at all', async () => {
    const result = await importText('notes.txt', '今天开会\n明天出差\n');
    expect(result.tables).toEqual([]);
    expect(result.problems[0]).toMatchObject({ severity: 'error', line: 1 });
  });

  it('ragged rows: short and long rows still lose nothing', async () => {
    const input = [TITLE, HEADER_16, '1\t职责', '\t\t目标\t指标\t解释\t5次\t\t5次\t年度工作计划\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t尾巴', '2'].join('\n');
    const result = await importText('x.txt', input);
    expect(result.problems).toEqual([]);
    const text = result.tables[0]!.text;
    assertCanonical(text);
    assertNothingLost(input, [text]);
  });

  it('a 10 MB input is imported whole', async () => {
    // without the seeds, rows as long as real ones: 10 MB stays within the import's 100,000 rows
    const row = '1\t招商\t推介\t次数\t全年实际到位的招商引资资金，按季度统计并报送完成情况，数据来源于年度工作计划和统计台账，以合同约定和银行进账单为准，跨年度项目按当年实际到位额计入\t3次\t\t3次\t年度工作计划';
    const seedText = seeds.length > 0 ? fs.readFileSync(path.join(seedDir, '投资促进局.txt'), 'utf8') : [TITLE, HEADER_16, row].join('\n');
    const body = seedText.split('\n').slice(1).join('\n');
    const parts = [seedText];
    let size = encode(seedText).length;
    while (size < 10 * 1024 * 1024) {
      parts.push(body);
      size += encode(body).length + 1;
    }
    const bytes = encode(parts.join('\n'));
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    const result = await importTables({ name: 'big.txt', bytes });
    expect(result.problems).toEqual([]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0]!.summary.indicators).toBeGreaterThan(1000);
  });
});

describe('rows above the header (issue 16): recognised, left out, in one review note', () => {
  /** The review comment lines of an imported text, and those given more than once. */
  function reviewComments(text: string): { all: string[]; repeated: string[] } {
    const all = text.split('\n').filter((l) => l.trim().startsWith('# 待核对'));
    return { all, repeated: all.filter((l, i) => all.indexOf(l) !== i) };
  }

  it('a workbook with a merged title, a unit row and a merged banner: one note, each text once, the table read as usual', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    const width = 16;
    sheet.addRow(['附件3']);
    sheet.addRow(['测试局部门预算整体绩效目标表（2024年度）']);
    sheet.mergeCells(2, 1, 2, width);
    sheet.addRow(['编制单位：测试局（盖章）', '', '', '', '', '', '', '', '', '', '', '', '', '', '单位：万元']);
    sheet.mergeCells('A3:D3');
    sheet.mergeCells('O3:P3');
    sheet.addRow(['说明：本表所列指标均为年度指标，请各科室据实填报。']);
    sheet.mergeCells(4, 1, 5, width); // a note merged over two rows and the whole width
    sheet.addRow([]);
    sheet.addRow(['职责序号', '部门职责', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', '', '', '', '', '', '备注', '工作活动', '预算项目', '对应科室']);
    sheet.addRow(['', '', '', '', '', '', '规划值', '当年标准值', '', '前三年均值', '上年值', '来源']);
    sheet.addRow(['1', '招商', '推介开发区', '推介会次数', '全年推介会', '4次', '', '4次', '年度工作计划', '', '', '', '', '办会', '招商经费', '招商科']);
    const result = await importTables({ name: 'form.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    expect(result.problems).toEqual([]);
    const [table] = result.tables;
    expect([table!.department, table!.year]).toEqual(['测试局', '2024']);
    const ast = assertCanonical(table!.text);
    expect([...indicatorsOf(ast)].map(({ indicator }) => [indicator.name.text, indicator.target?.text])).toEqual([['推介会次数', '4次']]);
    const { all, repeated } = reviewComments(table!.text);
    expect(repeated).toEqual([]);
    expect(all).toHaveLength(1);
    for (const text of ['附件3', '编制单位：测试局（盖章）', '单位：万元', '说明：本表所列指标均为年度指标，请各科室据实填报。']) {
      expect(all[0]!.split(text)).toHaveLength(2); // each text once
    }
    // each text is a cell for review, named by its row in the note
    expect(table!.reviewCells.map((c) => [c.row, c.text])).toEqual([
      [1, '附件3'],
      [3, '编制单位：测试局（盖章）'],
      [3, '单位：万元'],
      [4, '说明：本表所列指标均为年度指标，请各科室据实填报。'],
    ]);
    for (const cell of table!.reviewCells) expect(all[0]).toContain(`第 ${cell.row} 行`);
  });

  it('pasted text: an attachment mark and a unit line above the title and the header go in the note, the table is read', async () => {
    const input = ['附件3', TITLE, '单位：万元\t\t\t填报日期：2023年1月', HEADER_16, '1\t招商\t推介\t次数\t解释\t3次\t\t3次\t年度工作计划'].join('\n');
    const result = await importText('x.txt', input);
    expect(result.problems).toEqual([]);
    const text = result.tables[0]!.text;
    assertCanonical(text);
    assertNothingLost(input, [text]);
    const { all } = reviewComments(text);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatch(/^# 待核对: 表头之前的 2 行未作为表格内容导入.*第 1 行 \/ row 1「附件3」.*第 3 行 \/ row 3「单位：万元」.*「填报日期：2023年1月」/);
  });

  it.each(['宣传统战部', '政法委', '纪工委监工委'])('the tool\'s own XLSX form of %s (title, merged error banner): no flood of identical comments', async (department) => {
    const report = await import('../report/index');
    const { analyze } = await import('../service/index');
    const file = `examples/${department}-2022.ttab`;
    const text = fs.readFileSync(path.join(examplesDir, `${department}-2022.ttab`), 'utf8');
    const { parsed, findings } = analyze(text);
    expect(findings.some((f) => f.severity === 'error')).toBe(true); // the banner is there
    const bytes = await report.xlsxBuffer(report.buildReportModel([{ file, text, parsed, findings }]));
    const result = await importTables({ name: 'form.xlsx', bytes });
    expect(result.problems).toEqual([]);
    const imported = result.tables[0]!.text;
    const { all, repeated } = reviewComments(imported);
    expect(repeated).toEqual([]);
    // the banner: one line saying it was left out, none of its messages copied
    expect(all.filter((l) => l.includes('ttab report'))).toHaveLength(1);
    expect(imported).not.toContain('TT1');
    expect(result.tables[0]!.reviewCells.filter((c) => c.row < 8)).toEqual([]);
  });
});

describe('round trip through `ttab report --format csv`', async () => {
  const report = await import('../report/index').catch(() => undefined);
  const { analyze } = await import('../service/index');

  /** The model a report shows: every indicator with its levels, its fields and its inherited values resolved. */
  function semanticModel(table: Table) {
    return {
      department: table.department?.text,
      year: table.year?.text,
      indicators: [...indicatorsOf(table)].map((ctx) => ({
        duty: [ctx.duty.number?.text, ctx.duty.title.text],
        number: rowNumber(ctx)?.text,
        item: ctx.item?.title.text,
        objective: ctx.objective.title.text,
        // an empty field is no value, as a blank cell is
        fields: [ctx.indicator.name, ...ctx.indicator.fields.filter((f) => !['activity', 'project', 'office'].includes(f.key) && f.text !== '')].map((f) => [f.key, f.text]),
        activity: inheritedTexts(ctx, 'activity'),
        project: inheritedTexts(ctx, 'project'),
        office: inheritedTexts(ctx, 'office'),
      })),
    };
  }

  it.skipIf(!report)('import of the report CSV of every example gives back the same model', async () => {
    const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).sort();
    const inputs = files.map((file) => {
      const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
      const { parsed, findings } = analyze(text);
      return { file, text, parsed, findings };
    });
    const csv = report!.renderCsv(report!.buildReportModel(inputs));
    const result = await importTables({ name: 'report.csv', bytes: encode(csv) });
    expect(result.problems).toEqual([]);
    expect(result.tables).toHaveLength(files.length);
    result.tables.forEach((t, i) => {
      const ast = assertCanonical(t.text);
      expect(semanticModel(ast)).toEqual(semanticModel(inputs[i]!.parsed.ast));
    });
  });

  const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')).sort();

  it.skipIf(!report).each(examples)('import of the XLSX form (`ttab report --kind form --format xlsx`) of %s gives back the same model', async (file) => {
    const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
    const { parsed, findings } = analyze(text);
    const bytes = await report!.xlsxBuffer(report!.buildReportModel([{ file: `examples/${file}`, text, parsed, findings }]));
    const result = await importTables({ name: 'form.xlsx', bytes });
    expect(result.problems).toEqual([]);
    expect(result.tables).toHaveLength(1);
    const ast = assertCanonical(result.tables[0]!.text);
    expect(semanticModel(ast)).toEqual(semanticModel(parsed.ast));
  });

  it.skipIf(!report)('the XLSX form of a table with 序号 under a merged duty gives back the numbers', async () => {
    const text = [
      '部门 测试局',
      '年度 2023',
      '',
      '职责 1 负责全区招商引资工作',
      '  科室 招商科',
      '  目标 推介开发区',
      '    指标 推介会次数',
      '      指标值 4次',
      '    指标 推介满意度',
      '      指标值 ≥90%',
      '  目标 促成项目签约',
      '    序号 2',
      '    指标 签约项目数',
      '      指标值 10个',
      '    指标 项目落地率',
      '      序号 3',
      '      指标值 ≥80%',
      '',
      '职责 4 负责外贸工作',
      '  事项 外贸进出口',
      '    目标 稳外贸',
      '      指标 进出口额',
      '        指标值 3亿美元',
      '  事项 外贸服务',
      '    序号 5',
      '    目标 服务企业',
      '      指标 走访企业数',
      '        指标值 60家',
      '',
    ].join('\n');
    const { parsed, findings } = analyze(text);
    const bytes = await report!.xlsxBuffer(report!.buildReportModel([{ file: 't.ttab', text, parsed, findings }]));
    const result = await importTables({ name: 'form.xlsx', bytes });
    const imported = result.tables[0]!.text;
    const ast = assertCanonical(imported);
    expect(semanticModel(ast)).toEqual(semanticModel(parsed.ast));
    expect(imported.split('\n').filter((l) => l.trim().startsWith('序号'))).toEqual(['    序号 2', '      序号 3', '    序号 5']);
    // nothing for review but the report's own error list, left out
    expect(imported.split('\n').filter((l) => l.includes('待核对') && !l.includes('ttab report'))).toEqual([]);
  });

  it.skipIf(!report)('texts that look like formulas come back as written, from the CSV (apostrophe) and from the XLSX form (quote prefix)', async () => {
    const text = [
      '部门 甲',
      '年度 2022',
      '',
      '职责 1 ＝招商',
      '  目标 @推介',
      '    指标 ＝1+1',
      '      解释 -完成数/计划数',
      '      指标值 5次',
      '      上年值 -3次',
      '      历史来源 ＋内部统计',
      '',
    ].join('\n');
    const { parsed, findings } = analyze(text);
    const model = report!.buildReportModel([{ file: 'a.ttab', text, parsed, findings }]);
    for (const [name, bytes] of [
      ['report.csv', encode(report!.renderCsv(model))],
      ['report.xlsx', await report!.xlsxBuffer(model)],
    ] as const) {
      const result = await importTables({ name, bytes });
      expect(result.problems.filter((p) => p.severity === 'error'), name).toEqual([]);
      expect(semanticModel(assertCanonical(result.tables[0]!.text)), name).toEqual(semanticModel(parsed.ast));
    }
  });
});
