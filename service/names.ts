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
import { sharedEnds } from './sharedEnds';
import { dutyNames, dutyUses, entryNames, partUses, summarize, summarizeDuty, type NameKind, type NameOccurrence, type NameUsage, type NameUse, type PartSummary, type WorkspaceIndex } from './workspaceIndex';

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

// ---------------------------------------------------------------------------
// Nearest names: each name once, at its nearest proximity (completion)

/** A name at its nearest proximity, with what its uses there add up to. */
export interface NearestName {
  name: string;
  proximity: Proximity;
  /** The indicators its uses at that proximity apply to. */
  indicators: number;
  /** The years and the departments of the other tables that use it ('department' and 'workspace'), sorted. */
  years: readonly string[];
  departments: readonly string[];
}

const NONE: readonly string[] = [];

const KINDS: readonly NameKind[] = ['source', 'office', 'project', 'activity'];

/** Chinese collation, made once: `localeCompare(b, 'zh')` looks the locale up on every call, and the totals are kept sorted on every edit. */
const zhCollator = new Intl.Collator('zh');

/** More indicators first, then by name (in code points where the collation makes two names equal, so the order is the same however the list was made). */
function byUse(a: { name: string; indicators: number }, b: { name: string; indicators: number }): number {
  return b.indicators - a.indicators || zhCollator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * How many fields of a table write each name of a kind, and the indicators it applies to, with the
 * names in byUse order.
 */
interface KindTotals {
  count: Map<string, number>;
  indicators: Map<string, number>;
  /** The names in byUse order, made when first asked for and then kept in order as the totals move. */
  sorted?: { name: string; indicators: number }[];
}

/** A table's totals of every kind, for one list of duties; moved to another by the parts of their summaries (a duty's own, each 事项's) that differ. */
interface TableTotals {
  duties: readonly Duty[];
  kinds: Map<NameKind, KindTotals>;
}

/**
 * Per document: an edit gives a new table whose duties and 事项 are mostly the same objects as
 * before (incremental.ts), so the totals of the last version asked for move to the new one by the
 * few 事项 that differ, instead of being summed again over a table of thousands of indicators (or
 * over the one duty, of thousands, that the edit was in).
 */
const tableTotals = new WeakMap<TextDocument, TableTotals>();

function usesOfKind(duty: Duty, kind: NameKind): NameUse[] {
  return dutyUses(duty).filter((u) => u.kind === kind);
}

/** The parts of the duties in order; with `previous`, the duties they replaced, one for one (see summarizeDuty). */
function partsOf(duties: readonly Duty[], previous?: readonly Duty[]): PartSummary[] {
  const parts: PartSummary[] = [];
  duties.forEach((duty, i) => {
    for (const part of summarizeDuty(duty, previous?.[i]).parts) parts.push(part);
  });
  return parts;
}

/** The parts of two lists of duties that are not in both: those the totals take out, and those they add. */
function partsThatDiffer(old: readonly Duty[], duties: readonly Duty[]): { removed: PartSummary[]; added: PartSummary[] } {
  // The duties the two lists share at their start and at their end are kept, and so are the parts the rest share at theirs.
  const ends = sharedEnds(old, duties);
  const oldMiddle = old.slice(ends.head, old.length - ends.tail);
  const newMiddle = duties.slice(ends.head, duties.length - ends.tail);
  const oldParts = partsOf(oldMiddle);
  // As many duties on both sides (a keystroke replaces one): each new one is summarized from the one at its place.
  const newParts = partsOf(newMiddle, newMiddle.length === oldMiddle.length ? oldMiddle : undefined);
  const { head, tail } = sharedEnds(oldParts, newParts);
  // Between them, only the parts that are not in both (edits here and there since the totals were last moved leave most of them as they were).
  const removed = new Set(oldParts.slice(head, oldParts.length - tail));
  const added = new Set(newParts.slice(head, newParts.length - tail));
  return { removed: [...removed].filter((p) => !added.has(p)), added: [...added].filter((p) => !removed.has(p)) };
}

function totalsOf(document: TextDocument, duties: readonly Duty[], kind: NameKind): KindTotals {
  let totals = tableTotals.get(document);
  if (!totals) tableTotals.set(document, (totals = { duties: [], kinds: new Map(KINDS.map((k) => [k, { count: new Map(), indicators: new Map() }])) }));
  if (totals.duties !== duties) moveTotals(totals, duties);
  return totals.kinds.get(kind)!;
}

function moveTotals(totals: TableTotals, duties: readonly Duty[]): void {
  const { removed, added } = partsThatDiffer(totals.duties, duties);
  // Each name the move reaches, with its indicators before it: only those whose total differs after it change place.
  const touched = new Map<NameKind, Map<string, number | undefined>>(KINDS.map((k) => [k, new Map()]));
  const add = (part: PartSummary, sign: 1 | -1) => {
    for (const use of partUses(part)) {
      const { count, indicators } = totals.kinds.get(use.kind)!;
      const reached = touched.get(use.kind)!;
      if (!reached.has(use.name)) reached.set(use.name, indicators.get(use.name));
      const written = (count.get(use.name) ?? 0) + sign * use.ranges.length;
      if (written === 0) count.delete(use.name);
      else count.set(use.name, written);
      indicators.set(use.name, (indicators.get(use.name) ?? 0) + sign * use.indicators);
    }
  };
  for (const part of removed) add(part, -1);
  for (const part of added) add(part, 1);
  totals.duties = duties;
  for (const [kind, reached] of touched) {
    const ofKind = totals.kinds.get(kind)!;
    for (const [name, before] of reached) {
      // A name no field writes any more is gone (the indicators it applied to went with the fields that gave it).
      if (!ofKind.count.has(name)) ofKind.indicators.delete(name);
      if (ofKind.indicators.get(name) === before) reached.delete(name);
    }
    if (ofKind.sorted && reached.size > 0) ofKind.sorted = resorted(ofKind.sorted, reached.keys(), ofKind.indicators);
  }
}

/** The sorted names with those that changed taken out and put back in their place (few change with an edit). */
function resorted(sorted: readonly { name: string; indicators: number }[], changed: Iterable<string>, indicators: ReadonlyMap<string, number>): { name: string; indicators: number }[] {
  const names = new Set(changed);
  const out = sorted.filter((e) => !names.has(e.name));
  for (const name of names) {
    const total = indicators.get(name);
    if (total === undefined) continue;
    const entry = { name, indicators: total };
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byUse(out[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, entry);
  }
  return out;
}

function sortedTotals(totals: KindTotals): readonly { name: string; indicators: number }[] {
  totals.sorted ??= [...totals.indicators].map(([name, indicators]) => ({ name, indicators })).sort(byUse);
  return totals.sorted;
}

/** Per list of other tables' usage (the index makes a new one when one of them changes) and department of the table being edited. */
const nearestElsewhere = new WeakMap<ReadonlyMap<string, readonly NameUsage[]>, Map<string | null, NearestName[]>>();

/** The names the other tables use, each at its nearest proximity (the department's tables, then the rest), nearest and most used first. */
function namesElsewhere(workspace: WorkspaceIndex, kind: NameKind, uri: string, department: string | null): readonly NearestName[] {
  const usage = workspace.usage(kind, uri);
  let ofDepartment = nearestElsewhere.get(usage);
  if (!ofDepartment) nearestElsewhere.set(usage, (ofDepartment = new Map()));
  const cached = ofDepartment.get(department);
  if (cached) return cached;
  const out: (NearestName & { rank: number })[] = [];
  for (const [name, tables] of usage) {
    let rank: number = PROXIMITY.length;
    for (const t of tables) rank = Math.min(rank, department !== null && t.department === department ? 2 : 3);
    let indicators = 0;
    const years = new Set<string>();
    const departments = new Set<string>();
    for (const t of tables) {
      if ((department !== null && t.department === department ? 2 : 3) !== rank) continue;
      indicators += t.indicators;
      if (t.year) years.add(t.year);
      if (t.department) departments.add(t.department);
    }
    out.push({ name, rank, proximity: PROXIMITY[rank]!, indicators, years: [...years].sort(), departments: [...departments].sort(zhCollator.compare) });
  }
  out.sort((a, b) => a.rank - b.rank || byUse(a, b));
  const list = out.map(({ rank: _, ...n }) => n);
  ofDepartment.set(department, list);
  return list;
}

/**
 * Brings what nearestNames keeps for a document to this version: its table's totals (moved by the
 * 事项 an edit changed, or summed once when the document is new) and the other tables' names.
 * The server calls it after each version's diagnostics are written, off the request path, so the
 * first completion after opening a large table, or after edits, does not sum what they changed.
 */
export function prepareNearestNames(document: TextDocument, parsed: ParseResult, workspace: WorkspaceIndex): void {
  const department = parsed.ast.department?.text.trim() || null;
  for (const kind of KINDS) {
    sortedTotals(totalsOf(document, parsed.ast.duties, kind));
    namesElsewhere(workspace, kind, document.uri, department);
  }
}

export interface NearestOptions {
  /** The duty at the cursor: its names are the nearest. */
  duty?: Duty;
  /** The line being typed: a name written only there does not count. */
  skipLine: number;
}

/**
 * The names of a kind, each once at its nearest proximity (the cursor's duty, this table, the
 * department's other tables, the rest of the workspace), nearest first and within each those
 * applying to more indicators first: nameSightings summed up per name, made from totals kept per
 * version (this table's) and per index state (the others'), so a request reads what differs at the
 * cursor — its duty, the line being typed — rather than every duty of the table.
 */
export function nearestNames(document: TextDocument, parsed: ParseResult, kind: NameKind, ctx: ServiceContext, options: NearestOptions): NearestName[] {
  const table = parsed.ast;
  const { duty, skipLine } = options;
  const totals = totalsOf(document, table.duties, kind);
  // The cursor's duty and the duty of the line being typed are read afresh: their uses are taken out of the totals, then those that count put back.
  const lineDuty = table.duties[firstStartingOnOrAfter(table.duties, skipLine + 1) - 1];
  const near = new Map<string, number>();
  const changed = new Map<string, { count: number; indicators: number }>();
  for (const d of new Set([duty, lineDuty])) {
    if (!d) continue;
    for (const use of usesOfKind(d, kind)) {
      let entry = changed.get(use.name);
      if (!entry) changed.set(use.name, (entry = { count: totals.count.get(use.name) ?? 0, indicators: totals.indicators.get(use.name) ?? 0 }));
      entry.count -= use.ranges.length;
      entry.indicators -= use.indicators;
      if (use.ranges.every((r) => r.start.line === skipLine)) continue;
      if (d === duty) near.set(use.name, (near.get(use.name) ?? 0) + use.indicators);
      else {
        entry.count += use.ranges.length;
        entry.indicators += use.indicators;
      }
    }
  }
  const out: NearestName[] = [...near]
    .map(([name, indicators]) => ({ name, indicators }))
    .sort(byUse)
    .map(({ name, indicators }) => ({ name, proximity: 'duty' as const, indicators, years: NONE, departments: NONE }));

  // This table: the kept order, with the names of the two duties merged in at their place.
  const moved = [...changed].filter(([name, e]) => e.count > 0 && !near.has(name)).map(([name, e]) => ({ name, indicators: e.indicators })).sort(byUse);
  let m = 0;
  const pushTable = (e: { name: string; indicators: number }) => out.push({ name: e.name, proximity: 'table', indicators: e.indicators, years: NONE, departments: NONE });
  for (const e of sortedTotals(totals)) {
    if (changed.has(e.name) || near.has(e.name)) continue;
    while (m < moved.length && byUse(moved[m]!, e) < 0) pushTable(moved[m++]!);
    pushTable(e);
  }
  while (m < moved.length) pushTable(moved[m++]!);

  const inTable = (name: string) => near.has(name) || (changed.get(name)?.count ?? totals.count.get(name) ?? 0) > 0;
  const department = table.department?.text.trim() || null;
  for (const n of namesElsewhere(ctx.workspace, kind, document.uri, department)) if (!inTable(n.name)) out.push(n);
  return out;
}
