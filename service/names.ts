/**
 * The shared names of a table — offices (科室), budget projects (预算项目),
 * sources (标准来源, 历史来源) and activities (活动) — at a position and across
 * the workspace. References and rename both stand on these.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position } from 'vscode-languageserver-types';
import type { ParseResult } from '../grammar/src/index';
import type { ServiceContext } from './context';
import { contains } from './ranges';
import { summarize, type NameOccurrence } from './workspaceIndex';

function isSame(a: NameOccurrence, b: NameOccurrence): boolean {
  return a.kind === b.kind && a.text === b.text;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function compareLocations(a: Location, b: Location): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return comparePositions(a.range.start, b.range.start);
}

/** The names of the open document, read from its current parse (the index may lag behind the editor). */
export function namesOf(document: TextDocument, parsed: ParseResult): NameOccurrence[] {
  return summarize(document.uri, parsed.ast).names;
}

export function findName(names: readonly NameOccurrence[], position: Position): NameOccurrence | null {
  return names.find((n) => contains(n.range, position)) ?? null;
}

/** The office, project, source or activity whose text (on its field line) the position is on. */
export function nameAt(document: TextDocument, parsed: ParseResult, position: Position): NameOccurrence | null {
  return findName(namesOf(document, parsed), position);
}

/**
 * Every occurrence of the name in the workspace, sorted by uri then position.
 * The document itself is taken from its current parse, every other file from the index.
 */
export function occurrencesOf(document: TextDocument, parsed: ParseResult, name: NameOccurrence, ctx: ServiceContext, names = namesOf(document, parsed)): Location[] {
  const here = names.filter((n) => isSame(n, name)).map((n) => ({ uri: document.uri, range: n.range }));
  const elsewhere = ctx.workspace.occurrences(name.kind, name.text).filter((o) => o.uri !== document.uri);
  return [...here, ...elsewhere].sort(compareLocations);
}
