/**
 * Open documents and their models: one parse per document version, kept
 * current by incremental reparse of the duty blocks an edit touches; the
 * findings of a version are computed once (per-duty results reused across
 * versions while the duty is unchanged).
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { messages, parse, reparse, SYNTAX_RULES, type ParseResult, type UnitCatalog } from '../../grammar/src/index';
import { type Finding, type ServiceSettings, validate, ValidationCache } from '../../service/index';

export interface OpenDocument {
  document: TextDocument;
  parsed: ParseResult;
  /** Findings of this version, once validated. */
  findings?: Finding[];
  /** Lines parsed again by the last change (for logs and the benchmark). */
  lastReparse?: { incremental: boolean; from: number; to: number };
}

export interface ModelOptions {
  units: UnitCatalog;
  settings: ServiceSettings;
}

/** Files bigger than this are not parsed (a clear diagnostic says so instead). */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  /** Validation results per AST object: unchanged duties keep their objects across versions, so their findings are reused. */
  private validationCache = new ValidationCache();

  constructor(private options: ModelOptions) {}

  /** New catalogs or settings: every model is parsed and validated anew. */
  setOptions(options: ModelOptions): void {
    this.options = options;
    this.validationCache = new ValidationCache();
    for (const [uri, open] of this.docs) this.docs.set(uri, this.model(open.document));
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const open = this.model(TextDocument.create(uri, languageId, version, text));
    this.docs.set(uri, open);
    return open;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /** Apply the client's changes in order; each ranged change reparses only what it touched. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const open = this.docs.get(uri);
    if (!open) return undefined;
    let { document, parsed } = open;
    let lastReparse: OpenDocument['lastReparse'];
    for (const change of changes) {
      if (!('range' in change) || document.getText().length > MAX_DOCUMENT_CHARS) {
        document = TextDocument.update(document, [change], version);
        parsed = this.parseText(document.getText());
        lastReparse = { incremental: false, from: 0, to: document.lineCount };
        continue;
      }
      // Clamp the range as TextDocument does, so both agree on what was replaced.
      const range = { start: document.positionAt(document.offsetAt(change.range.start)), end: document.positionAt(document.offsetAt(change.range.end)) };
      document = TextDocument.update(document, [change], version);
      const next = document;
      if (next.getText().length > MAX_DOCUMENT_CHARS) {
        parsed = this.parseText(next.getText());
        lastReparse = { incremental: false, from: 0, to: next.lineCount };
        continue;
      }
      const result = reparse({
        previous: parsed,
        edit: { range, text: change.text },
        text: next.getText(),
        lineStart: (line) => next.offsetAt({ line, character: 0 }),
        lineCount: next.lineCount,
        options: { units: this.options.units },
      });
      parsed = result;
      lastReparse = { incremental: result.incremental, from: result.reparsedLines.from, to: result.reparsedLines.to };
    }
    const updated: OpenDocument = { document, parsed, lastReparse };
    this.docs.set(uri, updated);
    return updated;
  }

  /** The findings of the current version (computed once per version). */
  findings(open: OpenDocument): Finding[] {
    if (!open.findings) {
      open.findings = validate(open.parsed, { settings: this.options.settings, units: this.options.units, cache: this.validationCache });
    }
    return open.findings;
  }

  private model(document: TextDocument): OpenDocument {
    return { document, parsed: this.parseText(document.getText()) };
  }

  private parseText(text: string): ParseResult {
    if (text.length > MAX_DOCUMENT_CHARS) return tooLarge(text.length);
    return parse(text, { units: this.options.units });
  }
}

function tooLarge(chars: number): ParseResult {
  const zero = { line: 0, character: 0 };
  const message = messages.tooLarge((chars / 1024 / 1024).toFixed(1), MAX_DOCUMENT_CHARS / 1024 / 1024);
  return {
    ast: { kind: 'table', fields: [], duties: [], comments: [], range: { start: zero, end: zero } },
    errors: [{ code: 'TT005', severity: SYNTAX_RULES.TT005.severity, message, range: { start: zero, end: zero } }],
  };
}
