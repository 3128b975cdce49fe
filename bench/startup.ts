/**
 * The `startup` section: what a user waits for between opening the first table and seeing its
 * diagnostics, in the parts that can be measured outside VS Code, each the median of fresh
 * processes:
 *
 *  - activation: a new Node process requiring the extension's bundle, with a stand-in for the
 *    `vscode` module (the module's own evaluation; activate() then only creates the status bar,
 *    registers commands and spawns the server). Beside it the bundle now loaded on first use of a
 *    report, import or diff command (dist/features.js), and, as the peer, vscode-languageclient/node
 *    alone: the least any extension built on an LSP client loads.
 *  - the server's first look: spawn → initialize (with a workspace folder) → didOpen of one table →
 *    its first diagnostics, while the server indexes the folder's other tables in the background;
 *    then until that indexing is reported done. On examples/ (the nine real tables, the largest
 *    opened first) and on a generated table of 2,000 indicators beside them.
 *  - the peer yaml-language-server, the same from spawn to the first diagnostics of the same
 *    2,000-indicator table as YAML with its JSON Schema (its 200 ms validation debounce included,
 *    and stated).
 *
 * In a real VS Code the e2e suite logs the whole path (opening a table → its first diagnostics,
 * activation and server start included): `[ttab-e2e] opening faulty.ttab → its first diagnostics`.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, startServer, type TestClient } from '../test/support/lspClient';
import { generateTable } from './generate';
import { median, round, textTable } from './measure';
import { serverEntry, startPeer, tableSchema, tableToYaml, YAML_VALIDATION_DELAY_MS } from './yamlPeer';

const RUNS = 5;
const GENERATED_INDICATORS = 2000;

export interface BundleLoad {
  bundle: string;
  /** What the process read: every module file it loaded, and their size. */
  files: number;
  bytes: number;
  /** Median time to require it in a fresh process, ms. */
  loadMs: number;
}

export interface FirstLook {
  table: string;
  indicators: number;
  /** Tables in the workspace folder (indexed in the background). */
  workspaceTables: number;
  /** Spawn → first diagnostics of the opened table, median ms. */
  firstDiagnosticsMs: number;
  /** Spawn → the workspace indexing reported done, median ms. */
  indexedMs: number;
}

export interface StartupSection {
  runs: number;
  activation: { extension: BundleLoad; onFirstUse: BundleLoad; peer: BundleLoad };
  server: FirstLook[];
  peer?: { name: 'yaml-language-server'; indicators: number; firstDiagnosticsMs: number; validationDelayMs: number };
  /** Ours ÷ theirs: below 1 means we are faster. */
  ratios: { activationVsLanguageClient: number; firstDiagnosticsVsYaml?: number };
}

// ---------------------------------------------------------------------------
// Loading a bundle in a fresh process

/**
 * Run in the child: makes `require('vscode')` return a stand-in — a callable, constructible proxy
 * (classes extending vscode's load) that lists the API's names as its own (the bundles copy them
 * into a namespace object) and answers every name with itself — then requires the bundle and
 * prints the milliseconds it took.
 */
const LOADER = `
const Module = require('node:module');
const names = JSON.parse(process.argv[2]);
const target = function () {};
// a proxy must report its target's fixed properties as they are
const fixed = Reflect.ownKeys(target).filter((key) => !Reflect.getOwnPropertyDescriptor(target, key).configurable);
const stub = new Proxy(target, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => 'stub' : typeof key === 'symbol' ? undefined : key === 'prototype' ? {} : key === '__esModule' ? false : stub),
  construct: () => ({}),
  apply: () => stub,
  ownKeys: () => [...names, ...fixed],
  getOwnPropertyDescriptor: (_, key) => fixed.includes(key) ? Reflect.getOwnPropertyDescriptor(target, key) : { configurable: true, enumerable: true, value: stub },
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const start = performance.now();
require(process.argv[1]);
const ms = performance.now() - start;
const bytes = Object.keys(require.cache).filter((f) => f !== 'vscode').reduce((n, f) => n + require('node:fs').statSync(f).size, 0);
process.stdout.write(JSON.stringify({ ms, bytes, files: Object.keys(require.cache).length - 1 }));
`;

/** Resolves packages from the project (not from the bundle, which esbuild would try to fill in). */
const projectRequire = createRequire(path.resolve(__dirname, '..', 'package.json'));

/** The names the `vscode` module exports (its namespaces, classes, enums, functions), from its type declarations. */
function vscodeApiNames(): string[] {
  const declarations = fs.readFileSync(projectRequire.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...declarations.matchAll(/^\t?export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]!))];
}

function loadTime(file: string, names: readonly string[]): BundleLoad {
  const samples: { ms: number; bytes: number; files: number }[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', LOADER, file, JSON.stringify(names)], { encoding: 'utf8' })));
  return { bundle: path.relative(process.cwd(), file), bytes: samples[0]!.bytes, files: samples[0]!.files, loadMs: round(median(samples.map((s) => s.ms)), 1) };
}

// ---------------------------------------------------------------------------
// The server's first look

async function firstLook(serverPath: string, folder: string, table: string, log: (m: string) => void): Promise<Omit<FirstLook, 'table' | 'indicators' | 'workspaceTables'>> {
  const text = fs.readFileSync(table, 'utf8');
  const uri = fileUri(table);
  const diagnostics: number[] = [];
  const indexed: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const client: TestClient = await startServer({ serverPath, workspaceFolder: folder });
    try {
      const first = client.waitForDiagnostics(uri, () => true, 120_000);
      client.open(uri, text);
      await first;
      diagnostics.push(performance.now() - start);
      while (!client.indexing.some((p) => p.done)) await new Promise((r) => setTimeout(r, 5));
      indexed.push(performance.now() - start);
    } finally {
      await client.stop();
    }
  }
  log(`startup: ${path.basename(table)} done`);
  return { firstDiagnosticsMs: round(median(diagnostics), 1), indexedMs: round(median(indexed), 1) };
}

function tablesIn(folder: string): string[] {
  return fs.readdirSync(folder).filter((f) => f.endsWith('.ttab')).map((f) => path.join(folder, f));
}

async function peerFirstLook(yaml: string, log: (m: string) => void): Promise<StartupSection['peer']> {
  const entry = serverEntry();
  if (!entry) {
    log('startup: yaml-language-server is not installed: the peer is skipped');
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-bench-startup-yaml-'));
  try {
    const schemaFile = path.join(dir, 'table.schema.json');
    fs.writeFileSync(schemaFile, JSON.stringify(tableSchema()));
    const uri = fileUri(path.join(dir, 'table.yaml'));
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const client = await startPeer(entry, schemaFile);
      try {
        const first = client.waitForDiagnostics(uri, () => true, 300_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: yaml } });
        await first;
        samples.push(performance.now() - start);
      } finally {
        await client.stop();
      }
    }
    log('startup: yaml-language-server done');
    return { name: 'yaml-language-server', indicators: GENERATED_INDICATORS, firstDiagnosticsMs: round(median(samples), 1), validationDelayMs: YAML_VALIDATION_DELAY_MS };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runStartupBench(opts: { seed?: number; log?: (m: string) => void } = {}): Promise<StartupSection> {
  const log = opts.log ?? (() => {});
  const dist = __dirname;
  const serverPath = path.join(dist, 'server.js');
  for (const bundle of ['server.js', 'extension.js', 'features.js']) {
    if (!fs.existsSync(path.join(dist, bundle))) throw new Error(`${path.join(dist, bundle)} is missing: run npm run build first`);
  }
  const names = vscodeApiNames();
  const activation = {
    extension: loadTime(path.join(dist, 'extension.js'), names),
    onFirstUse: loadTime(path.join(dist, 'features.js'), names),
    peer: loadTime(projectRequire.resolve('vscode-languageclient/node'), names),
  };
  log('startup: bundles loaded');

  const examples = path.resolve(dist, '..', 'examples');
  const exampleTables = tablesIn(examples);
  const largest = exampleTables.reduce((a, b) => (fs.statSync(b).size > fs.statSync(a).size ? b : a));
  const server: FirstLook[] = [];
  const indicatorsOf = (file: string) => (fs.readFileSync(file, 'utf8').match(/^\s*(指标|indicator) /gm) ?? []).length;
  server.push({ table: `examples/${path.basename(largest)}`, indicators: indicatorsOf(largest), workspaceTables: exampleTables.length, ...(await firstLook(serverPath, examples, largest, log)) });

  const { text, data } = generateTable({ indicators: GENERATED_INDICATORS, seed: opts.seed ?? 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-bench-startup-'));
  try {
    for (const file of exampleTables) fs.copyFileSync(file, path.join(dir, path.basename(file)));
    const generated = path.join(dir, `generated-${GENERATED_INDICATORS}.ttab`);
    fs.writeFileSync(generated, text);
    server.push({ table: `generated (beside examples/)`, indicators: GENERATED_INDICATORS, workspaceTables: exampleTables.length + 1, ...(await firstLook(serverPath, dir, generated, log)) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const peer = await peerFirstLook(tableToYaml(data), log);
  const ours = server[1]!.firstDiagnosticsMs;
  return {
    runs: RUNS,
    activation,
    server,
    peer,
    ratios: {
      activationVsLanguageClient: round(activation.extension.loadMs / activation.peer.loadMs),
      firstDiagnosticsVsYaml: peer ? round(ours / peer.firstDiagnosticsMs) : undefined,
    },
  };
}

export function formatStartupSection(s: StartupSection): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)}`;
  const bundles = [
    ['module', 'files', 'KB', 'load ms'],
    ...[
      ['activation: ' + s.activation.extension.bundle, s.activation.extension],
      ['on first use: ' + s.activation.onFirstUse.bundle, s.activation.onFirstUse],
      ['peer: vscode-languageclient/node alone', s.activation.peer],
    ].map(([name, b]) => [name as string, String((b as BundleLoad).files), kb((b as BundleLoad).bytes), String((b as BundleLoad).loadMs)]),
  ];
  const looks = [
    ['table opened first', 'indicators', 'tables in folder', 'spawn→first diagnostics ms', 'spawn→indexed ms'],
    ...s.server.map((l) => [l.table, String(l.indicators), String(l.workspaceTables), String(l.firstDiagnosticsMs), String(l.indexedMs)]),
    ...(s.peer ? [[`peer: ${s.peer.name}, the generated table as YAML`, String(s.peer.indicators), '1', String(s.peer.firstDiagnosticsMs), '—']] : []),
  ];
  const ratios = [
    `activation bundle ÷ vscode-languageclient alone: ${s.ratios.activationVsLanguageClient}`,
    s.ratios.firstDiagnosticsVsYaml !== undefined
      ? `first diagnostics of the 2,000-indicator table ÷ yaml-language-server's (its ${s.peer!.validationDelayMs} ms debounce included): ${s.ratios.firstDiagnosticsVsYaml}`
      : '',
  ].filter(Boolean);
  return `startup — activation → first diagnostics, in parts; medians of ${s.runs} fresh processes
        (load ms: requiring the bundle in a new Node process, 'vscode' stood in; development build as npm run build makes it)

${textTable(bundles)}

${textTable(looks)}

${ratios.join('\n')}`;
}
