/**
 * The workspace index: for every .ttab file of the workspace (open or not),
 * the names other files may want — sources, offices, budget projects,
 * activities — with their locations, and the duties/objectives/indicators for
 * workspace symbols. Pure: the server feeds it parsed tables (from disk or
 * from open documents); features read it.
 */
import type { Duty, Field, Range, Table } from '../grammar/src/index';
import { dutyName, dutyObjectives } from '../grammar/src/index';

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

export interface FileEntry {
  uri: string;
  department: string | null;
  names: NameOccurrence[];
  symbols: IndexedSymbol[];
}

export interface UsedName {
  text: string;
  count: number;
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

interface DutySummary {
  names: NameOccurrence[];
  symbols: IndexedSymbol[];
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
  const symbols: IndexedSymbol[] = [];
  const addFields = (fields: readonly Field[]) => {
    for (const f of fields) {
      const n = nameOf(f);
      if (n) names.push(n);
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
  const summary = { names, symbols };
  dutySummaries.set(duty, summary);
  return summary;
}

/** What one table contributes to the index. */
export function summarize(uri: string, table: Table): FileEntry {
  const names: NameOccurrence[] = [];
  const symbols: IndexedSymbol[] = [];
  for (const duty of table.duties) {
    const summary = summarizeDuty(duty);
    for (const n of summary.names) names.push(n);
    for (const sym of summary.symbols) symbols.push(sym);
  }
  return { uri, department: table.department?.text ?? null, names, symbols };
}

/** What the index keeps of a file: the summaries of its duties (shared with the tree's, moved with it). */
interface IndexedFile {
  uri: string;
  department: string | null;
  duties: DutySummary[];
}

/**
 * The index keeps each file as the summaries of its duties, and the count of every name in use:
 * re-indexing a file after an edit counts again only the duties that changed (the others are the
 * same summary objects), so completion's "names in use" stay current without reading every file.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** How often each name of a kind is used, across the workspace. */
  private readonly counts = new Map<NameKind, Map<string, number>>();
  /** Bumped on every change, so callers can cache derived data. */
  generation = 0;
  private usedCache = new Map<NameKind, UsedName[]>();

  update(uri: string, table: Table): void {
    const duties = table.duties.map(summarizeDuty);
    const before = this.files.get(uri);
    this.recount(before?.duties ?? [], duties);
    this.files.set(uri, { uri, department: table.department?.text ?? null, duties });
    this.generation++;
  }

  remove(uri: string): void {
    const before = this.files.get(uri);
    if (!before) return;
    this.recount(before.duties, []);
    this.files.delete(uri);
    this.generation++;
  }

  /** Names counted again: those of the duties that left, and of those that came (the kept ones at both ends are skipped). */
  private recount(before: readonly DutySummary[], after: readonly DutySummary[]): void {
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    const gone = new Set(before.slice(head, before.length - tail));
    // A duty in the changed stretch before and after (moved there) is counted already.
    for (const d of after.slice(head, after.length - tail)) if (!gone.delete(d)) this.count(d, 1);
    for (const d of gone) this.count(d, -1);
  }

  private count(duty: DutySummary, by: number): void {
    for (const n of duty.names) {
      let counts = this.counts.get(n.kind);
      if (!counts) this.counts.set(n.kind, (counts = new Map()));
      const c = (counts.get(n.text) ?? 0) + by;
      if (c === 0) counts.delete(n.text);
      else counts.set(n.text, c);
      this.usedCache.delete(n.kind);
    }
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Every distinct name of a kind used in the workspace, most used first (then alphabetical). */
  usedNames(kind: NameKind): UsedName[] {
    const cached = this.usedCache.get(kind);
    if (cached) return cached;
    const used = [...(this.counts.get(kind) ?? [])].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'zh'));
    this.usedCache.set(kind, used);
    return used;
  }

  /** Every place a name is used, across all files. */
  occurrences(kind: NameKind, text: string): { uri: string; range: Range }[] {
    const out: { uri: string; range: Range }[] = [];
    for (const file of this.files.values()) {
      for (const duty of file.duties) for (const n of duty.names) if (n.kind === kind && n.text === text) out.push({ uri: file.uri, range: n.range });
    }
    return out;
  }

  /** Symbols of every file whose name contains the query (case-insensitive), at most `limit`. */
  findSymbols(query: string, limit = 500): (IndexedSymbol & { uri: string })[] {
    const q = query.toLowerCase();
    const out: (IndexedSymbol & { uri: string })[] = [];
    for (const file of this.files.values()) {
      for (const duty of file.duties) {
        for (const s of duty.symbols) {
          if (!s.name.toLowerCase().includes(q)) continue;
          out.push({ ...s, uri: file.uri });
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }
}
