/**
 * Walking the table: every indicator with its ancestors, and the inherited
 * fields (活动/预算项目/科室) resolved as docs/language.md §3 says — the nearest
 * level that gives a field wins.
 */
import type { Duty, Field, Indicator, InheritedKey, Item, Objective, Table } from './ast';

export interface IndicatorContext {
  duty: Duty;
  item?: Item;
  objective: Objective;
  indicator: Indicator;
}

/** Every objective of a duty with its 事项 (if any), in written order. */
export function* dutyObjectives(duty: Duty): Generator<{ item?: Item; objective: Objective }> {
  for (const objective of duty.objectives) yield { objective };
  for (const item of duty.items) for (const objective of item.objectives) yield { item, objective };
}

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
