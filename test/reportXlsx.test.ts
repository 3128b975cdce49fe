/**
 * The XLSX form read back with exceljs: the title, the header with its merges,
 * the row spans of merged cells, every cell value against the report model,
 * and the sheet set-up a printed form needs (A4 landscape, header rows frozen
 * and repeated, column widths, wrapped text). One sheet per table.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { analyze } from '../service/index';
import { buildReportModel, formHeader, MERGED_COLUMNS, sheetLayout, xlsxBuffer, type MergedColumn, type ReportModel, type ReportTable } from '../report/index';

function modelOf(...tables: { file: string; text: string }[]): ReportModel {
  return buildReportModel(
    tables.map(({ file, text }) => {
      const { parsed, findings } = analyze(text);
      return { file, text, parsed, findings };
    }),
  );
}

async function readBack(model: ReportModel): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await xlsxBuffer(model, { locale: 'en' })) as unknown as ArrayBuffer);
  return workbook;
}

function address(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function range(top: number, left: number, bottom: number, right: number): string {
  return `${address(top, left)}:${address(bottom, right)}`;
}

/** The merges the form must have, from the model: title, header cells spanning more than one cell, row spans. */
function expectedMerges(table: ReportTable): string[] {
  const layout = sheetLayout(table);
  const width = table.columns.length;
  const merges = [range(layout.titleRow, 1, layout.titleRow, width), ...layout.errorRows.map((r) => range(r, 1, r, width))];
  for (const h of formHeader(table.columns)) {
    if (h.rowSpan > 1 || h.colSpan > 1) merges.push(range(layout.headerTop + h.row, h.col + 1, layout.headerTop + h.row + h.rowSpan - 1, h.col + h.colSpan));
  }
  table.rows.forEach((row, i) => {
    for (const column of MERGED_COLUMNS) {
      const k = table.columns.indexOf(column);
      const span = row.spans[column as MergedColumn];
      if (k >= 0 && span > 1) merges.push(range(layout.bodyTop + i, k + 1, layout.bodyTop + i + span - 1, k + 1));
    }
  });
  return merges.sort();
}

const EXAMPLE = { file: 'examples/投资促进局-2022.ttab', text: readFileSync(new URL('../examples/投资促进局-2022.ttab', import.meta.url), 'utf8') };

describe('XLSX form', () => {
  it('has exactly the merges of the form: title, two-level header, and the row spans of the model', async () => {
    const model = modelOf(EXAMPLE);
    const sheet = (await readBack(model)).worksheets[0]!;
    const merges = [...(sheet.model.merges as string[])].sort();
    expect(merges).toEqual(expectedMerges(model.tables[0]!));
    // the example's duty 1 spans its three indicators, and its office (given on the duty) too
    expect(merges).toContain('A6:A8');
    expect(merges).toContain(`${address(6, model.tables[0]!.columns.indexOf('office') + 1)}:${address(8, model.tables[0]!.columns.indexOf('office') + 1)}`);
  });

  it('every cell holds the model\'s text: the title, the header, and each row\'s columns (merged cells on their first row)', async () => {
    const model = modelOf(EXAMPLE);
    const table = model.tables[0]!;
    const sheet = (await readBack(model)).worksheets[0]!;
    const layout = sheetLayout(table);
    expect(sheet.getCell(1, 1).value).toBe('投资促进局部门预算整体绩效目标表（2022年度）');
    for (const h of formHeader(table.columns)) expect(sheet.getCell(layout.headerTop + h.row, h.col + 1).value).toBe(h.text);
    expect(sheet.rowCount).toBe(layout.bodyTop - 1 + table.rows.length);
    table.rows.forEach((row, i) => {
      table.columns.forEach((column, k) => {
        const cell = sheet.getCell(layout.bodyTop + i, k + 1);
        const merged = (MERGED_COLUMNS as readonly string[]).includes(column) && row.spans[column as MergedColumn] === 0;
        if (merged) expect(cell.isMerged && cell.master !== cell, `${cell.address} covered`).toBe(true);
        else expect(cell.value ?? '', cell.address).toBe(row.cells[column]);
      });
    });
  });

  it('is set up for printing the form: A4 landscape, header rows repeated and frozen, widths, wrapped text', async () => {
    const sheet = (await readBack(modelOf(EXAMPLE))).worksheets[0]!;
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe('2:5');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(sheet.getColumn(1).width).toBe(5);
    expect(sheet.getCell(6, 2).alignment).toMatchObject({ wrapText: true });
    expect(sheet.getCell(6, 2).border?.top?.style).toBe('thin');
  });

  it('several tables make one workbook with a sheet per table, each with unique names', async () => {
    const one = '部门 甲\n年度 2022\n职责 1 a\n  目标 b\n    指标 c\n      指标值 1次\n      备注 暂无\n';
    const workbook = await readBack(modelOf({ file: 'x/a.ttab', text: one }, { file: 'y/a.ttab', text: one }, { file: 'z/[b]:c.ttab', text: '' }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['甲2022', '甲2022(2)', '_b__c']);
  });

  it('a table with errors lists them above the form, which moves down accordingly', async () => {
    const model = modelOf({ file: 'bad.ttab', text: '部门 甲\n年度 2022\n职责 1 a\n  目标 b\n    指标 c\n      备注 暂无\n' });
    const sheet = (await readBack(model)).worksheets[0]!;
    const layout = sheetLayout(model.tables[0]!);
    expect(layout.errorRows).toEqual([2, 3]);
    expect(sheet.getCell(2, 1).value).toBe('This table has 1 error; the report may be incomplete:');
    expect(sheet.getCell(3, 1).value).toMatch(/^bad\.ttab:5 error TT102 /);
    expect(sheet.getCell(layout.headerTop, 1).value).toBe('职责序号');
    expect(sheet.getCell(layout.bodyTop, 5).value ?? '').toBe(''); // 指标解释 of indicator c
    expect(sheet.getCell(layout.bodyTop, 4).value).toBe('c');
    expect(sheet.views[0]).toMatchObject({ ySplit: layout.bodyTop - 1 });
  });
});

describe('cells that look like formulas', () => {
  const hostile = `部门 =HYPERLINK("http://evil","甲")
年度 2022
职责 1 +招商
  目标 @推介
    指标 ＝1+1
      解释 -完成数/计划数
      指标值 =100%
      上年值 -3
      前三年均值 -
      历史来源 内部统计
    指标 签约率
      指标值 ≥95%
      上年值 96%
      历史来源 内部统计
`;

  /** Each cell's text and whether its cell format carries the quote prefix, read from the XML itself (exceljs does not read quotePrefix). */
  async function cellsOf(bytes: Uint8Array): Promise<Map<string, { text: string; quotePrefix: boolean; numFmtId: string }>> {
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [.../<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)![0].matchAll(/<xf\b([^>]*)>/g)].map((m) => m[1]!);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const cells = new Map<string, { text: string; quotePrefix: boolean; numFmtId: string }>();
    // cells with a value of their own (merged cells below the first have none)
    for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")? t="\w+"/g)) {
      const xf = xfs[Number(m[2] ?? 0)]!;
      const value = book.worksheets[0]!.getCell(m[1]!).value;
      if (typeof value !== 'string') continue;
      cells.set(value, { text: value, quotePrefix: /quotePrefix="1"/.test(xf), numFmtId: /numFmtId="(\d+)"/.exec(xf)![1]! });
    }
    return cells;
  }

  it('keep their text and carry Excel’s quote prefix (and the Text format); other cells do not', async () => {
    const cells = await cellsOf(await xlsxBuffer(modelOf({ file: 'evil.ttab', text: hostile }), { locale: 'en' }));
    for (const text of ['=HYPERLINK("http://evil","甲")部门预算整体绩效目标表（2022年度）', '+招商', '@推介', '＝1+1', '-完成数/计划数', '=100%']) {
      expect(cells.get(text), text).toEqual({ text, quotePrefix: true, numFmtId: '49' });
    }
    for (const text of ['-3', '-', '签约率', '≥95%', '内部统计']) {
      expect(cells.get(text), text).toMatchObject({ text, quotePrefix: false });
      expect(cells.get(text)!.numFmtId).not.toBe('49');
    }
  });

  it('a workbook with none is written in one pass, without the Text format', async () => {
    const bytes = await xlsxBuffer(modelOf(EXAMPLE), { locale: 'en' });
    const styles = await (await JSZip.loadAsync(bytes)).file('xl/styles.xml')!.async('string');
    expect(styles).not.toContain('quotePrefix');
    expect(styles).not.toContain('numFmtId="49"');
  });
});
