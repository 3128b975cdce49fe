/**
 * The semantic diff of two versions of a table (`ttab diff`, the git driver, the VS Code
 * "Compare … (Semantic)" commands): match (duties, objectives, indicators paired across
 * versions), diff (what changed), render (text, Markdown, JSON, HTML), canonical (the view
 * `git diff` compares through textconv). Pure: callers read the files and parse them.
 */
import { parse, type ParseResult, type UnitCatalog } from '../grammar/src/index';
import { diffTables, type TableDiff } from './diff';

export * from './diff';
export { matchTables, similarity, normalizeName, RENAME_THRESHOLD, type Matching, type Pairing, type Pair } from './match';
export { renderText, renderMarkdown, renderJson, renderHtml, escapeMarkdown, type FileDiff } from './render';
export { canonicalText } from './canonical';

/** Parse both texts (with the workspace's units) and diff them. */
export function diffTexts(oldText: string, newText: string, units?: UnitCatalog): { old: ParseResult; new: ParseResult; diff: TableDiff } {
  const oldParsed = parse(oldText, { units });
  const newParsed = parse(newText, { units });
  return { old: oldParsed, new: newParsed, diff: diffTables(oldParsed, newParsed) };
}
