/**
 * A finding — what the checker tells the user about one place of a table —
 * and what every caller does with a list of them: order, merge, cap, turn
 * into an LSP diagnostic.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Message, Range, Severity } from '../../grammar/src/index';
import type { Locale } from '../context';
import { localize } from '../context';
import { firstStartingOnOrAfter } from '../ranges';

export interface Finding {
  code: string;
  severity: Severity;
  message: Message;
  range: Range;
  /** What a quick fix needs (the rule's own shape, see fix.ts); kept in the LSP diagnostic. */
  data?: unknown;
  /**
   * Other places the finding is about (the first use of a name said to be used twice): the LSP
   * diagnostic's related information, which the editor shows as links. A place, not a line quoted
   * in the message: when lines are added above both, the message stays the same.
   */
  related?: readonly RelatedPlace[];
}

export interface RelatedPlace {
  range: Range;
  /** What the place is, as the editor lists it under the finding. */
  message: Message;
}

export function byPosition(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Merge two lists, each sorted by position, into a new one in the order a sort would give. */
export function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  // A few findings into many (a duty's own into its indicators', the syntax errors into a duty's):
  // each of the few finds its place by bisection, and the many are copied in runs.
  if (a.length * 16 < b.length) return mergeFewIntoMany(a, b, true);
  if (b.length * 16 < a.length) return mergeFewIntoMany(b, a, false);
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** mergeSorted when `few` is much shorter than `many`; on equal positions the first list's come first (`fewFirst`: `few` is it). */
function mergeFewIntoMany(few: readonly Finding[], many: readonly Finding[], fewFirst: boolean): Finding[] {
  const out: Finding[] = [];
  let from = 0;
  for (const f of few) {
    // the first of `many` that goes after f: at an equal position, after f when f's list comes first
    let lo = from;
    let hi = many.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const order = byPosition(many[mid]!, f);
      if (order < 0 || (order === 0 && !fewFirst)) lo = mid + 1;
      else hi = mid;
    }
    for (let k = from; k < lo; k++) out.push(many[k]!);
    out.push(f);
    from = lo;
  }
  for (let k = from; k < many.length; k++) out.push(many[k]!);
  return out;
}

/** A copy whose positions are its own, so moving the tree later does not move the finding too. */
export function ownPositions(f: Finding): Finding {
  return { code: f.code, severity: f.severity, message: f.message, range: copyRange(f.range), data: f.data, related: f.related?.map((r) => ({ range: copyRange(r.range), message: r.message })) };
}

function copyRange({ start, end }: Range): Range {
  return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/**
 * Moves a finding whose positions are its own (ownPositions) down (or up) by whole lines, in place:
 * what the validation cache does to the findings of a block an edit moved. In place, a moved duty's
 * findings keep their objects, so its part is the same list (a copy each was garbage on every
 * line-adding edit, and a new part). Whoever held the finding sees it moved: the server builds its
 * diagnostic again (its range is a copy that no longer matches). Its data names no line (line
 * numbers in it are relative to the finding's: see the reporter), so it stays as it is.
 */
export function moveInPlace(f: Finding, lineDelta: number): void {
  moveRange(f.range, lineDelta);
  if (f.related) for (const r of f.related) moveRange(r.range, lineDelta);
}

function moveRange(r: Range, lineDelta: number): void {
  r.start.line += lineDelta;
  if (r.end !== r.start) r.end.line += lineDelta;
}

/** The findings of a list sorted by position whose range starts on lines [from, to] (binary search). */
export function findingsOnLines<T extends { range: Range }>(sorted: readonly T[], from: number, to: number): T[] {
  const a = firstStartingOnOrAfter(sorted, from);
  const b = firstStartingOnOrAfter(sorted, to + 1);
  return a === b ? [] : sorted.slice(a, b);
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** At most `max` findings, the most severe first chosen, kept in document order. */
export function mostSevere(findings: readonly Finding[], max: number): readonly Finding[] {
  if (findings.length <= max) return findings;
  const counts = [0, 0, 0];
  for (const f of findings) counts[SEVERITY_RANK[f.severity]]!++;
  // The least severe rank still shown, and how many of that rank fit.
  let rank = 0;
  let room = max;
  while (rank < 2 && counts[rank]! < room) room -= counts[rank++]!;
  const out: Finding[] = [];
  for (const f of findings) {
    const r = SEVERITY_RANK[f.severity];
    if (r < rank || (r === rank && room-- > 0)) out.push(f);
  }
  return out;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The LSP diagnostic of a finding, in the user's language; the server and the tests share it.
 * Its related places become related information in the document `uri`; for a client that shows
 * none (no `uri`), the message says where they are (relatedInWords).
 */
export function findingToDiagnostic(f: Finding, locale: Locale, uri?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    // Copies: a table rule's finding lies on the tree's own ranges, which move with later edits.
    range: copyRange(f.range),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'ttab',
    message: uri === undefined ? `${localize(f.message, locale)}${relatedInWords(f, locale)}` : localize(f.message, locale),
  };
  if (f.related && uri !== undefined) diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri, range: copyRange(r.range) }, message: localize(r.message, locale) }));
  if (f.data !== undefined) diagnostic.data = f.data;
  return diagnostic;
}

/** A finding's related places as words to add to its message, for output that has no links (the CLI, a client without related information): `（同名指标首次出现：第 3 行）`. */
export function relatedInWords(f: Finding, locale: Locale): string {
  if (!f.related?.length) return '';
  const places = f.related.map((r) => (locale === 'zh' ? `${r.message.zh}：第 ${r.range.start.line + 1} 行` : `${r.message.en}: line ${r.range.start.line + 1}`));
  return locale === 'zh' ? `（${places.join('；')}）` : ` (${places.join('; ')})`;
}
