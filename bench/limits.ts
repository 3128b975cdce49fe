/**
 * The `limits` section (issue 14): work bounded by what a file really holds, measured as ratios
 * to a peer doing the same work in the same run.
 *
 * - Formatting a table with 100,000 blank lines: the edits (document and range) against the
 *   formatter itself on the same text, and the time per line at 100,000 against 10,000 blank lines
 *   (1 = linear; the quadratic version took a minute).
 * - The largest document served in full (MAX_DOCUMENT_CHARS): parse + validate, and the formatting
 *   edits of the same table with its indentation removed, per million characters, against a small
 *   document (1 = linear); a document beyond the limit (TT005, not parsed).
 * - Formatting an untidy table of 10,000 indicators in the server: its formatting edits, one
 *   change per line in one event (end to start, as VS Code sends them), applied by the document
 *   store and validated, against opening the formatted text (parse + validate).
 * - Import: the far-cell workbook and a zip bomb (refused) against an ordinary small
 *   workbook; a 2,000-indicator form read with the bounded reader (scan + exceljs without the
 *   parts it would expand + grids) against exceljs loading it alone.
 */
import ExcelJS from 'exceljs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultUnitCatalog, parse } from '../grammar/src/index';
import { DocumentStore, MAX_DOCUMENT_CHARS } from '../server/src/documents';
import { DEFAULT_SETTINGS, formatDocumentEdits, formatRangeEdits, formatTable } from '../service/index';
import { analyze } from '../service/index';
import { importTables } from '../import/index';
import { readXlsx } from '../import/xlsx';
import { buildReportModel, xlsxBuffer } from '../report/index';
import { row, workbook, zip } from '../test/support/zip';
import { generateTable } from './generate';
import { measureAll, median, round, textTable, type Timing } from './measure';

export interface LimitsBenchOptions {
  seed?: number;
  warmup?: number;
  reps?: number;
  log?: (message: string) => void;
}

export interface LimitsSection {
  formatting: {
    blankLines: number;
    formatterMs: number;
    documentEditsMs: number;
    rangeEditsMs: number;
    /** documentEditsMs ÷ formatterMs. */
    documentEditsVsFormatter: number;
    rangeEditsVsFormatter: number;
    /** Document edits per blank line at 100,000 ÷ at 10,000 (1 = linear). */
    perLineScaling: number;
  };
  /** Formatting an untidy table in the server: its changes applied and validated, against opening the result. */
  formatInServer: { indicators: number; changes: number; applyMs: number; openMs: number; applyVsOpen: number };
  largestDocument: {
    maxChars: number;
    small: DocumentFigures;
    large: DocumentFigures;
    /** Per character, large ÷ small (1 = linear). */
    analyzeScaling: number;
    editsScaling: number;
    /** Opening a document one character over the limit: TT005 without parsing. */
    beyondLimitOpenMs: number;
  };
  import: {
    ordinaryMs: number;
    farCellMs: number;
    zipBombMs: number;
    farCellVsOrdinary: number;
    zipBombVsOrdinary: number;
    form: { indicators: number; bytes: number; boundedReadMs: number; exceljsAloneMs: number; boundedVsExceljs: number };
  };
  warmup: number;
  reps: number;
}

interface DocumentFigures {
  indicators: number;
  chars: number;
  analyzeMs: number;
  editsMs: number;
  analyzeMsPerMChars: number;
  editsMsPerMChars: number;
}

const ms = (t: Timing) => round(t.medianMs, 1);

function formattingFigures(warmup: number, reps: number): LimitsSection['formatting'] {
  const withBlankLines = (n: number) => `部门 甲\n年度 2022\n${'\n'.repeat(n)}职责 1 甲\n目标 乙\n  指标 丙\n    指标值 5次\n${'\n'.repeat(n)}`;
  const setUp = (n: number) => {
    const text = withBlankLines(n);
    const document = TextDocument.create('file:///bench.ttab', 'target-table', 1, text);
    return { text, document, parsed: parse(text) };
  };
  const big = setUp(100_000);
  const small = setUp(10_000);
  const whole = { start: { line: 0, character: 0 }, end: { line: big.document.lineCount, character: 0 } };
  const t = measureAll(
    {
      formatter: () => formatTable(big.text, big.parsed),
      documentEdits: () => formatDocumentEdits(big.document, big.parsed),
      rangeEdits: () => formatRangeEdits(big.document, big.parsed, whole),
      smallEdits: () => formatDocumentEdits(small.document, small.parsed),
    },
    { warmup, reps },
  );
  return {
    blankLines: 200_000,
    formatterMs: ms(t.formatter),
    documentEditsMs: ms(t.documentEdits),
    rangeEditsMs: ms(t.rangeEdits),
    documentEditsVsFormatter: round(t.documentEdits.medianMs / t.formatter.medianMs, 2),
    rangeEditsVsFormatter: round(t.rangeEdits.medianMs / t.formatter.medianMs, 2),
    perLineScaling: round(t.documentEdits.medianMs / 100_000 / (t.smallEdits.medianMs / 10_000), 2),
  };
}

function formatInServerFigures(seed: number, warmup: number, reps: number): LimitsSection['formatInServer'] {
  const indicators = 10_000;
  // Blank lines doubled and indentation off before every indicator, as a pasted or imported table has them.
  const untidy = generateTable({ indicators, seed }).text.replace(/\n(\s+指标 )/g, (m, line: string, offset: number) => (offset % 3 === 0 ? `\n\n\n${line}` : offset % 3 === 1 ? `\n ${line}` : m));
  const before = TextDocument.create('file:///untidy.ttab', 'target-table', 1, untidy);
  const edits = formatDocumentEdits(before, parse(untidy));
  const changes = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character).map((e) => ({ range: e.range, text: e.newText }));
  const formatted = TextDocument.applyEdits(before, edits);
  const apply: number[] = [];
  const open: number[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    store.findings(store.open('file:///untidy.ttab', 'target-table', 1, untidy));
    let start = performance.now();
    store.findings(store.change('file:///untidy.ttab', 2, changes)!);
    if (i >= warmup) apply.push(performance.now() - start);
    start = performance.now();
    store.findings(store.open('file:///formatted.ttab', 'target-table', 1, formatted));
    if (i >= warmup) open.push(performance.now() - start);
  }
  const applyMs = median(apply);
  const openMs = median(open);
  return { indicators, changes: changes.length, applyMs: round(applyMs, 1), openMs: round(openMs, 1), applyVsOpen: round(applyMs / openMs, 2) };
}

function documentFigures(indicators: number, seed: number, warmup: number, reps: number): DocumentFigures {
  const { text } = generateTable({ indicators, seed });
  // formatting is timed on the table with its indentation removed: an edit on nearly every line
  const flat = text.replace(/^ +/gm, '');
  const document = TextDocument.create('file:///bench.ttab', 'target-table', 1, flat);
  const parsed = parse(flat);
  const t = measureAll({ analyze: () => analyze(text), edits: () => formatDocumentEdits(document, parsed) }, { warmup, reps });
  const mChars = text.length / 1e6;
  return {
    indicators,
    chars: text.length,
    analyzeMs: ms(t.analyze),
    editsMs: ms(t.edits),
    analyzeMsPerMChars: round(t.analyze.medianMs / mChars, 1),
    editsMsPerMChars: round(t.edits.medianMs / mChars, 1),
  };
}

function largestDocumentFigures(seed: number, warmup: number, reps: number, log: (m: string) => void): LimitsSection['largestDocument'] {
  const smallIndicators = 1_000;
  const small = documentFigures(smallIndicators, seed, warmup, reps);
  // as many indicators as fit under the limit, by the small table's characters per indicator
  const indicators = Math.floor(((MAX_DOCUMENT_CHARS * 0.97) / small.chars) * smallIndicators);
  log(`limits: a document at the limit (${indicators.toLocaleString('en')} indicators, about ${(MAX_DOCUMENT_CHARS / 1024 / 1024).toFixed(0)} M characters)…`);
  const large = documentFigures(indicators, seed, 0, 1);
  if (large.chars > MAX_DOCUMENT_CHARS) throw new Error('the generated document is over the limit');
  const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
  const over = `# ${'长'.repeat(MAX_DOCUMENT_CHARS)}\n`;
  const beyond = measureAll({ open: () => store.open('file:///over.ttab', 'target-table', 1, over) }, { warmup, reps });
  return {
    maxChars: MAX_DOCUMENT_CHARS,
    small,
    large,
    analyzeScaling: round(large.analyzeMsPerMChars / small.analyzeMsPerMChars, 2),
    editsScaling: round(large.editsMsPerMChars / small.editsMsPerMChars, 2),
    beyondLimitOpenMs: round(beyond.open.medianMs, 2),
  };
}

async function timeAsync(fn: () => Promise<unknown>, warmup: number, reps: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

async function importFigures(seed: number, warmup: number, reps: number): Promise<LimitsSection['import']> {
  const table = row(1, { A: '甲局部门预算整体绩效目标表（2022年度）' }) + row(2, { A: '职责序号', B: '部门职责', C: '职责目标', D: '绩效指标', E: '年度指标值' }) + row(3, { A: '1', B: '职责', C: '目标', D: '指标', E: '5次' });
  const ordinary = zip(workbook({ sheetData: table }));
  const far = new ExcelJS.Workbook();
  far.addWorksheet('S').getCell('A1').value = '甲局部门预算整体绩效目标表（2022年度）';
  far.worksheets[0]!.getCell('XFD1048576').value = 'x';
  const farCell = new Uint8Array((await far.xlsx.writeBuffer()) as ArrayBuffer);
  const bomb = zip([...workbook({ sheetData: table }), { name: 'xl/media/image1.png', data: new Uint8Array(64 * 1024 * 1024), declaredSize: 1024 }]);
  const run = (bytes: Uint8Array) => () => importTables({ name: 'bench.xlsx', bytes });
  const ordinaryMs = await timeAsync(run(ordinary), warmup, reps);
  const farCellMs = await timeAsync(run(farCell), warmup, reps);
  const zipBombMs = await timeAsync(run(bomb), warmup, reps);

  const indicators = 2_000;
  const { text } = generateTable({ indicators, seed });
  const analysis = analyze(text);
  const form = await xlsxBuffer(buildReportModel([{ file: 'bench.ttab', text, parsed: analysis.parsed, findings: analysis.findings }]));
  const boundedReadMs = await timeAsync(() => readXlsx(form), warmup, reps);
  const exceljsAloneMs = await timeAsync(() => new ExcelJS.Workbook().xlsx.load(Buffer.from(form) as unknown as ArrayBuffer), warmup, reps);
  return {
    ordinaryMs: round(ordinaryMs, 1),
    farCellMs: round(farCellMs, 1),
    zipBombMs: round(zipBombMs, 1),
    farCellVsOrdinary: round(farCellMs / ordinaryMs, 2),
    zipBombVsOrdinary: round(zipBombMs / ordinaryMs, 2),
    form: { indicators, bytes: form.byteLength, boundedReadMs: round(boundedReadMs, 1), exceljsAloneMs: round(exceljsAloneMs, 1), boundedVsExceljs: round(boundedReadMs / exceljsAloneMs, 2) },
  };
}

export async function runLimitsBench(opts: LimitsBenchOptions = {}): Promise<LimitsSection> {
  const seed = opts.seed ?? 1;
  const warmup = opts.warmup ?? 1;
  const reps = opts.reps ?? 5;
  const log = opts.log ?? (() => {});
  log('limits: formatting 100,000 blank lines…');
  const formatting = formattingFigures(warmup, reps);
  log('limits: formatting an untidy table in the server…');
  const formatInServer = formatInServerFigures(seed, warmup, reps);
  log('limits: a small document…');
  const largestDocument = largestDocumentFigures(seed, warmup, reps, log);
  log('limits: imports of hostile and ordinary workbooks…');
  return { formatting, formatInServer, largestDocument, import: await importFigures(seed, warmup, reps), warmup, reps };
}

export function formatLimitsSection(s: LimitsSection): string {
  const f = s.formatting;
  const d = s.largestDocument;
  const i = s.import;
  const n = (x: number) => x.toLocaleString('en');
  return [
    `limits — work bounded by what a file really holds; median of ${s.reps} runs after ${s.warmup} warm-up (the document at the limit: one run)`,
    '',
    `formatting a table with two runs of 100,000 blank lines (${n(f.blankLines)} in all):`,
    textTable([
      ['', 'median ms', '÷ formatter'],
      ['formatTable (the formatter itself)', f.formatterMs.toFixed(1), '1.00'],
      ['formatDocumentEdits', f.documentEditsMs.toFixed(1), f.documentEditsVsFormatter.toFixed(2)],
      ['formatRangeEdits (the whole document)', f.rangeEditsMs.toFixed(1), f.rangeEditsVsFormatter.toFixed(2)],
    ]),
    `edits per blank line, 100,000 ÷ 10,000 per run: ${f.perLineScaling.toFixed(2)} (1 = linear)`,
    '',
    `formatting an untidy table of ${n(s.formatInServer.indicators)} indicators in the server (${n(s.formatInServer.changes)} changes in one event): applied and validated ${s.formatInServer.applyMs.toFixed(0)} ms, opening the formatted text ${s.formatInServer.openMs.toFixed(0)} ms, ratio ${s.formatInServer.applyVsOpen.toFixed(2)}`,
    '',
    `the largest document served in full: ${n(d.maxChars)} characters (TT005 beyond):`,
    textTable([
      ['', 'indicators', 'characters', 'parse+validate ms', 'ms / M chars', 'format edits ms (unindented)', 'ms / M chars'],
      ...[
        ['small document', d.small],
        ['at the limit', d.large],
      ].map(([name, x]) => {
        const v = x as DocumentFigures;
        return [name as string, n(v.indicators), n(v.chars), v.analyzeMs.toFixed(0), v.analyzeMsPerMChars.toFixed(0), v.editsMs.toFixed(0), v.editsMsPerMChars.toFixed(0)];
      }),
    ]),
    `per character, at the limit ÷ small: parse+validate ${d.analyzeScaling.toFixed(2)}, format edits ${d.editsScaling.toFixed(2)} (1 = linear)`,
    `opening a document over the limit: ${d.beyondLimitOpenMs.toFixed(2)} ms (TT005, not parsed)`,
    '',
    'import:',
    textTable([
      ['', 'median ms', '÷ ordinary'],
      ['an ordinary 3-row workbook', i.ordinaryMs.toFixed(1), '1.00'],
      ['the far-cell workbook (XFD1048576; refused)', i.farCellMs.toFixed(1), i.farCellVsOrdinary.toFixed(2)],
      ['a zip bomb (64 MB declared as 1 KB; refused)', i.zipBombMs.toFixed(1), i.zipBombVsOrdinary.toFixed(2)],
    ]),
    `a ${n(i.form.indicators)}-indicator form (${(i.form.bytes / 1024).toFixed(0)} KB): bounded read ${i.form.boundedReadMs.toFixed(0)} ms, exceljs loading it alone ${i.form.exceljsAloneMs.toFixed(0)} ms, ratio ${i.form.boundedVsExceljs.toFixed(2)}`,
  ].join('\n');
}
