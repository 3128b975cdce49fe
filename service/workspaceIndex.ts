/**
 * The workspace index: for every .ttab file of the workspace (open or not),
 * the names other files may want — sources, offices, budget projects,
 * activities — with their locations, and the duties/objectives/indicators for
 * workspace symbols. Pure: the server feeds it parsed tables (from disk or
 * from open documents); features read it.
 */
import type { Duty, Field, Item, Objective, Range, Table } from '../grammar/src/index';
import { dutyName, inherited, inheritedContext, INHERITED_KEYS, isNoneText, sameInheritedContext } from '../grammar/src/index';
import { resultsReusingEnds } from './sharedEnds';

/** The kinds of shared names completion, rename and references work on. */
export type NameKind = 'source' | 'office' | 'project' | 'activity';

export interface NameOccurrence {
  kind: NameKind;
  text: string;
  /** Range of the text on its field line (the first line for multi-line text). */
  range: Range;
}

export type SymbolKindName = 'duty' | 'item' | 'objective' | 'indicator';

export interface IndexedSymbol {
  kind: SymbolKindName;
  name: string;
  /** Name of the enclosing duty/objective, for display. */
  container: string | null;
  range: Range;
  selectionRange: Range;
}

/**
 * One name as a table uses it: a whole name (a cell listing several, `综合科、政务信息科`,
 * gives one use per name; `/` or `无` gives none), with the indicators it applies to.
 */
export interface NameUse {
  kind: NameKind;
  name: string;
  /** Indicators it applies to: its own, and those that inherit it from their objective, 事项 or duty. */
  indicators: number;
  /** Where it is written: its fields' text ranges (the tree's own objects, so they move with it). */
  ranges: Range[];
}

export interface FileEntry {
  uri: string;
  department: string | null;
  year: string | null;
  /**
   * Each duty's summary (the duties' own cached ones: re-indexing an edited table copies
   * nothing per name); entryNames(), entrySymbols() and fileUses() read the table's.
   */
  duties: readonly DutySummary[];
}

/** How one table uses a name (for completion's proximity and the hover on a name). */
export interface NameUsage {
  uri: string;
  department: string | null;
  year: string | null;
  indicators: number;
}

const KIND_OF_FIELD: Partial<Record<Field['key'], NameKind>> = {
  standardSource: 'source',
  historySource: 'source',
  office: 'office',
  project: 'project',
  activity: 'activity',
};

function nameOf(field: Field): NameOccurrence | null {
  const kind = KIND_OF_FIELD[field.key];
  if (!kind || field.text.trim() === '') return null;
  return { kind, text: field.text, range: field.textRange };
}

// ---------------------------------------------------------------------------
// The names a cell holds

/** What separates the names of a list in one cell: `新闻科、网信科`, `项目甲, 项目乙`, `法甲；法乙`. */
const LIST_SEPARATORS = /[、,，;；/／]/g;
const HAS_SEPARATOR = /[、,，;；/／]/;

/**
 * How a whole name of each kind ends. A cell is split at its separators only when every piece
 * ends like a whole name, so `援疆、援藏、援助边境专项资金` stays one project and
 * `向市台、省台发稿数量` one source, while `综合科、政务信息科` gives two offices.
 */
const WHOLE_NAME: Record<Exclude<NameKind, 'activity'>, RegExp> = {
  office: /(科|室|办|处|局|部|股|中心|组|队|所|站|委|院|会|馆|台|社)$/,
  project: /(费|费用|经费|资金|专项|项目|工程|补助|补贴|奖励|奖补|工资|支出|基金)$/,
  source: /(法|办法|计划|规划|通知|意见|标准|要求|年鉴|公报|统计|总结|合同|文件|方案|报表|数据|决定|规定|条例|》|号|安排|纪要)$/,
};

export interface NamePart {
  name: string;
  /** Offsets of the name in the cell's text. */
  start: number;
  end: number;
}

/**
 * The names a cell of a name field holds, with their offsets: none for a placeholder (`/`, `无`),
 * one per name for a list of whole names, else the cell's text as one name. Activities are
 * sentences (`网络舆情监测、处置`): never split.
 */
export function nameParts(kind: NameKind, text: string): NamePart[] {
  const trimmed = text.trim();
  if (trimmed === '' || isNoneText(trimmed)) return [];
  const start = text.indexOf(trimmed);
  const whole = [{ name: trimmed, start, end: start + trimmed.length }];
  if (kind === 'activity' || !HAS_SEPARATOR.test(trimmed)) return whole;
  const parts: NamePart[] = [];
  let at = 0;
  for (const piece of [...text.split(LIST_SEPARATORS)]) {
    const name = piece.trim();
    const offset = at + piece.indexOf(name);
    at += piece.length + 1;
    if (name !== '' && !isNoneText(name)) parts.push({ name, start: offset, end: offset + name.length });
  }
  if (parts.length === 0) return [];
  return parts.every((p) => p.name.length >= 2 && WHOLE_NAME[kind].test(p.name)) ? parts : whole;
}

/** The names and symbols of a block, in written order. */
interface BlockSummary {
  names: NameOccurrence[];
  symbols: IndexedSymbol[];
}

/**
 * An objective's share of its duty's index: its and its indicators' names and symbols, and the
 * names its indicators use (inherited from the 事项 and the duty included), each once.
 */
interface ObjectiveSummary extends BlockSummary {
  uses: NameUse[];
  /** The inherited fields of the 事项 and the duty it was counted with (the uses are true while these are the same arrays). */
  context: readonly (readonly Field[])[];
  /** The duty's name, its symbol's container. */
  container: string;
}

/** Adds each field that holds a shared name to both lists. */
function addNameFields(fields: readonly Field[], names: NameOccurrence[], nameFields: Field[]): void {
  for (const f of fields) {
    const n = nameOf(f);
    if (n) {
      names.push(n);
      nameFields.push(f);
    }
  }
}

function useKey(kind: NameKind, name: string): string {
  return `${kind}\u0000${name}`;
}

/** Adds a use to the totals under `key`: its indicators and ranges to the name's, or a copy of it (the summary it comes from stays as it is). */
function addUse(totals: Map<string, NameUse>, key: string, use: NameUse): void {
  const total = totals.get(key);
  if (!total) totals.set(key, { ...use, ranges: [...use.ranges] });
  else {
    total.indicators += use.indicators;
    for (const r of use.ranges) total.ranges.push(r);
  }
}

/** The uses of one field's names, made once per field and kind (a duty's 科室 applies to all its indicators). */
class UseCounter {
  readonly uses = new Map<string, NameUse>();
  private readonly ofField = new Map<Field, NameUse[]>();

  of(field: Field): NameUse[] {
    let found = this.ofField.get(field);
    if (found) return found;
    const kind = KIND_OF_FIELD[field.key]!;
    found = [];
    for (const name of new Set(nameParts(kind, field.text).map((p) => p.name))) {
      const key = useKey(kind, name);
      let use = this.uses.get(key);
      if (!use) this.uses.set(key, (use = { kind, name, indicators: 0, ranges: [] }));
      found.push(use);
    }
    this.ofField.set(field, found);
    return found;
  }

  /** The names written in these fields: a use each, and the fields' ranges. */
  written(fields: readonly Field[]): void {
    for (const field of fields) for (const use of this.of(field)) use.ranges.push(field.textRange);
  }
}

/** The objectives' summaries: one holds while its objective, the duty's name and the inherited fields above it are the same. */
const objectiveSummaries = new WeakMap<Objective, ObjectiveSummary>();

function summarizeObjective(duty: Duty, item: Item | undefined, objective: Objective, container: string, context: readonly (readonly Field[])[]): ObjectiveSummary {
  const names: NameOccurrence[] = [];
  const nameFields: Field[] = [];
  const symbols: IndexedSymbol[] = [{ kind: 'objective', name: objective.title.text, container, range: objective.range, selectionRange: objective.title.range }];
  addNameFields(objective.fields, names, nameFields);
  for (const indicator of objective.indicators) {
    symbols.push({ kind: 'indicator', name: indicator.name.text, container: objective.title.text, range: indicator.range, selectionRange: indicator.name.range });
    addNameFields(indicator.fields, names, nameFields);
  }
  const counter = new UseCounter();
  counter.written(nameFields);
  for (const indicator of objective.indicators) {
    // a handful per indicator: an array finds repeats faster than a Set is made
    const applied: NameUse[] = [];
    const apply = (field: Field) => {
      for (const u of counter.of(field)) if (!applied.includes(u)) applied.push(u);
    };
    const at = { duty, item, objective, indicator };
    for (const key of INHERITED_KEYS) inherited(at, key).fields.forEach(apply);
    for (const field of indicator.fields) if (field.key === 'standardSource' || field.key === 'historySource') apply(field);
    for (const u of applied) u.indicators++;
  }
  return { names, symbols, uses: [...counter.uses.values()], context, container };
}

/**
 * A share of a duty's summary: the duty's own (its fields and the objectives written directly
 * under it) or one 事项's (its fields and objectives). An edit reparses a run of blocks and
 * copies their ancestors (incremental.ts), so the 事项 it did not touch are the same objects, and
 * their shares hold: summarizing a duty of 5,000 indicators after a keystroke makes the share of
 * the 事项 it changed, from the summaries of the objectives it kept.
 */
export interface PartSummary {
  /** The names of the part's own fields, and (for a 事项) its symbol. */
  head: BlockSummary;
  /** The part's own fields that hold a name (their ranges open each use's list). */
  headFields: Field[];
  objectives: ObjectiveSummary[];
  /** The duty's name and inherited fields it was made with: it holds while these are the same (a 事项's own are those of its object). */
  container: string;
  dutyContext: readonly (readonly Field[])[];
}

/** What one duty contributes: its symbol, then its own part and each 事项's, in written order. */
export interface DutySummary {
  symbol: IndexedSymbol;
  parts: PartSummary[];
}

function summarizePart(duty: Duty, item: Item | undefined, objectives: readonly Objective[], container: string, dutyContext: readonly (readonly Field[])[]): PartSummary {
  const context = item ? inheritedContext(duty, item) : dutyContext;
  const head: BlockSummary = { names: [], symbols: [] };
  const headFields: Field[] = [];
  if (item) head.symbols.push({ kind: 'item', name: item.title.text, container, range: item.range, selectionRange: item.title.range });
  addNameFields((item ?? duty).fields, head.names, headFields);
  const summaries: ObjectiveSummary[] = [];
  for (const objective of objectives) {
    let summary = objectiveSummaries.get(objective);
    if (!summary || summary.container !== container || !sameInheritedContext(summary.context, context)) objectiveSummaries.set(objective, (summary = summarizeObjective(duty, item, objective, container, context)));
    summaries.push(summary);
  }
  return { head, headFields, objectives: summaries, container, dutyContext };
}

/**
 * The parts, per 事项 object and, for the duty's own part, per array of its objectives (an edit
 * inside a 事项 copies the duty with the same one). The duty's own fields are in its context.
 */
const itemParts = new WeakMap<Item, PartSummary>();
const dutyParts = new WeakMap<readonly Objective[], PartSummary & { fields: readonly Field[] }>();

function holds(part: PartSummary | undefined, container: string, dutyContext: readonly (readonly Field[])[]): part is PartSummary {
  return part !== undefined && part.container === container && sameInheritedContext(part.dutyContext, dutyContext);
}

/** Per duty object: the duties an edit did not touch are kept (moved in place when lines were added or removed), and so are their summaries, which hold the tree's own ranges. */
const dutySummaries = new WeakMap<Duty, DutySummary>();

/**
 * A duty's summary. With `previous`, the duty an edit replaced by this one (summarized before): the
 * 事项 the two share at their start and end keep its parts as they are, so a keystroke in a duty of
 * hundreds of 事项 looks up only the one it changed.
 */
export function summarizeDuty(duty: Duty, previous?: Duty): DutySummary {
  const cached = dutySummaries.get(duty);
  if (cached) return cached;
  const name = dutyName(duty);
  const dutyContext = inheritedContext(duty, undefined);
  let own = dutyParts.get(duty.objectives);
  if (!holds(own, name, dutyContext) || own.fields !== duty.fields) dutyParts.set(duty.objectives, (own = { ...summarizePart(duty, undefined, duty.objectives, name, dutyContext), fields: duty.fields }));
  const itemPart = (item: Item): PartSummary => {
    let part = itemParts.get(item);
    if (!holds(part, name, dutyContext)) itemParts.set(item, (part = summarizePart(duty, item, item.objectives, name, dutyContext)));
    return part;
  };
  // The previous duty's parts were all made for its name and inherited fields: they hold here while those are the same.
  const before = previous ? dutySummaries.get(previous) : undefined;
  const kept = before && holds(before.parts[0], name, dutyContext) ? { items: previous!.items, results: before.parts.slice(1) } : undefined;
  const parts: PartSummary[] = [own, ...resultsReusingEnds(duty.items, kept, itemPart).results];
  const summary = { symbol: { kind: 'duty' as const, name, container: null, range: duty.range, selectionRange: duty.title.range }, parts };
  dutySummaries.set(duty, summary);
  return summary;
}

/** A duty's names, in written order. */
export function* dutyNames(summary: DutySummary): Generator<NameOccurrence> {
  for (const part of summary.parts) {
    yield* part.head.names;
    for (const o of part.objectives) yield* o.names;
  }
}

/** A duty's symbols — the duty, its objectives and indicators, each 事项 and its own — in written order. */
export function* dutySymbols(summary: DutySummary): Generator<IndexedSymbol> {
  yield summary.symbol;
  for (const part of summary.parts) {
    yield* part.head.symbols;
    for (const o of part.objectives) yield* o.symbols;
  }
}

/** The names a part uses, each once (see NameUse): made from its fields and its objectives' uses when first asked for, then kept. */
const partUseLists = new WeakMap<PartSummary, NameUse[]>();

export function partUses(part: PartSummary): readonly NameUse[] {
  const cached = partUseLists.get(part);
  if (cached) return cached;
  const counter = new UseCounter();
  counter.written(part.headFields);
  const uses = counter.uses;
  for (const objective of part.objectives) for (const u of objective.uses) addUse(uses, useKey(u.kind, u.name), u);
  const list = [...uses.values()];
  partUseLists.set(part, list);
  return list;
}

/** The names a duty uses, each once: made from its parts' when first asked for, then kept. */
const dutyUseLists = new WeakMap<DutySummary, NameUse[]>();

function usesOfSummary(summary: DutySummary): NameUse[] {
  const cached = dutyUseLists.get(summary);
  if (cached) return cached;
  const uses = new Map<string, NameUse>();
  for (const part of summary.parts) for (const u of partUses(part)) addUse(uses, useKey(u.kind, u.name), u);
  const list = [...uses.values()];
  dutyUseLists.set(summary, list);
  return list;
}

/** The names a duty uses (see NameUse); cached with the duty's summary. */
export function dutyUses(duty: Duty): readonly NameUse[] {
  return usesOfSummary(summarizeDuty(duty));
}

/** What one table contributes to the index. */
export function summarize(uri: string, table: Table): FileEntry {
  const header = (text: string | undefined) => (text?.trim() ? text.trim() : null);
  return { uri, department: header(table.department?.text), year: header(table.year?.text), duties: table.duties.map((duty) => summarizeDuty(duty)) };
}

/** Every name a table's fields hold, in written order. */
export function* entryNames(entry: FileEntry): Generator<NameOccurrence> {
  for (const duty of entry.duties) yield* dutyNames(duty);
}

/** Every duty, 事项, objective and indicator of a table, in written order. */
export function* entrySymbols(entry: FileEntry): Generator<IndexedSymbol> {
  for (const duty of entry.duties) yield* dutySymbols(duty);
}

/** The names a table uses, each once, with the indicators they apply to and where they are written. */
export function fileUses(entry: FileEntry): NameUse[] {
  const uses = new Map<NameKind, Map<string, NameUse>>();
  for (const duty of entry.duties) {
    for (const u of usesOfSummary(duty)) {
      let ofKind = uses.get(u.kind);
      if (!ofKind) uses.set(u.kind, (ofKind = new Map()));
      addUse(ofKind, u.name, u);
    }
  }
  return [...uses.values()].flatMap((ofKind) => [...ofKind.values()]);
}

/** The indicators each name of a kind applies to in one table (per entry: an entry is replaced, never changed). */
const entryUsage = new WeakMap<FileEntry, Map<NameKind, Map<string, number>>>();

function usageOfEntry(entry: FileEntry, kind: NameKind): Map<string, number> {
  let ofKind = entryUsage.get(entry);
  if (!ofKind) entryUsage.set(entry, (ofKind = new Map()));
  let indicators = ofKind.get(kind);
  if (indicators) return indicators;
  indicators = new Map();
  for (const duty of entry.duties) for (const u of usesOfSummary(duty)) if (u.kind === kind) indicators.set(u.name, (indicators.get(u.name) ?? 0) + u.indicators);
  ofKind.set(kind, indicators);
  return indicators;
}

export class WorkspaceIndex {
  /**
   * Each file's table, and its entry once asked for: an open table is indexed again after every
   * keystroke, and most keystrokes are followed by no request that reads the index, so the
   * summary is made when one does (from the summaries of the duties and objectives it kept).
   */
  private readonly files = new Map<string, { table?: Table; entry?: FileEntry }>();
  /** Bumped on every change, so callers can cache derived data. */
  generation = 0;
  /** The last change, and the last change to another file than that one: enough to tell whether anything but one file changed since a generation. */
  private last = { uri: '', generation: 0 };
  private lastOther = 0;
  private usageCache = new Map<string, { generation: number; usage: Map<string, NameUsage[]> }>();

  /**
   * A file's table, summarized now, or when first read (`lazily`: an open table, whose tree is kept
   * anyway; a file of the workspace scan is summarized at once, so its tree is not kept).
   */
  update(uri: string, table: Table, lazily = false): void {
    this.files.set(uri, lazily ? { table } : { entry: summarize(uri, table) });
    this.changed(uri);
  }

  remove(uri: string): void {
    if (this.files.delete(uri)) this.changed(uri);
  }

  private changed(uri: string): void {
    this.generation++;
    if (uri === this.last.uri) this.last.generation = this.generation;
    else {
      this.lastOther = this.last.generation;
      this.last = { uri, generation: this.generation };
    }
  }

  /** The generation of the last change to a file other than `uri`. */
  private changedBesides(uri: string): number {
    return uri === this.last.uri ? this.lastOther : this.last.generation;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  entries(): IterableIterator<FileEntry> {
    return this.summaries();
  }

  private *summaries(): IterableIterator<FileEntry> {
    for (const [uri, file] of this.files) yield (file.entry ??= summarize(uri, file.table!));
  }

  /**
   * Every name of a kind used in the workspace, with the tables that use it; with `except`, in the
   * tables but that one (the document being edited, read from its own parse). Cached until a file
   * that counts changes: re-indexing the open table after each keystroke keeps what is made without
   * it, and each table's share is made once per entry.
   */
  usage(kind: NameKind, except?: string): ReadonlyMap<string, readonly NameUsage[]> {
    const key = except === undefined ? kind : `${kind}\u0000${except}`;
    const cached = this.usageCache.get(key);
    if (cached && (except === undefined ? cached.generation === this.generation : cached.generation >= this.changedBesides(except))) return cached.usage;
    const usage = new Map<string, NameUsage[]>();
    for (const [uri, file] of this.files) {
      if (uri === except) continue;
      const entry = (file.entry ??= summarize(uri, file.table!));
      for (const [name, indicators] of usageOfEntry(entry, kind)) {
        let tables = usage.get(name);
        if (!tables) usage.set(name, (tables = []));
        tables.push({ uri: entry.uri, department: entry.department, year: entry.year, indicators });
      }
    }
    this.usageCache.set(key, { generation: this.generation, usage });
    return usage;
  }

  /** Every place a name is used, across all files. */
  occurrences(kind: NameKind, text: string): { uri: string; range: Range }[] {
    const out: { uri: string; range: Range }[] = [];
    for (const entry of this.summaries()) {
      for (const n of entryNames(entry)) if (n.kind === kind && n.text === text) out.push({ uri: entry.uri, range: n.range });
    }
    return out;
  }

  /** Symbols of every file whose name contains the query (case-insensitive), at most `limit`. */
  findSymbols(query: string, limit = 500): (IndexedSymbol & { uri: string })[] {
    const q = query.toLowerCase();
    const out: (IndexedSymbol & { uri: string })[] = [];
    for (const entry of this.summaries()) {
      for (const s of entrySymbols(entry)) {
        if (s.name.toLowerCase().includes(q)) {
          out.push({ ...s, uri: entry.uri });
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }
}
