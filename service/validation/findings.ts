/**
 * A finding — what the checker tells the user about one place of a table —
 * and what every caller does with a list of them: order, merge, cap, turn
 * into an LSP diagnostic.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Message, Range, Severity } from '../../grammar/src/index';
import { shiftRange } from '../../grammar/src/index';
import type { Locale } from '../context';
import { localize } from '../context';

export interface Finding {
  code: string;
  severity: Severity;
  message: Message;
  range: Range;
  /** What a quick fix needs (the rule's own shape, see fix.ts); kept in the LSP diagnostic. */
  data?: unknown;
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
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** A copy whose positions are its own, so moving the tree later does not move the finding too. */
export function ownPositions(f: Finding): Finding {
  return { ...f, range: { start: { ...f.range.start }, end: { ...f.range.end } } };
}

/** A finding moved down (or up) by whole lines; `moveData` moves the line numbers its data carries. */
export function shiftFinding(f: Finding, lineDelta: number, moveData?: (data: unknown, lineDelta: number) => unknown): Finding {
  const shifted: Finding = { ...f, range: shiftRange(f.range, lineDelta) };
  if (f.data !== undefined && moveData) shifted.data = moveData(f.data, lineDelta);
  return shifted;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

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

/** The LSP diagnostic of a finding, in the user's language; the server and the tests share it. */
export function findingToDiagnostic(f: Finding, locale: Locale): Diagnostic {
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'ttab',
    message: localize(f.message, locale),
  };
  if (f.data !== undefined) diagnostic.data = f.data;
  return diagnostic;
}
