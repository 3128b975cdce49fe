/**
 * The text of an open document, kept so that an edit costs what it touches.
 *
 * vscode-languageserver-textdocument keeps the text as one string: each edit
 * builds a new one (`before + inserted + after`), which the next read
 * flattens — a copy of the whole document per keystroke (tens of
 * milliseconds and megabytes of garbage on a 5 MB table), and its line index
 * is renumbered from the edit to the end. Here the text is a list of chunks
 * of whole lines (about CHUNK_CHARS each, never splitting a CRLF): an edit
 * rewrites the chunks it touches and renumbers the chunk list, and a range of
 * lines is read without building the whole text. The whole text is joined
 * only when asked for (formatting, a full parse), once per version.
 *
 * It answers exactly as vscode-languageserver-textdocument does — lines end
 * at CRLF, CR or LF; positions past a line's end or the document's end are
 * clamped; a position never falls between a CR and its LF — which a property
 * test checks against that library on random edits.
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

/** About how many characters a chunk holds (a longer single line makes a longer chunk). */
export const CHUNK_CHARS = 16 * 1024;

const CR = 13;
const LF = 10;

function isEol(code: number): boolean {
  return code === CR || code === LF;
}

interface Chunk {
  text: string;
  /** Offsets in `text` where its lines start: 0 first; never `text.length` (that line belongs to the next chunk). */
  starts: number[];
}

function chunk(text: string): Chunk {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, with the native search.
    for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return { text, starts };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (i + 1 < text.length) starts.push(i + 1);
    }
  }
  return { text, starts };
}

/** Where a chunk may end at or after `at`: just after a line break (CRLF kept whole), or -1 when none follows. */
function breakAfter(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return -1;
}

/**
 * Cut a text into chunks of whole lines of about CHUNK_CHARS. A text that ends with a line break
 * gets an empty last chunk: the empty line after the break.
 */
function chunksOf(text: string, size: number): Chunk[] {
  const out: Chunk[] = [];
  let from = 0;
  while (text.length - from > size) {
    const end = breakAfter(text, from + size);
    if (end < 0 || end >= text.length) break;
    out.push(chunk(text.slice(from, end)));
    from = end;
  }
  out.push(chunk(from === 0 ? text : text.slice(from)));
  if (endsWithEol(text)) out.push(chunk(''));
  return out;
}

function endsWithEol(text: string): boolean {
  return text.length > 0 && isEol(text.charCodeAt(text.length - 1));
}

/**
 * Invariants: every chunk but the last ends with a line break; the last does not (it may be empty);
 * no chunk ends with CR while the next starts with LF. So every line lies in one chunk, and the
 * document's lines are the chunks' lines in order.
 */
export class ChunkedTextDocument implements TextDocument {
  private chunks: Chunk[];
  /** Per chunk: the offset and the line it starts at. */
  private chunkOffsets: number[] = [];
  private chunkLines: number[] = [];
  private length = 0;
  private lines = 0;
  private whole: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
    /** About how many characters a chunk holds (small in tests, so they see many chunks). */
    private readonly chunkChars = CHUNK_CHARS,
  ) {
    this.chunks = chunksOf(content, chunkChars);
    this.whole = content;
    this.renumber(0);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines;
  }

  /** The length of the text, without joining it. */
  get textLength(): number {
    return this.length;
  }

  getText(range?: Range): string {
    if (range) {
      // As String.substring: a range given end first reads the same text.
      const a = this.offsetAt(range.start);
      const b = this.offsetAt(range.end);
      return this.textBetween(Math.min(a, b), Math.max(a, b));
    }
    this.whole ??= this.chunks.length === 1 ? this.chunks[0]!.text : this.chunks.map((c) => c.text).join('');
    return this.whole;
  }

  /** The text of lines [from, to), with their line breaks. */
  linesText(from: number, to: number): string {
    if (to <= from || from >= this.lines) return '';
    return this.textBetween(this.lineOffset(from), to >= this.lines ? this.length : this.lineOffset(to));
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lines) return this.length;
    if (position.line < 0) return 0;
    const c = this.chunkOfLine(position.line);
    const { text, starts } = this.chunks[c]!;
    const i = position.line - this.chunkLines[c]!;
    const lineStart = starts[i]!;
    if (position.character <= 0) return this.chunkOffsets[c]! + lineStart;
    const next = i + 1 < starts.length ? starts[i + 1]! : text.length;
    return this.chunkOffsets[c]! + beforeEol(text, Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = Math.min(line, this.lines - 1);
    const { text, starts, index } = this.lineInChunk(last);
    const end = line >= this.lines ? text.length : beforeEol(text, index + 1 < starts.length ? starts[index + 1]! : text.length, starts[index]!);
    return { start: { line: last, character: 0 }, end: { line: last, character: end - starts[index]! } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines) return '';
    const { text, starts, index } = this.lineInChunk(line);
    const next = index + 1 < starts.length ? starts[index + 1]! : text.length;
    return text.slice(beforeEol(text, next, starts[index]!), next);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const c = this.chunkOfOffset(offset);
    const { text, starts } = this.chunks[c]!;
    const local = offset - this.chunkOffsets[c]!;
    const i = lastAtOrBefore(starts, local);
    const character = beforeEol(text, local, starts[i]!) - starts[i]!;
    return { line: this.chunkLines[c]! + i, character };
  }

  /** Apply the changes in order, as TextDocument.update does (ranged changes and whole-text replacements). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const { start, end } = wellFormed(change.range);
        this.replace(this.offsetAt(start), this.offsetAt(end), change.text);
      } else {
        this.chunks = chunksOf(change.text, this.chunkChars);
        this.whole = change.text;
        this.renumber(0);
      }
    }
    this.currentVersion = version;
  }

  private replace(from: number, to: number, inserted: string): void {
    let first = this.chunkOfOffset(from);
    let last = to >= this.length ? this.chunks.length - 1 : this.chunkOfOffset(to);
    let text = this.chunks[first]!.text.slice(0, from - this.chunkOffsets[first]!) + inserted + this.chunks[last]!.text.slice(to - this.chunkOffsets[last]!);
    // Keep the invariants: every chunk but the last ends with a line break, a CRLF is never split
    // across chunks, and small pieces join a neighbour so the list stays short.
    while (last + 1 < this.chunks.length && (!endsWithEol(text) || text.length < this.chunkChars / 4 || (text.charCodeAt(text.length - 1) === CR && this.chunks[last + 1]!.text.charCodeAt(0) === LF))) {
      text += this.chunks[++last]!.text;
    }
    if (first > 0 && text.charCodeAt(0) === LF && this.chunks[first - 1]!.text.charCodeAt(this.chunks[first - 1]!.text.length - 1) === CR) {
      text = this.chunks[--first]!.text + text;
    }
    const pieces = chunksOf(text, this.chunkChars);
    // Not the last chunk: the text ends with a line break, and the line after it starts the next chunk.
    if (last + 1 < this.chunks.length) pieces.pop();
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.whole = undefined;
    this.renumber(first);
  }

  private renumber(from: number): void {
    this.chunkOffsets.length = this.chunks.length;
    this.chunkLines.length = this.chunks.length;
    let offset = from > 0 ? this.chunkOffsets[from - 1]! + this.chunks[from - 1]!.text.length : 0;
    let line = from > 0 ? this.chunkLines[from - 1]! + this.chunks[from - 1]!.starts.length : 0;
    for (let i = from; i < this.chunks.length; i++) {
      this.chunkOffsets[i] = offset;
      this.chunkLines[i] = line;
      offset += this.chunks[i]!.text.length;
      line += this.chunks[i]!.starts.length;
    }
    this.length = offset;
    // The last chunk ends without a line break, so its last line is the document's last.
    this.lines = line;
  }

  /** The chunk holding a line (0 ≤ line < lineCount), and the line's index among the chunk's lines. */
  private lineInChunk(line: number): Chunk & { index: number } {
    const c = this.chunkOfLine(line);
    return { ...this.chunks[c]!, index: line - this.chunkLines[c]! };
  }

  private lineOffset(line: number): number {
    const c = this.chunkOfLine(line);
    return this.chunkOffsets[c]! + this.chunks[c]!.starts[line - this.chunkLines[c]!]!;
  }

  private chunkOfLine(line: number): number {
    return lastAtOrBefore(this.chunkLines, line);
  }

  private chunkOfOffset(offset: number): number {
    // An offset at a chunk's end belongs to the next chunk (where the next line starts), except at the very end.
    return Math.min(lastAtOrBefore(this.chunkOffsets, offset), this.chunks.length - 1);
  }

  private textBetween(from: number, to: number): string {
    if (to <= from) return '';
    const first = this.chunkOfOffset(from);
    const last = this.chunkOfOffset(Math.max(from, to - 1));
    if (first === last) return this.chunks[first]!.text.slice(from - this.chunkOffsets[first]!, to - this.chunkOffsets[first]!);
    const parts = [this.chunks[first]!.text.slice(from - this.chunkOffsets[first]!)];
    for (let i = first + 1; i < last; i++) parts.push(this.chunks[i]!.text);
    parts.push(this.chunks[last]!.text.slice(0, to - this.chunkOffsets[last]!));
    return parts.join('');
  }
}

/** Back over the line break a position may not stand in or after (as TextDocument's ensureBeforeEOL). */
function beforeEol(text: string, offset: number, lineStart: number): number {
  while (offset > lineStart && isEol(text.charCodeAt(offset - 1))) offset--;
  return offset;
}

/** Index of the last element ≤ value in an ascending array (0 when none is). */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
