/** Test helpers: compact views of an AST for data-driven assertions. */
import type { Field, Table } from '../../grammar/src/index';
import { dutyObjectives } from '../../grammar/src/index';

const RANGE_KEYS = new Set(['range', 'keywordRange', 'textRange', 'continuationRanges']);

/** The model without positions: what must survive formatting. */
export function withoutRanges(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (RANGE_KEYS.has(k) ? undefined : v)));
}

function fieldLine(f: Field, depth: number): string {
  return `${'  '.repeat(depth)}${f.key}: ${f.text.replace(/\n/g, '⏎')}`;
}

/**
 * The tree as indented `key: text` lines (continuations joined with ⏎),
 * e.g. `duty: #1 组织开展` / `  objective: 目标` / `    indicator: 次数` / `      target: 1次`.
 */
export function outline(table: Table): string {
  const out: string[] = [];
  for (const f of table.fields) out.push(fieldLine(f, 0));
  for (const duty of table.duties) {
    out.push(`duty: ${duty.number ? `#${duty.number.text} ` : ''}${duty.title.text}`);
    for (const f of duty.fields) out.push(fieldLine(f, 1));
    const objectiveLines = (objective: (typeof duty.objectives)[number], depth: number) => {
      out.push(fieldLine(objective.title, depth));
      for (const f of objective.fields) out.push(fieldLine(f, depth + 1));
      for (const indicator of objective.indicators) {
        out.push(fieldLine(indicator.name, depth + 1));
        for (const f of indicator.fields) out.push(fieldLine(f, depth + 2));
      }
    };
    for (const objective of duty.objectives) objectiveLines(objective, 1);
    for (const item of duty.items) {
      out.push(fieldLine(item.title, 1));
      for (const f of item.fields) out.push(fieldLine(f, 2));
      for (const objective of item.objectives) objectiveLines(objective, 2);
    }
  }
  return out.join('\n');
}

/** Number of indicators, for quick checks. */
export function indicatorNames(table: Table): string[] {
  return table.duties.flatMap((d) => [...dutyObjectives(d)].flatMap(({ objective }) => objective.indicators.map((i) => i.name.text)));
}
