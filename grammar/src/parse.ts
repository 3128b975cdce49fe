/**
 * parse(text) → { ast, errors }. Never throws: a broken line gives an error
 * with its range and the rest of the table is still built.
 */
import type { ParseError, ParseResult, Range, Table } from './ast';
import { AstBuilder, tokenRange } from './builder';
import { messages, SYNTAX_RULES } from './messages';
import { parseTokens } from './parser';
import { ttabLexer } from './tokens';
import { defaultUnitCatalog, type UnitCatalog } from './units';

export interface ParseOptions {
  /** Unit catalog for the values (default: the built-in catalog). */
  units?: UnitCatalog;
  /**
   * Report positions as if the text started at this line of a larger
   * document (used by the incremental reparse of one duty block). Default 0.
   */
  startLine?: number;
}

export function endPosition(text: string, startLine = 0): Range['end'] {
  let line = startLine;
  let lastBreak = -1;
  if (!text.includes('\r')) {
    // The common case, with the native search: a 5 MB table in about a millisecond.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      line++;
      lastBreak = i;
    }
    return { line, character: text.length - lastBreak - 1 };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lastBreak = i;
    }
  }
  return { line, character: text.length - lastBreak - 1 };
}

function comparePositions(a: ParseError, b: ParseError): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function parse(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(text, options);
  } catch (e) {
    // The grammar is total, so this is a bug; still, the contract is "never throws".
    const detail = e instanceof Error ? e.message : String(e);
    const ast: Table = { kind: 'table', fields: [], duties: [], comments: [], range: { start: { line: options.startLine ?? 0, character: 0 }, end: endPosition(text, options.startLine) } };
    return {
      ast,
      errors: [{ code: 'TT001', severity: 'error', message: messages.parserError(detail), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    };
  }
}

function parseUnsafe(text: string, options: ParseOptions): ParseResult {
  const base = options.startLine ?? 0;
  const lexed = ttabLexer.tokenize(text);
  const errors: ParseError[] = [];
  const end = endPosition(text, base);
  for (const e of lexed.errors) {
    const start = { line: (e.line ?? 1) - 1 + base, character: (e.column ?? 1) - 1 };
    errors.push({
      code: 'TT001',
      severity: SYNTAX_RULES.TT001.severity,
      message: messages.unreadable(text.substr(e.offset, e.length)),
      range: { start, end: { line: start.line, character: start.character + e.length } },
    });
  }
  for (const token of lexed.groups.unknown ?? []) {
    errors.push({ code: 'TT002', severity: 'error', message: messages.unknownLine(token.image.trimEnd()), range: tokenRange(token, token.image.trimEnd().length, base) });
  }
  const { cst, errors: parserErrors } = parseTokens(lexed.tokens);
  for (const e of parserErrors) {
    // Recovery may point at the end-of-input token, which has no position.
    const range = Number.isFinite(e.token.startOffset) && e.token.startLine !== undefined && !Number.isNaN(e.token.startLine) ? tokenRange(e.token, e.token.image.length, base) : { start: end, end };
    errors.push({ code: 'TT003', severity: 'error', message: messages.parserError(e.message), range });
  }
  const builder = new AstBuilder(options.units ?? defaultUnitCatalog, base);
  const ast = builder.visit(cst) as Table;
  ast.range = { start: { line: base, character: 0 }, end };
  ast.comments = (lexed.groups.comments ?? []).map((token) => ({ text: token.image.slice(1).trimEnd(), range: tokenRange(token, token.image.trimEnd().length, base) }));
  errors.push(...builder.errors);
  errors.sort(comparePositions);
  return { ast, errors };
}
