/**
 * Open documents and their models: one parse per document version, kept
 * current by incremental reparse of the blocks an edit touches; the findings
 * of a version are computed once, reusing per document what the blocks an
 * edit kept gave before (service/validation/validate.ts).
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { listPositions, messages, parse, reparse, SYNTAX_RULES, type ParseResult, type ReparseResult, type UnitCatalog } from '../../grammar/src/index';
import { type Finding, type ServiceSettings, validate, ValidationCache } from '../../service/index';
import { ChunkedTextDocument } from './textDocument';

export interface OpenDocument {
  /** The text, edited in place by each change (chunks of lines: an edit costs what it touches). */
  document: ChunkedTextDocument;
  parsed: ParseResult;
  /** What validating the document's versions keeps for the next one. */
  cache: ValidationCache;
  /** Findings of this version, once validated, and how long that took. */
  findings?: Finding[];
  validateMs?: number;
  /** Diagnostics of this version, once built (publisher.ts). */
  diagnostics?: Diagnostic[];
  /** Lines parsed again by the last change (for logs and the benchmark). */
  lastReparse?: { incremental: boolean; from: number; to: number };
  /**
   * How many changes since the document was opened added or removed lines, or parsed it anew: what
   * was kept between two versions with the same count lies where it was (positions move in place
   * only by whole lines), so its diagnostics need no second look (diagnostics.ts).
   */
  lineMoves: number;
}

export interface ModelOptions {
  units: UnitCatalog;
  settings: ServiceSettings;
}

/** Files bigger than this are not parsed (a clear diagnostic says so instead). */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(private options: ModelOptions) {}

  /** New catalogs or settings: every model is validated anew, and parsed anew when the units changed. */
  setOptions(options: ModelOptions): void {
    const unitsChanged = options.units !== this.options.units;
    this.options = options;
    for (const [uri, open] of this.docs) this.docs.set(uri, unitsChanged ? { ...this.model(open.document), lineMoves: open.lineMoves + 1 } : { document: open.document, parsed: open.parsed, cache: open.cache, lineMoves: open.lineMoves });
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const open = this.model(new ChunkedTextDocument(uri, languageId, version, text));
    this.docs.set(uri, open);
    return open;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /**
   * Apply the client's changes in order; each ranged change reparses only what it touched, while
   * the changes' work stays below what parsing the text again costs (reparseCost): formatting an
   * untidy table sends thousands of changes in one event, each moving every line below it, and
   * past that budget the rest are applied to the text and it is parsed once.
   */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const open = this.docs.get(uri);
    if (!open) return undefined;
    const document = open.document;
    let parsed = open.parsed;
    let lastReparse: OpenDocument['lastReparse'];
    let lineMoves = open.lineMoves;
    const parseAll = () => {
      parsed = this.parseText(document.getText());
      lastReparse = { incremental: false, from: 0, to: document.lineCount };
      lineMoves++;
    };
    let budget = document.lineCount;
    let parseAtEnd = false;
    for (const [i, change] of changes.entries()) {
      if (parseAtEnd) {
        document.update([change], version);
        continue;
      }
      if (!('range' in change) || document.textLength > MAX_DOCUMENT_CHARS) {
        document.update([change], version);
        parseAll();
        continue;
      }
      // Clamp the range as the document does, so both agree on what was replaced.
      const range = { start: document.positionAt(document.offsetAt(change.range.start)), end: document.positionAt(document.offsetAt(change.range.end)) };
      document.update([change], version);
      if (document.textLength > MAX_DOCUMENT_CHARS) {
        parseAll();
        continue;
      }
      const result = reparse({ previous: parsed, edit: { range }, text: document, options: { units: this.options.units } });
      open.cache.changed(result);
      parsed = result;
      if (result.lineDelta !== 0 || !result.incremental) lineMoves++;
      lastReparse = { incremental: result.incremental, from: result.reparsedLines.from, to: result.reparsedLines.to };
      budget -= reparseCost(result, document.lineCount);
      // Only with changes left: the text as it is now is parsed already.
      parseAtEnd = budget < 0 && i < changes.length - 1;
    }
    if (parseAtEnd) parseAll();
    const updated: OpenDocument = { document, parsed, cache: open.cache, lastReparse, lineMoves };
    this.docs.set(uri, updated);
    return updated;
  }

  /** The findings of the current version (computed once per version). */
  findings(open: OpenDocument): Finding[] {
    if (!open.findings) {
      const start = performance.now();
      open.findings = validate(open.parsed, { settings: this.options.settings, units: this.options.units, cache: open.cache });
      open.validateMs = performance.now() - start;
    }
    return open.findings;
  }

  /** How many indicators the version has, and findings of each severity (for the status bar). */
  summary(open: OpenDocument): { indicators: number; quantified: number; errors: number; warnings: number; infos: number } {
    return open.cache.summary(this.findings(open));
  }

  /** At most `max` findings of the version, the most severe first chosen, in document order. */
  shown(open: OpenDocument, max: number): readonly Finding[] {
    return open.cache.mostSevere(this.findings(open), max);
  }

  /**
   * Makes the lists of positions that an edit above a duty moves (grammar: listPositions) for the
   * open table's duties from `from` on, for about `budgetMs`: the index to go on from, or -1 when
   * every duty has one. Done once a table is open, so that the first Enter in it moves lists, as
   * every later one does, instead of walking the tree below it.
   */
  listPositions(open: OpenDocument, from: number, budgetMs: number): number {
    const duties = open.parsed.ast.duties;
    const start = performance.now();
    for (let i = from; i < duties.length; i++) {
      listPositions(duties[i]!);
      if (performance.now() - start >= budgetMs) return i + 1 < duties.length ? i + 1 : -1;
    }
    return -1;
  }

  private model(document: ChunkedTextDocument): OpenDocument {
    return { document, parsed: this.parseText(document.getText()), cache: new ValidationCache(), lineMoves: 0 };
  }

  private parseText(text: string): ParseResult {
    if (text.length > MAX_DOCUMENT_CHARS) return tooLarge(text.length);
    return parse(text, { units: this.options.units });
  }
}

/**
 * What a reparse cost, in lines parsed and validated again (what a full parse of the text costs per
 * line): the lines it parsed, the lines below it it moved in place when it added or removed lines
 * (a sixteenth each: moving a line's positions, and its findings, is that much cheaper than parsing
 * and validating it, measured at 10,000 indicators), and a few for what every change costs.
 */
function reparseCost(result: ReparseResult, lineCount: number): number {
  const moved = result.lineDelta === 0 ? 0 : lineCount - result.reparsedLines.to;
  return result.reparsedLines.to - result.reparsedLines.from + moved / 16 + 64;
}

function tooLarge(chars: number): ParseResult {
  const zero = { line: 0, character: 0 };
  const message = messages.tooLarge((chars / 1024 / 1024).toFixed(1), MAX_DOCUMENT_CHARS / 1024 / 1024);
  return {
    ast: { kind: 'table', fields: [], duties: [], comments: [], range: { start: zero, end: zero } },
    errors: [{ code: 'TT005', severity: SYNTAX_RULES.TT005.severity, message, range: { start: zero, end: zero } }],
  };
}
