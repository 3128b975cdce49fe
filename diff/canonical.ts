/**
 * The canonical view of a table that `git diff` compares when `ttab diff --textconv` is the
 * textconv of `*.ttab` (see scripts/git/): comments and layout dropped, Chinese keywords, the
 * fields of an indicator in the form's column order, and each indicator with its effective
 * 活动 / 预算项目 / 科室 (inheritance resolved). So re-indenting, reordering fields or moving a
 * 科室 line up to the objective shows no change, and reassigning an office shows on every
 * indicator it reaches. Syntax errors are listed first as comments; what parsed follows.
 */
import type { Field, IndicatorContext, InheritedKey, Item, Message, Objective, ParseResult } from '../grammar/src/index';
import { KEYWORD_BY_KEY, KEYWORDS, inherited, INDICATOR_FIELD_KEYS } from '../grammar/src/index';

const INHERITED_KEYS: readonly InheritedKey[] = ['activity', 'project', 'office'];

function fieldLines(out: string[], indent: number, key: Field['key'], text: string, prefix = ''): void {
  const pad = '  '.repeat(indent);
  const [first = '', ...rest] = text.split('\n');
  out.push(`${pad}${KEYWORD_BY_KEY[key].zh}${prefix || first ? ' ' : ''}${prefix}${first}`.trimEnd());
  for (const continued of rest) out.push(`${pad}  + ${continued}`.trimEnd());
}

function indicatorLines(out: string[], c: IndicatorContext, indent: number): void {
  const { indicator } = c;
  fieldLines(out, indent, 'indicator', indicator.name.text);
  if (indicator.number) fieldLines(out, indent + 1, 'number', indicator.number.text);
  for (const key of INDICATOR_FIELD_KEYS) {
    const field = indicator[key as keyof typeof indicator] as Field | undefined;
    if (field && field.text.trim() !== '') fieldLines(out, indent + 1, key, field.text);
  }
  for (const key of INHERITED_KEYS) for (const field of inherited(c, key).fields) fieldLines(out, indent + 1, key, field.text);
}

function say(message: Message): string {
  return `${message.zh} / ${message.en}`;
}

export function canonicalText(parsed: ParseResult): string {
  const out: string[] = [];
  try {
    for (const e of parsed.errors) out.push(`# ${e.code} 第 ${e.range.start.line + 1} 行 / line ${e.range.start.line + 1}: ${say(e.message)}`.replace(/\n/g, ' '));
    const table = parsed.ast;
    if (table.department) fieldLines(out, 0, 'department', table.department.text);
    if (table.year) fieldLines(out, 0, 'year', table.year.text);
    for (const duty of table.duties) {
      out.push('');
      fieldLines(out, 0, 'duty', duty.title.text, duty.number ? `${duty.number.text} ` : '');
      const objectiveLines = (item: Item | undefined, objective: Objective, depth: number) => {
        fieldLines(out, depth, 'objective', objective.title.text);
        if (objective.number) fieldLines(out, depth + 1, 'number', objective.number.text);
        for (const indicator of objective.indicators) indicatorLines(out, { duty, item, objective, indicator }, depth + 1);
      };
      for (const objective of duty.objectives) objectiveLines(undefined, objective, 1);
      for (const item of duty.items) {
        fieldLines(out, 1, 'item', item.title.text);
        if (item.number) fieldLines(out, 2, 'number', item.number.text);
        for (const objective of item.objectives) objectiveLines(item, objective, 2);
      }
    }
  } catch {
    // never fail a `git diff`: what was produced so far is still a view of the table
  }
  return `${out.join('\n')}\n`;
}
