/**
 * A peer in the `lsp` section: yaml-language-server with a JSON Schema of the
 * same table, the same content written as YAML (the generator's `data`), on
 * the same machine in the same run — so the ratios mean something even when
 * the absolute times are noisy.
 *
 * yaml-language-server debounces validation with a fixed `setTimeout(…,
 * validationDelayMs)` of 200 ms (out/server/src/yamlSettings.js; no setting
 * changes it), on didOpen as on didChange. Its 'work' below is therefore the
 * wall-clock time to diagnostics minus that delay — like ours, an upper bound
 * that includes JSON-RPC and the diagnostics' serialization.
 *
 * It starts offline: the schema store and the Kubernetes CRD store are off,
 * and the schema is a local file given through `yaml.schemas`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { KEYWORDS, KEYWORD_BY_KEY } from '../grammar/src/keywords';
import type { FieldKey } from '../grammar/src/ast';
import { fileUri, startServer, type TestClient } from '../test/support/lspClient';
import {
  INDICATOR_FIELD_KEYS,
  INHERITED_KEYS,
  generateTable,
  mulberry32,
  type GeneratedInherited,
  type GeneratedTable,
} from './generate';
import { memoryMiB, round, stats, timed, type LatencyStats } from './measure';
import { WORKLOAD } from './shapes';

/** yaml-language-server's own validation debounce (validationDelayMs in yamlSettings.js). */
export const YAML_VALIDATION_DELAY_MS = 200;

export interface YamlPeerSizeResult {
  indicators: number;
  /** Size of the YAML document. */
  bytes: number;
  lines: number;
  diagnostics: number;
  /** didOpen → diagnostics, wall-clock, including the 200 ms debounce. */
  openToDiagnosticsMs: number;
  /** One-character didChange → diagnostics, wall-clock, including the debounce. */
  editToDiagnosticsMs: LatencyStats;
  /** The same minus the debounce: comparable to our edit work (measured with delay 0). */
  editWorkMs: LatencyStats;
  lineEditWorkMs: LatencyStats;
  /** A comment line typed above a duty, objective or indicator (a list item's first line). */
  blockLineEditWorkMs: LatencyStats;
  completionMs: LatencyStats;
  /** Completions that returned items (at a key: the schema's properties). */
  completionsWithItems: number;
  hoverMs: LatencyStats;
  /** Hovers that returned content: proves the schema was applied (its descriptions are what it shows). */
  hoversWithContent: number;
  rssMiB: number;
  peakRssMiB: number;
}

export interface YamlPeerSection {
  name: 'yaml-language-server';
  version: string;
  validationDelayMs: number;
  /** What it was given. */
  note: string;
  sizes: YamlPeerSizeResult[];
  /** Set when the peer failed; the sizes before the failure are kept. */
  error?: string;
}

// ---------------------------------------------------------------------------
// The table as YAML, and its JSON Schema

/** The inherited fields of one level, only those written (as in the .ttab text). */
function inheritedOf(level: GeneratedInherited): Partial<GeneratedInherited> {
  const out: Partial<GeneratedInherited> = {};
  for (const key of INHERITED_KEYS) if (level[key].length > 0) out[key] = level[key];
  return out;
}

/** The table as a plain object in the order of the .ttab text: title first, fields, then the inherited ones, then children. */
function orderedTable(data: GeneratedTable): unknown {
  const objective = (o: GeneratedTable['duties'][number]['objectives'][number]) => ({
    title: o.title,
    ...inheritedOf(o),
    indicators: o.indicators.map((ind) => {
      const fields: Record<string, unknown> = { name: ind.name };
      for (const key of INDICATOR_FIELD_KEYS) if (ind[key] !== undefined) fields[key] = ind[key];
      return { ...fields, ...inheritedOf(ind) };
    }),
  });
  return {
    department: data.department,
    year: data.year,
    duties: data.duties.map((d) => ({
      ...(d.number !== undefined ? { number: d.number } : {}),
      title: d.title,
      ...inheritedOf(d),
      ...(d.objectives.length > 0 ? { objectives: d.objectives.map(objective) } : {}),
      ...(d.items.length > 0
        ? { items: d.items.map((it) => ({ title: it.title, ...inheritedOf(it), objectives: it.objectives.map(objective) })) }
        : {}),
    })),
  };
}

/** Block YAML, one field per line like the .ttab text (no line folding). */
export function tableToYaml(data: GeneratedTable): string {
  return stringify(orderedTable(data), { lineWidth: 0 });
}

const HAN = String.raw`[\u4e00-\u9fff]`;
const NUMBER = String.raw`\d+(\.\d+)?`;
/** A quantity as the generator writes it: comparator, number, magnitude, unit, trailing qualifier. */
const QUANTITY = `^(≥|>=|≤|<=|>|<|=|不低于|不少于|至少|不超过|不高于|约)?${NUMBER}(千|万|亿)?(%|％|${HAN}{1,4})?(以上|以内|以下)?$`;
/** Labelled parts (`公众号：120期；抖音：30条`); one separator between parts keeps the regex linear. */
const COMPOSITE_PART = `[^：:；，]+[：:]${NUMBER}${HAN}*`;
const COMPOSITE = `^${COMPOSITE_PART}([；，]${COMPOSITE_PART})*$`;
/** A value that is not given. */
const NONE = '^[/／—无]$';
/** Qualitative values carry no figures. */
const QUALITATIVE = '^[^0-9]+$';
const CATEGORY = '^(产出(指标)?[/·-](数量|质量|时效|成本)(指标)?|效益(指标)?[/·-](经济|社会|生态|可持续影响)(效益)?(指标)?|满意度(指标)?)$';

function describe(key: FieldKey): string {
  const { zh, en } = KEYWORD_BY_KEY[key].column;
  return `${zh} — ${en}`;
}

/** The JSON Schema of the table: the shape of docs/language.md, and patterns on the values so validation does real work. */
export function tableSchema(): object {
  const text = (key: FieldKey, minLength = 1) => ({ type: 'string', minLength, description: describe(key) });
  const inherited = Object.fromEntries(
    INHERITED_KEYS.map((key) => [key, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: describe(key) }]),
  );
  const indicatorFields: Record<string, object> = { name: text('indicator') };
  for (const { key, role, isValue } of KEYWORDS) {
    if (role !== 'indicator') continue;
    indicatorFields[key] = isValue
      ? {
          type: 'string',
          description: describe(key),
          anyOf: [QUANTITY, COMPOSITE, NONE, QUALITATIVE].map((pattern) => ({ pattern })),
        }
      : key === 'category'
        ? { type: 'string', pattern: CATEGORY, description: describe(key) }
        : text(key, key === 'remark' ? 0 : 1);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '部门预算整体绩效目标表',
    type: 'object',
    required: ['department', 'year', 'duties'],
    additionalProperties: false,
    properties: {
      department: text('department'),
      year: { type: 'string', pattern: '^(19|20)\\d{2}$', description: describe('year') },
      duties: { type: 'array', minItems: 1, items: { $ref: '#/definitions/duty' } },
    },
    definitions: {
      duty: {
        type: 'object',
        required: ['title'],
        anyOf: [{ required: ['objectives'] }, { required: ['items'] }],
        additionalProperties: false,
        description: describe('duty'),
        properties: {
          number: { type: 'string', pattern: '^\\d+$' },
          title: text('duty'),
          ...inherited,
          objectives: { type: 'array', minItems: 1, items: { $ref: '#/definitions/objective' } },
          items: { type: 'array', minItems: 1, items: { $ref: '#/definitions/item' } },
        },
      },
      item: {
        type: 'object',
        required: ['title', 'objectives'],
        additionalProperties: false,
        description: describe('item'),
        properties: {
          title: text('item'),
          ...inherited,
          objectives: { type: 'array', minItems: 1, items: { $ref: '#/definitions/objective' } },
        },
      },
      objective: {
        type: 'object',
        required: ['title', 'indicators'],
        additionalProperties: false,
        description: describe('objective'),
        properties: {
          title: text('objective'),
          ...inherited,
          indicators: { type: 'array', minItems: 1, items: { $ref: '#/definitions/indicator' } },
        },
      },
      indicator: {
        type: 'object',
        required: ['name', 'target'],
        additionalProperties: false,
        description: describe('indicator'),
        properties: { ...indicatorFields, ...inherited },
      },
    },
  };
}

// ---------------------------------------------------------------------------
// The server

export function serverEntry(): string | undefined {
  try {
    return require.resolve('yaml-language-server/bin/yaml-language-server');
  } catch {
    return undefined;
  }
}

function serverVersion(entry: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Starts the peer and resolves once it has pulled its settings (so the schema is known before the document opens). */
export async function startPeer(entry: string, schemaFile: string): Promise<TestClient> {
  let configured!: () => void;
  const pulled = new Promise<void>((resolve) => (configured = resolve));
  const client = await startServer({
    serverPath: entry,
    configuration: (item) => {
      if (item.section !== 'yaml') return item.section === 'http' ? { proxy: '', proxyStrictSSL: false } : {};
      configured();
      return {
        schemas: { [fileUri(schemaFile)]: '*.yaml' },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
      };
    },
  });
  await pulled;
  // Applying the settings is asynchronous on the server side; it answers the next request after that.
  await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///none.yaml' } }).catch(() => undefined);
  return client;
}

/** A line holding an indicator's one-line value (a field we also edit in the .ttab): where its key starts and its text ends. */
interface EditableLine {
  line: number;
  keyStart: number;
  /** Just after the scalar's last character (before a closing quote). */
  valueEnd: number;
}

function editableLines(lines: readonly string[]): EditableLine[] {
  const out: EditableLine[] = [];
  lines.forEach((text, line) => {
    const m = /^\s+(?:- )?(explanation|target|remark): (.+)$/.exec(text);
    if (!m || /^[|>]/.test(m[2]!)) return; // block scalars span several lines
    const quoted = /^["']/.test(m[2]!) && m[2]!.length > 1;
    out.push({ line, keyStart: text.search(/[a-zA-Z]/), valueEnd: quoted ? text.length - 1 : text.length });
  });
  return out;
}

async function benchPeerSize(entry: string, schemaFile: string, indicators: number, seed: number): Promise<YamlPeerSizeResult> {
  const { data } = generateTable({ indicators, seed });
  const text = tableToYaml(data);
  const lines = text.split('\n');
  const editable = editableLines(lines);
  const rand = mulberry32(seed);
  const client = await startPeer(entry, schemaFile);
  try {
    const uri = `file:///bench/table-${indicators}.yaml`;
    let version = 1;
    // The peer sends no version with its diagnostics: the next publication after a change is the answer to it.
    const nextDiagnostics = (timeoutMs: number) => client.waitForDiagnostics(uri, () => true, timeoutMs);

    const openStart = performance.now();
    const opened = nextDiagnostics(300_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const first = await opened;
    const openToDiagnosticsMs = performance.now() - openStart;

    const edit = (line: number, character: number, insert: string) => {
      version++;
      const v = version;
      return timed(async () => {
        const done = nextDiagnostics(300_000);
        client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }] });
        await done;
      });
    };
    const editTimes: number[] = [];
    for (let i = 0; i < WORKLOAD.edits; i++) {
      const target = editable[Math.floor(rand() * editable.length)]!;
      editTimes.push(await edit(target.line, target.valueEnd, '1'));
      lines[target.line] = lines[target.line]!.slice(0, target.valueEnd) + '1' + lines[target.line]!.slice(target.valueEnd);
      target.valueEnd++;
    }
    const lineEditTimes: number[] = [];
    for (let i = 0; i < WORKLOAD.lineEdits; i++) {
      const target = editable[Math.floor(rand() * editable.length)]!;
      const indent = lines[target.line]!.match(/^\s*/)![0];
      lineEditTimes.push(await edit(target.line, 0, `${indent}# 新增\n`));
      lines.splice(target.line, 0, `${indent}# 新增`);
      for (const e of editable) if (e.line >= target.line) e.line++;
    }

    const completionTimes: number[] = [];
    let completionsWithItems = 0;
    for (let i = 0; i < WORKLOAD.completions; i++) {
      const target = editable[Math.floor(rand() * editable.length)]!;
      // At the key of an indicator's field: the schema's properties are offered there.
      const position = { line: target.line, character: target.keyStart };
      let list: { items?: unknown[] } | unknown[] | null = null;
      completionTimes.push(await timed(async () => (list = await client.request('textDocument/completion', { textDocument: { uri }, position }))));
      const got = list as { items?: unknown[] } | unknown[] | null;
      if ((Array.isArray(got) ? got.length : (got?.items?.length ?? 0)) > 0) completionsWithItems++;
    }
    const hoverTimes: number[] = [];
    let hoversWithContent = 0;
    for (let i = 0; i < WORKLOAD.hovers; i++) {
      const target = editable[Math.floor(rand() * editable.length)]!;
      // On the key and on the value, in turn, like ours on keywords and values.
      const hoverAt = { line: target.line, character: i % 2 === 0 ? target.keyStart + 1 : target.valueEnd - 1 };
      let hover: unknown;
      hoverTimes.push(await timed(async () => (hover = await client.request('textDocument/hover', { textDocument: { uri }, position: hoverAt }))));
      if (hover) hoversWithContent++;
    }
    // As ours: lines typed above a block's first line (here a list item's: a duty, an objective, an indicator).
    const blockLineEditTimes: number[] = [];
    const blocks = lines.flatMap((l, line) => (/^\s*- (?:number|title|name): /.test(l) ? [line] : []));
    for (let i = 0; i < WORKLOAD.blockLineEdits; i++) {
      const k = Math.floor(rand() * blocks.length);
      const line = blocks[k]!;
      const indent = lines[line]!.match(/^\s*/)![0];
      blockLineEditTimes.push(await edit(line, 0, `${indent}# 新增\n`));
      lines.splice(line, 0, `${indent}# 新增`);
      for (let j = k; j < blocks.length; j++) blocks[j]!++;
    }
    const memory = memoryMiB(client.process.pid!);
    const minusDelay = (times: number[]) => times.map((t) => Math.max(0, t - YAML_VALIDATION_DELAY_MS));
    return {
      indicators,
      bytes: Buffer.byteLength(text),
      lines: lines.length,
      diagnostics: first.length,
      openToDiagnosticsMs: round(openToDiagnosticsMs, 1),
      editToDiagnosticsMs: stats(editTimes),
      editWorkMs: stats(minusDelay(editTimes)),
      lineEditWorkMs: stats(minusDelay(lineEditTimes)),
      blockLineEditWorkMs: stats(minusDelay(blockLineEditTimes)),
      completionMs: stats(completionTimes),
      completionsWithItems,
      hoverMs: stats(hoverTimes),
      hoversWithContent,
      rssMiB: memory.rss,
      peakRssMiB: memory.peak,
    };
  } finally {
    // A peer that hangs must not hang the bench: it gets a few seconds to shut down.
    const exited = new Promise((resolve) => client.process.once('exit', resolve));
    const killLater = setTimeout(() => client.process.kill(), 10_000);
    await Promise.race([client.stop(), exited]);
    clearTimeout(killLater);
  }
}

/**
 * Runs the peer at one size after another (the caller interleaves them with
 * ours). Returns undefined, with the reason logged, when yaml-language-server
 * is not installed.
 */
export function yamlPeer(log: (m: string) => void): { section: YamlPeerSection; run(indicators: number, seed: number): Promise<YamlPeerSizeResult>; dispose(): void } | undefined {
  const entry = serverEntry();
  if (!entry) {
    log('lsp: yaml-language-server is not installed (npm install): the peer is skipped');
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-bench-yaml-'));
  const schemaFile = path.join(dir, 'table.schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(tableSchema(), null, 2));
  const section: YamlPeerSection = {
    name: 'yaml-language-server',
    version: serverVersion(entry),
    validationDelayMs: YAML_VALIDATION_DELAY_MS,
    note:
      `the same workload as ours: ${WORKLOAD.edits} one-character edits, ${WORKLOAD.lineEdits} line-adding edits, ${WORKLOAD.blockLineEdits} lines typed above a block, ${WORKLOAD.completions} completions ` +
      `(at a field's key, where the schema's properties are offered), ${WORKLOAD.hovers} hovers (keys and values in turn)`,
    sizes: [],
  };
  return {
    section,
    async run(indicators, seed) {
      const result = await benchPeerSize(entry, schemaFile, indicators, seed);
      section.sizes.push(result);
      log(`lsp: yaml-language-server, ${indicators} indicators: edit work ${result.editWorkMs.median} ms, completion p95 ${result.completionMs.p95}, hover p95 ${result.hoverMs.p95}, peak RSS ${result.peakRssMiB} MiB`);
      return result;
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
