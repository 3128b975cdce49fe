/**
 * The server's document text (chunks of lines, so an edit costs what it
 * touches) answers exactly as vscode-languageserver-textdocument does, for
 * any sequence of edits, with LF, CRLF, CR-only and mixed line endings —
 * including edits that join or split a CR and an LF.
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { ChunkedTextDocument } from '../server/src/textDocument';

const PIECES = ['指标 甲\n', '  指标值 5次\r\n', '# 注\r', '\n', '\r', '\r\n', 'x', '职责 1 乙', '', '\u3000', 'ab\ncd'];

function expectSameAnswers(ours: ChunkedTextDocument, theirs: TextDocument, probes: readonly number[]): void {
  const text = theirs.getText();
  expect(ours.getText()).toBe(text);
  expect(ours.lineCount).toBe(theirs.lineCount);
  for (const p of probes) {
    const offset = Math.floor(p * (text.length + 2)) - 1;
    expect(ours.positionAt(offset)).toEqual(theirs.positionAt(offset));
    const line = Math.floor(p * (theirs.lineCount + 2)) - 1;
    for (const character of [0, 1, 3, 1000]) {
      expect(ours.offsetAt({ line, character })).toBe(theirs.offsetAt({ line, character }));
    }
    const from = Math.max(0, line);
    const to = Math.min(theirs.lineCount, from + 3);
    const start = theirs.offsetAt({ line: from, character: 0 });
    const end = to >= theirs.lineCount ? text.length : theirs.offsetAt({ line: to, character: 0 });
    expect(ours.linesText(from, to)).toBe(text.slice(start, end));
    expect(ours.getLineRange(line)).toEqual(theirs.getLineRange(line));
    expect(ours.getEOLCharacters(line)).toBe(theirs.getEOLCharacters(line));
    const range = { start: theirs.positionAt(offset), end: { line: line + 1, character: 2 } };
    expect(ours.getText(range)).toBe(theirs.getText(range));
  }
}

describe('the server’s document text', () => {
  it('answers as vscode-languageserver-textdocument after any edits (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
        fc.integer({ min: 4, max: 64 }),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            length: fc.integer({ min: 0, max: 40 }),
            insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }),
            whole: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 6 }),
        (initial, chunkChars, edits, probes) => {
          const content = initial.join('');
          const theirs = TextDocument.create('file:///t.ttab', 'target-table', 1, content);
          const ours = new ChunkedTextDocument('file:///t.ttab', 'target-table', 1, content, chunkChars);
          expectSameAnswers(ours, theirs, probes);
          let version = 1;
          for (const e of edits) {
            version++;
            const text = theirs.getText();
            const start = theirs.positionAt(Math.floor(e.at * text.length));
            const end = theirs.positionAt(Math.floor(e.at * text.length) + e.length);
            // Sometimes the range is given end first, or past the end of its line, as clients may.
            const range = e.whole ? { start: end, end: { line: start.line, character: start.character + 50 } } : { start, end };
            const change = { range, text: e.insert.join('') };
            TextDocument.update(theirs, [change], version);
            ours.update([change], version);
            expect(ours.version).toBe(version);
            expectSameAnswers(ours, theirs, probes);
          }
          ours.update([{ text: content }], version + 1);
          TextDocument.update(theirs, [{ text: content }], version + 1);
          expectSameAnswers(ours, theirs, probes);
        },
      ),
      { numRuns: 600, seed: 20261205 },
    );
  });

  it('edits a large document (hundreds of chunks) as the library does', () => {
    const line = '      指标值 ≥95%\n';
    const content = `部门 甲\n${line.repeat(20_000)}`;
    const ours = new ChunkedTextDocument('file:///big.ttab', 'target-table', 1, content);
    const theirs = TextDocument.create('file:///big.ttab', 'target-table', 1, content);
    for (let i = 0; i < 50; i++) {
      const change = { range: { start: { line: 1 + i * 397, character: 14 }, end: { line: 1 + i * 397, character: 14 } }, text: i % 5 === 0 ? '\n' : '1' };
      ours.update([change], i + 2);
      TextDocument.update(theirs, [change], i + 2);
    }
    expectSameAnswers(ours, theirs, [0, 0.1, 0.5, 0.77, 0.99, 1]);
  });
});
