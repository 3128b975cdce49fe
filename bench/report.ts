/**
 * The `report` section: generating the official form of a generated table of
 * 2,000 indicators as HTML and as XLSX as `ttab report` does — parse and
 * validation of the text included (the parse + validation is also shown on
 * its own) — and, in the same run, the time exceljs alone needs to write the
 * same cells with the same merges: a plain loop over precomputed values and
 * ranges, no model, no parse. The ratio shows what the whole report path adds
 * to writing the workbook. Targets: XLSX ≤ 1.5 × exceljs alone, HTML faster
 * than XLSX.
 */
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { analyze } from '../service/index';
import { buildReportModel, renderFormHtml, xlsxBuffer, type ReportInput } from '../report/index';
import { buildWorkbook } from '../report/xlsx';
import { generateTable } from './generate';
import { median, round, textTable } from './measure';

export interface ReportBenchOptions {
  indicators?: number;
  seed?: number;
  warmup?: number;
  reps?: number;
  log?: (message: string) => void;
}

export interface ReportSection {
  indicators: number;
  /** parse + validate of the generated table (input of every report). */
  analyzeMs: number;
  /** parse + validate + buildReportModel + renderFormHtml. */
  htmlMs: number;
  htmlBytes: number;
  /** parse + validate + buildReportModel + xlsxBuffer. */
  xlsxMs: number;
  xlsxBytes: number;
  /** exceljs writing the same cells and merges, to a buffer. */
  exceljsAloneMs: number;
  /** xlsxMs ÷ exceljsAloneMs (target ≤ 1.5). */
  xlsxVsExceljs: number;
  /** htmlMs ÷ xlsxMs (target < 1). */
  htmlVsXlsx: number;
  cells: number;
  merges: number;
  seed: number;
  warmup: number;
  reps: number;
}

interface SheetContent {
  name: string;
  widths: number[];
  cells: { row: number; col: number; text: string }[];
  merges: [number, number, number, number][];
}

/** What our workbook holds, as plain values and ranges: the input of the exceljs-alone run. */
function contentOf(workbook: ExcelJS.Workbook): SheetContent[] {
  return workbook.worksheets.map((sheet) => {
    const cells: SheetContent['cells'] = [];
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value === 'string' && cell.master === cell) cells.push({ row: r, col: c, text: cell.value });
      }),
    );
    const merges = (sheet.model.merges as string[]).map((range) => {
      const [from, to] = range.split(':') as [string, string];
      const a = sheet.getCell(from);
      const b = sheet.getCell(to);
      return [Number(a.row), Number(a.col), Number(b.row), Number(b.col)] as [number, number, number, number];
    });
    return { name: sheet.name, widths: sheet.columns.map((c) => c.width ?? 10), cells, merges };
  });
}

async function exceljsAlone(content: readonly SheetContent[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheetContent of content) {
    const sheet = workbook.addWorksheet(sheetContent.name);
    sheet.columns = sheetContent.widths.map((width) => ({ width }));
    for (const c of sheetContent.cells) sheet.getCell(c.row, c.col).value = c.text;
    for (const [top, left, bottom, right] of sheetContent.merges) sheet.mergeCells(top, left, bottom, right);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Interleaved timing of async functions (a, b, c, a, b, c …) after warm-up runs; medians in ms. */
async function timeAll<K extends string>(fns: Record<K, () => Promise<unknown> | unknown>, warmup: number, reps: number): Promise<Record<K, number>> {
  const keys = Object.keys(fns) as K[];
  for (const k of keys) for (let i = 0; i < warmup; i++) await fns[k]();
  const samples = {} as Record<K, number[]>;
  for (const k of keys) samples[k] = [];
  for (let r = 0; r < reps; r++) {
    for (const k of keys) {
      const t0 = performance.now();
      await fns[k]();
      samples[k].push(performance.now() - t0);
    }
  }
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = median(samples[k]);
  return out;
}

export async function runReportBench(opts: ReportBenchOptions = {}): Promise<ReportSection> {
  const indicators = opts.indicators ?? 2000;
  const seed = opts.seed ?? 1;
  const warmup = opts.warmup ?? 2;
  const reps = opts.reps ?? 7;
  const log = opts.log ?? (() => {});

  log(`report: generating a table of ${indicators} indicators (seed ${seed})…`);
  const { text } = generateTable({ indicators, seed });
  const file = 'bench.ttab';
  const analysis = analyze(text);
  const input: ReportInput[] = [{ file, text, parsed: analysis.parsed, findings: analysis.findings }];
  const html = renderFormHtml(buildReportModel(input));
  const xlsx = await xlsxBuffer(buildReportModel(input));
  const content = contentOf(buildWorkbook(buildReportModel(input)));

  log(`report: timing analyze, HTML form, XLSX form and exceljs alone (${reps} interleaved runs after ${warmup} warm-up)…`);
  // As `ttab report`: the text is parsed and validated, then the report built.
  const inputOf = (): ReportInput[] => {
    const analysed = analyze(text);
    return [{ file, text, parsed: analysed.parsed, findings: analysed.findings }];
  };
  const t = await timeAll(
    {
      analyze: () => analyze(text),
      html: () => renderFormHtml(buildReportModel(inputOf())),
      xlsx: () => xlsxBuffer(buildReportModel(inputOf())),
      exceljs: () => exceljsAlone(content),
    },
    warmup,
    reps,
  );
  return {
    indicators,
    analyzeMs: round(t.analyze, 1),
    htmlMs: round(t.html, 1),
    htmlBytes: Buffer.byteLength(html),
    xlsxMs: round(t.xlsx, 1),
    xlsxBytes: xlsx.byteLength,
    exceljsAloneMs: round(t.exceljs, 1),
    xlsxVsExceljs: round(t.xlsx / t.exceljs, 3),
    htmlVsXlsx: round(t.html / t.xlsx, 3),
    cells: content.reduce((n, s) => n + s.cells.length, 0),
    merges: content.reduce((n, s) => n + s.merges.length, 0),
    seed,
    warmup,
    reps,
  };
}

export function formatReportSection(s: ReportSection): string {
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  return [
    `report — the official form of a generated table of ${s.indicators.toLocaleString('en')} indicators (${s.cells.toLocaleString('en')} cells with text, ${s.merges.toLocaleString('en')} merged ranges)`,
    `         median of ${s.reps} interleaved runs after ${s.warmup} warm-up; report times include parse + validate, as \`ttab report\``,
    '',
    textTable([
      ['', 'median ms', 'output'],
      ['parse + validate (input of the report)', s.analyzeMs.toFixed(1), ''],
      ['HTML form (parse + validate + model + render)', s.htmlMs.toFixed(1), kb(s.htmlBytes)],
      ['XLSX form (parse + validate + model + exceljs + styles)', s.xlsxMs.toFixed(1), kb(s.xlsxBytes)],
      ['exceljs alone, same cells and merges', s.exceljsAloneMs.toFixed(1), ''],
    ]),
    '',
    `XLSX ÷ exceljs alone: ${s.xlsxVsExceljs.toFixed(3)} (target ≤ 1.5)`,
    `HTML ÷ XLSX:          ${s.htmlVsXlsx.toFixed(3)} (target < 1)`,
  ].join('\n');
}
