/**
 * Rules that look across the whole table: names and duty numbers unique and
 * in order, the categories cover output and outcome. They run on every edit
 * (scope `table`), so each walks the tree once with plain loops and keeps
 * what it may reuse per AST object in the memo.
 */
import type { Category, Duty, Field, Indicator, Table } from '../../../grammar/src/index';
import { parseCategory } from '../../../grammar/src/index';
import { tableRule } from '../define';
import { excerpt, q, qe } from '../phrases';
import { headRange } from '../places';

/** Every indicator of the table in written order (plain loops: this runs on every edit). */
export function forEachIndicator(table: Table, visit: (indicator: Indicator) => void): void {
  for (const duty of table.duties) {
    for (const objective of duty.objectives) for (const indicator of objective.indicators) visit(indicator);
    for (const item of duty.items) for (const objective of item.objectives) for (const indicator of objective.indicators) visit(indicator);
  }
}

export const TABLE = [
  tableRule({
    code: 'TT117',
    scope: 'table',
    defaultSeverity: 'warning',
    title: { zh: '指标名称重复', en: 'Duplicate indicator name' },
    explanation: {
      zh: '同一张表中两个指标同名，汇总和考核时无法区分。请改名以示区别，或合并为一个指标。',
      en: 'Two indicators of one table share a name, so summaries and assessment cannot tell them apart. Rename one, or merge them.',
    },
    messages: {
      duplicateName: (name: string, firstLine: number) => ({
        zh: `指标名称${q(excerpt(name))}重复（第 ${firstLine} 行已有同名指标）`,
        en: `Indicator name ${qe(excerpt(name))} is used twice (already on line ${firstLine})`,
      }),
    },
    // The message names the first indicator's line: kept per name field while that line stays.
    check(table, report, say, memo) {
      const messages = memo?.memo<Field, { firstLine: number; message: ReturnType<typeof say.duplicateName> }>('TT117');
      const firstByName = new Map<string, Indicator>();
      forEachIndicator(table, (indicator) => {
        const name = indicator.name.text;
        if (name === '') return;
        const first = firstByName.get(name);
        if (!first) {
          firstByName.set(name, indicator);
          return;
        }
        const firstLine = first.name.keywordRange.start.line + 1;
        let cached = messages?.get(indicator.name);
        if (!cached || cached.firstLine !== firstLine) {
          cached = { firstLine, message: say.duplicateName(name, firstLine) };
          messages?.set(indicator.name, cached);
        }
        report(indicator.name.textRange, cached.message);
      });
    },
  }),

  tableRule({
    code: 'TT118',
    scope: 'table',
    defaultSeverity: 'warning',
    title: { zh: '职责序号重复或顺序不对', en: 'Duplicate or out-of-order duty number' },
    explanation: {
      zh: '职责序号应唯一并按顺序递增，与报表中的职责序号列一致。请调整序号。',
      en: 'Duty numbers are unique and increase in order, as in the form’s 职责序号 column. Renumber the duties.',
    },
    messages: {
      duplicateDutyNumber: (number: string, firstLine: number) => ({
        zh: `职责序号 ${number} 重复（第 ${firstLine} 行已使用）`,
        en: `Duty number ${number} is used twice (already on line ${firstLine})`,
      }),
      dutyNumberOutOfOrder: (number: string, previous: string) => ({
        zh: `职责序号 ${number} 排在 ${previous} 之后，顺序不对`,
        en: `Duty number ${number} comes after ${previous}: out of order`,
      }),
    },
    check(table, report, say) {
      const firstByNumber = new Map<number, Duty>();
      let previous: Duty | undefined;
      for (const duty of table.duties) {
        const n = duty.number;
        if (!n) continue;
        const first = firstByNumber.get(n.value);
        if (first) report(n.range, say.duplicateDutyNumber(n.text, first.title.keywordRange.start.line + 1));
        else {
          firstByNumber.set(n.value, duty);
          if (previous && n.value < previous.number!.value) report(n.range, say.dutyNumberOutOfOrder(n.text, previous.number!.text));
        }
        previous = duty;
      }
    },
  }),

  tableRule({
    code: 'TT120',
    scope: 'table',
    defaultSeverity: 'info',
    title: { zh: '指标类别不全或无法识别', en: 'Categories incomplete or unrecognised' },
    explanation: {
      zh: '填写了指标类别的表，应同时包含产出指标和效益指标（有服务对象时还应有满意度指标）；类别须为 产出/数量、效益/社会、满意度 等形式。缺少类别为提示，无法识别的类别为警告。',
      en: 'A table that gives categories should have both output (产出) and outcome (效益) indicators, and satisfaction (满意度) where it serves people; a category reads like 产出/数量, 效益/社会 or 满意度. A missing category is a hint, an unrecognised one a warning.',
    },
    messages: {
      missingCategories: (missing: readonly string[]) => ({
        zh: `本表填写了指标类别，但没有${missing.map((m) => `${m}指标`).join('和')}`,
        en: `The table gives categories but has no ${missing.map((m) => (m === '产出' ? 'output (产出)' : 'outcome (效益)')).join(' and no ')} indicator`,
      }),
      unknownCategory: (text: string) => ({
        zh: `无法识别的指标类别${q(excerpt(text))}：应为 产出/数量、产出/质量、产出/时效、产出/成本、效益/经济、效益/社会、效益/生态、效益/可持续影响 或 满意度`,
        en: `Unrecognised category ${qe(excerpt(text))}: use 产出/数量, 产出/质量, 产出/时效, 产出/成本, 效益/经济, 效益/社会, 效益/生态, 效益/可持续影响 or 满意度`,
      }),
    },
    check(table, report, say, memo) {
      const parsed = memo?.memo<Field, Category | null>('TT120');
      let anyCategory = false;
      const level1 = new Set<string>();
      forEachIndicator(table, (indicator) => {
        const field = indicator.category;
        if (!field || field.text === '') return;
        anyCategory = true;
        let category = parsed?.get(field);
        if (category === undefined) {
          category = parseCategory(field.text) ?? null;
          parsed?.set(field, category);
        }
        if (category) level1.add(category.level1);
        else report(field.textRange, say.unknownCategory(field.text), { severity: 'warning' });
      });
      const missing = anyCategory ? ['产出', '效益'].filter((l) => !level1.has(l)) : [];
      const anchor = table.department ?? table.duties[0]?.title;
      if (missing.length > 0 && anchor) report(headRange(anchor), say.missingCategories(missing));
    },
  }),
];
