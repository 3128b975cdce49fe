/**
 * Every pure feature of the language service, fed random and mutated tables
 * and random positions (past the end too): none throws, and each returns
 * what the LSP client expects — a malformed answer makes VS Code drop the
 * result or log an error, which the user sees as a feature that "does nothing".
 *
 * Features are loaded by file name, so one that does not exist yet is skipped
 * (the first test lists what was found); once its file exists it is checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { ALL_KEYWORDS, keywordForms, parse, type ParseResult } from '../grammar/src/index';
import { createContext, type ServiceContext, WorkspaceIndex } from '../service/index';
import * as service from '../service/index';
import * as locateModule from '../service/locate';

const SEED = 20220101;
const RUNS = 300;

const EXAMPLES_DIR = new URL('../examples/', import.meta.url);
const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.ttab'))
  .sort()
  .map((f) => readFileSync(new URL(f, EXAMPLES_DIR), 'utf8'))
  // the table carried through its year: monitoring points and the self-evaluation
  .concat(readFileSync(new URL('lifecycle/就业创业服务中心-2023.ttab', EXAMPLES_DIR), 'utf8'));

// ---------------------------------------------------------------- inputs

const KEYWORD_TEXTS = ALL_KEYWORDS.flatMap(keywordForms);
/** Pieces that make a mutation land on the grammar's edges. */
const PIECES = [
  ...KEYWORD_TEXTS.map((k) => `${k} `),
  ...KEYWORD_TEXTS,
  ' ', '\t', '\u3000', '\n', '\r\n', '\r', '+ ', '+', '# ', '#', '\uFEFF',
  '1', '12', '28871.96', '万', '万元', '%', '≥', '≤', '>', '约', '以上', '不低于', '次', '/', '；', '：', '、', '1.2.3次', '≥ 次',
  '甲', '综合科', '年度工作计划', '😀', '\uD800', '\uDC00', '\u0000', '\u2028', '\u200B',
];

const piece = fc.constantFrom(...PIECES);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const insertion = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.oneof(piece, loneSurrogate), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
);

type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'longLine'; at: number; text: string; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: insertion }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('longLine' as const), at: fc.nat(), text: fc.oneof(piece, insertion), times: fc.integer({ min: 500, max: 5000 }) }), weight: 1 },
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % Math.max(lines.length, 1);
  switch (m.op) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swap': {
      const j = m.other % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'longLine':
      lines.splice(i, 0, `        指标值 ${m.text.repeat(m.times)}`);
      return lines.join('\n');
  }
}

const mutatedExample = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, mutations]) => mutations.reduce(mutate, text));
const randomTable = fc.array(fc.oneof({ arbitrary: piece, weight: 4 }, { arbitrary: insertion, weight: 1 }), { maxLength: 120 }).map((a) => a.join(''));
const table = fc.oneof({ arbitrary: mutatedExample, weight: 3 }, { arbitrary: randomTable, weight: 2 });

/** A position picked from two numbers: mostly on a line of the text (or just past it), sometimes far away. */
function positionIn(lines: string[], line: number, character: number): Position {
  const l = line % (lines.length + 2);
  const length = lines[l]?.length ?? 0;
  return { line: l, character: character % 7 === 0 ? character : character % (length + 3) };
}

interface Case {
  text: string;
  document: TextDocument;
  parsed: ParseResult;
  position: Position;
  range: Range;
  newName: string;
  ctx: ServiceContext;
}

const URI = 'file:///ws/current.ttab';

/** The workspace: two examples plus the table under test (so references and rename cross files). */
const OTHER_FILES = [EXAMPLES[0]!, EXAMPLES[3]!].map((text) => parse(text).ast);
function contextFor(parsed: ParseResult, locale: 'zh' | 'en'): ServiceContext {
  const workspace = new WorkspaceIndex();
  OTHER_FILES.forEach((ast, i) => workspace.update(`file:///ws/example-${i}.ttab`, ast));
  workspace.update(URI, parsed.ast);
  return createContext({ locale, workspace });
}

/** What a counterexample shows: the text, the positions, the locale and the new name. */
interface Scenario {
  text: string;
  position: Position;
  range: Range;
  locale: 'zh' | 'en';
  newName: string;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    text: table,
    p: fc.tuple(fc.nat(), fc.nat({ max: 100_000 })),
    q: fc.tuple(fc.nat(), fc.nat({ max: 100_000 })),
    locale: fc.constantFrom('zh' as const, 'en' as const),
    newName: fc.oneof(fc.constantFrom('新名称', '', ' ', '#x', '+x', 'a\nb', '  综合科 '), fc.string({ unit: 'binary', maxLength: 8 })),
  })
  .map(({ text, p, q, locale, newName }) => {
    const lines = text.split(/\r\n|\r|\n/);
    const a = positionIn(lines, p[0], p[1]);
    const b = positionIn(lines, q[0], q[1]);
    const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
    return { text, position: a, range: { start, end }, locale, newName };
  });

function caseOf({ text, position, range, locale, newName }: Scenario): Case {
  const parsed = parse(text);
  return { text, document: TextDocument.create(URI, 'target-table', 1, text), parsed, position, range, newName, ctx: contextFor(parsed, locale) };
}

// ---------------------------------------------------------------- shapes

function expectPosition(p: unknown): void {
  const { line, character } = p as Position;
  expect(Number.isInteger(line) && line >= 0, `line ${line}`).toBe(true);
  expect(Number.isInteger(character) && character >= 0, `character ${character}`).toBe(true);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function expectRange(r: unknown): void {
  const range = r as Range;
  expectPosition(range.start);
  expectPosition(range.end);
  expect(before(range.start, range.end), `range ${JSON.stringify(range)} ends before it starts`).toBe(true);
}

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function expectMessage(m: unknown): void {
  const { zh, en } = m as { zh: unknown; en: unknown };
  expect(typeof zh === 'string' && zh !== '' && typeof en === 'string' && en !== '').toBe(true);
}

function expectTextEdits(edits: unknown): void {
  expect(Array.isArray(edits)).toBe(true);
  for (const e of edits as { range: Range; newText: unknown }[]) {
    expectRange(e.range);
    expect(typeof e.newText).toBe('string');
  }
}

function expectWorkspaceEdit(edit: unknown): void {
  const { changes } = edit as { changes?: Record<string, unknown> };
  expect(typeof changes).toBe('object');
  for (const edits of Object.values(changes!)) expectTextEdits(edits);
}

function expectLocations(locations: unknown): void {
  expect(Array.isArray(locations)).toBe(true);
  for (const l of locations as { uri: unknown; range: Range }[]) {
    expect(typeof l.uri).toBe('string');
    expectRange(l.range);
  }
}

/** VS Code rejects a symbol with an empty name or a selectionRange outside its range. */
function expectDocumentSymbols(symbols: unknown): void {
  expect(Array.isArray(symbols)).toBe(true);
  for (const s of symbols as { name: unknown; kind: unknown; range: Range; selectionRange: Range; children?: unknown }[]) {
    expect(typeof s.name === 'string' && s.name.trim() !== '', `symbol name ${JSON.stringify(s.name)}`).toBe(true);
    expect(typeof s.kind).toBe('number');
    expectRange(s.range);
    expectRange(s.selectionRange);
    expect(contains(s.range, s.selectionRange), 'selectionRange inside range').toBe(true);
    if (s.children !== undefined) expectDocumentSymbols(s.children);
  }
}

function expectSemanticTokens(tokens: unknown): void {
  const { data } = tokens as { data: unknown };
  expect(Array.isArray(data)).toBe(true);
  const numbers = data as number[];
  expect(numbers.length % 5).toBe(0);
  expect(numbers.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
}

function expectSelectionRange(s: unknown): void {
  let node = s as { range: Range; parent?: unknown } | undefined;
  while (node) {
    expectRange(node.range);
    const parent = node.parent as { range: Range } | undefined;
    // VS Code requires each parent to contain its child.
    if (parent) expect(contains(parent.range, node.range), 'selection range parent contains child').toBe(true);
    node = parent as typeof node;
  }
}

function expectFindings(findings: unknown): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings as { code: unknown; severity: unknown; message: unknown; range: Range }[]) {
    expect(typeof f.code).toBe('string');
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expectMessage(f.message);
    expectRange(f.range);
  }
}

// ---------------------------------------------------------------- features

// Signatures as the project's briefs give them: (document, parsed, position/options, ctx).
type Module = Record<string, (...args: any[]) => any>;

interface Feature {
  file: string;
  check(m: Module, c: Case): void;
}

function diagnosticsOf(m: Module | undefined, c: Case, findings: { code: string; severity: string; message: { zh: string; en: string }; range: Range; data?: unknown }[]) {
  if (m?.findingToDiagnostic) return findings.map((f) => m.findingToDiagnostic!(f, c.ctx.locale));
  const severity = { error: 1, warning: 2, info: 3 } as Record<string, number>;
  return findings.map((f) => ({ range: f.range, message: f.message.en, code: f.code, severity: severity[f.severity], source: 'ttab', data: f.data }));
}


const FEATURES: Feature[] = [
  {
    file: 'validation',
    check: (m, c) => expectFindings(m.validate!(c.parsed, { settings: c.ctx.settings, units: c.ctx.units })),
  },
  {
    file: 'formatting',
    check: (m, c) => {
      const result = m.formatTable!(c.text, c.parsed) as { ok: boolean; text?: unknown; errors?: unknown };
      if (result.ok) expect(typeof result.text).toBe('string');
      else expect(Array.isArray(result.errors) && result.errors.length > 0).toBe(true);
    },
  },
  {
    file: 'formattingEdits',
    check: (m, c) => {
      expectTextEdits(m.formatDocumentEdits!(c.document, c.parsed));
      expectTextEdits(m.formatRangeEdits!(c.document, c.parsed, c.range));
    },
  },
  {
    file: 'export',
    check: (m, c) => expect(typeof m.exportTable!(c.parsed.ast, [], 'current.ttab')).toBe('object'),
  },
  {
    file: 'locate',
    check: (m, c) => expect(typeof m.locate!(c.parsed, c.position)).toBe('object'),
  },
  {
    file: 'completion',
    check: (m, c) => {
      const list = m.complete!(c.document, c.parsed, c.position, c.ctx) as { isIncomplete: unknown; items: { label: unknown; textEdit?: { range?: Range } }[] };
      expect(typeof list.isIncomplete).toBe('boolean');
      expect(Array.isArray(list.items)).toBe(true);
      for (const item of list.items) {
        expect(typeof item.label === 'string' && item.label !== '').toBe(true);
        if (item.textEdit?.range) expectRange(item.textEdit.range);
      }
    },
  },
  {
    file: 'hover',
    check: (m, c) => {
      const findings = validation ? (validation.validate!(c.parsed) as unknown[]) : [];
      const hover = m.hover!(c.document, c.parsed, c.position, c.ctx, findings) as { contents: unknown; range?: Range } | null;
      if (hover === null) return;
      expect(hover.contents).toBeTruthy();
      if (hover.range) expectRange(hover.range);
    },
  },
  {
    file: 'documentSymbols',
    check: (m, c) => expectDocumentSymbols(m.documentSymbols!(c.document, c.parsed, c.ctx)),
  },
  {
    file: 'workspaceSymbols',
    check: (m, c) => {
      const symbols = m.workspaceSymbols!(c.text.slice(0, 3), c.ctx) as { name: unknown; location: { uri: unknown; range?: Range } }[];
      expect(Array.isArray(symbols)).toBe(true);
      for (const s of symbols) {
        expect(typeof s.name).toBe('string');
        expect(typeof s.location.uri).toBe('string');
        if (s.location.range) expectRange(s.location.range);
      }
    },
  },
  {
    file: 'folding',
    check: (m, c) => {
      const ranges = m.foldingRanges!(c.document, c.parsed) as { startLine: number; endLine: number }[];
      expect(Array.isArray(ranges)).toBe(true);
      for (const r of ranges) {
        expect(Number.isInteger(r.startLine) && Number.isInteger(r.endLine) && r.startLine >= 0).toBe(true);
        expect(r.startLine <= r.endLine && r.endLine < c.document.lineCount).toBe(true);
      }
    },
  },
  {
    file: 'semanticTokens',
    check: (m, c) => {
      expectSemanticTokens(m.semanticTokens!(c.document, c.parsed));
      expectSemanticTokens(m.semanticTokensRange!(c.document, c.parsed, c.range));
    },
  },
  {
    file: 'selectionRanges',
    check: (m, c) => {
      const positions = [c.position, c.range.end];
      const result = m.selectionRanges!(c.document, c.parsed, positions) as unknown[];
      expect(Array.isArray(result) && result.length === positions.length).toBe(true);
      result.forEach(expectSelectionRange);
    },
  },
  {
    file: 'codeActions',
    check: (m, c) => {
      const findings = validation ? (validation.validate!(c.parsed) as Parameters<typeof diagnosticsOf>[2]) : [];
      const actions = m.codeActions!(c.document, c.parsed, c.range, diagnosticsOf(validation, c, findings), c.ctx) as { title: unknown; edit?: unknown }[];
      expect(Array.isArray(actions)).toBe(true);
      for (const a of actions) {
        expect(typeof a.title === 'string' && a.title !== '').toBe(true);
        if (a.edit) expectWorkspaceEdit(a.edit);
      }
    },
  },
  {
    file: 'inlayHints',
    check: (m, c) => {
      const hints = m.inlayHints!(c.document, c.parsed, c.range, c.ctx) as { position: Position; label: unknown }[];
      expect(Array.isArray(hints)).toBe(true);
      for (const h of hints) {
        expectPosition(h.position);
        expect(typeof h.label === 'string' && h.label !== '').toBe(true);
      }
    },
  },
  {
    file: 'codeLens',
    check: (m, c) => {
      const lenses = m.codeLenses!(c.document, c.parsed, c.ctx, { reportCommand: 'targetTable.generateReport' }) as { range: Range; command?: { title: unknown } }[];
      expect(Array.isArray(lenses)).toBe(true);
      for (const l of lenses) {
        expectRange(l.range);
        expect(typeof l.command?.title === 'string' && l.command.title !== '').toBe(true);
      }
    },
  },
  {
    file: 'references',
    check: (m, c) => {
      expectLocations(m.references!(c.document, c.parsed, c.position, c.ctx, true));
      expectLocations(m.references!(c.document, c.parsed, c.position, c.ctx, false));
    },
  },
  {
    file: 'rename',
    check: (m, c) => {
      const prepared = m.prepareRename!(c.document, c.parsed, c.position, c.ctx) as { range?: Range; placeholder?: unknown; error?: unknown } | null;
      if (prepared?.error) expectMessage(prepared.error);
      else if (prepared) {
        expectRange(prepared.range);
        expect(typeof prepared.placeholder).toBe('string');
      }
      const renamed = m.rename!(c.document, c.parsed, c.position, c.newName, c.ctx) as { error?: unknown };
      if (renamed.error) expectMessage(renamed.error);
      else expectWorkspaceEdit(renamed);
    },
  },
];

// Every feature through the service's facade (the one door the server and the CLI use), and
// locate (the shared reading of a position) from its own file.
const loaded: { feature: Feature; module: Module }[] = FEATURES.map((feature) => ({
  feature,
  module: (feature.file === 'locate' ? locateModule : service) as unknown as Module,
}));
const validation: Module = service as unknown as Module;

function checkAll(c: Case): void {
  for (const { feature, module } of loaded) {
    try {
      feature.check(module, c);
    } catch (error) {
      throw new Error(`${feature.file}: ${(error as Error).message}`, { cause: error });
    }
  }
}

describe('every language service feature, on any input', () => {
  it('reaches every feature it checks', () => {
    const functions: Record<string, string[]> = {
      validation: ['validate'],
      formatting: ['formatTable'],
      formattingEdits: ['formatDocumentEdits', 'formatRangeEdits'],
      export: ['exportTable'],
      locate: ['locate'],
      completion: ['complete'],
      hover: ['hover'],
      documentSymbols: ['documentSymbols'],
      workspaceSymbols: ['workspaceSymbols'],
      folding: ['foldingRanges'],
      semanticTokens: ['semanticTokens', 'semanticTokensRange'],
      selectionRanges: ['selectionRanges'],
      codeActions: ['codeActions'],
      references: ['references'],
      rename: ['prepareRename', 'rename'],
      inlayHints: ['inlayHints'],
      codeLens: ['codeLenses'],
    };
    expect(loaded.map((l) => l.feature.file).sort()).toEqual(Object.keys(functions).sort());
    for (const { feature, module } of loaded) for (const name of functions[feature.file]!) expect(typeof module[name], `${feature.file}: ${name}`).toBe('function');
  });

  it('handles the edges: empty text, past the end, lone surrogates, CR line ends, a byte-order mark', () => {
    const far = { line: 1_000_000, character: 1_000_000 };
    for (const text of ['', '\uFEFF', '\n\n\n', '\r\r', '职责', '指标值', '+', '#', '\uD800', '科室 \uDC00综合科', '职责 1 甲\r目标 乙\r指标 丙\r科室 综合科\r', EXAMPLES[0]!]) {
      const start = { line: 0, character: 0 };
      checkAll(caseOf({ text, position: start, range: { start, end: start }, locale: 'zh', newName: '新名称' }));
      checkAll(caseOf({ text, position: far, range: { start, end: far }, locale: 'en', newName: '新名称' }));
    }
  });

  it('never throws and answers in the right shape, on random and mutated tables', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        checkAll(caseOf(s));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
