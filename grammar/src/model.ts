/**
 * Walking the table: every indicator with its ancestors, and the inherited
 * fields (活动/预算项目/科室) resolved as docs/language.md §3 says — the nearest
 * level that gives a field wins.
 */
import type { Duty, Field, Indicator, InheritedKey, Item, Objective, Table } from './ast';
import { INHERITED_KEYS } from './keywords';

export interface IndicatorContext {
  duty: Duty;
  item?: Item;
  objective: Objective;
  indicator: Indicator;
}

/**
 * Every objective of a duty with its 事项 (if any), in written order. Made once per duty object (a
 * block never changes; an edit copies it), since rules, validation and the index each walk the
 * objectives of the duty an edit changed, and a duty may hold thousands.
 */
export function dutyObjectives(duty: Duty): readonly { item?: Item; objective: Objective }[] {
  let list = objectivesOfDuty.get(duty);
  if (!list) {
    const made: { item?: Item; objective: Objective }[] = [];
    forEachObjective(duty, (objective, item) => made.push(item ? { item, objective } : { objective }));
    objectivesOfDuty.set(duty, (list = made));
  }
  return list;
}

/** The same walk, making nothing: for what runs on every keystroke in a duty of a thousand objectives. */
export function forEachObjective(duty: Duty, visit: (objective: Objective, item: Item | undefined) => void): void {
  for (let i = 0; i < duty.objectives.length; i++) visit(duty.objectives[i]!, undefined);
  for (let k = 0; k < duty.items.length; k++) {
    const item = duty.items[k]!;
    for (let i = 0; i < item.objectives.length; i++) visit(item.objectives[i]!, item);
  }
}

const objectivesOfDuty = new WeakMap<Duty, { item?: Item; objective: Objective }[]>();

/** Every indicator of the table with its duty, 事项 and objective, in written order. */
export function* indicatorsOf(table: Table): Generator<IndicatorContext> {
  for (const duty of table.duties) {
    for (const { item, objective } of dutyObjectives(duty)) {
      for (const indicator of objective.indicators) yield { duty, item, objective, indicator };
    }
  }
}

/** A duty as people name it: its number and its text (`3 招引人才`). */
export function dutyName(duty: Duty): string {
  return [duty.number?.text ?? '', duty.title.text].filter((part) => part !== '').join(' ');
}

/** The indicator's target is a number (or numbers): what the share of quantified targets counts. */
export function hasQuantifiedTarget(indicator: Indicator): boolean {
  const kind = indicator.target?.value.kind;
  return kind === 'quantity' || kind === 'composite';
}

/**
 * The indicators of a table and those with a quantified target, in one pass without allocating
 * (the server counts them after every validation, for the status bar).
 */
export function countTargets(table: Table): { indicators: number; quantified: number } {
  let indicators = 0;
  let quantified = 0;
  const count = (objectives: readonly Objective[]) => {
    for (const objective of objectives) {
      for (const indicator of objective.indicators) {
        indicators++;
        if (hasQuantifiedTarget(indicator)) quantified++;
      }
    }
  };
  for (const duty of table.duties) {
    count(duty.objectives);
    for (const item of duty.items) count(item.objectives);
  }
  return { indicators, quantified };
}

/**
 * The 职责序号 of an indicator's row (of a level's row, without `indicator`): its own 序号, else its
 * objective's, its 事项's, else the duty's number — with the node that gives it (the form merges
 * the number cell over that node's rows).
 */
export function rowNumber(ctx: { duty: Duty; item?: Item; objective?: Objective; indicator?: Indicator }): { text: string; from: Duty | Item | Objective | Indicator } | undefined {
  for (const level of [ctx.indicator, ctx.objective, ctx.item]) if (level?.number && level.number.text !== '') return { text: level.number.text, from: level };
  return ctx.duty.number ? { text: ctx.duty.number.text, from: ctx.duty } : undefined;
}

export function countIndicators(table: Table): number {
  let n = 0;
  for (const _ of indicatorsOf(table)) n++;
  return n;
}

/**
 * What an objective's indicators may inherit from above it: the 事项's and the duty's fields of
 * each inherited key. A result kept per objective object holds while these are the same arrays (an
 * edit below the duty line copies the duty and keeps its fields; see incremental.ts).
 */
export function inheritedContext(duty: Duty, item: Item | undefined): readonly (readonly Field[])[] {
  const out: (readonly Field[])[] = [];
  for (const key of INHERITED_KEYS) out.push(item ? item[key] : NO_FIELDS, duty[key]);
  return out;
}

export function sameInheritedContext(a: readonly (readonly Field[])[], b: readonly (readonly Field[])[]): boolean {
  return a.length === b.length && a.every((fields, i) => fields === b[i]);
}

const NO_FIELDS: readonly Field[] = [];

/** The fields an indicator inherits for one key, and the level they come from. */
export function inherited(ctx: IndicatorContext, key: InheritedKey): { fields: Field[]; from: 'indicator' | 'objective' | 'item' | 'duty' | null } {
  if (ctx.indicator[key].length) return { fields: ctx.indicator[key], from: 'indicator' };
  if (ctx.objective[key].length) return { fields: ctx.objective[key], from: 'objective' };
  if (ctx.item && ctx.item[key].length) return { fields: ctx.item[key], from: 'item' };
  if (ctx.duty[key].length) return { fields: ctx.duty[key], from: 'duty' };
  return { fields: [], from: null };
}

/** The texts of an inherited key for an indicator. */
export function inheritedTexts(ctx: IndicatorContext, key: InheritedKey): string[] {
  return inherited(ctx, key).fields.map((f) => f.text);
}
