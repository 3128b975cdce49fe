/**
 * The `lsp` section: the real server process over stdio, on generated tables
 * of about 40, 2,000 and 10,000 indicators. For each size, in a fresh server:
 * didOpen → diagnostics, a one-character didChange → diagnostics (validation
 * delay set to 0; the editor's default delay is stated separately), a
 * line-adding edit → diagnostics, completion and hover latency (median, p95)
 * at random positions, and the server's RSS and peak RSS (Linux /proc).
 * Times are wall-clock from sending to receiving, so they include JSON-RPC
 * and the diagnostics' serialization — an upper bound on the server's work.
 *
 * After ours, at each size, the same measures for a peer (yamlPeer.ts:
 * yaml-language-server with a JSON Schema of the same table as YAML), and
 * the ratios ours ÷ theirs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type TestClient } from '../test/support/lspClient';
import { generateTable, mulberry32 } from './generate';
import { memoryMiB, round, stats, textTable, timed, type LatencyStats } from './measure';
import { yamlPeer, type YamlPeerSection } from './yamlPeer';

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

/** Ours ÷ theirs at one size: below 1 means we are faster / smaller. */
export interface PeerRatios {
  indicators: number;
  /** Our edit→diagnostics median (delay 0) ÷ the peer's, its debounce subtracted. */
  editToDiagnostics: number;
  completionP95: number;
  hoverP95: number;
  peakRss: number;
}

export interface LspSection {
  validationDelayMs: number;
  sizes: LspSizeResult[];
  /** Peers measured in the same run; absent when none is installed. */
  peer?: { yamlLanguageServer: YamlPeerSection & { ratios: PeerRatios[] } };
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
  const seed = opts.seed ?? 1;
  const sizes: LspSizeResult[] = [];
  const peer = yamlPeer(log);
  const ratios: PeerRatios[] = [];
  try {
    for (const n of opts.sizes ?? [40, 2000, 10000]) {
      log(`lsp: ${n} indicators…`);
      const ours = await benchSize(n, seed, serverPath, log);
      sizes.push(ours);
      if (!peer || peer.section.error) continue;
      log(`lsp: ${n} indicators, yaml-language-server…`);
      const theirs = await peer.run(n, seed).catch((e: unknown) => {
        // A failing peer must not cost us our own figures: record why and stop running it.
        peer.section.error = `at ${n} indicators: ${e instanceof Error ? e.message : String(e)}`;
        log(`lsp: yaml-language-server failed ${peer.section.error}`);
        return undefined;
      });
      if (!theirs) continue;
      ratios.push({
        indicators: n,
        editToDiagnostics: ratio(ours.editToDiagnosticsMs.median, theirs.editWorkMs.median),
        completionP95: ratio(ours.completionMs.p95, theirs.completionMs.p95),
        hoverP95: ratio(ours.hoverMs.p95, theirs.hoverMs.p95),
        peakRss: ratio(ours.peakRssMiB, theirs.peakRssMiB),
      });
    }
  } finally {
    peer?.dispose();
  }
  const section: LspSection = { validationDelayMs: DEFAULT_VALIDATION_DELAY_MS, sizes };
  if (peer) section.peer = { yamlLanguageServer: { ...peer.section, ratios } };
  return section;
}

/** Two significant digits: the ratios span 0.0003 to 1. */
function ratio(ours: number, theirs: number): number {
  return theirs > 0 ? Number((ours / theirs).toPrecision(2)) : NaN;
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
${s.peer ? '\n' + formatYamlPeer(s.peer.yamlLanguageServer) : ''}`;
}

function formatYamlPeer(p: NonNullable<LspSection['peer']>['yamlLanguageServer']): string {
  const ms = (x: { median: number; p95: number }) => `${x.median} / ${x.p95}`;
  const runs = (r: YamlPeerSection['sizes'][number]) => `${r.editWorkMs.runs} / ${r.completionMs.runs}`;
  // Its hover shows the schema's description: a hover without content means the schema was not applied.
  const schemaHovers = (r: YamlPeerSection['sizes'][number]) => `${r.hoversWithContent} / ${r.hoverMs.runs}`;
  const rows = [
    ['indicators', 'MB', 'diags', 'open→diag ms', 'open work', 'edit→diag ms (med/p95)', 'edit work', 'completion ms', 'hover ms', 'RSS MiB', 'peak RSS MiB', 'runs edit / req', 'hovers with schema text'],
    ...p.sizes.map((r) => [
      String(r.indicators),
      (r.bytes / 1e6).toFixed(2),
      String(r.diagnostics),
      String(r.openToDiagnosticsMs),
      String(r.openWorkMs),
      ms(r.editToDiagnosticsMs),
      ms(r.editWorkMs),
      ms(r.completionMs),
      ms(r.hoverMs),
      String(r.rssMiB),
      String(r.peakRssMiB),
      runs(r),
      schemaHovers(r),
    ]),
  ];
  const x = (n: number) => (Number.isFinite(n) ? `${n}×` : '–');
  const ratioRows = [
    ['indicators', 'edit→diag (median)', 'completion p95', 'hover p95', 'peak RSS'],
    ...p.ratios.map((r) => [String(r.indicators), x(r.editToDiagnostics), x(r.completionP95), x(r.hoverP95), x(r.peakRss)]),
  ];
  return `peer: ${p.name} ${p.version} with a JSON Schema of the same table, the same content as YAML, same run;
        its validation is debounced by a fixed ${p.validationDelayMs} ms (not configurable): 'work' = wall-clock − ${p.validationDelayMs} ms;
        ${p.note}${p.error ? `
        stopped: ${p.error}` : ''}

${textTable(rows)}

ours ÷ ${p.name} (below 1: ours is faster / smaller; edit: our edit→diag with delay 0 ÷ their edit work)

${textTable(ratioRows)}
`;
}
