/**
 * Rename an office, budget project, source or activity in every table of the
 * workspace: one edit per occurrence, replacing exactly the name's text.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Message, ParseResult } from '../../grammar/src/index';
import type { ServiceContext } from '../context';
import { nameAt, occurrencesOf } from '../names';

export const renameNotAllowed: Message = {
  zh: '此处无法重命名：只能重命名科室、预算项目、标准来源/历史来源或活动的名称。',
  en: 'Cannot rename here: only the name of an office, a budget project, a source or an activity can be renamed.',
};

/** Longer than any real name (the longest 活动 of the seed tables has about 80 characters), far below what hurts. */
export const MAX_NAME_LENGTH = 500;

export const renameMessages = {
  multiLine: {
    zh: '该名称有“+”续行，跨越多行，无法重命名；请先把它写成一行。',
    en: 'This name continues on “+” lines and spans several lines, so it cannot be renamed; write it on one line first.',
  },
  empty: { zh: '新名称不能为空。', en: 'The new name must not be empty.' },
  lineBreak: { zh: '新名称不能包含换行。', en: 'The new name must not contain a line break.' },
  control: {
    zh: '新名称不能包含控制字符（如 NUL、制表符或改变文字方向的不可见字符）。',
    en: 'The new name must not contain control characters (such as NUL, a tab, or invisible text-direction marks).',
  },
  tooLong: {
    zh: `新名称过长：最多 ${MAX_NAME_LENGTH} 个字符。`,
    en: `The new name is too long: at most ${MAX_NAME_LENGTH} characters.`,
  },
  structure: {
    zh: '新名称不能以“#”或“+”开头（它们标记注释行和续行）。',
    en: 'The new name must not start with “#” or “+” (they mark comment and continuation lines).',
  },
} satisfies Record<string, Message>;

export type RenameRefusal = { error: Message };

// U+2028/U+2029/U+0085 are line breaks to some editors too.
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;
// C0/C1 controls (NUL would make every renamed table "binary" to `ttab check`), bidirectional
// embeddings, overrides and isolates (they make a name read differently from what it is), and
// unpaired surrogates (not text at all).
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * The range and current text of the name to rename; null where nothing can be
 * renamed, a refusal for a name that spans several lines (say why up front,
 * before the user types a new name).
 */
export function prepareRename(document: TextDocument, parsed: ParseResult, position: Position, _ctx: ServiceContext): { range: Range; placeholder: string } | RenameRefusal | null {
  const name = nameAt(document, parsed, position);
  if (!name) return null;
  if (name.text.includes('\n')) return { error: renameMessages.multiLine };
  return { range: name.range, placeholder: name.text };
}

/** Why a new name is refused, or null when it is acceptable (already trimmed). */
function refusalOf(newName: string): Message | null {
  if (newName === '') return renameMessages.empty;
  if (LINE_BREAK.test(newName)) return renameMessages.lineBreak;
  if (CONTROL.test(newName)) return renameMessages.control;
  if ([...newName].length > MAX_NAME_LENGTH) return renameMessages.tooLong;
  if (newName.startsWith('#') || newName.startsWith('+')) return renameMessages.structure;
  return null;
}

export function rename(document: TextDocument, parsed: ParseResult, position: Position, newName: string, ctx: ServiceContext): WorkspaceEdit | RenameRefusal {
  const name = nameAt(document, parsed, position);
  if (!name) return { error: renameNotAllowed };
  if (name.text.includes('\n')) return { error: renameMessages.multiLine };
  const text = typeof newName === 'string' ? newName.trim() : '';
  const refusal = refusalOf(text);
  if (refusal) return { error: refusal };
  const changes: Record<string, TextEdit[]> = {};
  for (const { uri, range } of occurrencesOf(document, parsed, name, ctx)) {
    (changes[uri] ??= []).push(TextEdit.replace(range, text));
  }
  return { changes };
}
