/**
 * Formatting as edits: the text formatTable makes (the same as `ttab fmt`),
 * expressed as small edits so the editor keeps the cursor and the undo step
 * is readable. Each changed line gives one edit, trimmed to the characters
 * that actually change (usually just indentation); each run of blank lines
 * inserted or removed gives one more.
 *
 * The formatter keeps every non-blank line, in order, and only adds or drops
 * blank lines; the original and formatted lines are aligned on that, and
 * whatever the alignment, applying the edits gives exactly formatTable's text.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { ParseResult } from '../../grammar/src/index';
import { localize, type Locale } from '../context';
import { formatTable } from '../formatter';

/** Why formatting is refused (syntax errors), in the user's language; null when it is not. */
export function formatRefusal(parsed: ParseResult, locale: Locale): string | null {
  const errors = parsed.errors.filter((e) => e.severity === 'error');
  const first = errors[0];
  if (!first) return null;
  const line = first.range.start.line + 1;
  const more = errors.length - 1;
  return localize(
    {
      zh: `表格有语法错误，未格式化（第 ${line} 行：${first.message.zh}${more > 0 ? `；另有 ${more} 处错误` : ''}）`,
      en: `The table has syntax errors; not formatted (line ${line}: ${first.message.en}${more > 0 ? `; ${more} more` : ''})`,
    },
    locale,
  );
}

/**
 * The lines of a text, each with its line break ('\r\n', '\n', '\r' or none for the last line),
 * as offsets in typed arrays: no object per line, so a document of millions of lines does not
 * leave millions of objects for the garbage collector to walk while the edits are worked out.
 */
class Lines {
  /** Start of each line, and the text's length after the last. */
  private readonly starts: Int32Array;
  private readonly blanks: Uint8Array;
  readonly count: number;

  constructor(readonly text: string) {
    let count = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
    }
    this.count = count;
    this.starts = new Int32Array(count + 1);
    this.blanks = new Uint8Array(count);
    let line = 0;
    let blank = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.blanks[line] = blank ? 1 : 0;
        this.starts[++line] = i + 1;
        blank = true;
      } else if (blank && !isWhitespace(c)) {
        blank = false;
      }
    }
    this.blanks[line] = blank ? 1 : 0;
    this.starts[count] = text.length;
  }

  offset(i: number): number {
    return this.starts[Math.min(i, this.count)]!;
  }
  textOf(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]!);
  }
  /** Lines [from, to) as one string. */
  textOfLines(from: number, to: number): string {
    return this.text.slice(this.offset(from), this.offset(to));
  }
  isBlank(i: number): boolean {
    return this.blanks[i] === 1;
  }
}

/** What String.prototype.trim removes (WhiteSpace and LineTerminator of ECMAScript). */
function isWhitespace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * One step of turning the original lines into the formatted ones: original
 * lines [from, to) become formatted lines [fromNew, toNew). For range
 * formatting, the step counts for original lines firstLine…lastLine.
 */
interface Step {
  from: number;
  to: number;
  fromNew: number;
  toNew: number;
  firstLine: number;
  lastLine: number;
}

/**
 * For each original line, the index of the first non-blank line at or after it (the line a blank
 * line sits above), or the last line. Computed once, backwards: looking ahead from every blank line
 * of a long run of them would take time quadratic in the run (100,000 blank lines: a minute).
 */
function nextNonBlankLines(lines: Lines): Int32Array {
  const next = new Int32Array(lines.count);
  let found = lines.count - 1;
  for (let i = lines.count - 1; i >= 0; i--) {
    if (!lines.isBlank(i)) found = i;
    next[i] = found;
  }
  return next;
}

/** Align the lines: non-blank with non-blank, blank with blank; unmatched blank lines are inserted or removed. */
function changedSteps(old: Lines, formatted: Lines): Step[] {
  const steps: Step[] = [];
  const nextNonBlank = nextNonBlankLines(old);
  let i = 0;
  let j = 0;
  while (i < old.count || j < formatted.count) {
    const hasOld = i < old.count;
    const hasNew = j < formatted.count;
    if (hasOld && hasNew && old.isBlank(i) === formatted.isBlank(j)) {
      if (old.textOf(i) !== formatted.textOf(j)) steps.push({ from: i, to: i + 1, fromNew: j, toNew: j + 1, firstLine: i, lastLine: i });
      i++;
      j++;
    } else if (hasOld && (old.isBlank(i) || !hasNew)) {
      // A removed blank line counts for itself and the line it sits above.
      steps.push({ from: i, to: i + 1, fromNew: j, toNew: j, firstLine: i, lastLine: nextNonBlank[i]! });
      i++;
    } else {
      // An inserted line counts for the line it goes above.
      const at = Math.min(i, old.count - 1);
      steps.push({ from: i, to: i, fromNew: j, toNew: j + 1, firstLine: at, lastLine: at });
      j++;
    }
  }
  return steps;
}

/** Back off a cut that would fall inside '\r\n' or a surrogate pair, which a position cannot address. */
function splitsUnit(text: string, cut: number): boolean {
  const before = text.charCodeAt(cut - 1);
  const after = text.charCodeAt(cut);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

/** One edit replacing original text[start, end) by `replacement`, without the ends both sides share. */
function trimmedEdit(document: TextDocument, text: string, start: number, end: number, replacement: string): TextEdit | null {
  const old = text.slice(start, end);
  if (old === replacement) return null;
  const limit = Math.min(old.length, replacement.length);
  let prefix = 0;
  while (prefix < limit && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && splitsUnit(text, start + prefix)) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) suffix++;
  while (suffix > 0 && splitsUnit(text, end - suffix)) suffix--;
  const range: Range = { start: document.positionAt(start + prefix), end: document.positionAt(end - suffix) };
  return { range, newText: replacement.slice(prefix, replacement.length - suffix) };
}

/** A blank line inserted or removed (not a line changed in place). */
function isBlankLineStep(step: Step): boolean {
  return step.from === step.to || step.fromNew === step.toNew;
}

/**
 * One edit per changed line, so the cursor on an unchanged part of a line
 * stays put; consecutive blank lines inserted or removed make one edit.
 */
function editsOf(document: TextDocument, old: Lines, formatted: Lines, steps: readonly Step[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const continues = (a: Step, b: Step) => isBlankLineStep(a) && isBlankLineStep(b) && b.from === a.to && b.fromNew === a.toNew;
  let k = 0;
  while (k < steps.length) {
    let last = k;
    while (last + 1 < steps.length && continues(steps[last]!, steps[last + 1]!)) last++;
    const first = steps[k]!;
    const end = steps[last]!;
    const edit = trimmedEdit(document, old.text, old.offset(first.from), old.offset(end.to), formatted.textOfLines(first.fromNew, end.toNew));
    if (edit) edits.push(edit);
    k = last + 1;
  }
  return edits;
}

interface Plan {
  old: Lines;
  formatted: Lines;
  steps: Step[];
}

function plan(document: TextDocument, parsed: ParseResult): Plan | null {
  const text = document.getText();
  const result = formatTable(text, parsed);
  if (!result.ok) return null;
  // Already formatted (the usual case on save): nothing to align.
  if (result.text === text) return { old: new Lines(''), formatted: new Lines(''), steps: [] };
  const old = new Lines(text);
  const formatted = new Lines(result.text);
  return { old, formatted, steps: changedSteps(old, formatted) };
}

/** Edits that turn the document into formatTable's text; [] when it has syntax errors (see formatRefusal). */
export function formatDocumentEdits(document: TextDocument, parsed: ParseResult): TextEdit[] {
  try {
    const p = plan(document, parsed);
    if (!p) return [];
    return editsOf(document, p.old, p.formatted, p.steps);
  } catch {
    return [];
  }
}

/**
 * The document edits that touch the lines of `range` (a selection ending at
 * the start of a line does not include that line).
 */
export function formatRangeEdits(document: TextDocument, parsed: ParseResult, range: Range): TextEdit[] {
  try {
    const p = plan(document, parsed);
    if (!p) return [];
    const fromLine = range.start.line;
    const toLine = range.end.character === 0 && range.end.line > fromLine ? range.end.line - 1 : range.end.line;
    const inRange = p.steps.filter((s) => s.lastLine >= fromLine && s.firstLine <= toLine);
    return editsOf(document, p.old, p.formatted, inRange);
  } catch {
    return [];
  }
}
