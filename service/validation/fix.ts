/**
 * Quick fixes as rules write them: a title and text edits, computed from the
 * data a finding carries and the document around it (a FixSite, which
 * features/codeActions.ts builds from the open document). The data shapes
 * several rules share, with their guards (the data comes back from the
 * editor, so it is checked before use). Line numbers in them are the
 * document's, as a rule writes them and a fix reads them; in between, the
 * finding carries them relative to its own line (RuleBase.moveData), so its
 * data stays the same when lines are added above it.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Field, Indicator, Message, Range } from '../../grammar/src/index';
import { KEYWORD_BY_KEY } from '../../grammar/src/index';

/** The document around a finding, as a fix needs it. */
export interface FixSite {
  /** The finding's range. */
  range: Range;
  /** A line's text without its line break ('' past the end). */
  lineText(line: number): string;
  /** The leading whitespace of a line. */
  indentation(line: number): string;
  /** One level of indentation, as the formatter writes it. */
  indent: string;
  /** A new line holding `text` before line `line`, or after the last line when `line` is past it. */
  insertLine(line: number, text: string): TextEdit;
}

export interface FixProposal {
  title: Message;
  edits: TextEdit[];
  /** The fix VS Code applies with "Auto Fix" (at most one per finding). */
  preferred?: boolean;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

// ---------------------------------------------------------------------------
// Replace the finding's range

/** The text that replaces the finding's range. */
export interface ReplaceData {
  replacement: string;
}

export function isReplaceData(x: unknown): x is ReplaceData {
  return isRecord(x) && typeof x.replacement === 'string';
}

/** `Change to '…'`, replacing the finding's range. */
export function replaceFix(data: unknown, site: FixSite): FixProposal[] {
  if (!isReplaceData(data)) return [];
  const { replacement } = data;
  return [{ title: { zh: `改为「${replacement}」`, en: `Change to '${replacement}'` }, edits: [{ range: site.range, newText: replacement }], preferred: true }];
}

// ---------------------------------------------------------------------------
// Insert text on the finding's line

/** Text inserted `at` characters after the finding's start, on its line (no line numbers: it moves with the finding). */
export interface InsertTextData {
  text: string;
  at: number;
}

export function isInsertTextData(x: unknown): x is InsertTextData {
  return isRecord(x) && typeof x.text === 'string' && typeof x.at === 'number' && Number.isInteger(x.at) && x.at >= 0;
}

/** A fix inserting the data's text, titled after it. */
export function insertTextFix(title: (text: string) => Message): (data: unknown, site: FixSite) => FixProposal[] {
  return (data, site) => {
    if (!isInsertTextData(data)) return [];
    const at = { line: site.range.start.line, character: site.range.start.character + data.at };
    return [{ title: title(data.text), edits: [{ range: { start: at, end: at }, newText: data.text }], preferred: true }];
  };
}

// ---------------------------------------------------------------------------
// Insert a field line

/** Where a missing field line goes. */
export interface InsertFieldData {
  /** 0-based line the new field line is inserted before (may be the line count: append). */
  insertLine: number;
  /** The new line takes this line's indentation… */
  indentLine: number;
  /** …one level deeper (an indicator with no field line yet). */
  deeper: boolean;
  /** The keyword to write, in the language of the indicator's keywords (备注 or remark …). */
  keyword: string;
}

export function isInsertFieldData(x: unknown): x is InsertFieldData {
  return (
    isRecord(x) &&
    typeof x.insertLine === 'number' &&
    typeof x.indentLine === 'number' &&
    typeof x.deeper === 'boolean' &&
    typeof x.keyword === 'string'
  );
}

/** The keyword of a field key in the language the indicator is written in (the majority of its keywords). */
export function keywordFor(indicator: Indicator, key: Field['key']): string {
  const info = KEYWORD_BY_KEY[key];
  let english = indicator.name.keyword === KEYWORD_BY_KEY.indicator.en ? 1 : -1;
  for (const f of indicator.fields) english += f.keyword === KEYWORD_BY_KEY[f.key].en ? 1 : -1;
  return english > 0 ? info.en : info.zh;
}

/** Where a new field line goes: after `after` (a line number), indented like the indicator's fields. */
export function insertData(indicator: Indicator, after: number, key: Field['key']): InsertFieldData {
  const first = indicator.fields[0];
  return {
    insertLine: after + 1,
    indentLine: first ? first.keywordRange.start.line : indicator.name.keywordRange.start.line,
    deeper: first === undefined,
    keyword: keywordFor(indicator, key),
  };
}

/** `Add a '备注' line`: the keyword and a space, for the user to write the rest. */
export function insertFieldFix(data: unknown, site: FixSite): FixProposal[] {
  if (!isInsertFieldData(data)) return [];
  const indent = site.indentation(data.indentLine) + (data.deeper ? site.indent : '');
  return [
    {
      title: { zh: `添加「${data.keyword}」行`, en: `Add a '${data.keyword}' line` },
      edits: [site.insertLine(data.insertLine, `${indent}${data.keyword} `)],
      preferred: true,
    },
  ];
}

/** InsertFieldData moved with its finding. */
export function moveInsertData(data: unknown, lineDelta: number): unknown {
  return isInsertFieldData(data) ? { ...data, insertLine: data.insertLine + lineDelta, indentLine: data.indentLine + lineDelta } : data;
}
