/**
 * References of a shared name — an office (科室), a budget project (预算项目),
 * a source (标准来源 and 历史来源 alike) or an activity (活动) — in every table
 * of the workspace. These names have no declaration: every field that writes
 * the name is an occurrence of it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position } from 'vscode-languageserver-types';
import type { ParseResult } from '../../grammar/src/index';
import type { ServiceContext } from '../context';
import { comparePositions, findName, namesOf, occurrencesOf } from '../names';


/**
 * Find references. With `includeDeclaration` false the occurrence under the
 * cursor is left out (it plays the declaration's part: "used in n other places").
 */
export function references(document: TextDocument, parsed: ParseResult, position: Position, ctx: ServiceContext, includeDeclaration: boolean): Location[] {
  const names = namesOf(document, parsed);
  const name = findName(names, position);
  if (!name) return [];
  const all = occurrencesOf(document, parsed, name, ctx, names);
  if (includeDeclaration) return all;
  return all.filter((o) => !(o.uri === document.uri && comparePositions(o.range.start, name.range.start) === 0));
}
