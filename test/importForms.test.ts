/**
 * The importer keeps the structure of real forms (issue 13), on tables written the way the forms
 * come (pasted out of PDFs: merged cells blank; XLSX: merged ranges), in several variants each:
 *
 * - rows whose 部门职责 is blank or merged belong to the duty above; a row's own 职责序号 is kept
 *   as 序号, never as a text-less duty — and the form rebuilt from the import shows the same
 *   number column;
 * - a sub-duty written in the 部门职责 column (the 事项 column blank, or the whole row shifted
 *   left by one) becomes a 事项 of the numbered duty above;
 * - once a row of a block is recognised as shifted (活动/预算项目/科室 off the header), the rows
 *   below it with the same layout are read the same way.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { indicatorsOf, inheritedTexts, parse, rowNumber, type Table } from '../grammar/src/index';
import { analyze } from '../service/index';
import { formatTable } from '../service/index';
import { importTables, type ImportedTableResult } from '../import/index';
import { buildReportModel } from '../report/index';
import { outline } from './support/ast';

const TITLE = '# 测试局部门预算整体绩效目标表（2023年度）';
/** The official header with 部门职责 in one column, as pasted out of a PDF. */
const HEADER_ONE = [
  '职责序号\t部门职责\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
  '\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
].join('\n');
/** The official header with 部门职责 in two columns (duty and 事项). */
const HEADER_TWO = [
  '职责序号\t部门职责\t\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
  '\t\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t来源',
].join('\n');

async function importOne(input: string | Uint8Array, name = 'x.txt'): Promise<{ table: ImportedTableResult; ast: Table }> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const result = await importTables({ name, bytes });
  expect(result.problems).toEqual([]);
  expect(result.tables).toHaveLength(1);
  const table = result.tables[0]!;
  const parsed = parse(table.text);
  expect(parsed.errors).toEqual([]);
  const formatted = formatTable(table.text, parsed);
  expect(formatted.ok && formatted.text).toBe(table.text);
  return { table, ast: parsed.ast };
}

/** The tree without fields: `duty: #1 招商`, `  item: …`, `    number: 2` (a 序号), `    objective: …`, indicators. */
function levels(ast: Table): string[] {
  return outline(ast)
    .split('\n')
    .filter((line) => /^\s*(duty|item|objective|indicator|number):/.test(line));
}

/** The 职责序号 column of the form rebuilt from the imported table: `^` where the cell above is merged over it. */
function numberColumn(text: string): string[] {
  const { parsed, findings } = analyze(text);
  const [table] = buildReportModel([{ file: 't.ttab', text, parsed, findings }]).tables;
  return table!.rows.map((row) => (row.spans.dutyNumber === 0 ? '^' : row.cells.dutyNumber));
}

function reviewLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim().startsWith('# 待核对'));
}

const textlessDuties = (ast: Table) => ast.duties.filter((d) => d.title.text === '');

describe('rows whose 部门职责 is merged with the row above belong to the duty above', () => {
  it('numbered rows under one merged duty, each with its own objective: 序号 on the objectives, no text-less duty', async () => {
    const { ast, table } = await importOne(
      [
        TITLE,
        HEADER_ONE,
        '1\t负责全区招商引资工作\t推介开发区\t推介会次数\t全年举办推介会次数\t4次\t\t4次\t年度工作计划\t\t\t\t\t举办推介会\t招商经费\t招商科',
        '2\t\t促成项目签约\t签约项目数\t全年签约项目个数\t10个\t\t10个\t年度工作计划\t\t\t\t\t组织签约\t招商经费\t招商科',
        '3\t\t跟踪服务项目落地\t项目落地率\t落地项目/签约项目\t≥80%\t\t80%\t年度工作计划\t\t\t\t\t跟踪服务\t招商经费\t招商科',
        '4\t负责外贸工作\t稳外贸\t进出口额\t全年进出口额\t3亿美元\t\t3亿美元\t年度工作计划\t\t\t\t\t服务企业\t外贸经费\t外贸科',
      ].join('\n'),
    );
    expect(textlessDuties(ast)).toEqual([]);
    expect(levels(ast)).toEqual([
      'duty: #1 负责全区招商引资工作',
      '  objective: 推介开发区',
      '    indicator: 推介会次数',
      '  objective: 促成项目签约',
      '    number: 2',
      '    indicator: 签约项目数',
      '  objective: 跟踪服务项目落地',
      '    number: 3',
      '    indicator: 项目落地率',
      'duty: #4 负责外贸工作',
      '  objective: 稳外贸',
      '    indicator: 进出口额',
    ]);
    // the form rebuilt from the import numbers its rows as the original did
    expect(numberColumn(table.text)).toEqual(['1', '2', '3', '4']);
    // the reading is an inference on pasted text: each such row is named for review
    expect(reviewLines(table.text).filter((l) => l.includes('部门职责空白'))).toHaveLength(2);
    expect(table.reviewCells.map((c) => [c.row, c.text])).toEqual([
      [5, '2'],
      [6, '3'],
    ]);
  });

  it('numbered rows with the objective merged too: 序号 on the indicators; a row with a blank number keeps the number above', async () => {
    const { ast, table } = await importOne(
      [
        TITLE,
        HEADER_ONE,
        '1\t精神文明创建\t双城同创\t专项行动次数\t每年开展专项行动次数\t5次\t\t5次\t年度工作计划',
        '2\t\t\t问题整改率\t发现问题的整改比例\t≥95%\t\t≥95%\t年度工作计划',
        '\t\t\t整改回访次数\t整改后回访次数\t4次\t\t4次\t年度工作计划',
        '3\t\t志愿服务\t志愿服务活动场次\t年度开展志愿服务场次\t50场\t\t50场\t年度工作计划',
      ].join('\n'),
    );
    expect(textlessDuties(ast)).toEqual([]);
    expect(ast.duties).toHaveLength(1);
    const numbers = [...indicatorsOf(ast)].map((ctx) => [ctx.indicator.name.text, rowNumber(ctx)?.text]);
    expect(numbers).toEqual([
      ['专项行动次数', '1'],
      ['问题整改率', '2'],
      ['整改回访次数', '2'],
      ['志愿服务活动场次', '3'],
    ]);
    expect(numberColumn(table.text)).toEqual(['1', '2', '2', '3']);
  });

  it('merged rows without numbers of their own continue the duty (and the 事项) above, also after a page break', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        '1\t招引人才\t人才引进\t完成人才指标\t人才指标完成率\t完成数/任务数\t100%\t\t100%\t年度工作计划',
        '\t\t\t\t引进硕士人数\t全年引进硕士以上人才\t12人\t\t12人\t年度工作计划',
        '',
        HEADER_TWO,
        '\t\t\t\t人才公寓入住率\t入住/房源\t≥90%\t\t90%\t年度工作计划',
      ].join('\n'),
    );
    expect(levels(ast)).toEqual([
      'duty: #1 招引人才',
      '  item: 人才引进',
      '    objective: 完成人才指标',
      '      indicator: 人才指标完成率',
      '      indicator: 引进硕士人数',
      '      indicator: 人才公寓入住率',
    ]);
  });

  it('a new duty text with its own number is still a new duty; the same text under a new number too (forms repeat it)', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_ONE,
        '1\t智慧城市建设\t顶层设计\t服务验收\t服务验收\t100%\t\t100%\t工作要求',
        '2\t智慧城市建设\t运维服务\t服务验收\t服务验收\t100%\t\t100%\t工作要求',
        '3\t统计系统指导\t视频会议\t统计工作\t传达统计部署\t100%\t\t100%\t工作要求',
      ].join('\n'),
    );
    expect(ast.duties.map((d) => `${d.number?.text} ${d.title.text}`)).toEqual(['1 智慧城市建设', '2 智慧城市建设', '3 统计系统指导']);
    expect([...indicatorsOf(ast)].every((ctx) => rowNumber(ctx)?.from === ctx.duty)).toBe(true);
  });

  it('XLSX: 部门职责 merged over rows numbered apart → 序号, with no review note (the merge is explicit)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.addRow(['测试局部门预算整体绩效目标表（2024年度）']);
    sheet.mergeCells('A1:P1');
    sheet.addRow(['职责序号', '部门职责', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', '', '', '', '', '', '备注', '工作活动', '预算项目', '对应科室']);
    sheet.addRow(['', '', '', '', '', '', '规划值', '当年标准值', '', '前三年均值', '上年值', '来源']);
    sheet.addRow(['1', '负责全区招商引资工作', '推介开发区', '推介会次数', '全年举办推介会次数', '4次', '', '4次', '年度工作计划', '', '', '', '', '举办推介会', '招商经费', '招商科']);
    sheet.addRow(['2', '', '促成项目签约', '签约项目数', '全年签约项目个数', '10个', '', '10个', '年度工作计划', '', '', '', '', '组织签约', '', '']);
    sheet.addRow(['3', '', '', '项目落地率', '落地项目/签约项目', '≥80%', '', '80%', '年度工作计划', '', '', '', '', '跟踪服务', '', '']);
    sheet.addRow(['4', '负责外贸工作', '稳外贸', '进出口额', '全年进出口额', '3亿美元', '', '3亿美元', '年度工作计划', '', '', '', '', '服务企业', '外贸经费', '外贸科']);
    sheet.mergeCells('B4:B6'); // 部门职责 over rows numbered 1, 2, 3
    sheet.mergeCells('C5:C6'); // the second objective over rows 2 and 3
    sheet.mergeCells('O4:O6');
    sheet.mergeCells('P4:P6');
    const { ast, table } = await importOne(new Uint8Array(await workbook.xlsx.writeBuffer()), 't.xlsx');
    expect(textlessDuties(ast)).toEqual([]);
    expect(levels(ast)).toEqual([
      'duty: #1 负责全区招商引资工作',
      '  objective: 推介开发区',
      '    indicator: 推介会次数',
      '  objective: 促成项目签约',
      '    number: 2',
      '    indicator: 签约项目数',
      '    indicator: 项目落地率',
      '      number: 3',
      'duty: #4 负责外贸工作',
      '  objective: 稳外贸',
      '    indicator: 进出口额',
    ]);
    expect(numberColumn(table.text)).toEqual(['1', '2', '3', '4']);
    expect(reviewLines(table.text)).toEqual([]);
    // the merged 预算项目 and 科室 are the duty's
    expect([...indicatorsOf(ast)].slice(0, 3).map((ctx) => inheritedTexts(ctx, 'office'))).toEqual([['招商科'], ['招商科'], ['招商科']]);
  });
});

describe('sub-duty rows written in the 部门职责 column become 事项 of the duty above', () => {
  const DUTY_1 = '1\t合法性审核\t规范性文件审核\t加强规范性文件审查\t审查率\t审查数/送审数\t100%\t\t100%\t行业标准\t\t\t\t\t审核文件\t法制专项\t法制科';

  it('the 事项 text in 部门职责 and the 事项 column blank (its cell spans both duty columns)', async () => {
    const { ast, table } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        DUTY_1,
        '\t行政复议应诉协调\t\t协调复议诉讼答辩\t答辩完成率\t按期答辩/应答辩\t100%\t\t100%\t规划目标\t\t\t\t\t协调答辩\t法制专项\t法制科',
        '\t行政执法监管协助\t\t开展执法人员培训\t培训次数\t协助执法局培训\t≥1次\t\t≥1次\t规划目标\t\t\t\t\t组织培训\t法制专项\t法制科',
        '2\t普法宣传\t法治宣传\t法治园区建设\t宣传活动次数\t全年宣传活动\t3次\t\t3次\t规划目标\t\t\t\t\t宣讲\t普法经费\t政法科',
      ].join('\n'),
    );
    expect(ast.duties.map((d) => `${d.number?.text} ${d.title.text}`)).toEqual(['1 合法性审核', '2 普法宣传']);
    expect(ast.duties[0]!.items.map((i) => i.title.text)).toEqual(['规范性文件审核', '行政复议应诉协调', '行政执法监管协助']);
    expect(reviewLines(table.text).filter((l) => l.includes('没有职责序号'))).toHaveLength(2);
    const [, second] = [...indicatorsOf(ast)];
    expect(second!.indicator.target?.text).toBe('100%');
    expect(inheritedTexts(second!, 'activity')).toEqual(['协调答辩']);
  });

  it('the whole row shifted left by one (the target in 指标解释): aligned again, every field in its place', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        DUTY_1,
        '\t合同审核\t审查管委会合同\t合同审查率\t审查合同数/送审合同数\t100%\t\t100%\t规划目标\t\t\t\t\t审核合同\t法制专项\t法制科',
        '\t法律顾问聘用\t聘请常年法律顾问\t顾问费用\t全年法律顾问费用\t≥12万元\t\t12万元\t顾问合同\t\t\t\t\t签订顾问合同\t法制专项\t法制科',
      ].join('\n'),
    );
    expect(levels(ast)).toEqual([
      'duty: #1 合法性审核',
      '  item: 规范性文件审核',
      '    objective: 加强规范性文件审查',
      '      indicator: 审查率',
      '  item: 合同审核',
      '    objective: 审查管委会合同',
      '      indicator: 合同审查率',
      '  item: 法律顾问聘用',
      '    objective: 聘请常年法律顾问',
      '      indicator: 顾问费用',
    ]);
    const last = [...indicatorsOf(ast)][2]!;
    expect(last.indicator.explanation?.text).toBe('全年法律顾问费用');
    expect(last.indicator.target?.text).toBe('≥12万元');
    expect(last.indicator.standard?.text).toBe('12万元');
    expect(last.indicator.standardSource?.text).toBe('顾问合同');
    expect(inheritedTexts(last, 'activity')).toEqual(['签订顾问合同']);
    expect(inheritedTexts(last, 'project')).toEqual(['法制专项']);
    expect(inheritedTexts(last, 'office')).toEqual(['法制科']);
  });

  it('both duty columns filled and no number: one 事项, the 事项 cell its second line (nothing lost)', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        DUTY_1,
        '\t政府法律顾问聘用\t管委会常年法律顾问聘用\t管委会聘请法律顾问\t顾问服务满意度\t满意人数/调查人数\t≥90%\t\t90%\t规划目标\t\t\t\t\t签订合同\t法制专项\t法制科',
      ].join('\n'),
    );
    expect(ast.duties).toHaveLength(1);
    expect(ast.duties[0]!.items.map((i) => i.title.text)).toEqual(['规范性文件审核', '政府法律顾问聘用\n管委会常年法律顾问聘用']);
  });

  it('not a sub-duty: a table whose duties carry no numbers, a numbered new duty, a form with 部门职责 in one column', async () => {
    const unnumbered = await importOne(
      [
        TITLE,
        HEADER_TWO,
        '\t招商引资\t推介会\t推介开发区\t推介会次数\t全年推介会\t4次\t\t4次\t年度工作计划',
        '\t外贸服务\t进出口\t稳外贸\t进出口额\t全年进出口额\t3亿美元\t\t3亿美元\t年度工作计划',
      ].join('\n'),
    );
    expect(unnumbered.ast.duties.map((d) => d.title.text)).toEqual(['招商引资', '外贸服务']);
    const oneColumn = await importOne(
      [
        TITLE,
        HEADER_ONE,
        '1\t招商引资\t推介开发区\t推介会次数\t全年推介会\t4次\t\t4次\t年度工作计划',
        '\t外贸服务\t稳外贸\t进出口额\t全年进出口额\t3亿美元\t\t3亿美元\t年度工作计划',
      ].join('\n'),
    );
    expect(oneColumn.ast.duties.map((d) => d.title.text)).toEqual(['招商引资', '外贸服务']);
    expect(oneColumn.ast.duties.every((d) => d.items.length === 0)).toBe(true);
  });

  it('XLSX: a row whose 职责序号 cell is merged with the duty\'s is a 事项 of it; an empty number cell of its own is a duty without number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.addRow(['测试局部门预算整体绩效目标表（2024年度）']);
    sheet.addRow(['职责序号', '部门职责', '', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', '', '', '', '', '', '备注', '工作活动', '预算项目', '对应科室']);
    sheet.addRow(['', '', '', '', '', '', '', '规划值', '当年标准值', '', '前三年均值', '上年值', '来源']);
    sheet.mergeCells('B2:C3');
    sheet.addRow(['1', '合法性审核', '规范性文件审核', '加强审查', '审查率', '审查数/送审数', '100%', '', '100%', '行业标准']);
    sheet.addRow(['', '行政复议应诉协调', '', '协调答辩', '答辩完成率', '按期/应答', '100%', '', '100%', '规划目标']);
    sheet.addRow(['', '行政执法监管协助', '', '开展培训', '培训次数', '协助培训', '≥1次', '', '≥1次', '规划目标']);
    sheet.mergeCells('A4:A5'); // the number 1 covers the 事项 row below, not the duty after it
    const { ast } = await importOne(new Uint8Array(await workbook.xlsx.writeBuffer()), 't.xlsx');
    expect(ast.duties.map((d) => `${d.number?.text ?? '-'} ${d.title.text}`)).toEqual(['1 合法性审核', '- 行政执法监管协助']);
    expect(ast.duties[0]!.items.map((i) => i.title.text)).toEqual(['规范性文件审核', '行政复议应诉协调']);
  });
});

describe('a block shifted off the header is read the same way on every row', () => {
  it('活动/预算项目/科室 one column left: the rows below (科室 merged, blank) keep the activity out of 备注', async () => {
    const { ast, table } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        '1\t负责全区招商引资工作\t组织推介会\t推介开发区\t推介会次数\t全年举办推介会次数\t4次\t\t4次\t年度工作计划\t\t\t\t举办推介会\t招商经费\t招商科',
        '\t\t\t\t签约项目数\t全年签约项目个数\t10个\t\t10个\t年度工作计划\t\t\t\t组织企业签约\t双招双引',
        '\t\t\t\t项目落地率\t落地项目/签约项目\t≥80%\t\t80%\t年度工作计划\t\t\t\t跟踪服务项目落地\t双招双引',
        '\t\t\t\t走访企业数\t全年走访企业个数\t60家\t\t60家\t年度工作计划\t\t\t\t走访重点企业\t双招双引',
      ].join('\n'),
    );
    const read = [...indicatorsOf(ast)].map((ctx) => [ctx.indicator.remark?.text ?? null, inheritedTexts(ctx, 'activity'), inheritedTexts(ctx, 'project')]);
    expect(read).toEqual([
      [null, ['举办推介会'], ['招商经费']],
      [null, ['组织企业签约'], ['双招双引']],
      [null, ['跟踪服务项目落地'], ['双招双引']],
      [null, ['走访重点企业'], ['双招双引']],
    ]);
    // each moved row is named for review
    for (const row of [5, 6, 7]) expect(reviewLines(table.text).some((l) => l.includes(`第 ${row} 行`))).toBe(true);
  });

  it('one column right (an empty cell pasted before 备注): the rows below read 活动 and 预算项目, not 预算项目 and 科室', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        '1\t负责全区招商引资工作\t组织推介会\t推介开发区\t推介会次数\t全年举办推介会次数\t4次\t\t4次\t年度工作计划\t\t\t\t\t\t举办推介会\t招商经费\t招商科',
        '\t\t\t\t签约项目数\t全年签约项目个数\t10个\t\t10个\t年度工作计划\t\t\t\t\t\t组织企业签约\t双招双引',
        '\t\t\t\t走访企业数\t全年走访企业个数\t60家\t\t60家\t年度工作计划\t\t\t\t\t\t走访重点企业\t双招双引',
      ].join('\n'),
    );
    const read = [...indicatorsOf(ast)].map((ctx) => [inheritedTexts(ctx, 'activity'), inheritedTexts(ctx, 'project'), ctx.indicator.office.map((f) => f.text)]);
    expect(read).toEqual([
      [['举办推介会'], ['招商经费'], ['招商科']],
      [['组织企业签约'], ['双招双引'], []],
      [['走访重点企业'], ['双招双引'], []],
    ]);
  });

  it('the next header starts a new block: its rows are read where they stand', async () => {
    const { ast } = await importOne(
      [
        TITLE,
        HEADER_TWO,
        '1\t负责全区招商引资工作\t组织推介会\t推介开发区\t推介会次数\t全年举办推介会次数\t4次\t\t4次\t年度工作计划\t\t\t\t举办推介会\t招商经费\t招商科',
        '',
        HEADER_TWO,
        '2\t负责外贸工作\t外贸进出口\t稳外贸\t进出口额\t全年进出口额\t3亿美元\t\t3亿美元\t年度工作计划\t\t\t\t无\t服务企业\t外贸经费',
      ].join('\n'),
    );
    const last = [...indicatorsOf(ast)][1]!;
    expect(last.indicator.remark?.text).toBe('无');
    expect(inheritedTexts(last, 'activity')).toEqual(['服务企业']);
    expect(inheritedTexts(last, 'project')).toEqual(['外贸经费']);
  });

  it('a row moved by its neighbours, not by its own content, does not pull the rows below', async () => {
    // a PDF paste whose trailing columns all stand one left of the header (the habit of this
    // table); on row 8, 统战科 in 预算项目 drags the activity before it into 预算项目 too — a move
    // its own content does not support, so row 9's activity stays an activity
    const header = [
      '职责序号\t部门职责\t\t职责目标\t绩效指标\t指标解释\t年度指标值\t指标参考值\t\t\t\t\t备注\t工作活动\t预算项目\t对应科室',
      '\t\t\t\t\t\t\t规划值\t当年标准值\t\t前三年均值\t上年值\t\t\t\t\t来源',
      '\t\t\t\t\t\t\t\t标准值\t来源',
    ].join('\n');
    const { ast } = await importOne(
      [
        TITLE,
        header,
        '1\t新闻宣传\t新闻稿件制作\t提高开发区知名度\t媒体发稿数量\t每年发稿数量\t720篇\t\t720篇\t年度工作计划\t700\t1000\t内部工作总结\t发表稿件\t宣传工作专项经费\t新闻科',
        '\t\t党报党刊征订\t巩固主阵地\t完成征订数量\t征订份数\t1000份以上\t\t1000份\t年度工作计划\t\t\t\t收发报刊\t宣传工作专项经费\t新闻科',
        '2\t精神文明创建\t双城同创\t提升文明程度\t专项行动次数\t每年专项行动\t5次\t\t5次\t年度工作计划\t5次\t5次\t内部统计\t定期检查\t基本支出\t精神文明创建科',
        '3\t统一战线\t文化建设\t传承沂蒙精神\t活动次数\t年度开展活动次数\t20次\t\t20次\t年度工作计划\t\t\t\t组织开展“沂蒙精神百企行”活动\t统战科',
        '\t\t\t\t举办培训班次数\t年度举办培训班次数\t7次\t\t7次\t年度工作计划\t\t\t\t组织开展“弘扬爱国奋斗精神”等教育活动',
      ].join('\n'),
    );
    const last = [...indicatorsOf(ast)][4]!;
    expect(last.indicator.name.text).toBe('举办培训班次数');
    expect(last.indicator.activity.map((f) => f.text)).toEqual(['组织开展“弘扬爱国奋斗精神”等教育活动']);
    expect(last.indicator.project).toEqual([]);
  });
});
