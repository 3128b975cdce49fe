/**
 * The `lsp` section: the real server process over stdio, pulling diagnostics
 * as VS Code does (`textDocument/diagnostic` with result ids), on generated
 * tables of 40, 2,000, 10,000 and 50,000 indicators and on the shapes of
 * shapes.ts (one duty of 5,000 indicators, a run of 100,000 comment lines, a
 * field continued over 50,000 lines). Each table is measured in several
 * fresh servers ("runs"), the tables taken in turn (round 1 of every table,
 * then round 2 …: a spell of load falls on all of them alike); a figure is the
 * median over the runs of each run's median (or p95), with the smallest and
 * largest run in brackets.
 *
 * In each run: didOpen → first diagnostics; 30 one-character edits and 10
 * line-adding edits, each followed by a pull (validation delay 0; the
 * editor's 200 ms debounce is not counted); 200 completions at places where
 * completion has something to offer (after a number: units; after 标准来源:
 * sources; after 科室 / 预算项目: the names in use) and 200 hovers on values and
 * on keywords — a request that returns nothing stops the bench, as it would
 * measure nothing; 10 comment lines typed above a block's first line (a duty,
 * 事项, objective or indicator: where a reparse keyed on the blocks' first
 * lines has the most to do); 10 more keystrokes, each followed by the requests
 * the editor sends to show the whole document again (semantic tokens as a
 * delta, outline, folding ranges, code lenses; wall-clock, all four answered);
 * then the process's RSS and peak RSS (Linux /proc).
 * 200, not 40: a p95 of 40 requests is their third-slowest, and on a table of
 * 10,000 indicators that is where V8 happens to compile the position lookup
 * (about 1.5 ms once per server), not what a request costs; the slowest
 * request of each run is reported beside the p95 ('max').
 * 'work' is the server's own time for an edit, as it reports it with
 * --timing: reparse, validation, diagnostics built and written; 'wall' adds
 * JSON-RPC and the client.
 *
 * After ours, at 40, 2,000 and 10,000 indicators, yaml-language-server with
 * a JSON Schema of the same table as YAML gets the same edits and requests
 * (yamlPeer.ts). `ttab check` of the 10,000- and 50,000-indicator tables,
 * each run right after the server run it is compared with, gives the time the
 * open is compared with.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type TestClient } from '../test/support/lspClient';
import { SERVER_NODE_FLAGS } from '../server/src/protocol';
import { mulberry32 } from './generate';
import { median, memoryMiB, p95, round, textTable, timed } from './measure';
import { commentRun, continuationRun, oneDuty, sizedTable, WORKLOAD, type BenchTable } from './shapes';
import { yamlPeer, type YamlPeerSection } from './yamlPeer';

export const DEFAULT_VALIDATION_DELAY_MS = 200;

/** A figure over runs: the median of the runs' values, and the smallest and largest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface LspCaseResult {
  name: string;
  indicators: number;
  bytes: number;
  lines: number;
  runs: number;
  diagnostics: number;
  openMs: Spread;
  /** The server's work for a one-character edit: runs' medians, and runs' p95s. */
  editWorkMs: Spread;
  editWorkP95Ms: Spread;
  editWallMs: Spread;
  /** Of the one-character edits, how many changed the problems (a full report was sent). */
  editsWithNewDiagnostics: number;
  lineEditWorkMs: Spread;
  /** The server's work for a comment line typed above a block's first line (a duty, 事项, objective or indicator). */
  blockLineEditWorkMs: Spread;
  /** What the editor asks for after a keystroke besides the problems (semantic tokens as a delta, outline, folding, code lenses), wall-clock. */
  viewRequestsMs: Spread;
  completionP95Ms: Spread;
  /** Each run's slowest completion: the first one, or one V8 optimized code during. */
  completionMaxMs: Spread;
  completionMedianMs: Spread;
  hoverP95Ms: Spread;
  hoverMedianMs: Spread;
  hoverMaxMs: Spread;
  /** Peak RSS after the workload the peer gets too (what the target compares). */
  peakRssMiB: Spread;
  /** Peak RSS once the view requests after keystrokes (ours only) are answered too. */
  viewPeakRssMiB: Spread;
}

export interface CheckComparison {
  name: string;
  /** `ttab check` of the same file, a new process each run (start to exit). */
  checkMs: Spread;
  /** didOpen → first diagnostics in a running server (from the cases above). */
  serverOpenMs: Spread;
  ratio: number;
}

export interface LspSection {
  validationDelayMs: number;
  workload: typeof WORKLOAD;
  cases: LspCaseResult[];
  check: CheckComparison[];
  /** Peers measured in the same run; absent when none is installed. */
  peer?: { yamlLanguageServer: YamlPeerSection };
}

function spread(values: readonly number[]): Spread {
  return { median: round(median(values), 2), min: round(Math.min(...values), 2), max: round(Math.max(...values), 2) };
}

type Report = { kind: 'full' | 'unchanged'; resultId?: string; items?: unknown[] };

interface RunResult {
  openMs: number;
  diagnostics: number;
  editWork: number[];
  editWall: number[];
  sent: number;
  lineEditWork: number[];
  blockLineEditWork: number[];
  viewRequests: number[];
  completion: number[];
  hover: number[];
  peakRss: number;
  viewPeakRss: number;
}

/** The first lines of the blocks (duties, 事项, objectives, indicators), in order. */
function blockLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  lines.forEach((text, line) => {
    if (/^\s*(?:职责|事项|目标|指标) /.test(text)) out.push(line);
  });
  return out;
}

/** Places where completion returns items, by what it completes. */
const COMPLETION_PLACES: { kind: string; pattern: RegExp }[] = [
  { kind: 'unit after a number', pattern: /^(\s+(?:指标值|标准值|规划值|上年值|前三年均值) [^\d\n]*\d+(?:\.\d+)?)(?!\d)/ },
  { kind: 'source', pattern: /^(\s+(?:标准来源|历史来源) )/ },
  { kind: 'office', pattern: /^(\s+科室 )/ },
  { kind: 'budget project', pattern: /^(\s+预算项目 )/ },
];

const HOVER_PLACES: { kind: string; pattern: RegExp }[] = [
  { kind: 'value', pattern: /^(\s+(?:指标值|标准值|规划值|上年值|前三年均值) [^\d\n]*)\d/ },
  { kind: 'keyword', pattern: /^(\s*)[^\s#+]/ },
];

function placesIn(lines: readonly string[], places: { kind: string; pattern: RegExp }[]): { kind: string; line: number; character: number }[][] {
  return places.map(({ kind, pattern }) => {
    const out: { kind: string; line: number; character: number }[] = [];
    lines.forEach((text, line) => {
      const m = pattern.exec(text);
      // On a keyword: its second character; elsewhere: right after what the pattern took.
      if (m) out.push({ kind, line, character: m[1]!.length + (kind === 'keyword' ? 1 : 0) });
    });
    return out;
  });
}

async function timingOf(client: TestClient, version: number): Promise<number> {
  for (let i = 0; i < 5000; i++) {
    const t = client.timings.find((x) => x.version === version);
    if (t) return t.workMs;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`no timing for version ${version}`);
}

async function benchRun(table: BenchTable, run: number, serverPath: string): Promise<RunResult> {
  const lines = table.text.split('\n');
  const editable = [...table.editable];
  const rand = mulberry32(1000 + run);
  const client = await startServer({ serverPath, execArgv: [...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])], validationDelay: 0, timing: true, pull: true, initializationOptions: { diagnosticMode: 'pull' } });
  try {
    const uri = `file:///bench/${run}.ttab`;
    const pull = (previousResultId?: string) => client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    let version = 1;
    let resultId: string | undefined;
    let report: Report | undefined;
    const openMs = await timed(async () => {
      client.open(uri, table.text, version);
      report = await pull();
    });
    resultId = report!.resultId;
    const diagnostics = report!.items?.length ?? 0;

    const edit = async (line: number, character: number, text: string): Promise<{ wall: number; work: number; sent: boolean }> => {
      const v = ++version;
      let answer: Report | undefined;
      const wall = await timed(async () => {
        client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
        answer = await pull(resultId);
      });
      if (answer!.kind === 'full') resultId = answer!.resultId;
      return { wall, work: await timingOf(client, v), sent: answer!.kind === 'full' };
    };
    const editWork: number[] = [];
    const editWall: number[] = [];
    let sent = 0;
    for (let i = 0; i < WORKLOAD.edits; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      const r = await edit(line, lines[line]!.length, '1');
      lines[line] += '1';
      editWork.push(r.work);
      editWall.push(r.wall);
      if (r.sent) sent++;
    }
    const lineEditWork: number[] = [];
    for (let i = 0; i < WORKLOAD.lineEdits; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      const indent = lines[line]!.match(/^\s*/)![0];
      lineEditWork.push((await edit(line, 0, `${indent}# 新增\n`)).work);
      lines.splice(line, 0, `${indent}# 新增`);
      for (let k = 0; k < editable.length; k++) if (editable[k]! >= line) editable[k]!++;
    }

    const request = async <T>(method: string, position: { line: number; character: number }, what: string, ok: (t: T) => boolean): Promise<number> => {
      let answer: T | undefined;
      const ms = await timed(async () => (answer = await client.request<T>(method, { textDocument: { uri }, position })));
      if (!ok(answer!)) throw new Error(`${table.name}: ${method} at ${position.line + 1}:${position.character + 1} (${what}) returned nothing: not a measurement`);
      return ms;
    };
    const completionPlaces = placesIn(lines, COMPLETION_PLACES).filter((p) => p.length > 0);
    const hoverPlaces = placesIn(lines, HOVER_PLACES).filter((p) => p.length > 0);
    const completion: number[] = [];
    const hover: number[] = [];
    for (let i = 0; i < WORKLOAD.completions; i++) {
      const places = completionPlaces[i % completionPlaces.length]!;
      const at = places[Math.floor(rand() * places.length)]!;
      completion.push(await request<{ items: unknown[] } | null>('textDocument/completion', at, at.kind, (c) => (c?.items.length ?? 0) > 0));
    }
    for (let i = 0; i < WORKLOAD.hovers; i++) {
      const places = hoverPlaces[i % hoverPlaces.length]!;
      const at = places[Math.floor(rand() * places.length)]!;
      hover.push(await request<{ contents: { value: string } } | null>('textDocument/hover', at, at.kind, (h) => (h?.contents.value.length ?? 0) > 0));
    }
    // Lines typed above a block's first line: where a reparse keyed on the blocks' first lines does the most work.
    const blockLineEditWork: number[] = [];
    const blocks = blockLines(lines);
    for (let i = 0; i < WORKLOAD.blockLineEdits; i++) {
      const k = Math.floor(rand() * blocks.length);
      const line = blocks[k]!;
      const indent = lines[line]!.match(/^\s*/)![0];
      blockLineEditWork.push((await edit(line, 0, `${indent}# 新增\n`)).work);
      lines.splice(line, 0, `${indent}# 新增`);
      for (let j = k; j < blocks.length; j++) blocks[j]!++;
      for (let j = 0; j < editable.length; j++) if (editable[j]! >= line) editable[j]!++;
    }
    // After a keystroke the editor asks again for what it shows of the whole document: its colours (a delta of the
    // semantic tokens it has), its outline (breadcrumbs, sticky scroll), its folding ranges and its code lenses.
    // The peer gets the workload up to here: the peak RSS the target compares is taken now.
    const peakRss = memoryMiB(client.process.pid!).peak;
    const viewRequests: number[] = [];
    let tokensId = (await client.request<{ resultId: string }>('textDocument/semanticTokens/full', { textDocument: { uri } })).resultId;
    for (let i = 0; i < WORKLOAD.viewEdits; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      await edit(line, lines[line]!.length, '1');
      lines[line] += '1';
      viewRequests.push(
        await timed(async () => {
          const textDocument = { uri };
          const [tokens] = await Promise.all([
            client.request<{ resultId: string }>('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: tokensId }),
            client.request('textDocument/documentSymbol', { textDocument }),
            client.request('textDocument/foldingRange', { textDocument }),
            client.request('textDocument/codeLens', { textDocument }),
          ]);
          tokensId = tokens.resultId;
        }),
      );
    }
    return { openMs, diagnostics, editWork, editWall, sent, lineEditWork, blockLineEditWork, viewRequests, completion, hover, peakRss, viewPeakRss: memoryMiB(client.process.pid!).peak };
  } finally {
    await client.stop();
  }
}

/** A table of the lsp section: its fresh servers, and whether `ttab check` of it is timed beside them. */
interface LspTable {
  table: BenchTable;
  runs: number;
  check?: boolean;
}

/**
 * Every table's runs, the tables taken in turn within each round (round 1 of each table, then
 * round 2 …), each `ttab check` right after the server run it is compared with: a spell of load on
 * this shared machine then falls on every table alike, rather than on all the runs of one, and the
 * ratios between tables are what the targets are.
 */
async function benchInRounds(tables: readonly LspTable[], serverPath: string, log: (m: string) => void): Promise<{ cases: LspCaseResult[]; checkMs: (Spread | undefined)[] }> {
  const results = tables.map((): RunResult[] => []);
  const checks = tables.map((): number[] => []);
  const rounds = Math.max(...tables.map((t) => t.runs));
  for (let run = 0; run < rounds; run++) {
    for (const [i, { table, runs, check }] of tables.entries()) {
      if (run >= runs) continue;
      log(`lsp: ${table.name}, run ${run + 1} of ${runs}…`);
      const result = await benchRun(table, run, serverPath);
      results[i]!.push(result);
      log(`lsp: ${table.name}, run ${run + 1}: open ${round(result.openMs, 1)} ms, edit work ${round(median(result.editWork), 2)} ms`);
      if (check) {
        checks[i]!.push(timeCheck(table));
        log(`lsp: ttab check, ${table.name}, run ${run + 1}: ${round(checks[i]![run]!, 1)} ms`);
      }
    }
  }
  return { cases: tables.map(({ table }, i) => caseResult(table, results[i]!, log)), checkMs: checks.map((times) => (times.length > 0 ? spread(times) : undefined)) };
}

function caseResult(table: BenchTable, results: readonly RunResult[], log: (m: string) => void): LspCaseResult {
  const runs = results.length;
  const of = (f: (r: RunResult) => number) => spread(results.map(f));
  const result: LspCaseResult = {
    name: table.name,
    indicators: table.indicators,
    bytes: Buffer.byteLength(table.text),
    lines: table.text.split('\n').length,
    runs,
    diagnostics: results[0]!.diagnostics,
    openMs: of((r) => r.openMs),
    editWorkMs: of((r) => median(r.editWork)),
    editWorkP95Ms: of((r) => p95(r.editWork)),
    editWallMs: of((r) => median(r.editWall)),
    editsWithNewDiagnostics: results.reduce((n, r) => n + r.sent, 0) / runs,
    lineEditWorkMs: of((r) => median(r.lineEditWork)),
    blockLineEditWorkMs: of((r) => median(r.blockLineEditWork)),
    viewRequestsMs: of((r) => median(r.viewRequests)),
    completionP95Ms: of((r) => p95(r.completion)),
    completionMedianMs: of((r) => median(r.completion)),
    completionMaxMs: of((r) => Math.max(...r.completion)),
    hoverP95Ms: of((r) => p95(r.hover)),
    hoverMedianMs: of((r) => median(r.hover)),
    hoverMaxMs: of((r) => Math.max(...r.hover)),
    peakRssMiB: of((r) => r.peakRss),
    viewPeakRssMiB: of((r) => r.viewPeakRss),
  };
  // Said once its runs are in (each run is said as it comes, so a bench stopped half-way still leaves figures).
  log(`lsp: ${table.name}: open ${fmt(result.openMs)} ms, edit work ${fmt(result.editWorkMs)} ms, completion p95 ${fmt(result.completionP95Ms)}, hover p95 ${fmt(result.hoverP95Ms)}, peak RSS ${fmt(result.peakRssMiB)} MiB`);
  return result;
}

/** `ttab check` of the same table in a new process, start to exit, in ms. */
function timeCheck(table: BenchTable): number {
  const cli = path.join(__dirname, 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-bench-check-'));
  try {
    const file = path.join(dir, 'table.ttab');
    fs.writeFileSync(file, table.text);
    const start = performance.now();
    const result = spawnSync(process.execPath, [cli, 'check', file], { maxBuffer: 1 << 30 });
    const ms = performance.now() - start;
    if (result.error) throw result.error;
    return ms;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLspBench(opts: { seed?: number; log?: (m: string) => void; runs?: number } = {}): Promise<LspSection> {
  const log = opts.log ?? (() => {});
  const serverPath = path.join(__dirname, 'server.js');
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run npm run build first`);
  const seed = opts.seed ?? 1;
  // Five fresh servers per table (two of 50,000 indicators): the targets are ratios of medians of a
  // shared machine's, and the 40-indicator table's ~1 ms edit moved by a third between runs of three.
  const runs = opts.runs ?? 5;
  const tables: LspTable[] = [
    { table: sizedTable(40, seed), runs },
    { table: sizedTable(2000, seed), runs },
    { table: sizedTable(10_000, seed), runs, check: true },
    { table: oneDuty(5000, seed), runs },
    { table: commentRun(100_000, seed), runs },
    { table: continuationRun(50_000, seed), runs },
    { table: sizedTable(50_000, seed), runs: Math.min(runs, 2), check: true },
  ];
  const { cases, checkMs } = await benchInRounds(tables, serverPath, log);
  const check: CheckComparison[] = [];
  cases.forEach((c, i) => {
    const ms = checkMs[i];
    if (!ms) return;
    check.push({ name: c.name, checkMs: ms, serverOpenMs: c.openMs, ratio: ratio(c.openMs.median, ms.median) });
    log(`lsp: ttab check, ${c.name}: ${fmt(ms)} ms`);
  });

  const section: LspSection = { validationDelayMs: DEFAULT_VALIDATION_DELAY_MS, workload: WORKLOAD, cases, check };
  const peer = yamlPeer(log);
  if (peer) {
    try {
      for (const n of [40, 2000, 10_000]) {
        log(`lsp: ${n} indicators, yaml-language-server…`);
        const failed = await peer.run(n, seed).then(
          () => false,
          (e: unknown) => {
            // A failing peer must not cost us our own figures: record why and stop running it.
            peer.section.error = `at ${n} indicators: ${e instanceof Error ? e.message : String(e)}`;
            log(`lsp: yaml-language-server failed ${peer.section.error}`);
            return true;
          },
        );
        if (failed) break;
      }
    } finally {
      peer.dispose();
    }
    section.peer = { yamlLanguageServer: peer.section };
  }
  return section;
}

/** ours ÷ theirs, unrounded (what a target is checked against). */
function exactRatio(ours: number, theirs: number): number {
  return theirs > 0 ? ours / theirs : NaN;
}

/** ours ÷ theirs to two figures, as the tables show it. */
export function ratio(ours: number, theirs: number): number {
  return Number(exactRatio(ours, theirs).toPrecision(2));
}

const fmt = (s: Spread) => `${s.median} [${s.min}–${s.max}]`;

export function formatLspSection(s: LspSection): string {
  const rows = [
    ['table', 'MB', 'runs', 'diags', 'open→diag ms', 'edit work ms median', 'edit work p95', 'edit wall median', 'edits with new diags', 'line edit work median', 'line above a block, work median', 'view requests after a keystroke, median', 'completion p95', 'completion max', 'hover p95', 'hover max', 'peak RSS MiB (the peer’s workload)', 'peak RSS MiB after the view requests'],
    ...s.cases.map((c) => [
      c.name,
      (c.bytes / 1e6).toFixed(2),
      String(c.runs),
      String(c.diagnostics),
      fmt(c.openMs),
      fmt(c.editWorkMs),
      fmt(c.editWorkP95Ms),
      fmt(c.editWallMs),
      `${round(c.editsWithNewDiagnostics, 1)} / ${s.workload.edits}`,
      fmt(c.lineEditWorkMs),
      fmt(c.blockLineEditWorkMs),
      fmt(c.viewRequestsMs),
      fmt(c.completionP95Ms),
      fmt(c.completionMaxMs),
      fmt(c.hoverP95Ms),
      fmt(c.hoverMaxMs),
      fmt(c.peakRssMiB),
      fmt(c.viewPeakRssMiB),
    ]),
  ];
  const checkRows = [
    ['table', 'ttab check ms (process start to exit)', 'server open→first diagnostics ms', 'server ÷ check'],
    ...s.check.map((c) => [c.name, fmt(c.checkMs), fmt(c.serverOpenMs), `${c.ratio}×`]),
  ];
  return `lsp — the server process over stdio, pulling diagnostics with result ids as VS Code does; per run (a fresh server):
        open, ${s.workload.edits} one-character edits, ${s.workload.lineEdits} line-adding edits in indicators and ${s.workload.blockLineEdits} above a block's first line, each followed by a pull,
        ${s.workload.viewEdits} more keystrokes, each followed by what the editor asks for to show the document (semantic tokens as a delta, outline and folding ranges — at most 5,000 of each, targetTable.maxItemsComputed's default and the client's rangeLimit —, code lenses; wall-clock; ours only,
        after the peak RSS that is compared with the peer's is read: the peer gets the rest of the workload),
        ${s.workload.completions} completions where they return items (units after a number, sources, offices, budget projects),
        ${s.workload.hovers} hovers on values and keywords (a request that returns nothing stops the bench);
        'work' = the server's own time for an edit (reparse + validation + diagnostics built and written), 'wall' adds JSON-RPC;
        edits measured with validation delay 0 (in the editor a ${s.validationDelayMs} ms debounce comes on top);
        each figure: median over the runs [smallest–largest run]; a run's figure is its median, p95 or max (its slowest request), in ms

${textTable(rows)}

open in the server vs \`ttab check\` of the same file

${textTable(checkRows)}
${s.peer ? '\n' + formatYamlPeer(s.peer.yamlLanguageServer, s) : ''}
issue 15, "done when" — as ratios of this run (medians over runs)

${textTable(doneWhen(s))}`;
}

/** The targets of issue 15, each with the figure of this run. */
export function doneWhen(s: LspSection): string[][] {
  const byName = (name: string) => s.cases.find((c) => c.name === name);
  const small = byName('40 indicators');
  const rows: string[][] = [['measure', 'this run', 'target', 'met']];
  // A ratio is checked unrounded, and shown to three figures: 3.03× is over a target of 3×, though it rounds to it.
  const add = (what: string, value: number | undefined, target: string, met: (v: number) => boolean, unit = '×') => {
    const known = value !== undefined && Number.isFinite(value);
    rows.push([what, known ? `${unit === '×' ? Number(value.toPrecision(3)) : value}${unit}` : '–', target, known ? (met(value) ? 'yes' : 'NO') : '–']);
  };
  const editRatio = (name: string) => (small && byName(name) ? exactRatio(byName(name)!.editWorkMs.median, small.editWorkMs.median) : undefined);
  add('edit work, 10,000 indicators ÷ 40', editRatio('10,000 indicators'), '≤ 3×', (v) => v <= 3);
  add('edit work, one duty of 5,000 indicators ÷ 40', editRatio('one duty, 5,000 indicators'), '≤ 3×', (v) => v <= 3);
  add('edit work, one duty with 100,000 comment lines ÷ 40', editRatio('one duty, 100,000 comment lines'), '≤ 3×', (v) => v <= 3);
  add('edit work at 10,000 indicators', byName('10,000 indicators')?.editWorkMs.median, '≤ 50 ms', (v) => v <= 50, ' ms');
  const p95Ratio = (f: (c: LspCaseResult) => Spread) => (small && byName('10,000 indicators') ? exactRatio(f(byName('10,000 indicators')!).median, f(small).median) : undefined);
  add('completion p95, 10,000 indicators ÷ 40', p95Ratio((c) => c.completionP95Ms), '≤ 2×', (v) => v <= 2);
  add('hover p95, 10,000 indicators ÷ 40', p95Ratio((c) => c.hoverP95Ms), '≤ 2×', (v) => v <= 2);
  for (const c of s.check) add(`open → first diagnostics ÷ ttab check, ${c.name}`, exactRatio(c.serverOpenMs.median, c.checkMs.median), '≤ 1.2×', (v) => v <= 1.2);
  const peer = s.peer?.yamlLanguageServer.sizes.find((r) => r.indicators === 10_000);
  const ours = byName('10,000 indicators');
  add('peak RSS, 10,000 indicators ÷ yaml-language-server', peer && ours ? exactRatio(ours.peakRssMiB.median, peer.peakRssMiB) : undefined, '≤ 0.25×', (v) => v <= 0.25);
  return rows;
}

function formatYamlPeer(p: YamlPeerSection, s: LspSection): string {
  const ms = (x: { median: number; p95: number }) => `${x.median} / ${x.p95}`;
  const rows = [
    ['indicators', 'MB', 'diags', 'open→diag ms', 'edit work med/p95', 'line edit work med/p95', 'line above a block med/p95', 'completion med/p95', 'hover med/p95', 'completions with items', 'hovers with content', 'peak RSS MiB'],
    ...p.sizes.map((r) => [
      String(r.indicators),
      (r.bytes / 1e6).toFixed(2),
      String(r.diagnostics),
      String(r.openToDiagnosticsMs),
      ms(r.editWorkMs),
      ms(r.lineEditWorkMs),
      ms(r.blockLineEditWorkMs),
      ms(r.completionMs),
      ms(r.hoverMs),
      `${r.completionsWithItems} / ${r.completionMs.runs}`,
      `${r.hoversWithContent} / ${r.hoverMs.runs}`,
      String(r.peakRssMiB),
    ]),
  ];
  const x = (n: number) => (Number.isFinite(n) ? `${n}×` : '–');
  const ratioRows = [
    ['indicators', 'edit work (median)', 'line edit work (median)', 'line above a block (median)', 'completion p95', 'hover p95', 'peak RSS'],
    ...p.sizes.map((r) => {
      const ours = s.cases.find((c) => c.name === `${r.indicators.toLocaleString('en')} indicators`)!;
      return [String(r.indicators), x(ratio(ours.editWorkMs.median, r.editWorkMs.median)), x(ratio(ours.lineEditWorkMs.median, r.lineEditWorkMs.median)), x(ratio(ours.blockLineEditWorkMs.median, r.blockLineEditWorkMs.median)), x(ratio(ours.completionP95Ms.median, r.completionMs.p95)), x(ratio(ours.hoverP95Ms.median, r.hoverMs.p95)), x(ratio(ours.peakRssMiB.median, r.peakRssMiB))];
    }),
  ];
  return `peer: ${p.name} ${p.version} with a JSON Schema of the same table, the same content as YAML, same run, the same workload (one run);
        its validation is debounced by a fixed ${p.validationDelayMs} ms (not configurable): its 'work' = wall-clock − ${p.validationDelayMs} ms;
        ${p.note}${p.error ? `
        stopped: ${p.error}` : ''}

${textTable(rows)}

ours ÷ ${p.name} (below 1: ours is faster / smaller)

${textTable(ratioRows)}
`;
}
