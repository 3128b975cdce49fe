/**
 * Matching the duties, 事项, objectives and indicators of two versions of a table, so the diff
 * speaks of "indicator X: target 95% → 98%" and not of lines. Nodes are matched by name, in
 * passes from the surest to the loosest: same name under the matched parent, same name anywhere
 * (moved, renumbered), then a similar name (renamed) — character-bigram Dice coefficient — backed
 * by the content (same target or explanation for an indicator, shared indicator names for a
 * block). Deterministic: every tie is broken by document order.
 */
import type { Duty, IndicatorContext, Item, Objective, Table } from '../grammar/src/index';
import { dutyObjectives, indicatorsOf } from '../grammar/src/index';

/** Two names at least this similar (Dice of character bigrams) may be the same node renamed. */
export const RENAME_THRESHOLD = 0.5;
/** Blocks sharing at least this share of their indicator names are the same block renamed. */
export const SHARED_INDICATORS_THRESHOLD = 0.5;
/**
 * Similarity passes compare every unmatched old node with every unmatched new one; beyond this
 * many pairs (a table rewritten from scratch) they are skipped, and the rest is added/removed.
 */
const MAX_SIMILARITY_PAIRS = 250_000;

export type MatchedBy = 'name' | 'similarity';

export interface Pair<T> {
  old: T;
  new: T;
  by: MatchedBy;
  /** Dice similarity of the names (1 when matched by name). */
  similarity: number;
}

export interface Pairing<T> {
  /** In the new table's order. */
  pairs: Pair<T>[];
  /** Old nodes with no counterpart, in the old table's order. */
  removed: T[];
  /** New nodes with no counterpart, in the new table's order. */
  added: T[];
  /** The counterpart of an old node in the new table. */
  newOf(old: T): T | undefined;
}

export interface ObjectiveEntry {
  duty: Duty;
  item?: Item;
  objective: Objective;
}

export interface ItemEntry {
  duty: Duty;
  item: Item;
}

export interface Matching {
  duties: Pairing<Duty>;
  items: Pairing<ItemEntry>;
  objectives: Pairing<ObjectiveEntry>;
  indicators: Pairing<IndicatorContext>;
  /** The counterpart in the new table of an old 事项 or objective. */
  newItemOf(old: Item): Item | undefined;
  newObjectiveOf(old: Objective): Objective | undefined;
}

// ---------------------------------------------------------------------------
// Names and similarity

/** A name as compared: whitespace removed, full-width ASCII folded, letters lower-cased. */
export function normalizeName(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text);
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of the character bigrams of two names (normalized): 1 identical, 0 nothing shared. */
export function similarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let total = 0;
  let shared = 0;
  for (const n of gx.values()) total += n;
  for (const [g, n] of gy) {
    total += n;
    shared += Math.min(n, gx.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

// ---------------------------------------------------------------------------
// The matcher

type Side = 'old' | 'new';

/** Same key → candidates, paired in document order. A null key keeps the node out of the pass. */
interface KeyPass<T> {
  key: (node: T, side: Side) => string | null;
}

/** A score for a candidate pair, null when the two must not be paired in this pass. */
interface ScorePass<T> {
  score: (old: T, added: T) => { score: number; similarity: number } | null;
}

type Pass<T> = KeyPass<T> | ScorePass<T>;

function pairUp<T>(olds: readonly T[], news: readonly T[], passes: readonly Pass<T>[], onPair?: (old: T, added: T) => void): Pairing<T> {
  const newOfOld = new Map<T, Pair<T>>();
  const takenNew = new Set<T>();
  const take = (pair: Pair<T>) => {
    newOfOld.set(pair.old, pair);
    takenNew.add(pair.new);
    onPair?.(pair.old, pair.new);
  };
  for (const pass of passes) {
    const freeOld = olds.filter((o) => !newOfOld.has(o));
    const freeNew = news.filter((n) => !takenNew.has(n));
    if (freeOld.length === 0 || freeNew.length === 0) break;
    if ('key' in pass) {
      const waiting = new Map<string, T[]>();
      for (const n of freeNew) {
        const k = pass.key(n, 'new');
        if (k === null) continue;
        const list = waiting.get(k);
        if (list) list.push(n);
        else waiting.set(k, [n]);
      }
      for (const o of freeOld) {
        const k = pass.key(o, 'old');
        const n = k === null ? undefined : waiting.get(k)?.shift();
        if (n !== undefined) take({ old: o, new: n, by: 'name', similarity: 1 });
      }
    } else {
      if (freeOld.length * freeNew.length > MAX_SIMILARITY_PAIRS) continue;
      const candidates: { o: number; n: number; score: number; similarity: number }[] = [];
      freeOld.forEach((o, oi) =>
        freeNew.forEach((n, ni) => {
          const s = pass.score(o, n);
          if (s) candidates.push({ o: oi, n: ni, ...s });
        }),
      );
      candidates.sort((a, b) => b.score - a.score || a.o - b.o || a.n - b.n);
      const usedOld = new Set<number>();
      const usedNew = new Set<number>();
      for (const c of candidates) {
        if (usedOld.has(c.o) || usedNew.has(c.n)) continue;
        usedOld.add(c.o);
        usedNew.add(c.n);
        take({ old: freeOld[c.o]!, new: freeNew[c.n]!, by: 'similarity', similarity: c.similarity });
      }
    }
  }
  const newIndex = new Map(news.map((n, i) => [n, i]));
  const pairs = [...newOfOld.values()].sort((a, b) => newIndex.get(a.new)! - newIndex.get(b.new)!);
  return {
    pairs,
    removed: olds.filter((o) => !newOfOld.has(o)),
    added: news.filter((n) => !takenNew.has(n)),
    newOf: (old) => newOfOld.get(old)?.new,
  };
}

// ---------------------------------------------------------------------------
// Levels

/** Identity of a node of the new table (and, through the matching, of its old counterpart). */
class Ids {
  private readonly ids = new Map<object, number>();
  of(node: object): number {
    let id = this.ids.get(node);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(node, id);
    }
    return id;
  }
}

function indicatorNames(objectives: Iterable<Objective>): Set<string> {
  const names = new Set<string>();
  for (const o of objectives) for (const i of o.indicators) names.add(normalizeName(i.name.text));
  return names;
}

/** Share of indicator names two blocks have in common (of the larger block); 0 when either is empty. */
function sharedIndicators(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const n of a) if (b.has(n)) shared++;
  return shared / Math.max(a.size, b.size);
}

/** A similar title, or (whatever the title) mostly the same indicators. */
function blockScore(oldTitle: string, newTitle: string, oldNames: Set<string>, newNames: Set<string>): { score: number; similarity: number } | null {
  const s = similarity(oldTitle, newTitle);
  const shared = sharedIndicators(oldNames, newNames);
  if (s < RENAME_THRESHOLD && shared < SHARED_INDICATORS_THRESHOLD) return null;
  return { score: Math.max(s, shared), similarity: s };
}

function memo<K extends object, V>(compute: (k: K) => V): (k: K) => V {
  const cache = new WeakMap<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = compute(k);
      cache.set(k, v);
    }
    return v;
  };
}

function objectiveEntries(table: Table): ObjectiveEntry[] {
  return table.duties.flatMap((duty) => [...dutyObjectives(duty)].map(({ item, objective }) => ({ duty, item, objective })));
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalizeName(a) !== '' && normalizeName(a) === normalizeName(b);
}

export function matchTables(oldTable: Table, newTable: Table): Matching {
  const ids = new Ids();
  const dutyNames = memo((d: Duty) => indicatorNames([...dutyObjectives(d)].map((e) => e.objective)));
  const itemNames = memo((i: Item) => indicatorNames(i.objectives));
  const objectiveNames = memo((o: Objective) => indicatorNames([o]));

  // Duties: the title (so a renumbered duty is the same duty), then a similar title or the same indicators.
  const duties = pairUp<Duty>(oldTable.duties, newTable.duties, [
    { key: (d) => normalizeName(d.title.text) },
    { score: (o, n) => blockScore(o.title.text, n.title.text, dutyNames(o), dutyNames(n)) },
  ]);
  const newDutyId = (d: Duty, side: Side): number | null => {
    const counterpart = side === 'new' ? d : duties.newOf(d);
    return counterpart ? ids.of(counterpart) : null;
  };

  // 事项: under the matched duty, then anywhere (moved), then similar under the matched duty.
  const itemsOf = (t: Table): ItemEntry[] => t.duties.flatMap((duty) => duty.items.map((item) => ({ duty, item })));
  const items = pairUp<ItemEntry>(itemsOf(oldTable), itemsOf(newTable), [
    { key: (e, side) => keyed(newDutyId(e.duty, side), e.item.title.text) },
    { key: (e) => normalizeName(e.item.title.text) },
    {
      score: (o, n) =>
        newDutyId(o.duty, 'old') === ids.of(n.duty) ? blockScore(o.item.title.text, n.item.title.text, itemNames(o.item), itemNames(n.item)) : null,
    },
  ]);
  const itemByNode = new Map<Item, ItemEntry>();
  for (const p of items.pairs) itemByNode.set(p.old.item, p.old);

  /** The new-table identity of an objective's parent: its 事项 when it has one, else its duty. */
  const parentId = (e: ObjectiveEntry, side: Side): number | null => {
    if (!e.item) return newDutyId(e.duty, side);
    if (side === 'new') return ids.of(e.item);
    const entry = itemByNode.get(e.item);
    const counterpart = entry ? items.newOf(entry) : undefined;
    return counterpart ? ids.of(counterpart.item) : null;
  };

  // Objectives: under the matched parent, then anywhere (moved), then similar under the matched
  // parent, then anywhere when they share most indicators (moved and renamed).
  const objectives = pairUp<ObjectiveEntry>(objectiveEntries(oldTable), objectiveEntries(newTable), [
    { key: (e, side) => keyed(parentId(e, side), e.objective.title.text) },
    { key: (e) => normalizeName(e.objective.title.text) },
    {
      score: (o, n) =>
        parentId(o, 'old') === parentId(n, 'new')
          ? blockScore(o.objective.title.text, n.objective.title.text, objectiveNames(o.objective), objectiveNames(n.objective))
          : null,
    },
    {
      score: (o, n) => {
        const shared = sharedIndicators(objectiveNames(o.objective), objectiveNames(n.objective));
        return shared >= SHARED_INDICATORS_THRESHOLD ? { score: shared, similarity: similarity(o.objective.title.text, n.objective.title.text) } : null;
      },
    },
  ]);
  const objectiveByNode = new Map<Objective, ObjectiveEntry>();
  for (const p of objectives.pairs) objectiveByNode.set(p.old.objective, p.old);
  const newObjectiveId = (c: IndicatorContext, side: Side): number | null => {
    if (side === 'new') return ids.of(c.objective);
    const entry = objectiveByNode.get(c.objective);
    const counterpart = entry ? objectives.newOf(entry) : undefined;
    return counterpart ? ids.of(counterpart.objective) : null;
  };

  // Indicators: same name under the matched objective, under the matched duty, anywhere; then a
  // similar name with the same target or explanation (renamed), or — under the matched
  // objective — any name with the same target and explanation.
  const indicators = pairUp<IndicatorContext>([...indicatorsOf(oldTable)], [...indicatorsOf(newTable)], [
    { key: (c, side) => keyed(newObjectiveId(c, side), c.indicator.name.text) },
    { key: (c, side) => keyed(newDutyId(c.duty, side), c.indicator.name.text) },
    { key: (c) => normalizeName(c.indicator.name.text) },
    {
      score: (o, n) => {
        const s = similarity(o.indicator.name.text, n.indicator.name.text);
        const sameTarget = sameText(o.indicator.target?.text, n.indicator.target?.text);
        const sameExplanation = sameText(o.indicator.explanation?.text, n.indicator.explanation?.text);
        const sameObjective = newObjectiveId(o, 'old') === ids.of(n.objective);
        const similar = s >= RENAME_THRESHOLD && (sameTarget || sameExplanation);
        if (!similar && !(sameObjective && sameTarget && sameExplanation)) return null;
        return { score: s + (sameTarget ? 0.1 : 0) + (sameExplanation ? 0.1 : 0) + (sameObjective ? 0.05 : 0), similarity: s };
      },
    },
  ]);

  return {
    duties,
    items,
    objectives,
    indicators,
    newItemOf: (old) => {
      const entry = itemByNode.get(old);
      return entry ? items.newOf(entry)?.item : undefined;
    },
    newObjectiveOf: (old) => {
      const entry = objectiveByNode.get(old);
      return entry ? objectives.newOf(entry)?.objective : undefined;
    },
  };
}

function keyed(parent: number | null, name: string): string | null {
  return parent === null ? null : `${parent}\u0000${normalizeName(name)}`;
}
