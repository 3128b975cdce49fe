/** `|` marks the cursor in test inputs. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export interface CursorInput {
  text: string;
  offset: number;
  position: Position;
  document: TextDocument;
}

export function withCursor(input: string, uri = 'file:///test.ttab'): CursorInput {
  const offset = input.indexOf('|');
  if (offset < 0) throw new Error('test input has no | cursor marker');
  const text = input.slice(0, offset) + input.slice(offset + 1);
  const document = TextDocument.create(uri, 'target-table', 1, text);
  return { text, offset, position: document.positionAt(offset), document };
}

export function documentOf(text: string, uri = 'file:///test.ttab'): TextDocument {
  return TextDocument.create(uri, 'target-table', 1, text);
}
