/**
 * Rules that look across the whole table: names and duty numbers unique and
 * in order, the categories cover output and outcome. Each is written in one
 * of the table forms of define.ts, so that an edit re-checks only what it can
 * change: the groups of names it touched, the categories of the indicators it
 * replaced, the duty numbers when a duty line changed.
 */
import { parseCategory } from '../../../grammar/src/index';
import { tableRule } from '../define';
import { excerpt, q, qe } from '../phrases';
import { headRange } from '../places';
import type { Duty } from '../../../grammar/src/index';

/** What an indicator with a 类别 no one recognises counts as (the table gives categories all the same). */
const UNRECOGNISED = '?';

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
    groups: {
      key: (indicator) => indicator.name.text || undefined,
      check(members, report, say) {
        const firstLine = members[0]!.name.keywordRange.start.line + 1;
        for (const later of members.slice(1)) report(later.name.textRange, say.duplicateName(later.name.text, firstLine));
      },
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
    duties(duties, report, say) {
      const firstByNumber = new Map<number, Duty>();
      let previous: Duty | undefined;
      for (const duty of duties) {
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
    tally: {
      // An indicator counts as the level 1 of its category; an unrecognised category is its own finding.
      count(indicator, report, say) {
        const field = indicator.category;
        if (!field || field.text === '') return undefined;
        const category = parseCategory(field.text);
        if (!category) {
          report(field.textRange, say.unknownCategory(field.text), { severity: 'warning' });
          return UNRECOGNISED;
        }
        return category.level1;
      },
      check(totals, table, report, say) {
        if (totals.size === 0) return;
        const missing = ['产出', '效益'].filter((l) => !totals.has(l));
        const anchor = table.department ?? table.duties[0]?.title;
        if (missing.length > 0 && anchor) report(headRange(anchor), say.missingCategories(missing));
      },
    },
  }),
];
