/**
 * Imports of hostile and unusual spreadsheets are bounded (issue 14): a cell at the last address
 * of a sheet, merges and data validations over a whole sheet, defined names, zip bombs, huge
 * shared-strings parts, too many parts, cells, rows, columns or seconds. Each gets a clear error
 * in Chinese and English (and nothing is imported), or, when the file only looks big, imports as
 * what it really holds. The real limits are tested where a test can afford them; the others with
 * small limits (`importTables(…, { limits })`), which run the same code.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTables, IMPORT_LIMITS, type ImportResult } from '../import/index';
import { row, workbook, zip, type WorkbookParts, type ZipPart } from './support/zip';

/** A one-indicator table: title, a flat header, one row. */
const TABLE = row(1, { A: '甲局部门预算整体绩效目标表（2022年度）' }) + row(2, { A: '职责序号', B: '部门职责', C: '职责目标', D: '绩效指标', E: '年度指标值' }) + row(3, { A: '1', B: '职责', C: '目标', D: '指标', E: '5次' });

function xlsx(parts: Partial<WorkbookParts> = {}, extra: ZipPart[] = []): Uint8Array {
  return zip([...workbook({ sheetData: TABLE, ...parts }), ...extra]);
}

async function importOf(bytes: Uint8Array, limits: Partial<typeof IMPORT_LIMITS> = {}, name = 'book.xlsx'): Promise<ImportResult> {
  return importTables({ name, bytes }, { limits });
}

/** The import read the one-indicator table, and said nothing is wrong. */
function expectTable(result: ImportResult): void {
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(result.tables).toHaveLength(1);
  expect(result.tables[0]!.text).toContain('部门 甲局\n年度 2022\n');
  expect(result.tables[0]!.summary.indicators).toBe(1);
}

/** Nothing imported, and exactly one error, in both languages. */
function expectRefused(result: ImportResult, en: RegExp, zh: RegExp): void {
  expect(result.tables).toEqual([]);
  expect(result.problems).toHaveLength(1);
  expect(result.problems[0]!.severity).toBe('error');
  expect(result.problems[0]!.message.en).toMatch(en);
  expect(result.problems[0]!.message.zh).toMatch(zh);
}

describe('a cell far away', () => {
  it('the issue’s workbook (made by exceljs, a title and one cell at XFD1048576) is refused at once, naming the cell', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.getCell('A1').value = '甲局部门预算整体绩效目标表（2022年度）';
    sheet.getCell('XFD1048576').value = 'x';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    expect(bytes.length).toBeLessThan(8 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await importOf(bytes);
    expectRefused(result, /^cell XFD1048576 lies outside the import limits \(at most 100,000 rows and 1,000 columns\); delete what lies outside the table and import again$/, /^单元格 XFD1048576 超出导入范围（最多 100,000 行、1,000 列）/);
    expect(result.problems[0]).toMatchObject({ line: 1048576, sheet: 'S' });
    // the walk over a million rows × 16,384 columns took gigabytes; reading what exists takes next to nothing
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('a far cell that holds no value (only a format) is not content: the table imports', async () => {
    const result = await importOf(xlsx({ sheetData: `${TABLE}<row r="1048576"><c r="XFD1048576" s="1"/></row>` }));
    expectTable(result);
  });

  it('rows and columns are counted to the last cell with a value, the limits included', async () => {
    const limits = { maxRows: 5, maxColumns: 6 };
    expectTable(await importOf(xlsx({ sheetData: `${TABLE}${row(5, { F: '备注' })}` }), limits));
    const wide = await importOf(xlsx({ sheetData: `${TABLE}${row(4, { G: '多' })}` }), limits);
    expectRefused(wide, /^cell G4 lies outside the import limits \(at most 5 rows and 6 columns\)/, /单元格 G4 超出导入范围/);
    const long = await importOf(xlsx({ sheetData: `${TABLE}${row(6, { A: '多' })}` }), limits);
    expectRefused(long, /^cell A6 lies outside/, /单元格 A6/);
    // cells without an address (allowed by the format) are placed after the one before them
    const implicit = await importOf(xlsx({ sheetData: `${TABLE}<row r="4"><c r="F4" t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>` }), limits);
    expectRefused(implicit, /^cell G4 lies outside/, /单元格 G4/);
  });

  it('the area read (last row × last column with a value) is limited too', async () => {
    expectTable(await importOf(xlsx(), { maxGridCells: 15 }));
    const result = await importOf(xlsx({ sheetData: `${TABLE}${row(4, { F: '远' })}` }), { maxGridCells: 15 });
    expectRefused(result, /^the table area is too large: 4 rows × 6 columns = 24 cells; the import limit is 15$/, /^表格区域过大：4 行 × 6 列 = 24 个单元格，导入上限为 15$/);
  });
});

describe('ranges over the whole sheet', () => {
  it('a title merged over a whole row and the whole sheet, a data validation and column widths on every cell: read as what the cells hold', async () => {
    const afterSheetData =
      '<mergeCells count="2"><mergeCell ref="A1:XFD1"/><mergeCell ref="F2:XFD1048576"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
    const result = await importOf(xlsx({ sheetData: TABLE, afterSheetData: `<cols><col min="1" max="16384" width="9"/></cols>${afterSheetData}` }));
    expectTable(result);
  });

  it('merged cells fill their span within the cells that hold values (exceljs gives each the first cell’s value)', async () => {
    // 职责 and 目标 merged over two indicator rows
    const sheetData = TABLE + row(4, { D: '指标二', E: '6次' });
    const result = await importOf(xlsx({ sheetData, afterSheetData: '<mergeCells count="3"><mergeCell ref="A3:A4"/><mergeCell ref="B3:B4"/><mergeCell ref="C3:C4"/></mergeCells>' }));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const text = result.tables[0]!.text;
    expect(text.match(/^职责 /gm)).toHaveLength(1);
    expect(text).toContain('职责 1 职责\n  目标 目标\n    指标 指标\n      指标值 5次\n    指标 指标二\n      指标值 6次\n');
  });

  it('overlapping merges cannot multiply the work', async () => {
    const merges = Array.from({ length: 200 }, () => '<mergeCell ref="A1:E3"/>').join('');
    const result = await importOf(xlsx({ afterSheetData: `<mergeCells count="200">${merges}</mergeCells>` }), { maxGridCells: 100 });
    expectRefused(result, /^the merged cells overlap or are too large \(over 100 cells in all\)$/, /^合并单元格相互重叠或过大/);
  });

  it('a defined name over the whole sheet (exceljs would make an object per cell) is refused', async () => {
    const definedNames = '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>';
    const result = await importOf(xlsx({ definedNames }));
    expectRefused(
      result,
      /^the XLSX workbook's name _xlnm\.Print_Area \(a print area or named range\) covers 17,179,869,184 cells, over the import limit of 500,000$/,
      /^XLSX 工作簿的名称 _xlnm\.Print_Area（打印区域或命名区域）覆盖 17,179,869,184 个单元格/,
    );
    // a print area over the table is fine
    expectTable(await importOf(xlsx({ definedNames: '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Sheet1!$A$1:$E$3</definedName></definedNames>' })));
  });
});

describe('zip bombs and big parts', () => {
  const zeros = (n: number) => new Uint8Array(n);

  it('a part that inflates past the size it declares is stopped there', async () => {
    // 64 MB of zeros deflate to 64 KB; the zip says 1 KB
    const bomb = { name: 'xl/media/image1.png', data: zeros(64 * 1024 * 1024), declaredSize: 1024 };
    const result = await importOf(xlsx({}, [bomb]));
    expectRefused(result, /^the XLSX workbook is damaged: part xl\/media\/image1\.png inflates to more than it declares \(possibly a zip bomb\); not read$/, /部件 xl\/media\/image1\.png 解压后比声明的大/);
  });

  it('a part that declares more than the limit is not inflated at all', async () => {
    const result = await importOf(xlsx({}, [{ name: 'xl/media/image1.png', data: zeros(1000), declaredSize: 0xffffffff }]));
    expectRefused(result, /^the XLSX workbook is over 128 MB uncompressed \(possibly a zip bomb\); not read$/, /^XLSX 工作簿解压后超过 128 MB（可能是压缩炸弹），未读取$/);
  });

  it('parts that together inflate past the limit, however honest each one is', async () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: zeros(300 * 1024) }));
    expectTable(await importOf(xlsx({}, parts.slice(0, 2)), { maxUncompressedBytes: 1024 * 1024 }));
    const result = await importOf(xlsx({}, parts), { maxUncompressedBytes: 1024 * 1024 });
    expectRefused(result, /^the XLSX workbook is over 1 MB uncompressed/, /解压后超过 1 MB/);
  });

  it('a huge shared-strings part: too many XML elements', async () => {
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(2000)}</sst>`;
    const result = await importOf(xlsx({}, [{ name: 'xl/sharedStrings.xml', data: strings }]), { maxXmlElements: 3000 });
    expectRefused(result, /^the XLSX workbook holds too much \(over 3,000 XML elements\)$/, /^XLSX 工作簿的内容过多/);
  });

  it('too many parts, too many cells', async () => {
    const parts = Array.from({ length: 10 }, (_, i) => ({ name: `docProps/custom${i}.xml`, data: '<x/>' }));
    expectRefused(await importOf(xlsx({}, parts), { maxParts: 12 }), /^the XLSX workbook has too many parts \(16\); the limit is 12$/, /部件过多（16 个）/);
    const formatted = Array.from({ length: 30 }, (_, i) => `<c r="F${i + 4}" s="1"/>`).join('');
    expectRefused(await importOf(xlsx({ sheetData: `${TABLE}<row r="4">${formatted}</row>` }), { maxCells: 40 }), /^the XLSX workbook has too many cells \(over 40, empty formatted cells included\)$/, /单元格过多/);
  });

  it('not a zip at all, and a zip without a workbook: a reading error, not a limit', async () => {
    const broken = await importOf(new TextEncoder().encode('PK\u0003\u0004 not a zip'));
    expect(broken.problems[0]!.message.en).toMatch(/^cannot read the XLSX workbook/);
    const empty = await importOf(zip([{ name: 'readme.txt', data: 'hello' }]));
    expect(empty.tables).toEqual([]);
    expect(empty.problems[0]!.severity).toBe('error');
  });
});

describe('size and time of any input', () => {
  it('an input over the size limit is refused before it is read', async () => {
    const result = await importOf(xlsx(), { maxInputBytes: 1000 });
    expectRefused(result, /^the file is too large \(0\.\d\d MB\); the import limit is 0\.00 MB$/, /^文件过大/);
  });

  it('an import that runs out of time stops with a message (XLSX and text)', async () => {
    expectRefused(await importOf(xlsx(), { timeLimitMs: -1 }), /^the import took too long \(over -0\.001 s\) and was stopped$/, /^导入超时/);
    const tsv = new TextEncoder().encode('甲局部门预算整体绩效目标表（2022年度）\n职责序号\t部门职责\t职责目标\t绩效指标\t年度指标值\n1\t职责\t目标\t指标\t5次\n');
    expectTable(await importOf(tsv, {}, 'a.tsv'));
    expectRefused(await importOf(tsv, { timeLimitMs: -1 }, 'a.tsv'), /took too long/, /导入超时/);
  });

  it('CSV and TSV have the same row, column and area limits as sheets', async () => {
    const header = '甲局部门预算整体绩效目标表（2022年度）\n职责序号\t部门职责\t职责目标\t绩效指标\t年度指标值\n1\t职责\t目标\t指标\t5次\n';
    const encode = (s: string) => new TextEncoder().encode(s);
    expectTable(await importOf(encode(header), { maxRows: 3, maxColumns: 5 }, 'a.tsv'));
    expectRefused(await importOf(encode(`${header}\t\t\t\t\t\t远\n`), { maxColumns: 5 }, 'a.tsv'), /^cell G4 lies outside the import limits/, /单元格 G4/);
    expectRefused(await importOf(encode(`${header}\n\n多\n`), { maxRows: 5 }, 'a.tsv'), /^cell A6 lies outside the import limits/, /单元格 A6/);
    const csv = encode(`${header.replace(/\t/g, ',')}${',远'.repeat(10)}\n`);
    expectRefused(await importOf(csv, { maxGridCells: 30 }, 'a.csv'), /^the table area is too large: 4 rows × 11 columns = 44 cells/, /表格区域过大/);
  });
});
