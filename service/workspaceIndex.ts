/**
 * The workspace index: for every .ttab file of the workspace (open or not),
 * the names other files may want — sources, offices, budget projects,
 * activities — with their locations, and the duties/objectives/indicators for
 * workspace symbols. Pure: the server feeds it parsed tables (from disk or
 * from open documents); features read it.
 */
import type { Duty, Field, Range, Table } from '../grammar/src/index';
import { dutyName, dutyObjectives, inherited, INHERITED_KEYS, isNoneText } from '../grammar/src/index';

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
  names: NameOccurrence[];
  /**
   * The names each duty uses (the duties' own cached lists: re-indexing an edited table copies
   * nothing per name); fileUses() adds them up for the table.
   */
  dutyUses: readonly (readonly NameUse[])[];
  symbols: IndexedSymbol[];
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

interface DutySummary {
  names: NameOccurrence[];
  uses: NameUse[];
  symbols: IndexedSymbol[];
}

/** The names a duty uses, each once, with the indicators each applies to (inherited ones included). */
function dutyNameUses(duty: Duty, nameFields: readonly Field[]): NameUse[] {
  const uses = new Map<string, NameUse>();
  /** Each name field's uses, read once (a duty's 科室 is inherited by all its indicators). */
  const usesOfField = new Map<Field, NameUse[]>();
  const usesOf = (field: Field): NameUse[] => {
    let found = usesOfField.get(field);
    if (found) return found;
    const kind = KIND_OF_FIELD[field.key]!;
    found = [];
    for (const name of new Set(nameParts(kind, field.text).map((p) => p.name))) {
      const key = `${kind}\u0000${name}`;
      let use = uses.get(key);
      if (!use) uses.set(key, (use = { kind, name, indicators: 0, ranges: [] }));
      found.push(use);
    }
    usesOfField.set(field, found);
    return found;
  };
  for (const field of nameFields) for (const use of usesOf(field)) use.ranges.push(field.textRange);
  for (const { item, objective } of dutyObjectives(duty)) {
    for (const indicator of objective.indicators) {
      // a handful per indicator: an array finds repeats faster than a Set is made
      const applied: NameUse[] = [];
      const apply = (field: Field) => {
        for (const u of usesOf(field)) if (!applied.includes(u)) applied.push(u);
      };
      const context = { duty, item, objective, indicator };
      for (const key of INHERITED_KEYS) inherited(context, key).fields.forEach(apply);
      for (const field of indicator.fields) if (field.key === 'standardSource' || field.key === 'historySource') apply(field);
      for (const u of applied) u.indicators++;
    }
  }
  return [...uses.values()];
}

/**
 * What each duty contributes, per duty object: an edit reparses one duty and
 * keeps the others (moving them in place when lines were added or removed), so
 * re-indexing a large open table after each edit only summarizes the duty that
 * changed. The summaries hold the tree's own ranges, so they move with it.
 */
const dutySummaries = new WeakMap<Duty, DutySummary>();

function summarizeDuty(duty: Duty): DutySummary {
  const cached = dutySummaries.get(duty);
  if (cached) return cached;
  const names: NameOccurrence[] = [];
  const nameFields: Field[] = [];
  const symbols: IndexedSymbol[] = [];
  const addFields = (fields: readonly Field[]) => {
    for (const f of fields) {
      const n = nameOf(f);
      if (n) {
        names.push(n);
        nameFields.push(f);
      }
    }
  };
  const name = dutyName(duty);
  symbols.push({ kind: 'duty', name, container: null, range: duty.range, selectionRange: duty.title.range });
  addFields(duty.fields);
  for (const item of duty.items) {
    symbols.push({ kind: 'item', name: item.title.text, container: name, range: item.range, selectionRange: item.title.range });
    addFields(item.fields);
  }
  for (const { objective } of dutyObjectives(duty)) {
    symbols.push({ kind: 'objective', name: objective.title.text, container: name, range: objective.range, selectionRange: objective.title.range });
    addFields(objective.fields);
    for (const indicator of objective.indicators) {
      symbols.push({ kind: 'indicator', name: indicator.name.text, container: objective.title.text, range: indicator.range, selectionRange: indicator.name.range });
      addFields(indicator.fields);
    }
  }
  const summary = { names, uses: dutyNameUses(duty, nameFields), symbols };
  dutySummaries.set(duty, summary);
  return summary;
}

/** The names a duty uses (see NameUse); cached with the duty's summary. */
export function dutyUses(duty: Duty): readonly NameUse[] {
  return summarizeDuty(duty).uses;
}

/** What one table contributes to the index. */
export function summarize(uri: string, table: Table): FileEntry {
  const names: NameOccurrence[] = [];
  const symbols: IndexedSymbol[] = [];
  const dutyUses: (readonly NameUse[])[] = [];
  for (const duty of table.duties) {
    const summary = summarizeDuty(duty);
    for (const n of summary.names) names.push(n);
    for (const sym of summary.symbols) symbols.push(sym);
    dutyUses.push(summary.uses);
  }
  const header = (text: string | undefined) => (text?.trim() ? text.trim() : null);
  return { uri, department: header(table.department?.text), year: header(table.year?.text), names, dutyUses, symbols };
}

/** The names a table uses, each once, with the indicators they apply to and where they are written. */
export function fileUses(entry: FileEntry): NameUse[] {
  const uses = new Map<NameKind, Map<string, NameUse>>();
  for (const ofDuty of entry.dutyUses) {
    for (const u of ofDuty) {
      let ofKind = uses.get(u.kind);
      if (!ofKind) uses.set(u.kind, (ofKind = new Map()));
      const total = ofKind.get(u.name);
      if (total) {
        total.indicators += u.indicators;
        for (const r of u.ranges) total.ranges.push(r);
      } else {
        ofKind.set(u.name, { ...u, ranges: [...u.ranges] }); // the duty's own summary stays as it is
      }
    }
  }
  return [...uses.values()].flatMap((ofKind) => [...ofKind.values()]);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  /** Bumped on every change, so callers can cache derived data. */
  generation = 0;
  private usageCache = new Map<NameKind, { generation: number; usage: Map<string, NameUsage[]> }>();

  update(uri: string, table: Table): void {
    this.files.set(uri, summarize(uri, table));
    this.generation++;
  }

  remove(uri: string): void {
    if (this.files.delete(uri)) this.generation++;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  entries(): IterableIterator<FileEntry> {
    return this.files.values();
  }

  /** Every name of a kind used in the workspace, with the tables that use it (cached per generation). */
  usage(kind: NameKind): ReadonlyMap<string, readonly NameUsage[]> {
    const cached = this.usageCache.get(kind);
    if (cached && cached.generation === this.generation) return cached.usage;
    const usage = new Map<string, NameUsage[]>();
    for (const entry of this.files.values()) {
      const indicators = new Map<string, number>();
      for (const ofDuty of entry.dutyUses) for (const u of ofDuty) if (u.kind === kind) indicators.set(u.name, (indicators.get(u.name) ?? 0) + u.indicators);
      for (const [name, n] of indicators) {
        let tables = usage.get(name);
        if (!tables) usage.set(name, (tables = []));
        tables.push({ uri: entry.uri, department: entry.department, year: entry.year, indicators: n });
      }
    }
    this.usageCache.set(kind, { generation: this.generation, usage });
    return usage;
  }

  /** Every place a name is used, across all files. */
  occurrences(kind: NameKind, text: string): { uri: string; range: Range }[] {
    const out: { uri: string; range: Range }[] = [];
    for (const entry of this.files.values()) {
      for (const n of entry.names) if (n.kind === kind && n.text === text) out.push({ uri: entry.uri, range: n.range });
    }
    return out;
  }

  /** Symbols of every file whose name contains the query (case-insensitive), at most `limit`. */
  findSymbols(query: string, limit = 500): (IndexedSymbol & { uri: string })[] {
    const q = query.toLowerCase();
    const out: (IndexedSymbol & { uri: string })[] = [];
    for (const entry of this.files.values()) {
      for (const s of entry.symbols) {
        if (s.name.toLowerCase().includes(q)) {
          out.push({ ...s, uri: entry.uri });
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }
}
