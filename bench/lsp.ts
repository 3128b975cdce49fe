/**
 * The `lsp` section: the real server process over stdio, on generated tables
 * of about 40, 2,000 and 10,000 indicators. For each size, in a fresh server:
 * didOpen → diagnostics, a one-character didChange → diagnostics (validation
 * delay set to 0; the editor's default delay is stated separately), a
 * line-adding edit → diagnostics, completion and hover latency (median, p95)
 * at random positions, and the server's RSS and peak RSS (Linux /proc).
 * Times are wall-clock from sending to receiving, so they include JSON-RPC
 * and the diagnostics' serialization — an upper bound on the server's work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type TestClient } from '../test/support/lspClient';
import { generateTable, mulberry32 } from './generate';
import { median, round, textTable } from './measure';

export const DEFAULT_VALIDATION_DELAY_MS = 200;

export interface LspSizeResult {
  indicators: number;
  bytes: number;
  lines: number;
  diagnostics: number;
  openToDiagnosticsMs: number;
  editToDiagnosticsMs: { median: number; p95: number; runs: number };
  /** The server's own work for those edits: reparse + validation + writing the diagnostics (no JSON-RPC transit, no client). */
  editWorkMs: { median: number; p95: number; runs: number };
  newlineEditWorkMs: { median: number; p95: number; runs: number };
  newlineEditToDiagnosticsMs: { median: number; p95: number; runs: number };
  completionMs: { median: number; p95: number; runs: number };
  hoverMs: { median: number; p95: number; runs: number };
  rssMiB: number;
  peakRssMiB: number;
}

export interface LspSection {
  validationDelayMs: number;
  sizes: LspSizeResult[];
}

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

function stats(values: readonly number[]) {
  return { median: round(median(values), 2), p95: round(p95(values), 2), runs: values.length };
}

function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: round(kb('VmRSS') / 1024, 1), peak: round(kb('VmHWM') / 1024, 1) };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function benchSize(indicators: number, seed: number, serverPath: string, log: (m: string) => void): Promise<LspSizeResult> {
  const { text } = generateTable({ indicators, seed });
  const lines = text.split('\n');
  const rand = mulberry32(seed);
  const client: TestClient = await startServer({ serverPath, validationDelay: 0, timing: true });
  try {
    const uri = `file:///bench/table-${indicators}.ttab`;
    let version = 1;
    const openStart = performance.now();
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
    client.open(uri, text, version);
    const first = await opened;
    const openToDiagnosticsMs = performance.now() - openStart;

    // Lines whose text we can edit without changing the structure: value and explanation fields.
    const editable = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s+(解释|指标值|备注) /.test(l)).map(([, i]) => i);
    const edit = async (range: { line: number; character: number }, insert: string): Promise<number> => {
      version++;
      const v = version;
      return timed(async () => {
        const done = client.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
        client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: range, end: range }, text: insert }] });
        await done;
      });
    };
    const workOf = (from: number) => client.timings.filter((t) => t.version > from).map((t) => t.workMs);
    const editsFrom = version;
    const editTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      const character = lines[line]!.length; // after the text: ends the line, one character more
      editTimes.push(await edit({ line, character }, '1'));
      lines[line] += '1';
    }
    const editWork = workOf(editsFrom);
    const newlinesFrom = version;
    const newlineTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      newlineTimes.push(await edit({ line, character: 0 }, '        备注 新增\n'));
      lines.splice(line, 0, '        备注 新增');
      for (let k = 0; k < editable.length; k++) if (editable[k]! >= line) editable[k]!++;
    }

    const newlineWork = workOf(newlinesFrom);
    const completionTimes: number[] = [];
    const hoverTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const line = editable[Math.floor(rand() * editable.length)]!;
      const position = { line, character: lines[line]!.length };
      completionTimes.push(await timed(() => client.request('textDocument/completion', { textDocument: { uri }, position })));
      const hoverAt = { line, character: Math.max(0, lines[line]!.search(/\S/) + 1) };
      hoverTimes.push(await timed(() => client.request('textDocument/hover', { textDocument: { uri }, position: hoverAt })));
    }
    const memory = memoryMiB(client.process.pid!);
    const result: LspSizeResult = {
      indicators,
      bytes: Buffer.byteLength(text),
      lines: text.split('\n').length,
      diagnostics: first.length,
      openToDiagnosticsMs: round(openToDiagnosticsMs, 1),
      editToDiagnosticsMs: stats(editTimes),
      editWorkMs: stats(editWork),
      newlineEditWorkMs: stats(newlineWork),
      newlineEditToDiagnosticsMs: stats(newlineTimes),
      completionMs: stats(completionTimes),
      hoverMs: stats(hoverTimes),
      rssMiB: memory.rss,
      peakRssMiB: memory.peak,
    };
    log(`lsp: ${indicators} indicators done`);
    return result;
  } finally {
    await client.stop();
  }
}

export async function runLspBench(opts: { seed?: number; log?: (m: string) => void; sizes?: number[] } = {}): Promise<LspSection> {
  const log = opts.log ?? (() => {});
  const serverPath = path.join(__dirname, 'server.js');
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run npm run build first`);
  const sizes: LspSizeResult[] = [];
  for (const n of opts.sizes ?? [40, 2000, 10000]) {
    log(`lsp: ${n} indicators…`);
    sizes.push(await benchSize(n, opts.seed ?? 1, serverPath, log));
  }
  return { validationDelayMs: DEFAULT_VALIDATION_DELAY_MS, sizes };
}

export function formatLspSection(s: LspSection): string {
  const ms = (x: { median: number; p95: number }) => `${x.median} / ${x.p95}`;
  const rows = [
    ['indicators', 'MB', 'diags', 'open→diag ms', 'edit→diag ms (med/p95)', 'edit work', 'newline edit→diag', 'newline work', 'completion ms', 'hover ms', 'RSS MiB', 'peak RSS MiB'],
    ...s.sizes.map((r) => [
      String(r.indicators),
      (r.bytes / 1e6).toFixed(2),
      String(r.diagnostics),
      String(r.openToDiagnosticsMs),
      ms(r.editToDiagnosticsMs),
      ms(r.editWorkMs),
      ms(r.newlineEditToDiagnosticsMs),
      ms(r.newlineEditWorkMs),
      ms(r.completionMs),
      ms(r.hoverMs),
      String(r.rssMiB),
      String(r.peakRssMiB),
    ]),
  ];
  return `lsp — the server process over stdio; wall-clock from request to answer (incl. JSON-RPC and the client reading it);
        'work' = the server's own time from receiving the change to having written the diagnostics (reparse + validation + serialization);
        edits measured with validation delay 0; in the editor a ${s.validationDelayMs} ms debounce comes on top

${textTable(rows)}
`;
}
