/**
 * The shared names of a table — offices (科室), budget projects (预算项目),
 * sources (标准来源, 历史来源) and activities (活动) — at a position and across
 * the workspace. References and rename stand on the occurrences (a field's
 * whole text); completion and the hover on a name on the sightings (each name
 * of a list, seen from the table being edited, nearest first).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position } from 'vscode-languageserver-types';
import type { Duty, ParseResult } from '../grammar/src/index';
import type { ServiceContext } from './context';
import { contains, firstStartingOnOrAfter } from './ranges';
import { dutyNames, dutyUses, entryNames, summarize, summarizeDuty, type NameKind, type NameOccurrence } from './workspaceIndex';

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
  return [...entryNames(summarize(document.uri, parsed.ast))];
}

export function findName(names: readonly NameOccurrence[], position: Position): NameOccurrence | null {
  return names.find((n) => contains(n.range, position)) ?? null;
}

/** The office, project, source or activity whose text (on its field line) the position is on. */
export function nameAt(document: TextDocument, parsed: ParseResult, position: Position): NameOccurrence | null {
  const duties = parsed.ast.duties;
  const duty = duties[firstStartingOnOrAfter(duties, position.line + 1) - 1];
  return duty ? findName([...dutyNames(summarizeDuty(duty))], position) : null;
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

// ---------------------------------------------------------------------------
// Sightings: where a name is used, seen from the table being edited

/** How near a use is to the cursor, nearest first: the same duty, the same table, the department's other tables (other years), the rest. */
export const PROXIMITY = ['duty', 'table', 'department', 'workspace'] as const;
export type Proximity = (typeof PROXIMITY)[number];

export interface NameSighting {
  name: string;
  proximity: Proximity;
  /** The indicators of that duty or table it applies to. */
  indicators: number;
  uri: string;
  department: string | null;
  year: string | null;
  /** The duty of this document ('duty' and 'table'). */
  duty?: Duty;
}

export interface SightingOptions {
  /** The duty at the cursor. */
  duty?: Duty;
  /** A line whose names do not count (the one being typed). */
  skipLine?: number;
  /** Only this name. */
  name?: string;
}

/**
 * Every use of a kind of name: this document's from its current parse (per duty), every other
 * table's from the workspace index, each with its proximity to the cursor.
 */
export function nameSightings(document: TextDocument, parsed: ParseResult, kind: NameKind, ctx: ServiceContext, options: SightingOptions = {}): NameSighting[] {
  const table = parsed.ast;
  const department = table.department?.text.trim() || null;
  const year = table.year?.text.trim() || null;
  const out: NameSighting[] = [];
  for (const duty of table.duties) {
    for (const use of dutyUses(duty)) {
      if (use.kind !== kind || (options.name !== undefined && use.name !== options.name)) continue;
      if (options.skipLine !== undefined && use.ranges.every((r) => r.start.line === options.skipLine)) continue;
      const proximity = duty === options.duty ? 'duty' : 'table';
      out.push({ name: use.name, proximity, indicators: use.indicators, uri: document.uri, department, year, duty });
    }
  }
  const usage = ctx.workspace.usage(kind, document.uri);
  const names = options.name !== undefined ? [options.name] : usage.keys();
  for (const name of names) {
    for (const other of usage.get(name) ?? []) {
      const proximity = department !== null && other.department === department ? 'department' : 'workspace';
      out.push({ name, proximity, ...other });
    }
  }
  return out;
}
