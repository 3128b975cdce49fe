/**
 * Quick fixes for the checker's findings: each rule's own fixes, asked of
 * the rule registry (service/validation/registry.ts) with the data the
 * finding carries and the document around it, then for every domain rule a
 * `# ttab-disable-next-line` comment. Plus one refactoring that needs no
 * finding: a Chinese comparator word → its symbol (`1000份以上` → `≥1000份`).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Message, ParseResult, Quantity, ValueField } from '../../grammar/src/index';
import { KEYWORD_BY_KEY, parseValue, sameQuantity } from '../../grammar/src/index';
import type { ServiceContext } from '../context';
import { localize } from '../context';
import { INDENT } from '../formatter';
import { locate } from '../locate';
import { quickFixes, RULES, type FixSite } from '../validation/index';

export function codeActions(
  document: TextDocument,
  parsed: ParseResult,
  range: Range,
  diagnostics: readonly Diagnostic[],
  ctx: ServiceContext,
): CodeAction[] {
  try {
    const actions: CodeAction[] = [];
    for (const d of diagnostics) actions.push(...fixesFor(document, d, ctx));
    actions.push(...comparatorRewrites(document, parsed, range, ctx));
    return actions;
  } catch {
    // A stale or odd request must not break the editor's lightbulb.
    return [];
  }
}

// ---------------------------------------------------------------------------
// Quick fixes from diagnostics

function fixesFor(document: TextDocument, d: Diagnostic, ctx: ServiceContext): CodeAction[] {
  const code = typeof d.code === 'string' ? d.code : undefined;
  const rule = code ? RULES[code] : undefined;
  if (!code || !rule || (d.source !== undefined && d.source !== 'ttab')) return [];
  const out: CodeAction[] = [];
  const fix = (title: Message, edits: TextEdit[], isPreferred = false): void => {
    out.push(quickFix(document, d, localize(title, ctx.locale), edits, isPreferred));
  };
  for (const proposal of quickFixes(code, d.data, fixSite(document, d.range))) fix(proposal.title, proposal.edits, proposal.preferred === true);
  // Syntax errors cannot be silenced.
  if (!rule.syntax) fix({ zh: `在此行禁用 ${code}`, en: `Disable ${code} for this line` }, [disableNextLine(document, d.range.start.line, code)]);
  return out;
}

function quickFix(document: TextDocument, d: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
  const action: CodeAction = { title, kind: 'quickfix', diagnostics: [d], edit: { changes: { [document.uri]: edits } } };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** The document around a finding, as the rules' fixes read it. */
function fixSite(document: TextDocument, range: Range): FixSite {
  return {
    range,
    lineText: (line) => lineText(document, line),
    indentation: (line) => indentationOf(document, line),
    indent: INDENT,
    insertLine: (line, text) => insertLine(document, line, text),
  };
}

// ---------------------------------------------------------------------------
// Text helpers

function lineText(document: TextDocument, line: number): string {
  if (line < 0 || line >= document.lineCount) return '';
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

function indentationOf(document: TextDocument, line: number): string {
  return /^[ \t\u3000]*/.exec(lineText(document, line))![0];
}

/** The document's line break, as its first line ends. */
function eolOf(document: TextDocument): string {
  const first = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  return first.endsWith('\r\n') ? '\r\n' : '\n';
}

/** A new line holding `text` before line `line`, or after the last line when `line` is past it. */
function insertLine(document: TextDocument, line: number, text: string): TextEdit {
  const eol = eolOf(document);
  if (line < document.lineCount) {
    const at: Position = { line, character: 0 };
    return { range: { start: at, end: at }, newText: text + eol };
  }
  const end = document.positionAt(Number.MAX_SAFE_INTEGER);
  return { range: { start: end, end }, newText: eol + text };
}

const DISABLE_NEXT_LINE_CODES = /^[ \t\u3000]*#[ \t\u3000]*ttab-disable-next-line(?:[ \t\u3000,，、]+TT\d{3})+/i;

/** `# ttab-disable-next-line CODE` above the line, or CODE added to such a comment already there. */
function disableNextLine(document: TextDocument, line: number, code: string): TextEdit {
  const above = DISABLE_NEXT_LINE_CODES.exec(lineText(document, line - 1));
  if (above) {
    const at: Position = { line: line - 1, character: above[0].length };
    return { range: { start: at, end: at }, newText: ` ${code}` };
  }
  return insertLine(document, line, `${indentationOf(document, line)}# ttab-disable-next-line ${code}`);
}

// ---------------------------------------------------------------------------
// Comparator word → symbol

const CJK = /[\u3400-\u9fff]/;

function firstDigit(s: string): number {
  const m = /[0-9０-９]/.exec(s);
  return m ? m.index : -1;
}

function lastDigit(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (/[0-9０-９]/.test(s[i]!)) return i;
  return -1;
}

/** The quantity written with its comparator as a symbol, or null when it has no comparator word. */
export function withComparatorSymbol(q: Quantity): string | null {
  const written = q.comparatorText;
  if (written === null || !CJK.test(written)) return null;
  let text = q.raw.trim();
  const [first, second] = written.split('…') as [string, string | undefined];
  const removePrefix = (word: string): boolean => {
    const at = text.indexOf(word);
    if (at < 0 || at >= firstDigit(text)) return false;
    text = text.slice(0, at) + text.slice(at + word.length).trimStart();
    return true;
  };
  const removeSuffix = (word: string): boolean => {
    const at = text.lastIndexOf(word);
    if (at <= lastDigit(text)) return false;
    text = (text.slice(0, at).trimEnd() + text.slice(at + word.length)).trim();
    return true;
  };
  if (second !== undefined) {
    if (!removePrefix(first) || !removeSuffix(second)) return null;
  } else if (!removePrefix(first) && !removeSuffix(first)) {
    return null;
  }
  return `${q.comparator}${text}`;
}

function comparatorRewrites(document: TextDocument, parsed: ParseResult, range: Range, ctx: ServiceContext): CodeAction[] {
  const fields = new Set<ValueField>();
  for (const position of [range.start, range.end]) {
    const field = locate(parsed, position).field?.field;
    if (field && KEYWORD_BY_KEY[field.key].isValue) fields.add(field as ValueField);
  }
  const out: CodeAction[] = [];
  for (const field of fields) {
    const q = field.value;
    if (q.kind !== 'quantity' || field.text.includes('\n')) continue;
    const rewritten = withComparatorSymbol(q);
    if (rewritten === null) continue;
    // Only offer a rewrite that means exactly the same.
    const check = parseValue(rewritten, ctx.units);
    if (check.kind !== 'quantity' || !sameQuantity(q, check)) continue;
    out.push({
      title: localize({ zh: `将「${field.text}」改写为「${rewritten}」`, en: `Rewrite '${field.text}' as '${rewritten}'` }, ctx.locale),
      kind: 'refactor.rewrite',
      edit: { changes: { [document.uri]: [{ range: field.textRange, newText: rewritten }] } },
    });
  }
  return out;
}
