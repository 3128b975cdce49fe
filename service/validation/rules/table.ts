/**
 * Rules that look across the whole table: names and duty numbers unique and
 * in order, the categories cover output and outcome. Each is written in one
 * of the table forms of define.ts, so that an edit re-checks only what it can
 * change: the groups of names it touched, the categories of the indicators it
 * replaced, the duty numbers when a duty line changed.
 */
import type { Duty, Indicator, IndicatorContext, Table } from '../../../grammar/src/index';
import { dutyObjectives, inherited, parseCategory } from '../../../grammar/src/index';
import { tableRule } from '../define';
import { insertData, insertFieldFix, moveInsertData } from '../fix';
import { excerpt, q, qe } from '../phrases';
import { headRange, lastLineOf, textOrKeyword } from '../places';

/** The years a table plausibly is for. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** Every indicator of the table in written order, without allocating per indicator (the `whole` checks run on every validation). */
export function forEachIndicator(table: Table, visit: (indicator: Indicator) => void): void {
  for (const duty of table.duties) {
    for (const objective of duty.objectives) for (const indicator of objective.indicators) visit(indicator);
    for (const item of duty.items) for (const objective of item.objectives) for (const indicator of objective.indicators) visit(indicator);
  }
}

/** What TT131 keeps per objective and per duty: whether any of its indicators names an office, and those that do not. */
/**
 * Whether some indicator has an office, and those that have none: an objective's in `missing`,
 * the parts' kept as they are (combining does not copy them: an edit combines a duty's hundreds
 * of runs again, and a table naming no office has thousands missing).
 */
interface OfficeSummary {
  anyOffice: boolean;
  /** Whether `missing` or a part's holds any: the check passes over the parts with none (most, in a table that names offices). */
  anyMissing: boolean;
  missing: readonly Indicator[];
  parts?: readonly OfficeSummary[];
}

function forEachMissing(summary: OfficeSummary, visit: (indicator: Indicator) => void): void {
  if (!summary.anyMissing) return;
  for (const indicator of summary.missing) visit(indicator);
  if (summary.parts) for (const part of summary.parts) forEachMissing(part, visit);
}

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
      duplicateName: (name: string) => ({
        zh: `指标名称${q(excerpt(name))}重复`,
        en: `Indicator name ${qe(excerpt(name))} is used twice`,
      }),
      firstUse: () => ({ zh: '同名指标首次出现', en: 'first indicator of this name' }),
    },
    groups: {
      key: (indicator) => indicator.name.text || undefined,
      check(members, report, say) {
        // One message and one related place for the group: its members share the name.
        const message = say.duplicateName(members[0]!.name.text);
        const related = [{ range: members[0]!.name.textRange, message: say.firstUse() }];
        for (const later of members.slice(1)) report(later.name.textRange, message, { related });
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
      duplicateDutyNumber: (number: string) => ({
        zh: `职责序号 ${number} 重复`,
        en: `Duty number ${number} is used twice`,
      }),
      firstUse: () => ({ zh: '该序号首次使用', en: 'first use of this number' }),
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
        if (first) report(n.range, say.duplicateDutyNumber(n.text), { related: [{ range: first.number!.range, message: say.firstUse() }] });
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
      zh: '填写了指标类别的表，应同时包含产出指标和效益指标；类别须为 产出/数量、成本/经济成本（财预〔2021〕101号把成本列为一级指标，产出/成本 也可）、效益/社会、满意度 等形式。缺少类别为提示，无法识别的类别为警告。',
      en: 'A table that gives categories should have both output (产出) and outcome (效益) indicators; a category reads like 产出/数量, 成本/经济成本 (财预〔2021〕101号 makes cost a first level; 产出/成本 is read too), 效益/社会 or 满意度. A missing category is a hint, an unrecognised one a warning.',
    },
    messages: {
      missingCategories: (missing: readonly string[]) => ({
        zh: `本表填写了指标类别，但没有${missing.map((m) => `${m}指标`).join('和')}`,
        en: `The table gives categories but has no ${missing.map((m) => (m === '产出' ? 'output (产出)' : 'outcome (效益)')).join(' and no ')} indicator`,
      }),
      unknownCategory: (text: string) => ({
        zh: `无法识别的指标类别${q(excerpt(text))}：应为 产出/数量、产出/质量、产出/时效、产出/成本、成本/经济成本、成本/社会成本、成本/生态环境成本、效益/经济、效益/社会、效益/生态、效益/可持续影响 或 满意度`,
        en: `Unrecognised category ${qe(excerpt(text))}: use 产出/数量, 产出/质量, 产出/时效, 产出/成本, 成本/经济成本, 成本/社会成本, 成本/生态环境成本, 效益/经济, 效益/社会, 效益/生态, 效益/可持续影响 or 满意度`,
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
  tableRule({
    code: 'TT129',
    scope: 'table',
    defaultSeverity: 'warning',
    title: { zh: '年度不合理', en: 'Implausible year' },
    explanation: {
      zh: '年度是报表标题的一部分（「（2022年度）」）。2000 年以前或 2099 年以后的年度多半是笔误（如把 2022 写成 2202）。请核对年度。',
      en: 'The year is part of the form’s title (（2022年度）). A year before 2000 or after 2099 is most likely a slip (2202 for 2022). Check the year.',
    },
    messages: {
      implausible: (year: string) => ({
        zh: `年度 ${year} 不在 ${FIRST_YEAR}–${LAST_YEAR} 之间，可能写错了：请核对（如 2022）`,
        en: `The year ${year} is not within ${FIRST_YEAR}–${LAST_YEAR}, most likely a slip: check it (e.g. 2022)`,
      }),
    },
    whole(table, report, say) {
      const year = table.year;
      // Only a four-digit year: anything else is TT011, a syntax error.
      if (!year || !/^\d{4}$/.test(year.text)) return;
      const n = Number(year.text);
      if (n < FIRST_YEAR || n > LAST_YEAR) report(year.textRange, say.implausible(year.text));
    },
  }),

  tableRule({
    code: 'TT131',
    scope: 'table',
    defaultSeverity: 'warning',
    title: { zh: '指标没有对应科室', en: 'Indicator without an office' },
    explanation: {
      zh: '表中给出了对应科室，但这个指标在自身、目标、事项和职责上都没有「科室」，报表中它的对应科室一格为空，不知由谁负责。请在指标或其上级写明科室。整张表都不写科室时不报告此项。',
      en: 'The table names responsible offices, but this indicator has no 科室 on itself, its objective, its 事项 or its duty, so its office cell in the form is empty and nobody is responsible. Write the office on the indicator or a level above. Not reported for a table that names no office at all.',
    },
    messages: {
      noOffice: (name: string) => ({
        zh: `指标${q(excerpt(name))}没有对应科室（本身和上级都没有「科室」）：请写明负责的科室`,
        en: `Indicator ${qe(excerpt(name))} has no office (no 科室 on it or above it): name the responsible office`,
      }),
    },
    summary: {
      ofObjective(at): OfficeSummary {
        let anyOffice = false;
        const missing: Indicator[] = [];
        // One context for all the objective's indicators (this runs on every keystroke, for the objective edited).
        const ctx: IndicatorContext = { ...at, indicator: at.objective.indicators[0]! };
        for (const indicator of at.objective.indicators) {
          ctx.indicator = indicator;
          if (inherited(ctx, 'office').fields.some((f) => f.text !== '')) anyOffice = true;
          else missing.push(indicator);
        }
        return { anyOffice, anyMissing: missing.length > 0, missing };
      },
      combine: (parts: readonly OfficeSummary[]): OfficeSummary => ({ anyOffice: parts.some((p) => p.anyOffice), anyMissing: parts.some((p) => p.anyMissing), missing: [], parts }),
      perDuty: {
        when: (whole: OfficeSummary) => whole.anyOffice,
        check(duty: OfficeSummary, report, say) {
          forEachMissing(duty, (indicator) => {
            const last = Math.max(indicator.name.range.end.line, lastLineOf(indicator.fields));
            report(textOrKeyword(indicator.name), say.noOffice(indicator.name.text), { data: insertData(indicator, last, 'office') });
          });
        },
      },
    },
    fixes: insertFieldFix,
    moveData: moveInsertData,
  }),

  tableRule({
    code: 'TT132',
    scope: 'table',
    defaultSeverity: 'info',
    title: { zh: '没有满意度指标', en: 'No satisfaction indicator' },
    explanation: {
      zh: '填写了指标类别的表，按财预〔2021〕101号应有满意度指标（服务对象满意度），以反映服务对象的评价。没有服务对象的部门可在 .ttab/rules.json 中把 TT132 设为 off。',
      en: 'A table that gives categories should, under 财预〔2021〕101号, have a satisfaction indicator (服务对象满意度) for what the people served think. A department that serves nobody directly sets TT132 to off in .ttab/rules.json.',
    },
    messages: {
      noSatisfaction: () => ({
        zh: '本表填写了指标类别，但没有满意度指标：请补充服务对象满意度指标（类别 满意度）',
        en: 'The table gives categories but has no satisfaction indicator: add one for the people served (category 满意度)',
      }),
    },
    tally: {
      // An indicator counts as the level 1 of its category (an unrecognised one as given all the same: TT120 reports it).
      count(indicator) {
        const field = indicator.category;
        if (!field || field.text === '') return undefined;
        return parseCategory(field.text)?.level1 ?? UNRECOGNISED;
      },
      check(totals, table, report, say) {
        const anchor = table.department ?? table.duties[0]?.title;
        if (totals.size > 0 && !totals.has('满意度') && anchor) report(headRange(anchor), say.noSatisfaction());
      },
    },
  }),
];
