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

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  /** Bumped on every change, so callers can cache derived data. */
  generation = 0;
  private usedCache = new Map<NameKind, { generation: number; used: UsedName[] }>();

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

  /** Every distinct name of a kind used in the workspace, most used first (then alphabetical). */
  usedNames(kind: NameKind): UsedName[] {
    const cached = this.usedCache.get(kind);
    if (cached && cached.generation === this.generation) return cached.used;
    const counts = new Map<string, number>();
    for (const entry of this.files.values()) {
      for (const n of entry.names) if (n.kind === kind) counts.set(n.text, (counts.get(n.text) ?? 0) + 1);
    }
    const used = [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'zh'));
    this.usedCache.set(kind, { generation: this.generation, used });
    return used;
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
