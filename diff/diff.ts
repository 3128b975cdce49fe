/**
 * The semantic diff of two versions of a table: what a reviewer wants to know, per table and per
 * indicator — added, removed, renamed, moved; a target changed, with its delta and where it now
 * stands against its history and standard; reference values and sources changed; office, budget
 * project or activity reassigned (the effective values, after inheritance, so moving a 科室 line
 * up to the objective changes nothing); other text edits. Pure; never throws.
 */
import type {
  Duty,
  IndicatorContext,
  InheritedKey,
  Message,
  ParseResult,
  Quantity,
  Table,
  TextKey,
  Value,
  ValueField,
  ValueKey,
} from '../grammar/src/index';
import { comparable, countIndicators, inheritedTexts, isQuantity, sameAmount, sameQuantity, VALUE_KEYS, INHERITED_KEYS, TEXT_KEYS } from '../grammar/src/index';
import { COMPARISON_ORDER, direction, quantityDelta } from '../service/index';
import { matchTables, normalizeName, type Matching, type ObjectiveEntry, type ItemEntry } from './match';

export type Side = 'old' | 'new';

/** 1-based line numbers of a node's opening line in each version (absent on the side it is missing from). */
export interface Lines {
  old?: number;
  new?: number;
}

/** Where an indicator or block stands: its duty, 事项 and objective (those above it). */
export interface Place {
  dutyNumber: string | null;
  duty: string;
  item: string | null;
  objective: string | null;
}

/** Where the target stands against a reference value. */
export type Relation = 'above' | 'equal' | 'below';

export type ReferenceKey = Exclude<ValueKey, 'target'>;

export type IndicatorChange =
  | { kind: 'renamed'; old: string; new: string; similarity: number }
  | { kind: 'moved'; old: Place; new: Place }
  /** A value field: null when absent or empty. `equivalent`: rewritten with the same meaning (1000份以上 → ≥1000份). */
  | { kind: 'value'; key: ValueKey; old: string | null; new: string | null; equivalent: boolean; delta: Message | null }
  /** The target now stands elsewhere against a reference; `better` by the indicator's direction (null when unknown). */
  | { kind: 'relation'; key: ReferenceKey; old: Relation; new: Relation; better: boolean | null }
  | { kind: 'text'; key: TextKey; old: string | null; new: string | null }
  /** Effective 活动 / 预算项目 / 科室 (after inheritance). */
  | { kind: 'inherited'; key: InheritedKey; old: string[]; new: string[] };

export interface IndicatorDiff {
  status: 'added' | 'removed' | 'changed';
  /** The name in the new version (the old one when removed). */
  name: string;
  place: Place;
  lines: Lines;
  /** The target as written in the new version (the old one when removed). */
  target: string | null;
  /** Empty for added and removed indicators. */
  changes: IndicatorChange[];
}

export type BlockLevel = 'duty' | 'item' | 'objective';

export type BlockChange =
  | { kind: 'renamed'; old: string; new: string }
  | { kind: 'renumbered'; old: string | null; new: string | null }
  | { kind: 'moved'; old: Place; new: Place };

export interface BlockDiff {
  level: BlockLevel;
  status: 'added' | 'removed' | 'changed';
  /** The title in the new version (the old one when removed). */
  title: string;
  /** The duty number (duties only). */
  number: string | null;
  /** What the block stands under (empty duty for a duty). */
  place: Place | null;
  lines: Lines;
  /** Indicators inside, for added and removed blocks. */
  indicators: number;
  changes: BlockChange[];
}

export interface HeaderChange {
  key: 'department' | 'year';
  old: string | null;
  new: string | null;
}

export interface SyntaxProblem {
  side: Side;
  line: number;
  code: string;
  message: Message;
}

export interface TableSummary {
  department: string | null;
  year: string | null;
  indicators: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  /** Matched indicators with at least one change (renamed and moved ones included). */
  changed: number;
  renamed: number;
  moved: number;
  unchanged: number;
}

export interface TableDiff {
  old: TableSummary;
  new: TableSummary;
  header: HeaderChange[];
  blocks: BlockDiff[];
  /** Changed and added indicators in the new table's order, then the removed ones in the old table's order. */
  indicators: IndicatorDiff[];
  summary: DiffSummary;
  /** Syntax errors of either side: the diff covers what could be parsed. */
  errors: SyntaxProblem[];
}

export function hasChanges(diff: TableDiff): boolean {
  return diff.header.length > 0 || diff.blocks.length > 0 || diff.indicators.length > 0;
}

// ---------------------------------------------------------------------------


function line(range: { start: { line: number } }): number {
  return range.start.line + 1;
}

/** A field's text, null when the field is absent or empty. */
function textOf(field: { text: string } | undefined): string | null {
  const t = field?.text.trim();
  return t ? t : null;
}

function sameTextValue(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && normalizeName(a) === normalizeName(b));
}

function placeOf(duty: Duty, item: { title: { text: string } } | undefined, objective: { title: { text: string } } | undefined): Place {
  return { dutyNumber: duty.number?.text ?? null, duty: duty.title.text, item: item?.title.text ?? null, objective: objective?.title.text ?? null };
}

function indicatorPlace(c: IndicatorContext): Place {
  return placeOf(c.duty, c.item, c.objective);
}

function summaryOf(table: Table): TableSummary {
  return { department: textOf(table.department), year: textOf(table.year), indicators: countIndicators(table) };
}

// ---------------------------------------------------------------------------
// Values

function equivalentValues(a: Value, b: Value): boolean {
  if (a.kind === 'quantity' && b.kind === 'quantity') return sameQuantity(a, b);
  if (a.kind === 'composite' && b.kind === 'composite') {
    return (
      a.parts.length === b.parts.length &&
      a.parts.every((p, i) => normalizeName(p.label) === normalizeName(b.parts[i]!.label) && sameQuantity(p.quantity, b.parts[i]!.quantity))
    );
  }
  if (a.kind === 'none' && b.kind === 'none') return true;
  if (a.kind === 'qualitative' && b.kind === 'qualitative') return normalizeName(a.text) === normalizeName(b.text);
  return false;
}


/**
 * How far a value moved: `+3.0 个百分点` / `+3.0 pts` for rates; otherwise in the new value's own
 * unit as written, with the relative change: `+871.96万 (+3.1%)`. Null when not comparable or equal.
 */
export function valueDelta(oldQ: Quantity, newQ: Quantity): Message | null {
  if (!comparable(oldQ, newQ)) return null;
  const diff = newQ.normalized - oldQ.normalized;
  if (Math.abs(diff) <= 1e-9 * Math.max(1, Math.abs(oldQ.normalized), Math.abs(newQ.normalized))) return null;
  return quantityDelta(oldQ, newQ);
}

function valueChange(key: ValueKey, oldField: ValueField | undefined, newField: ValueField | undefined): IndicatorChange | null {
  const oldText = textOf(oldField);
  const newText = textOf(newField);
  if (oldText === newText) return null;
  const equivalent = oldField !== undefined && newField !== undefined && equivalentValues(oldField.value, newField.value);
  const delta = isQuantity(oldField?.value) && isQuantity(newField?.value) && !equivalent ? valueDelta(oldField.value, newField.value) : null;
  return { kind: 'value', key, old: oldText, new: newText, equivalent, delta };
}

function relationOf(c: IndicatorContext, key: ReferenceKey): Relation | null {
  const target = c.indicator.target?.value;
  const reference = c.indicator[key]?.value;
  if (!isQuantity(target) || !isQuantity(reference) || !comparable(target, reference)) return null;
  if (sameAmount(target, reference)) return 'equal';
  return target.normalized > reference.normalized ? 'above' : 'below';
}

const RELATION_RANK: Record<Relation, number> = { below: 0, equal: 1, above: 2 };

function relationChange(o: IndicatorContext, n: IndicatorContext, key: ReferenceKey): IndicatorChange | null {
  const before = relationOf(o, key);
  const after = relationOf(n, key);
  if (before === null || after === null || before === after) return null;
  const target = n.indicator.target!.value as Quantity;
  const dir = direction(n.indicator, target);
  const up = RELATION_RANK[after] > RELATION_RANK[before];
  return { kind: 'relation', key, old: before, new: after, better: dir === null ? null : dir === 'more' ? up : !up };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(normalizeName).sort();
  const y = b.map(normalizeName).sort();
  return x.every((v, i) => v === y[i]);
}

// ---------------------------------------------------------------------------
// Indicators

function indicatorChanges(o: IndicatorContext, n: IndicatorContext, matching: Matching, similarity: number): IndicatorChange[] {
  const changes: IndicatorChange[] = [];
  if (!sameTextValue(o.indicator.name.text, n.indicator.name.text)) {
    changes.push({ kind: 'renamed', old: o.indicator.name.text, new: n.indicator.name.text, similarity: Math.round(similarity * 100) / 100 });
  }
  if (matching.newObjectiveOf(o.objective) !== n.objective) {
    changes.push({ kind: 'moved', old: indicatorPlace(o), new: indicatorPlace(n) });
  }
  const textChange = (key: TextKey) => {
    const before = textOf(o.indicator[key]);
    const after = textOf(n.indicator[key]);
    if (!sameTextValue(before, after)) changes.push({ kind: 'text', key, old: before, new: after });
  };
  textChange('category');
  textChange('explanation');
  for (const key of VALUE_KEYS) {
    const change = valueChange(key, o.indicator[key], n.indicator[key]);
    if (change) changes.push(change);
    if (key === 'target') {
      for (const ref of COMPARISON_ORDER) {
        const relation = relationChange(o, n, ref);
        if (relation) changes.push(relation);
      }
    }
    if (key === 'standard') textChange('standardSource');
  }
  textChange('historySource');
  textChange('remark');
  for (const key of INHERITED_KEYS) {
    const before = inheritedTexts(o, key);
    const after = inheritedTexts(n, key);
    if (!sameList(before, after)) changes.push({ kind: 'inherited', key, old: before, new: after });
  }
  return changes;
}

function lone(status: 'added' | 'removed', c: IndicatorContext): IndicatorDiff {
  return {
    status,
    name: c.indicator.name.text,
    place: indicatorPlace(c),
    lines: status === 'added' ? { new: line(c.indicator.name.range) } : { old: line(c.indicator.name.range) },
    target: textOf(c.indicator.target),
    changes: [],
  };
}

// ---------------------------------------------------------------------------
// Blocks

function countIn(objectives: Iterable<{ indicators: readonly unknown[] }>): number {
  let n = 0;
  for (const o of objectives) n += o.indicators.length;
  return n;
}

function dutyDiffs(matching: Matching): BlockDiff[] {
  const out: BlockDiff[] = [];
  const duty = (d: Duty, status: BlockDiff['status'], lines: Lines, changes: BlockChange[]): BlockDiff => ({
    level: 'duty',
    status,
    title: d.title.text,
    number: d.number?.text ?? null,
    place: null,
    lines,
    indicators: status === 'changed' ? 0 : countIn(d.objectives) + countIn(d.items.flatMap((i) => i.objectives)),
    changes,
  });
  for (const p of matching.duties.pairs) {
    const changes: BlockChange[] = [];
    if ((p.old.number?.text ?? null) !== (p.new.number?.text ?? null)) {
      changes.push({ kind: 'renumbered', old: p.old.number?.text ?? null, new: p.new.number?.text ?? null });
    }
    if (!sameTextValue(p.old.title.text, p.new.title.text)) changes.push({ kind: 'renamed', old: p.old.title.text, new: p.new.title.text });
    if (changes.length) out.push(duty(p.new, 'changed', { old: line(p.old.title.range), new: line(p.new.title.range) }, changes));
  }
  for (const d of matching.duties.added) out.push(duty(d, 'added', { new: line(d.title.range) }, []));
  for (const d of matching.duties.removed) out.push(duty(d, 'removed', { old: line(d.title.range) }, []));
  return out;
}

function itemDiffs(matching: Matching): BlockDiff[] {
  const out: BlockDiff[] = [];
  const item = (e: ItemEntry, status: BlockDiff['status'], lines: Lines, changes: BlockChange[]): BlockDiff => ({
    level: 'item',
    status,
    title: e.item.title.text,
    number: null,
    place: placeOf(e.duty, undefined, undefined),
    lines,
    indicators: status === 'changed' ? 0 : countIn(e.item.objectives),
    changes,
  });
  for (const p of matching.items.pairs) {
    const changes: BlockChange[] = [];
    if (!sameTextValue(p.old.item.title.text, p.new.item.title.text)) changes.push({ kind: 'renamed', old: p.old.item.title.text, new: p.new.item.title.text });
    if (matching.duties.newOf(p.old.duty) !== p.new.duty) {
      changes.push({ kind: 'moved', old: placeOf(p.old.duty, undefined, undefined), new: placeOf(p.new.duty, undefined, undefined) });
    }
    if (changes.length) out.push(item(p.new, 'changed', { old: line(p.old.item.title.range), new: line(p.new.item.title.range) }, changes));
  }
  for (const e of matching.items.added) out.push(item(e, 'added', { new: line(e.item.title.range) }, []));
  for (const e of matching.items.removed) out.push(item(e, 'removed', { old: line(e.item.title.range) }, []));
  return out;
}

function objectiveDiffs(matching: Matching): BlockDiff[] {
  const out: BlockDiff[] = [];
  const objective = (e: ObjectiveEntry, status: BlockDiff['status'], lines: Lines, changes: BlockChange[]): BlockDiff => ({
    level: 'objective',
    status,
    title: e.objective.title.text,
    number: null,
    place: placeOf(e.duty, e.item, undefined),
    lines,
    indicators: status === 'changed' ? 0 : e.objective.indicators.length,
    changes,
  });
  for (const p of matching.objectives.pairs) {
    const changes: BlockChange[] = [];
    if (!sameTextValue(p.old.objective.title.text, p.new.objective.title.text)) {
      changes.push({ kind: 'renamed', old: p.old.objective.title.text, new: p.new.objective.title.text });
    }
    const oldParent = p.old.item ? matching.newItemOf(p.old.item) : matching.duties.newOf(p.old.duty);
    if (oldParent !== (p.new.item ?? p.new.duty)) {
      changes.push({ kind: 'moved', old: placeOf(p.old.duty, p.old.item, undefined), new: placeOf(p.new.duty, p.new.item, undefined) });
    }
    if (changes.length) out.push(objective(p.new, 'changed', { old: line(p.old.objective.title.range), new: line(p.new.objective.title.range) }, changes));
  }
  for (const e of matching.objectives.added) out.push(objective(e, 'added', { new: line(e.objective.title.range) }, []));
  for (const e of matching.objectives.removed) out.push(objective(e, 'removed', { old: line(e.objective.title.range) }, []));
  return out;
}

/** Blocks in reading order: by the line in the new version, removed ones by their old line after them. */
function byLines(a: { lines: Lines }, b: { lines: Lines }): number {
  const side = (x: Lines) => (x.new !== undefined ? 0 : 1);
  return side(a.lines) - side(b.lines) || (a.lines.new ?? a.lines.old ?? 0) - (b.lines.new ?? b.lines.old ?? 0);
}

// ---------------------------------------------------------------------------

function headerChanges(oldTable: Table, newTable: Table): HeaderChange[] {
  const out: HeaderChange[] = [];
  for (const key of ['department', 'year'] as const) {
    const before = textOf(oldTable[key]);
    const after = textOf(newTable[key]);
    if (!sameTextValue(before, after)) out.push({ key, old: before, new: after });
  }
  return out;
}

function syntaxProblems(side: Side, parsed: ParseResult): SyntaxProblem[] {
  return parsed.errors.map((e) => ({ side, line: line(e.range), code: e.code, message: e.message }));
}

function emptyDiff(oldParsed: ParseResult, newParsed: ParseResult): TableDiff {
  return {
    old: { department: null, year: null, indicators: 0 },
    new: { department: null, year: null, indicators: 0 },
    header: [],
    blocks: [],
    indicators: [],
    summary: { added: 0, removed: 0, changed: 0, renamed: 0, moved: 0, unchanged: 0 },
    errors: [...syntaxProblems('old', oldParsed), ...syntaxProblems('new', newParsed)],
  };
}

/** The semantic diff of an old and a new version of a table (each parsed, possibly with syntax errors). */
export function diffTables(oldParsed: ParseResult, newParsed: ParseResult): TableDiff {
  try {
    return diffUnsafe(oldParsed, newParsed);
  } catch {
    return emptyDiff(oldParsed, newParsed);
  }
}

function diffUnsafe(oldParsed: ParseResult, newParsed: ParseResult): TableDiff {
  const oldTable = oldParsed.ast;
  const newTable = newParsed.ast;
  const matching = matchTables(oldTable, newTable);
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, renamed: 0, moved: 0, unchanged: 0 };
  const changed: IndicatorDiff[] = [];
  for (const p of matching.indicators.pairs) {
    const changes = indicatorChanges(p.old, p.new, matching, p.similarity);
    if (changes.length === 0) {
      summary.unchanged++;
      continue;
    }
    summary.changed++;
    if (changes.some((c) => c.kind === 'renamed')) summary.renamed++;
    if (changes.some((c) => c.kind === 'moved')) summary.moved++;
    changed.push({
      status: 'changed',
      name: p.new.indicator.name.text,
      place: indicatorPlace(p.new),
      lines: { old: line(p.old.indicator.name.range), new: line(p.new.indicator.name.range) },
      target: textOf(p.new.indicator.target),
      changes,
    });
  }
  const added = matching.indicators.added.map((c) => lone('added', c));
  const removed = matching.indicators.removed.map((c) => lone('removed', c));
  summary.added = added.length;
  summary.removed = removed.length;
  return {
    old: summaryOf(oldTable),
    new: summaryOf(newTable),
    header: headerChanges(oldTable, newTable),
    blocks: [...dutyDiffs(matching), ...itemDiffs(matching), ...objectiveDiffs(matching)].sort(byLines),
    indicators: [...changed, ...added].sort(byLines).concat(removed),
    summary,
    errors: [...syntaxProblems('old', oldParsed), ...syntaxProblems('new', newParsed)],
  };
}

